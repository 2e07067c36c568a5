/**
 * Store spec of `l2_remote_gateway`: name unique per project; deletable only when no remote
 * gateway connection uses it.
 */
import type { RemoteGateway, RemoteGatewayCreate, RemoteGatewayUpdate } from '../model/resources.js';
import { requireUnique, requireUnused } from './checks.js';
import type { RepoSpec } from './repository.js';
import type { RemoteGatewayRow } from './tables.js';

export const remoteGatewaySpec: RepoSpec<RemoteGateway, RemoteGatewayRow, RemoteGatewayCreate, RemoteGatewayUpdate> = {
  kind: 'l2_remote_gateway',
  table: 'bgw_remote_gateways',
  fromRow: (r) => ({ id: r.id, name: r.name, ipaddr: r.ipaddr, tenant_id: r.tenant_id, project_id: r.tenant_id }),
  toRow: (o) => ({ id: o.id, tenant_id: o.tenant_id, name: o.name, ipaddr: o.ipaddr }),
  build: (id, c) => ({ id, name: c.name, ipaddr: c.ipaddr, tenant_id: c.tenant_id, project_id: c.tenant_id }),
  merge: (cur, p) => ({ ...cur, name: p.name ?? cur.name, ipaddr: p.ipaddr ?? cur.ipaddr }),
  async check(tx, o) {
    await requireUnique(tx, 'bgw_remote_gateways', { tenant_id: o.tenant_id, name: o.name }, o.id, `l2_remote_gateway named "${o.name}" in project ${o.tenant_id}`);
  },
  async beforeDelete(tx, cur) {
    await requireUnused(tx, 'bgw_remote_gateway_connections', 'remote_gateway', cur.id, 'l2_remote_gateway', 'l2_remote_gateway_connections');
  },
};
