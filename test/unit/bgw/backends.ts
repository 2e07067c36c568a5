/**
 * Runs a suite against both storage backends: SQLite (in memory) and PostgreSQL (a throwaway
 * server from test/helpers/postgres.ts, one fresh database per store).
 */
import { after, afterEach, before, describe } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBgwStore, type BgwStore } from '../../../src/bgw/store/index.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres.js';

/**
 * Opens a store on the current backend (closed after each test): on `url` when given, else on a
 * fresh, empty database (SQLite in memory).
 */
export type OpenStore = (url?: string) => Promise<BgwStore>;

/** A fresh database URL on the current backend that survives closing (SQLite: a temp file). */
export type NewUrl = () => Promise<string>;

/**
 * Declares `suite` once per backend.
 * @param suite receives `open` and the backend name
 */
export function forEachBackend(title: string, suite: (open: OpenStore, newUrl: NewUrl, backend: 'sqlite' | 'postgres') => void): void {
  for (const backend of ['sqlite', 'postgres'] as const) {
    describe(`${title} [${backend}]`, () => {
      let server: PostgresServer | undefined;
      let n = 0;
      const opened: BgwStore[] = [];
      let dir: string | undefined;
      if (backend === 'postgres') {
        before(async () => {
          server = await startPostgres();
        });
        after(async () => {
          await server?.stop();
        });
      }
      afterEach(async () => {
        await Promise.all(opened.splice(0).map((s) => s.close()));
      });
      after(() => {
        if (dir) rmSync(dir, { recursive: true, force: true });
      });
      const newUrl: NewUrl = async () => {
        if (backend === 'postgres') return server!.createDatabase(`bgw_test_${process.pid}_${n++}`);
        dir ??= mkdtempSync(join(tmpdir(), 'bambu-bgw-store-'));
        return `sqlite:${join(dir, `bgw-${n++}.db`)}`;
      };
      const open: OpenStore = async (url) => {
        const store = await openBgwStore(url ?? (backend === 'sqlite' ? 'sqlite::memory:' : await newUrl()));
        opened.push(store);
        return store;
      };
      suite(open, newUrl, backend);
    });
  }
}
