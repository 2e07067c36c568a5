/** Store spec of `l2_gateway_connection`: the gateway must exist; (l2_gateway_id, network_id) unique. */
import type { L2GatewayConnection, L2GatewayConnectionCreate, L2GatewayConnectionUpdate } from '../model/resources.js';
import { requireRef, requireUnique } from './checks.js';
import type { RepoSpec } from './repository.js';
import type { L2GatewayConnectionRow } from './tables.js';

export const l2GatewayConnectionSpec: RepoSpec<L2GatewayConnection, L2GatewayConnectionRow, L2GatewayConnectionCreate, L2GatewayConnectionUpdate> = {
  kind: 'l2_gateway_connection',
  table: 'bgw_l2_gateway_connections',
  fromRow: (r) => ({
    id: r.id,
    l2_gateway_id: r.l2_gateway_id,
    network_id: r.network_id,
    segmentation_id: r.segmentation_id,
    tenant_id: r.tenant_id,
    project_id: r.tenant_id,
  }),
  toRow: (o) => ({ id: o.id, tenant_id: o.tenant_id, l2_gateway_id: o.l2_gateway_id, network_id: o.network_id, segmentation_id: o.segmentation_id }),
  build: (id, c) => ({ id, ...c, project_id: c.tenant_id }),
  merge: (cur, p) => ({ ...cur, segmentation_id: p.segmentation_id === undefined ? cur.segmentation_id : p.segmentation_id }),
  async check(tx, o) {
    await requireRef(tx, 'bgw_l2_gateways', o.l2_gateway_id, 'l2_gateway_id', 'l2_gateway');
    await requireUnique(
      tx,
      'bgw_l2_gateway_connections',
      { l2_gateway_id: o.l2_gateway_id, network_id: o.network_id },
      o.id,
      `l2_gateway_connection for l2_gateway ${o.l2_gateway_id} and network ${o.network_id}`,
    );
  },
};
