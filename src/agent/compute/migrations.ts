/**
 * Schema of the compute-side service's database (migration table `agent_migrations`), portable
 * between SQLite and PostgreSQL: JSON documents are stored as text, times as seconds since the epoch
 * (double precision).
 *   instances       id, hyper_switch_id (null = the VM runs its own agent), created_at
 *   vifs            port_id, instance_id → instances, hyper_vif, provider_vif (JSON), created_at
 *   hyper_switches  id, host, ip, capacity, vif_count, availability_zone, heartbeat_at, state (JSON)
 */
import { sql, type Kysely, type Migration } from 'kysely';

/** Migration-table name of this subsystem in the shared database. */
export const AGENT_MIGRATION_TABLE = 'agent_migrations';

/** Migrations by name (applied in name order). */
export const agentMigrations: Record<string, Migration> = {
  '0001_instances_vifs_hyper_switches': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('instances')
        .addColumn('id', 'varchar(128)', (c) => c.primaryKey())
        .addColumn('hyper_switch_id', 'varchar(128)')
        .addColumn('created_at', 'double precision', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('vifs')
        .addColumn('port_id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('instance_id', 'varchar(128)', (c) => c.notNull().references('instances.id').onDelete('cascade'))
        .addColumn('hyper_vif', 'text', (c) => c.notNull())
        .addColumn('provider_vif', 'text', (c) => c.notNull())
        .addColumn('created_at', 'double precision', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('vifs_instance_id').on('vifs').column('instance_id').execute();
      await db.schema
        .createTable('hyper_switches')
        .addColumn('id', 'varchar(128)', (c) => c.primaryKey())
        .addColumn('host', 'varchar(255)', (c) => c.notNull())
        .addColumn('ip', 'varchar(64)', (c) => c.notNull().defaultTo(''))
        .addColumn('capacity', 'integer', (c) => c.notNull())
        .addColumn('vif_count', 'integer', (c) => c.notNull())
        .addColumn('availability_zone', 'varchar(255)', (c) => c.notNull())
        .addColumn('heartbeat_at', 'double precision', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().defaultTo(sql`'{}'`))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('vifs').execute();
      await db.schema.dropTable('instances').execute();
      await db.schema.dropTable('hyper_switches').execute();
    },
  },
};

/** Table types for kysely. */
export interface AgentDb {
  instances: { id: string; hyper_switch_id: string | null; created_at: number };
  vifs: { port_id: string; instance_id: string; hyper_vif: string; provider_vif: string; created_at: number };
  hyper_switches: {
    id: string;
    host: string;
    ip: string;
    capacity: number;
    vif_count: number;
    availability_zone: string;
    heartbeat_at: number;
    state: string;
  };
}
