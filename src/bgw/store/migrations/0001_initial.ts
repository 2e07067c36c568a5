/**
 * Migration 0001: the five resource tables with the spec's unique keys (../shared/spec/l2gw-api.md):
 * remote gateway name per project; (l2_gateway_id, network_id); (gateway, remote_gateway,
 * segmentation_id); (mac_address, connection_id). MACs go with their connection (ON DELETE CASCADE);
 * gateways and remote gateways in use cannot be deleted (ON DELETE RESTRICT, checked first by the store).
 */
import type { Kysely, Migration } from 'kysely';

export const migration0001: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('bgw_l2_gateways')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('tenant_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('devices', 'text', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('bgw_l2_gateway_connections')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('tenant_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('l2_gateway_id', 'varchar(36)', (c) => c.notNull().references('bgw_l2_gateways.id').onDelete('restrict'))
      .addColumn('network_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('segmentation_id', 'integer')
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addUniqueConstraint('bgw_l2gc_gateway_network_uq', ['l2_gateway_id', 'network_id'])
      .execute();

    await db.schema
      .createTable('bgw_remote_gateways')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('tenant_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('name', 'varchar(255)', (c) => c.notNull())
      .addColumn('ipaddr', 'varchar(64)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addUniqueConstraint('bgw_rgw_tenant_name_uq', ['tenant_id', 'name'])
      .execute();

    await db.schema
      .createTable('bgw_remote_gateway_connections')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('tenant_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('gateway', 'varchar(36)', (c) => c.notNull().references('bgw_l2_gateways.id').onDelete('restrict'))
      .addColumn('remote_gateway', 'varchar(36)', (c) => c.notNull().references('bgw_remote_gateways.id').onDelete('restrict'))
      .addColumn('segmentation_id', 'integer', (c) => c.notNull())
      .addColumn('network_id', 'varchar(255)')
      .addColumn('flood', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('status', 'varchar(255)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addUniqueConstraint('bgw_rgwc_gw_remote_seg_uq', ['gateway', 'remote_gateway', 'segmentation_id'])
      .execute();

    await db.schema
      .createTable('bgw_remote_macs')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('tenant_id', 'varchar(255)', (c) => c.notNull())
      .addColumn('mac_address', 'varchar(17)', (c) => c.notNull())
      .addColumn('ip_address', 'varchar(64)')
      .addColumn('connection_id', 'varchar(36)', (c) => c.notNull().references('bgw_remote_gateway_connections.id').onDelete('cascade'))
      .addColumn('status', 'varchar(255)', (c) => c.notNull())
      .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
      .addUniqueConstraint('bgw_rmac_mac_conn_uq', ['mac_address', 'connection_id'])
      .execute();

    await db.schema.createIndex('bgw_rmac_connection_idx').on('bgw_remote_macs').column('connection_id').execute();
    await db.schema.createIndex('bgw_rgwc_remote_idx').on('bgw_remote_gateway_connections').column('remote_gateway').execute();
  },
};
