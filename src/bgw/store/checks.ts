/** Reference and unique-key checks shared by the resource specs (run inside a write transaction). */
import { BambuError } from '../../lib/errors.js';
import type { Kysely } from 'kysely';
import type { Tx } from './repository.js';
import type { BgwTableName, OwnedRow } from './tables.js';

type AnyDb = Kysely<Record<string, OwnedRow & Record<string, unknown>>>;

/**
 * Requires the row `id` to exist in `table`.
 * @throws BambuError NOT_FOUND "<field>: <kind> <id> not found" (field = the referring request field)
 */
export async function requireRef(tx: Tx, table: BgwTableName, id: string, field: string, kind: string): Promise<void> {
  const row = await (tx as unknown as AnyDb).selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new BambuError('NOT_FOUND', `${field}: ${kind} ${id} not found`, field);
}

/**
 * Requires that no row other than `selfId` has the given column values.
 * @throws BambuError ALREADY_EXISTS "<what> already exists (id <other>)"
 */
export async function requireUnique(tx: Tx, table: BgwTableName, key: Record<string, string | number>, selfId: string, what: string): Promise<void> {
  let q = (tx as unknown as AnyDb).selectFrom(table).select('id').where('id', '!=', selfId);
  for (const [col, value] of Object.entries(key)) q = q.where(col, '=', value);
  const other = await q.executeTakeFirst();
  if (other) throw new BambuError('ALREADY_EXISTS', `${what} already exists (id ${String(other.id)})`);
}

/**
 * Refuses a delete while rows of `table` refer to `id` through `column`.
 * @throws BambuError CONFLICT "<kind> <id> is in use by <users> <ids>"
 */
export async function requireUnused(tx: Tx, table: BgwTableName, column: string, id: string, kind: string, users: string): Promise<void> {
  const rows = await (tx as unknown as AnyDb).selectFrom(table).select('id').where(column, '=', id).execute();
  if (rows.length > 0) {
    throw new BambuError('CONFLICT', `${kind} ${id} is in use by ${users} ${rows.map((r) => String(r.id)).join(', ')}`);
  }
}
