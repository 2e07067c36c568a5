/**
 * Store spec of `l2_remote_gateway_connection`: gateway and remote gateway must exist;
 * (gateway, remote_gateway, segmentation_id) unique. Deleting a connection deletes its MACs
 * (ON DELETE CASCADE). `status` starts as BUILD; afterwards only the dataplane writes it
 * (setStatus), so an update keeps the last reported status until the next reconcile pass reports.
 */
import { STATUS_BUILD, type RemoteGatewayConnection, type RemoteGatewayConnectionCreate, type RemoteGatewayConnectionUpdate } from '../model/resources.js';
import { requireRef, requireUnique } from './checks.js';
import type { RepoSpec } from './repository.js';
import type { RemoteGatewayConnectionRow } from './tables.js';

export const remoteGatewayConnectionSpec: RepoSpec<RemoteGatewayConnection, RemoteGatewayConnectionRow, RemoteGatewayConnectionCreate, RemoteGatewayConnectionUpdate> = {
  kind: 'l2_remote_gateway_connection',
  table: 'bgw_remote_gateway_connections',
  fromRow: (r) => ({
    id: r.id,
    gateway: r.gateway,
    remote_gateway: r.remote_gateway,
    segmentation_id: r.segmentation_id,
    network_id: r.network_id,
    flood: r.flood === 1,
    route_target: r.route_target ?? null,
    status: r.status,
    tenant_id: r.tenant_id,
    project_id: r.tenant_id,
  }),
  toRow: (o) => ({
    id: o.id,
    tenant_id: o.tenant_id,
    gateway: o.gateway,
    remote_gateway: o.remote_gateway,
    segmentation_id: o.segmentation_id,
    network_id: o.network_id,
    flood: o.flood ? 1 : 0,
    route_target: o.route_target,
    status: o.status,
  }),
  build: (id, c) => ({ id, ...c, route_target: c.route_target ?? null, status: STATUS_BUILD, project_id: c.tenant_id }),
  merge: (cur, p) => ({
    ...cur,
    remote_gateway: p.remote_gateway ?? cur.remote_gateway,
    segmentation_id: p.segmentation_id ?? cur.segmentation_id,
    flood: p.flood ?? cur.flood,
    network_id: p.network_id === undefined ? cur.network_id : p.network_id,
    route_target: p.route_target === undefined ? cur.route_target : p.route_target,
  }),
  async check(tx, o) {
    await requireRef(tx, 'bgw_l2_gateways', o.gateway, 'gateway', 'l2_gateway');
    await requireRef(tx, 'bgw_remote_gateways', o.remote_gateway, 'remote_gateway', 'l2_remote_gateway');
    await requireUnique(
      tx,
      'bgw_remote_gateway_connections',
      { gateway: o.gateway, remote_gateway: o.remote_gateway, segmentation_id: o.segmentation_id },
      o.id,
      `l2_remote_gateway_connection (gateway ${o.gateway}, remote_gateway ${o.remote_gateway}, segmentation_id ${o.segmentation_id})`,
    );
  },
};
