/**
 * A generic repository over one resource table: list / get / create / update / delete, each write
 * in its own transaction. A `RepoSpec` supplies what differs per resource (row ↔ object mapping,
 * reference and unique-key checks, delete guards). Checks run inside the
 * transaction; the database's own unique and foreign-key constraints back them up and are mapped
 * to the same error codes (ALREADY_EXISTS, CONFLICT).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DbEngine } from '../../lib/db.js';
import { BambuError, notFound } from '../../lib/errors.js';
import type { Owned, ResourceKind } from '../model/resources.js';
import type { BgwTableName, BgwTables, OwnedRow } from './tables.js';

/** A transaction on the border-gateway tables. */
export type Tx = Transaction<BgwTables>;

/** Generic row access (the spec's table is only known at run time). */
type AnyDb = Kysely<Record<string, OwnedRow & Record<string, unknown>>>;

/** The public, resource-independent surface of a repository. */
export interface Repository<T extends Owned, C, U> {
  /** Resource kind (Neutron singular body key). */
  readonly kind: ResourceKind;
  /**
   * Lists objects, oldest first.
   * @param scope tenantId restricts to one project; omitted = every project (admin)
   */
  list(scope?: { tenantId?: string }): Promise<T[]>;
  /** One object by id, or undefined. */
  get(id: string): Promise<T | undefined>;
  /**
   * Creates an object (new UUID).
   * @throws BambuError NOT_FOUND (a referenced object is missing, message names the field),
   *         ALREADY_EXISTS (unique key taken)
   */
  create(input: C): Promise<T>;
  /**
   * Applies a partial update.
   * @throws BambuError NOT_FOUND, ALREADY_EXISTS, as for create
   */
  update(id: string, patch: U): Promise<T>;
  /**
   * Deletes an object.
   * @throws BambuError NOT_FOUND, CONFLICT (still in use; message names the users)
   */
  delete(id: string): Promise<void>;
}

/** What differs between resources. */
export interface RepoSpec<T extends Owned, R extends OwnedRow, C, U> {
  kind: ResourceKind;
  table: BgwTableName;
  fromRow(row: R): T;
  /** The row for `obj` (created_at is added by the repository on insert). */
  toRow(obj: T): Omit<R, 'created_at'>;
  /** The object a create would produce, given the new id. */
  build(id: string, input: C): T;
  /** The object an update would produce. */
  merge(current: T, patch: U): T;
  /** References exist and unique keys are free (ignoring `obj.id` itself). Throws BambuError. */
  check?(tx: Tx, obj: T): Promise<void>;
  /** Refuses a delete that would orphan something (CONFLICT). */
  beforeDelete?(tx: Tx, current: T): Promise<void>;
}

/** A committed change, reported to `onChange` listeners. */
export interface StoreChange {
  kind: ResourceKind;
  op: 'create' | 'update' | 'delete';
  id: string;
}

/**
 * Maps a driver's constraint violation to the catalogue (SQLite via better-sqlite3 codes,
 * PostgreSQL SQLSTATE 23505 unique_violation / 23503 foreign_key_violation); other errors pass.
 */
export function mapConstraintError(err: unknown, kind: ResourceKind): unknown {
  const code = (err as { code?: unknown })?.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') {
    return new BambuError('ALREADY_EXISTS', `${kind} already exists (unique key): ${(err as Error).message}`);
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') {
    return new BambuError('CONFLICT', `${kind}: a referenced object is missing or still in use: ${(err as Error).message}`);
  }
  return err;
}

/** Builds a repository from its spec on `db` (of `engine`); `emit` is called after each commit. */
export function createRepository<T extends Owned, R extends OwnedRow, C, U>(
  db: Kysely<BgwTables>,
  engine: DbEngine,
  spec: RepoSpec<T, R, C, U>,
  emit: (change: StoreChange) => void,
): Repository<T, C, U> {
  const any = (d: Kysely<BgwTables> | Tx) => d as unknown as AnyDb;
  const table = spec.table;
  /** Reads one row; `lock` takes a row lock on PostgreSQL (SQLite serializes write transactions). */
  const load = async (d: Kysely<BgwTables> | Tx, id: string, lock = false): Promise<T | undefined> => {
    let q = any(d).selectFrom(table).selectAll().where('id', '=', id);
    if (lock && engine === 'postgres') q = q.forUpdate();
    const row = await q.executeTakeFirst();
    return row ? spec.fromRow(row as unknown as R) : undefined;
  };
  const write = async <V>(fn: (tx: Tx) => Promise<V>): Promise<V> => {
    try {
      return await db.transaction().execute(fn);
    } catch (err) {
      throw mapConstraintError(err, spec.kind);
    }
  };

  return {
    kind: spec.kind,
    async list(scope = {}) {
      let q = any(db).selectFrom(table).selectAll();
      if (scope.tenantId !== undefined) q = q.where('tenant_id', '=', scope.tenantId);
      const rows = await q.orderBy('created_at').orderBy('id').execute();
      return rows.map((r) => spec.fromRow(r as unknown as R));
    },
    get: (id) => load(db, id),
    async create(input) {
      const built = spec.build(randomUUID(), input);
      const row = { ...spec.toRow(built), created_at: new Date().toISOString() } as unknown as R;
      await write(async (tx) => {
        await spec.check?.(tx, built);
        await any(tx).insertInto(table).values(row as unknown as OwnedRow & Record<string, unknown>).execute();
      });
      emit({ kind: spec.kind, op: 'create', id: built.id });
      return spec.fromRow(row); // same field order as every read
    },
    async update(id, patch) {
      const after = await write(async (tx) => {
        const before = await load(tx, id, true);
        if (!before) throw notFound(spec.kind, id);
        const next = spec.merge(before, patch);
        await spec.check?.(tx, next);
        // `status` belongs to the dataplane (setStatus): never overwrite it from a stale read.
        const { id: _id, tenant_id: _t, status: _s, ...cols } = spec.toRow(next) as Record<string, unknown>;
        await any(tx).updateTable(table).set(cols).where('id', '=', id).execute();
        return spec.fromRow({ ...spec.toRow(next), created_at: '' } as unknown as R);
      });
      emit({ kind: spec.kind, op: 'update', id });
      return after;
    },
    async delete(id) {
      await write(async (tx) => {
        const current = await load(tx, id);
        if (!current) throw notFound(spec.kind, id);
        await spec.beforeDelete?.(tx, current);
        await any(tx).deleteFrom(table).where('id', '=', id).execute();
      });
      emit({ kind: spec.kind, op: 'delete', id });
    },
  };
}
