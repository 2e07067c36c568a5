/**
 * Persistence of the compute-side service (kysely over src/lib/db.ts: SQLite default, PostgreSQL
 * option): instances, their VIF pairs and the Hyper Switch registry.
 */
import type { Kysely } from 'kysely';
import { openDatabase, type DbEngine } from '../../lib/db.js';
import type { HyperSwitchRecord, HyperSwitchState } from '../scheduler.js';
import type { HyperVif, ProviderVif } from '../vif.js';
import { AGENT_MIGRATION_TABLE, agentMigrations, type AgentDb } from './migrations.js';

/** A stored VIF pair. */
export interface StoredVif {
  instanceId: string;
  portId: string;
  hyperVif: HyperVif;
  providerVif: ProviderVif;
}

/** A stored instance. */
export interface StoredInstance {
  id: string;
  hyperSwitchId: string | null;
}

/** The compute service's store. */
export class ComputeStore {
  private constructor(
    readonly db: Kysely<AgentDb>,
    readonly engine: DbEngine,
  ) {}

  /**
   * Opens (and migrates) the database at `url`.
   * @throws BambuError INVALID_ARGUMENT for a bad URL, UNAVAILABLE when unreachable
   */
  static async open(url: string): Promise<ComputeStore> {
    const { db, engine } = await openDatabase<AgentDb>(url, agentMigrations, AGENT_MIGRATION_TABLE);
    return new ComputeStore(db, engine);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /** The instance, or undefined. */
  async getInstance(id: string): Promise<StoredInstance | undefined> {
    const row = await this.db.selectFrom('instances').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { id: row.id, hyperSwitchId: row.hyper_switch_id } : undefined;
  }

  /** Creates the instance if missing; sets its Hyper Switch when `hyperSwitchId` is given. */
  async upsertInstance(id: string, hyperSwitchId?: string | null): Promise<void> {
    const now = Date.now() / 1000;
    await this.db
      .insertInto('instances')
      .values({ id, hyper_switch_id: hyperSwitchId ?? null, created_at: now })
      .onConflict((oc) => (hyperSwitchId === undefined ? oc.column('id').doNothing() : oc.column('id').doUpdateSet({ hyper_switch_id: hyperSwitchId })))
      .execute();
  }

  /** Stores (or replaces) one VIF pair. */
  async putVif(v: StoredVif): Promise<void> {
    const row = { port_id: v.portId, instance_id: v.instanceId, hyper_vif: JSON.stringify(v.hyperVif), provider_vif: JSON.stringify(v.providerVif), created_at: Date.now() / 1000 };
    await this.db
      .insertInto('vifs')
      .values(row)
      .onConflict((oc) => oc.column('port_id').doUpdateSet({ instance_id: row.instance_id, hyper_vif: row.hyper_vif, provider_vif: row.provider_vif }))
      .execute();
  }

  /** Removes one VIF pair; @returns true if it existed. */
  async deleteVif(portId: string): Promise<boolean> {
    const r = await this.db.deleteFrom('vifs').where('port_id', '=', portId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async getVif(portId: string): Promise<StoredVif | undefined> {
    const row = await this.db.selectFrom('vifs').selectAll().where('port_id', '=', portId).executeTakeFirst();
    return row ? toVif(row) : undefined;
  }

  /** VIF pairs of one instance, oldest first. */
  async vifsOfInstance(instanceId: string): Promise<StoredVif[]> {
    const rows = await this.db.selectFrom('vifs').selectAll().where('instance_id', '=', instanceId).orderBy('created_at').orderBy('port_id').execute();
    return rows.map(toVif);
  }

  /** VIF pairs of every instance placed on a Hyper Switch. */
  async vifsOfHyperSwitch(hyperSwitchId: string): Promise<StoredVif[]> {
    const rows = await this.db
      .selectFrom('vifs')
      .innerJoin('instances', 'instances.id', 'vifs.instance_id')
      .selectAll('vifs')
      .where('instances.hyper_switch_id', '=', hyperSwitchId)
      .orderBy('vifs.created_at')
      .orderBy('vifs.port_id')
      .execute();
    return rows.map(toVif);
  }

  /** Records a Hyper Switch heartbeat received at `heartbeatAt` (seconds since the epoch). */
  async reportHyperSwitch(state: HyperSwitchState, heartbeatAt: number): Promise<void> {
    const row = {
      id: state.id,
      host: state.host,
      ip: state.ip ?? '',
      capacity: state.capacity,
      vif_count: state.vif_count,
      availability_zone: state.availability_zone,
      heartbeat_at: heartbeatAt,
      state: JSON.stringify(state),
    };
    const { id: _id, ...update } = row;
    await this.db.insertInto('hyper_switches').values(row).onConflict((oc) => oc.column('id').doUpdateSet(update)).execute();
  }

  /** Every known Hyper Switch with its last heartbeat. */
  async hyperSwitches(): Promise<HyperSwitchRecord[]> {
    const rows = await this.db.selectFrom('hyper_switches').selectAll().orderBy('id').execute();
    return rows.map((r) => ({
      state: { ...(JSON.parse(r.state) as object), id: r.id, host: r.host, ip: r.ip, capacity: r.capacity, vif_count: r.vif_count, availability_zone: r.availability_zone },
      heartbeatAt: Number(r.heartbeat_at),
    }));
  }
}

function toVif(row: AgentDb['vifs']): StoredVif {
  return { instanceId: row.instance_id, portId: row.port_id, hyperVif: JSON.parse(row.hyper_vif) as HyperVif, providerVif: JSON.parse(row.provider_vif) as ProviderVif };
}
