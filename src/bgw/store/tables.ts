/**
 * Database tables of the border gateway (kysely types). Table names carry the `bgw_` prefix so the
 * subsystem can share a database with others; migrations live in ./migrations/ and are recorded in
 * `bgw_migrations`. Booleans are stored as integers 0/1 and lists as JSON text so that the same
 * schema runs on SQLite and PostgreSQL.
 */

/** Columns common to every resource table. */
export interface OwnedRow {
  id: string;
  tenant_id: string;
  /** ISO 8601 creation time (UTC, ms); lists are ordered by it, then by id. */
  created_at: string;
}

export interface L2GatewayRow extends OwnedRow {
  name: string;
  /** JSON: GatewayDevice[] */
  devices: string;
}

export interface L2GatewayConnectionRow extends OwnedRow {
  l2_gateway_id: string;
  network_id: string;
  segmentation_id: number | null;
}

export interface RemoteGatewayRow extends OwnedRow {
  name: string;
  ipaddr: string;
}

export interface RemoteGatewayConnectionRow extends OwnedRow {
  gateway: string;
  remote_gateway: string;
  segmentation_id: number;
  network_id: string | null;
  /** 0 or 1 */
  flood: number;
  /** EVPN route target "ASN:NN", null = automatic (migration 0002). */
  route_target: string | null;
  status: string;
}

export interface RemoteMacRow extends OwnedRow {
  mac_address: string;
  ip_address: string | null;
  connection_id: string;
  status: string;
}

/** The kysely database type. */
export interface BgwTables {
  bgw_l2_gateways: L2GatewayRow;
  bgw_l2_gateway_connections: L2GatewayConnectionRow;
  bgw_remote_gateways: RemoteGatewayRow;
  bgw_remote_gateway_connections: RemoteGatewayConnectionRow;
  bgw_remote_macs: RemoteMacRow;
}

export type BgwTableName = keyof BgwTables;

/** Name of the table recording applied migrations. */
export const MIGRATION_TABLE = 'bgw_migrations';
