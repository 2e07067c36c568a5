/**
 * Border-gateway store: the five resources in SQLite or PostgreSQL (kysely, src/lib/db.ts),
 * versioned migrations recorded in `bgw_migrations`, every write in a transaction, change
 * notification after each commit, and the desired dataplane state derived from it all.
 *
 *   REST API ──create/update/delete──▶ repositories ──commit──▶ onChange listeners (reconciler)
 *   reconciler ──desiredState()──▶ DesiredState;  driver ──setStatus()──▶ `status` columns
 */
import type { Kysely } from 'kysely';
import { openDatabase, type DbEngine } from '../../lib/db.js';
import type { Logger } from '../../lib/log.js';
import type { DesiredState, StatusSink } from '../model/desired.js';
import type {
  L2Gateway,
  L2GatewayConnection,
  L2GatewayConnectionCreate,
  L2GatewayConnectionUpdate,
  L2GatewayCreate,
  L2GatewayUpdate,
  RemoteGateway,
  RemoteGatewayConnection,
  RemoteGatewayConnectionCreate,
  RemoteGatewayConnectionUpdate,
  RemoteGatewayCreate,
  RemoteGatewayUpdate,
  RemoteMac,
  RemoteMacCreate,
  RemoteMacUpdate,
} from '../model/resources.js';
import { computeDesiredState } from './desired-state.js';
import { l2GatewayConnectionSpec } from './l2-gateway-connections.js';
import { l2GatewaySpec } from './l2-gateways.js';
import { bgwMigrations } from './migrations/index.js';
import { remoteGatewayConnectionSpec } from './remote-gateway-connections.js';
import { remoteGatewaySpec } from './remote-gateways.js';
import { remoteMacSpec } from './remote-macs.js';
import { createRepository, type Repository, type StoreChange } from './repository.js';
import { MIGRATION_TABLE, type BgwTables } from './tables.js';

export type { Repository, StoreChange } from './repository.js';
export { computeDesiredState, type ResourceSnapshot } from './desired-state.js';

/** The border-gateway store. */
export interface BgwStore extends StatusSink {
  readonly engine: DbEngine;
  readonly l2Gateways: Repository<L2Gateway, L2GatewayCreate, L2GatewayUpdate>;
  readonly l2GatewayConnections: Repository<L2GatewayConnection, L2GatewayConnectionCreate, L2GatewayConnectionUpdate>;
  readonly remoteGateways: Repository<RemoteGateway, RemoteGatewayCreate, RemoteGatewayUpdate>;
  readonly remoteGatewayConnections: Repository<RemoteGatewayConnection, RemoteGatewayConnectionCreate, RemoteGatewayConnectionUpdate>;
  readonly remoteMacs: Repository<RemoteMac, RemoteMacCreate, RemoteMacUpdate>;
  /** What the dataplane should hold now, from one consistent read (a transaction). */
  desiredState(): Promise<DesiredState>;
  /**
   * Records a driver outcome in the object's `status` field ("ACTIVE" or "ERROR: …"); an unknown id
   * (deleted meanwhile) is ignored. Does not notify `onChange` listeners (no reconcile loop).
   */
  setStatus(kind: 'l2_remote_gateway_connection' | 'l2_remote_mac', id: string, status: string): Promise<void>;
  /**
   * Registers `listener`, called synchronously after every committed API write (create, update,
   * delete of any resource; not setStatus). Listener exceptions are logged and swallowed.
   * @returns a function that unregisters it
   */
  onChange(listener: (change: StoreChange) => void): () => void;
  /** Closes the database; idempotent. */
  close(): Promise<void>;
}

/**
 * Opens (creating and migrating as needed) the border-gateway database.
 * @param databaseUrl "sqlite:PATH", "sqlite::memory:", a file path, or "postgres://…"
 * @param opts.log    logger for listener and idle-connection errors (default: silent)
 * @throws BambuError UNAVAILABLE when the database is unreachable or a migration fails;
 *         INVALID_ARGUMENT (field database_url) for an unsupported URL scheme
 */
export async function openBgwStore(databaseUrl: string, opts: { log?: Logger } = {}): Promise<BgwStore> {
  const { db, engine } = await openDatabase<BgwTables>(databaseUrl, bgwMigrations, MIGRATION_TABLE, opts.log);
  return new KyselyBgwStore(db, engine, opts.log);
}

class KyselyBgwStore implements BgwStore {
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private closed = false;
  readonly l2Gateways;
  readonly l2GatewayConnections;
  readonly remoteGateways;
  readonly remoteGatewayConnections;
  readonly remoteMacs;

  constructor(
    private readonly db: Kysely<BgwTables>,
    readonly engine: DbEngine,
    private readonly log?: Logger,
  ) {
    const emit = (c: StoreChange) => this.emit(c);
    this.l2Gateways = createRepository(db, engine, l2GatewaySpec, emit);
    this.l2GatewayConnections = createRepository(db, engine, l2GatewayConnectionSpec, emit);
    this.remoteGateways = createRepository(db, engine, remoteGatewaySpec, emit);
    this.remoteGatewayConnections = createRepository(db, engine, remoteGatewayConnectionSpec, emit);
    this.remoteMacs = createRepository(db, engine, remoteMacSpec, emit);
  }

  private emit(change: StoreChange): void {
    for (const l of this.listeners) {
      try {
        l(change);
      } catch (err) {
        this.log?.error({ err, change }, 'bgw store change listener failed');
      }
    }
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async desiredState(): Promise<DesiredState> {
    // One snapshot: SQLite serializes transactions; PostgreSQL needs REPEATABLE READ for it.
    let tx = this.db.transaction();
    if (this.engine === 'postgres') tx = tx.setIsolationLevel('repeatable read');
    const snapshot = await tx.execute(async (t) => ({
      gateways: (await t.selectFrom('bgw_l2_gateways').selectAll().execute()).map((r) => l2GatewaySpec.fromRow(r)),
      gatewayConnections: (await t.selectFrom('bgw_l2_gateway_connections').selectAll().execute()).map((r) => l2GatewayConnectionSpec.fromRow(r)),
      remoteGateways: (await t.selectFrom('bgw_remote_gateways').selectAll().execute()).map((r) => remoteGatewaySpec.fromRow(r)),
      remoteConnections: (await t.selectFrom('bgw_remote_gateway_connections').selectAll().execute()).map((r) => remoteGatewayConnectionSpec.fromRow(r)),
      macs: (await t.selectFrom('bgw_remote_macs').selectAll().execute()).map((r) => remoteMacSpec.fromRow(r)),
    }));
    return computeDesiredState(snapshot);
  }

  async setStatus(kind: 'l2_remote_gateway_connection' | 'l2_remote_mac', id: string, status: string): Promise<void> {
    const table = kind === 'l2_remote_mac' ? 'bgw_remote_macs' : 'bgw_remote_gateway_connections';
    await this.db.updateTable(table).set({ status }).where('id', '=', id).execute();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    await this.db.destroy();
  }
}
