/** Store spec of `l2_gateway`: devices kept as JSON; deletable only when no connection uses it. */
import { randomUUID } from 'node:crypto';
import type { L2Gateway, L2GatewayCreate, L2GatewayUpdate, GatewayDevice } from '../model/resources.js';
import { requireUnused } from './checks.js';
import type { RepoSpec } from './repository.js';
import type { L2GatewayRow } from './tables.js';

/** Gives each device an id (kept across updates when the device_name is unchanged). */
function withDeviceIds(devices: L2GatewayCreate['devices'], previous: GatewayDevice[] = []): GatewayDevice[] {
  return devices.map((d) => ({
    id: previous.find((p) => p.device_name === d.device_name)?.id ?? randomUUID(),
    device_name: d.device_name,
    interfaces: d.interfaces.map((i) => ({ name: i.name, segmentation_id: [...i.segmentation_id] })),
  }));
}

export const l2GatewaySpec: RepoSpec<L2Gateway, L2GatewayRow, L2GatewayCreate, L2GatewayUpdate> = {
  kind: 'l2_gateway',
  table: 'bgw_l2_gateways',
  fromRow: (r) => ({ id: r.id, name: r.name, devices: JSON.parse(r.devices) as GatewayDevice[], tenant_id: r.tenant_id, project_id: r.tenant_id }),
  toRow: (o) => ({ id: o.id, tenant_id: o.tenant_id, name: o.name, devices: JSON.stringify(o.devices) }),
  build: (id, c) => ({ id, name: c.name, devices: withDeviceIds(c.devices), tenant_id: c.tenant_id, project_id: c.tenant_id }),
  merge: (cur, p) => ({ ...cur, name: p.name ?? cur.name, devices: p.devices ? withDeviceIds(p.devices, cur.devices) : cur.devices }),
  async beforeDelete(tx, cur) {
    await requireUnused(tx, 'bgw_l2_gateway_connections', 'l2_gateway_id', cur.id, 'l2_gateway', 'l2_gateway_connections');
    await requireUnused(tx, 'bgw_remote_gateway_connections', 'gateway', cur.id, 'l2_gateway', 'l2_remote_gateway_connections');
  },
};
