/**
 * Storage plumbing shared by the border gateway and the compute-side service: a kysely instance on
 * SQLite (default, embedded, zero set-up) or PostgreSQL (`postgres://` / `postgresql://` URL), plus
 * versioned migrations run at start-up. Each subsystem keeps its own migration table so that they
 * can share one database without stepping on each other.
 */
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import Database from 'better-sqlite3';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { BambuError } from './errors.js';
import type { Logger } from './log.js';

/** Which engine a database URL selects. */
export type DbEngine = 'sqlite' | 'postgres';

/**
 * Classifies a database URL.
 * @param url "sqlite:PATH", "sqlite::memory:", a bare file path, or "postgres(ql)://…"
 * @returns the engine and, for SQLite, the file path (":memory:" allowed)
 */
export function parseDatabaseUrl(url: string): { engine: DbEngine; path?: string } {
  if (/^postgres(ql)?:\/\//.test(url)) return { engine: 'postgres' };
  if (url.startsWith('sqlite://')) return { engine: 'sqlite', path: url.slice('sqlite://'.length) };
  if (url.startsWith('sqlite:')) return { engine: 'sqlite', path: url.slice('sqlite:'.length) };
  if (/^[a-z]+:\/\//i.test(url)) {
    throw new BambuError('INVALID_ARGUMENT', `database_url: unsupported scheme in ${url} (use sqlite:PATH or postgres://…)`, 'database_url');
  }
  return { engine: 'sqlite', path: url };
}

/**
 * Opens a database and runs `migrations` (name → migration, applied in name order) recorded in
 * `migrationTable`.
 * @param log where connection errors of idle PostgreSQL clients go (e.g. a server restart); such an
 *            error never crashes the process — the pool drops the client and reconnects on demand.
 * @throws BambuError UNAVAILABLE when the database cannot be reached or a migration fails.
 */
export async function openDatabase<DB>(
  url: string,
  migrations: Record<string, Migration>,
  migrationTable: string,
  log?: Logger,
): Promise<{ db: Kysely<DB>; engine: DbEngine }> {
  const { engine, path } = parseDatabaseUrl(url);
  let db: Kysely<DB>;
  if (engine === 'sqlite') {
    const file = path ?? ':memory:';
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  } else {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // Without a listener an idle client's error is an unhandled 'error' event and kills the process.
    pool.on('error', (err) => log?.warn({ err: err.message }, 'postgres: idle connection lost'));
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: migrationTable,
    migrationLockTableName: `${migrationTable}_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy().catch(() => undefined);
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new BambuError('UNAVAILABLE', `database ${engine}: migration ${failed ?? '?'} failed: ${(error as Error).message ?? error}`);
  }
  return { db, engine };
}
