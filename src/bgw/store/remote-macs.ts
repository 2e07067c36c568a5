/**
 * Store spec of `l2_remote_mac`: the connection must exist; (mac_address, connection_id) unique.
 * `status` starts as BUILD; afterwards only the dataplane writes it (setStatus).
 */
import { STATUS_BUILD, type RemoteMac, type RemoteMacCreate, type RemoteMacUpdate } from '../model/resources.js';
import { requireRef, requireUnique } from './checks.js';
import type { RepoSpec } from './repository.js';
import type { RemoteMacRow } from './tables.js';

export const remoteMacSpec: RepoSpec<RemoteMac, RemoteMacRow, RemoteMacCreate, RemoteMacUpdate> = {
  kind: 'l2_remote_mac',
  table: 'bgw_remote_macs',
  fromRow: (r) => ({
    id: r.id,
    mac_address: r.mac_address,
    ip_address: r.ip_address,
    connection_id: r.connection_id,
    status: r.status,
    tenant_id: r.tenant_id,
    project_id: r.tenant_id,
  }),
  toRow: (o) => ({ id: o.id, tenant_id: o.tenant_id, mac_address: o.mac_address, ip_address: o.ip_address, connection_id: o.connection_id, status: o.status }),
  build: (id, c) => ({ id, ...c, status: STATUS_BUILD, project_id: c.tenant_id }),
  merge: (cur, p) => (p.ip_address === undefined ? cur : { ...cur, ip_address: p.ip_address }),
  async check(tx, o) {
    await requireRef(tx, 'bgw_remote_gateway_connections', o.connection_id, 'connection_id', 'l2_remote_gateway_connection');
    await requireUnique(tx, 'bgw_remote_macs', { mac_address: o.mac_address, connection_id: o.connection_id }, o.id, `l2_remote_mac ${o.mac_address} on connection ${o.connection_id}`);
  },
};
