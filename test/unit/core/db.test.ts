/** src/lib/db.ts: database URL parsing and versioned migrations on SQLite. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Migration } from 'kysely';
import { openDatabase, parseDatabaseUrl } from '../../../src/lib/db.js';
import { BambuError } from '../../../src/lib/errors.js';

test('parseDatabaseUrl classifies SQLite paths and PostgreSQL URLs', () => {
  assert.deepEqual(parseDatabaseUrl('sqlite:/var/lib/x.db'), { engine: 'sqlite', path: '/var/lib/x.db' });
  assert.deepEqual(parseDatabaseUrl('sqlite::memory:'), { engine: 'sqlite', path: ':memory:' });
  assert.deepEqual(parseDatabaseUrl('./rel.db'), { engine: 'sqlite', path: './rel.db' });
  assert.deepEqual(parseDatabaseUrl('postgres://u:p@127.0.0.1:5432/db'), { engine: 'postgres' });
  assert.deepEqual(parseDatabaseUrl('postgresql://127.0.0.1/db'), { engine: 'postgres' });
  assert.throws(() => parseDatabaseUrl('mysql://x'), (e: unknown) => e instanceof BambuError && e.field === 'database_url');
});

test('openDatabase runs migrations once, in name order, per migration table', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bambu-db-'));
  const order: string[] = [];
  const migrations: Record<string, Migration> = {
    '002_add_col': { up: async (db) => { order.push('002'); await db.schema.alterTable('t').addColumn('b', 'text').execute(); } },
    '001_create': { up: async (db) => { order.push('001'); await db.schema.createTable('t').addColumn('a', 'integer').execute(); } },
  };
  try {
    const url = `sqlite:${join(dir, 'sub', 'x.db')}`;
    const first = await openDatabase<{ t: { a: number; b: string } }>(url, migrations, 'test_migrations');
    await first.db.insertInto('t').values({ a: 1, b: 'x' }).execute();
    await first.db.destroy();
    const second = await openDatabase<{ t: { a: number; b: string } }>(url, migrations, 'test_migrations');
    const rows = await second.db.selectFrom('t').selectAll().execute();
    const applied = await sql<{ name: string }>`select name from test_migrations order by name`.execute(second.db);
    await second.db.destroy();
    assert.deepEqual(order, ['001', '002'], 'each migration ran exactly once, in order');
    assert.deepEqual(rows, [{ a: 1, b: 'x' }]);
    assert.deepEqual(applied.rows.map((r) => r.name), ['001_create', '002_add_col']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failing migration is reported as UNAVAILABLE naming it', async () => {
  const bad: Record<string, Migration> = { '001_bad': { up: async (db) => { await sql`create tabel nope`.execute(db); } } };
  await assert.rejects(openDatabase('sqlite::memory:', bad, 'm'), (e: unknown) => e instanceof BambuError && e.code === 'UNAVAILABLE' && /001_bad/.test(e.message));
});
