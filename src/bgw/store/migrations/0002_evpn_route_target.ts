/**
 * 0002: an optional EVPN route target per remote gateway connection (`route_target`, "ASN:NN";
 * null = automatic ASN:VNI, docs/evpn.md). Nullable, so existing rows stay valid.
 */
import type { Kysely, Migration } from 'kysely';

export const migration0002: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('bgw_remote_gateway_connections').addColumn('route_target', 'varchar(32)').execute();
  },
};
