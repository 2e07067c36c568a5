/**
 * computeDesiredState (src/bgw/store/desired-state.ts), pure: segments per (gateway, VNI), the
 * VLAN of each local interface (gateway-connection binding > interface's own > untagged), VTEPs,
 * flood flags, MACs with and without IP, ordering, and tolerance of dangling references.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeDesiredState, type ResourceSnapshot } from '../../../src/bgw/store/desired-state.js';
import type { L2Gateway, RemoteGatewayConnection } from '../../../src/bgw/model/resources.js';

const own = { tenant_id: 'p', project_id: 'p' };
const gw = (id: string, ifaces: Array<[string, number[]]>): L2Gateway => ({ id, name: id, ...own, devices: [{ id: `${id}-d`, device_name: 'dev', interfaces: ifaces.map(([name, segmentation_id]) => ({ name, segmentation_id })) }] });
const conn = (id: string, gateway: string, remote: string, vni: number, extra: Partial<RemoteGatewayConnection> = {}): RemoteGatewayConnection => ({
  route_target: null,
  id,
  gateway,
  remote_gateway: remote,
  segmentation_id: vni,
  network_id: null,
  flood: true,
  status: 'BUILD',
  ...own,
  ...extra,
});
const empty: ResourceSnapshot = { gateways: [], gatewayConnections: [], remoteGateways: [], remoteConnections: [], macs: [] };

test('no remote connections: no segments (a gateway alone has no VNI)', () => {
  assert.deepEqual(computeDesiredState({ ...empty, gateways: [gw('g1', [['eth1', []]])] }), { segments: [] });
});

test('segments per (gateway, VNI), sorted; remotes and MACs attached with their VTEP', () => {
  const s = computeDesiredState({
    ...empty,
    gateways: [gw('g2', [['eth9', []]]), gw('g1', [['eth1', []], ['eth2', [100, 200]]])],
    remoteGateways: [
      { id: 'rA', name: 'A', ipaddr: '127.0.0.2', ...own },
      { id: 'rB', name: 'B', ipaddr: 'fd00::2', ...own },
    ],
    remoteConnections: [conn('c3', 'g2', 'rA', 10), conn('c2', 'g1', 'rB', 7000, { flood: false }), conn('c1', 'g1', 'rA', 7000), conn('c0', 'g1', 'rA', 10)],
    macs: [
      { id: 'm2', mac_address: '52:54:00:00:00:02', ip_address: null, connection_id: 'c2', status: 'BUILD', ...own },
      { id: 'm1', mac_address: '52:54:00:00:00:01', ip_address: '10.0.0.1', connection_id: 'c1', status: 'BUILD', ...own },
      { id: 'mx', mac_address: '52:54:00:00:00:03', ip_address: null, connection_id: 'gone', status: 'BUILD', ...own },
    ],
  });
  assert.deepEqual(
    s.segments.map((x) => [x.gatewayId, x.vni]),
    [
      ['g1', 10],
      ['g1', 7000],
      ['g2', 10],
    ],
  );
  const seg = s.segments[1]!;
  assert.deepEqual(seg.interfaces, [{ name: 'eth1' }, { name: 'eth2', vlan: 100 }], "an interface's first VLAN when no binding");
  assert.deepEqual(seg.remotes, [
    { connectionId: 'c1', remoteGatewayId: 'rA', vtep: '127.0.0.2', flood: true },
    { connectionId: 'c2', remoteGatewayId: 'rB', vtep: 'fd00::2', flood: false },
  ]);
  assert.deepEqual(seg.macs, [
    { id: 'm1', connectionId: 'c1', mac: '52:54:00:00:00:01', ip: '10.0.0.1', vtep: '127.0.0.2', origin: 'api' },
    { id: 'm2', connectionId: 'c2', mac: '52:54:00:00:00:02', vtep: 'fd00::2', origin: 'api' },
  ]);
  assert.deepEqual(s.segments[2]!.interfaces, [{ name: 'eth9' }]);
  assert.deepEqual(s.segments[0]!.macs, [], 'a MAC of an unknown connection is ignored');
});

test("a gateway connection bound by network_id sets every interface's VLAN", () => {
  const s = computeDesiredState({
    ...empty,
    gateways: [gw('g1', [['eth1', []], ['eth2', [300]]])],
    gatewayConnections: [
      { id: 'b1', l2_gateway_id: 'g1', network_id: 'net-a', segmentation_id: 42, ...own },
      { id: 'b2', l2_gateway_id: 'g1', network_id: 'net-b', segmentation_id: null, ...own },
    ],
    remoteGateways: [{ id: 'rA', name: 'A', ipaddr: '127.0.0.2', ...own }],
    remoteConnections: [conn('c1', 'g1', 'rA', 5000, { network_id: 'net-a' }), conn('c2', 'g1', 'rA', 5001, { network_id: 'net-b' })],
  });
  assert.deepEqual(s.segments[0]!.interfaces, [{ name: 'eth1', vlan: 42 }, { name: 'eth2', vlan: 42 }]);
  assert.deepEqual(s.segments[1]!.interfaces, [{ name: 'eth1' }, { name: 'eth2', vlan: 300 }], 'a binding without VLAN keeps interface VLANs');
});

test('a connection whose gateway or remote gateway is missing is skipped', () => {
  const s = computeDesiredState({ ...empty, gateways: [gw('g1', [])], remoteConnections: [conn('c1', 'g1', 'nope', 5), conn('c2', 'nope', 'nope', 6)] });
  assert.deepEqual(s, { segments: [] });
});
