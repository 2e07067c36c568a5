/**
 * Runs a suite against both storage backends: SQLite (in memory) and PostgreSQL (a throwaway
 * server from test/helpers/postgres.ts, one fresh database per store).
 */
import { after, afterEach, before, describe } from 'node:test';
import { openBgwStore, type BgwStore } from '../../../src/bgw/store/index.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres.js';

/** Opens a fresh, empty store on the current backend (closed after each test). */
export type OpenStore = () => Promise<BgwStore>;

/**
 * Declares `suite` once per backend.
 * @param suite receives `open` and the backend name
 */
export function forEachBackend(title: string, suite: (open: OpenStore, backend: 'sqlite' | 'postgres') => void): void {
  for (const backend of ['sqlite', 'postgres'] as const) {
    describe(`${title} [${backend}]`, () => {
      let server: PostgresServer | undefined;
      let n = 0;
      const opened: BgwStore[] = [];
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
      const open: OpenStore = async () => {
        const url = backend === 'sqlite' ? 'sqlite::memory:' : await server!.createDatabase(`bgw_test_${process.pid}_${n++}`);
        const store = await openBgwStore(url);
        opened.push(store);
        return store;
      };
      suite(open, backend);
    });
  }
}
