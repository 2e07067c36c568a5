/**
 * Desired dataplane state computed from the resources (pure; ../model/desired.ts is the contract).
 *
 * Rules (documented in docs/bgw-api.md, "From resources to the dataplane"):
 * - one segment per (gateway, segmentation_id) of the l2_remote_gateway_connections: VNI = that
 *   segmentation_id; its remotes are those connections (VTEP = remote gateway ipaddr, flood);
 *   its MACs are the l2_remote_macs of those connections (VTEP of their connection);
 * - the segment's local interfaces are every interface of every device of the gateway; the VLAN
 *   (sub-interface) of an interface is the segmentation_id of the l2_gateway_connection bound to the
 *   segment (same gateway, network_id = the segment's network_id) when that is set, else the
 *   interface's first segmentation_id, else none (untagged).
 * - the segment's EVPN route target is the first (by connection id) connection's `route_target`.
 * Segments are sorted by (gatewayId, vni), remotes by connectionId, MACs by (mac, connectionId).
 */
import type { DesiredInterface, DesiredSegment, DesiredState } from '../model/desired.js';
import type { L2Gateway, L2GatewayConnection, RemoteGateway, RemoteGatewayConnection, RemoteMac } from '../model/resources.js';

/** All resources, as loaded from the store. */
export interface ResourceSnapshot {
  gateways: L2Gateway[];
  gatewayConnections: L2GatewayConnection[];
  remoteGateways: RemoteGateway[];
  remoteConnections: RemoteGatewayConnection[];
  macs: RemoteMac[];
}

/** Computes the desired state from a consistent snapshot of the resources. */
export function computeDesiredState(s: ResourceSnapshot): DesiredState {
  const gateways = new Map(s.gateways.map((g) => [g.id, g]));
  const remotes = new Map(s.remoteGateways.map((r) => [r.id, r]));
  const segments = new Map<string, DesiredSegment & { networkId: string | null }>();
  const connSegment = new Map<string, { segment: DesiredSegment; vtep: string }>();

  const sortedConns = [...s.remoteConnections].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const c of sortedConns) {
    const gw = gateways.get(c.gateway);
    const remote = remotes.get(c.remote_gateway);
    if (!gw || !remote) continue; // references are enforced by the store; tolerate a racing read
    const key = `${c.gateway}/${c.segmentation_id}`;
    let seg = segments.get(key);
    if (!seg) {
      seg = { vni: c.segmentation_id, gatewayId: c.gateway, interfaces: [], remotes: [], macs: [], networkId: null };
      segments.set(key, seg);
    }
    seg.networkId ??= c.network_id;
    if (c.route_target && seg.routeTarget === undefined) seg.routeTarget = c.route_target;
    seg.remotes.push({ connectionId: c.id, remoteGatewayId: remote.id, vtep: remote.ipaddr, flood: c.flood });
    connSegment.set(c.id, { segment: seg, vtep: remote.ipaddr });
  }

  for (const seg of segments.values()) {
    const gw = gateways.get(seg.gatewayId)!;
    const binding = seg.networkId === null ? undefined : s.gatewayConnections.find((b) => b.l2_gateway_id === gw.id && b.network_id === seg.networkId);
    seg.interfaces = gw.devices.flatMap((d) =>
      d.interfaces.map((i): DesiredInterface => {
        const vlan = binding?.segmentation_id ?? i.segmentation_id[0];
        return vlan === undefined || vlan === null ? { name: i.name } : { name: i.name, vlan };
      }),
    );
  }

  for (const m of s.macs) {
    const at = connSegment.get(m.connection_id);
    if (!at) continue;
    at.segment.macs.push({ id: m.id, connectionId: m.connection_id, mac: m.mac_address, ...(m.ip_address ? { ip: m.ip_address } : {}), vtep: at.vtep, origin: 'api' });
  }

  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    segments: [...segments.values()]
      .sort((a, b) => cmp(a.gatewayId, b.gatewayId) || a.vni - b.vni)
      .map(({ networkId: _n, ...seg }) => ({ ...seg, macs: seg.macs.sort((a, b) => cmp(a.mac, b.mac) || cmp(a.connectionId, b.connectionId)) })),
  };
}
