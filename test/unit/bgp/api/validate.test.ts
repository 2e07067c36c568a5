/**
 * The gRPC edge checks every request field and names it: each case feeds one bad field to a
 * handler (bound to a fake instance) and expects INVALID_ARGUMENT whose message starts with the
 * field's proto path — and that nothing reached the instance.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddPeerRequest,
  AddRouteRequest,
  DisablePeerRequest,
  ListRoutesRequest,
  RemoveRouteRequest,
  ResetPeerRequest,
  GetPeerRequest,
  type Origin,
  type AsPathSegmentType,
} from '../../../../src/gen/bgp.js';
import { peerHandlers } from '../../../../src/bgp/api/handlers/peers.js';
import { routeHandlers } from '../../../../src/bgp/api/handlers/routes.js';
import { BambuError } from '../../../../src/lib/errors.js';
import { FakeInstance } from './fake-instance.js';

async function invalid(fn: () => unknown, field: string): Promise<string> {
  try {
    await fn();
  } catch (e) {
    assert.ok(e instanceof BambuError, `expected BambuError, got ${String(e)}`);
    assert.equal(e.code, 'INVALID_ARGUMENT', e.message);
    assert.ok(e.message.startsWith(`${field}: `), `message "${e.message}" should start with "${field}: "`);
    return e.message;
  }
  assert.fail(`expected INVALID_ARGUMENT for ${field}`);
}

const goodRoute = { prefix: '10.0.0.0/24', nextHop: '192.0.2.1' };

const addRouteCases: Array<[string, Partial<AddRouteRequest> & object]> = [
  ['prefix', { prefix: '' }],
  ['prefix', { prefix: '10.0.0.0' }],
  ['prefix', { prefix: '10.0.0.1/24' }],
  ['prefix', { prefix: '10.0.0.0/33' }],
  ['prefix', { prefix: '2001:db8::1/32' }],
  ['prefix', { prefix: 'banana/8' }],
  ['next_hop', { nextHop: '' }],
  ['next_hop', { nextHop: 'not-an-ip' }],
  ['next_hop', { nextHop: '2001:db8::1' }],
  ['next_hop', { nextHop: '0.0.0.0' }],
  ['next_hop', { prefix: '2001:db8::/32', nextHop: '192.0.2.1' }],
  ['origin', { origin: 3 as Origin }],
  ['as_path[0].segment_type', { asPath: [{ segmentType: 7 as AsPathSegmentType, asns: [65001] }] }],
  ['as_path[0].asns', { asPath: [{ segmentType: 1, asns: [] }] }],
  ['as_path[0].asns', { asPath: [{ segmentType: 1, asns: Array.from({ length: 256 }, () => 65001) }] }],
  ['as_path[1].asns[1]', { asPath: [{ segmentType: 1, asns: [65001] }, { segmentType: 0, asns: [65002, 0] }] }],
  ['extended_communities[0]', { extendedCommunities: [{ community: undefined }] }],
  ['extended_communities[0].two_octet_as.asn', { extendedCommunities: [{ community: { $case: 'twoOctetAs', value: { isTransitive: true, subType: 2, asn: 65536, localAdmin: 1 } } }] }],
  ['extended_communities[0].two_octet_as.sub_type', { extendedCommunities: [{ community: { $case: 'twoOctetAs', value: { isTransitive: true, subType: 256, asn: 1, localAdmin: 1 } } }] }],
  ['extended_communities[0].ipv4_address.address', { extendedCommunities: [{ community: { $case: 'ipv4Address', value: { isTransitive: true, subType: 2, address: '2001:db8::1', localAdmin: 1 } } }] }],
  ['extended_communities[0].ipv4_address.local_admin', { extendedCommunities: [{ community: { $case: 'ipv4Address', value: { isTransitive: true, subType: 2, address: '192.0.2.1', localAdmin: 65536 } } }] }],
  ['extended_communities[0].four_octet_as.local_admin', { extendedCommunities: [{ community: { $case: 'fourOctetAs', value: { isTransitive: true, subType: 2, asn: 4200000000, localAdmin: 70000 } } }] }],
  ['extended_communities[0].link_bandwidth.asn', { extendedCommunities: [{ community: { $case: 'linkBandwidth', value: { isTransitive: false, asn: 70000, bandwidth: 1e6 } } }] }],
  ['extended_communities[0].link_bandwidth.bandwidth', { extendedCommunities: [{ community: { $case: 'linkBandwidth', value: { isTransitive: false, asn: 1, bandwidth: -1 } } }] }],
  ['extended_communities[0].encapsulation.tunnel_type', { extendedCommunities: [{ community: { $case: 'encapsulation', value: { isTransitive: true, tunnelType: 65536 } } }] }],
  ['extended_communities[0].router_mac.mac_address', { extendedCommunities: [{ community: { $case: 'routerMac', value: { isTransitive: true, macAddress: Buffer.alloc(5) } } }] }],
  ['extended_communities[0].opaque.value', { extendedCommunities: [{ community: { $case: 'opaque', value: { isTransitive: true, value: Buffer.alloc(7) } } }] }],
  ['extended_communities[0].unknown.value', { extendedCommunities: [{ community: { $case: 'unknown', value: { typeCode: 0x80, value: Buffer.alloc(6) } } }] }],
  ['extended_communities[0].unknown.type_code', { extendedCommunities: [{ community: { $case: 'unknown', value: { typeCode: 256, value: Buffer.alloc(7) } } }] }],
];

for (const [field, patch] of addRouteCases) {
  test(`AddRoute: bad ${field} (${JSON.stringify(patch).slice(0, 80)}) is INVALID_ARGUMENT naming it`, async () => {
    const bgp = new FakeInstance();
    await invalid(() => routeHandlers(bgp).onAddRoute(AddRouteRequest.fromPartial({ ...goodRoute, ...patch })), field);
    assert.equal(bgp.routes.size, 0, 'nothing reached the instance');
  });
}

test('AddRoute: values a uint32 field cannot hold are caught even without the wire (in-process callers)', async () => {
  const h = routeHandlers(new FakeInstance());
  await invalid(() => h.onAddRoute({ ...AddRouteRequest.fromPartial(goodRoute), localPref: 2 ** 32 }), 'local_pref');
  await invalid(() => h.onAddRoute({ ...AddRouteRequest.fromPartial(goodRoute), med: -1 }), 'med');
  await invalid(() => h.onAddRoute({ ...AddRouteRequest.fromPartial(goodRoute), communities: [1, 2 ** 32] }), 'communities[1]');
  await invalid(
    () => h.onAddRoute({ ...AddRouteRequest.fromPartial(goodRoute), largeCommunities: [{ globalAdmin: 1, localData1: 1.5, localData2: 0 }] }),
    'large_communities[0].local_data_1',
  );
});

test('AddPeer: address and every SessionConfig field are checked and named', async () => {
  const h = peerHandlers(new FakeInstance());
  const add = (p: object) => () => h.onAddPeer(AddPeerRequest.fromPartial(p));
  await invalid(add({ address: '' }), 'address');
  await invalid(add({ address: '192.168.1.2:' }), 'address');
  await invalid(add({ address: '127.0.0.2:70000' }), 'address');
  await invalid(add({ address: '127.0.0.2:0' }), 'address');
  await invalid(add({ address: 'peer.example:179' }), 'address');
  await invalid(add({ address: '2001:db8::1:179:x' }), 'address');
  await invalid(add({ address: '127.0.0.2', config: { holdTimeSecs: 2 } }), 'config.hold_time_secs');
  await invalid(add({ address: '127.0.0.2', config: { holdTimeSecs: 65536 } }), 'config.hold_time_secs');
  await invalid(add({ address: '127.0.0.2', config: { asn: 0 } }), 'config.asn');
  await invalid(add({ address: '127.0.0.2', config: { localAddress: 'eth0' } }), 'config.local_address');
  await invalid(add({ address: '127.0.0.2', config: { nextHopSelf: '1.2.3' } }), 'config.next_hop_self');
  await invalid(add({ address: '127.0.0.2', config: { addressFamilies: ['ipv4-unicast', 'ipv4-multicast'] } }), 'config.address_families[1]');
  await invalid(add({ address: '127.0.0.2', config: { maxPrefix: { limit: 10, action: 5 } } }), 'config.max_prefix.action');
  await invalid(add({ address: '127.0.0.2', config: { connectRetrySecs: 0 } }), 'config.connect_retry_secs');
  await invalid(add({ address: '127.0.0.2', config: { idleHoldTimeSecs: 1e6 } }), 'config.idle_hold_time_secs');
  await invalid(add({ address: '127.0.0.2', config: { delayOpenTimeSecs: 1e6 } }), 'config.delay_open_time_secs');
  await invalid(add({ address: '127.0.0.2', config: { minRouteAdvertisementIntervalSecs: 1e6 } }), 'config.min_route_advertisement_interval_secs');
});

test('AddPeer: "IP:PORT", bare IP (port 179) and [IPv6]:PORT reach the instance as bare IP + port; settings converted', () => {
  const bgp = new FakeInstance();
  const h = peerHandlers(bgp);
  h.onAddPeer(AddPeerRequest.fromPartial({ address: '127.0.0.2:17900', config: { asn: 65001, holdTimeSecs: 9, passiveMode: true, maxPrefix: { limit: 5, action: 1 } } }));
  h.onAddPeer(AddPeerRequest.fromPartial({ address: '127.0.0.3' }));
  h.onAddPeer(AddPeerRequest.fromPartial({ address: '[::1]:1790' }));
  h.onAddPeer(AddPeerRequest.fromPartial({ address: '2001:DB8:0::2' }));
  assert.deepEqual(bgp.calls, [
    ['addPeer', '127.0.0.2', 17900, { asn: 65001, holdTimeSecs: 9, passiveMode: true, maxPrefix: { limit: 5, action: 'discard' } }],
    ['addPeer', '127.0.0.3', 179, {}],
    ['addPeer', '::1', 1790, {}],
    ['addPeer', '2001:db8::2', 179, {}],
  ]);
});

test('peer references: bare IP and IP:PORT find the same peer; bad ones name "address"', async () => {
  const bgp = new FakeInstance();
  const h = peerHandlers(bgp);
  h.onAddPeer(AddPeerRequest.fromPartial({ address: '127.0.0.2:17900' }));
  assert.equal(h.onGetPeer(GetPeerRequest.fromPartial({ address: '127.0.0.2' })).peer?.port, 17900);
  assert.equal(h.onGetPeer(GetPeerRequest.fromPartial({ address: '127.0.0.2:179' })).peer?.address, '127.0.0.2');
  await invalid(() => h.onGetPeer(GetPeerRequest.fromPartial({ address: 'nope' })), 'address');
  await invalid(() => h.onRemovePeer({ address: '' }), 'address');
  await invalid(() => h.onEnablePeer({ address: '1.2.3.4.5' }), 'address');
});

test('DisablePeer: shutdown_message over 255 octets is rejected; a valid one is passed on', async () => {
  const bgp = new FakeInstance();
  const h = peerHandlers(bgp);
  h.onAddPeer(AddPeerRequest.fromPartial({ address: '127.0.0.2' }));
  await invalid(() => h.onDisablePeer(DisablePeerRequest.fromPartial({ address: '127.0.0.2', shutdownMessage: 'é'.repeat(128) })), 'shutdown_message');
  await h.onDisablePeer(DisablePeerRequest.fromPartial({ address: '127.0.0.2', shutdownMessage: 'maintenance, back at 10:00' }));
  assert.deepEqual(bgp.calls.at(-1), ['disablePeer', '127.0.0.2', 'maintenance, back at 10:00']);
});

test('ResetPeer: reset_type, afi and safi are checked; pairs map to families', async () => {
  const bgp = new FakeInstance();
  const h = peerHandlers(bgp);
  h.onAddPeer(AddPeerRequest.fromPartial({ address: '127.0.0.2' }));
  const reset = (p: object) => h.onResetPeer(ResetPeerRequest.fromPartial({ address: '127.0.0.2', ...p }));
  await invalid(() => reset({ resetType: 4 }), 'reset_type');
  await invalid(() => reset({ afi: 9 }), 'afi');
  await invalid(() => reset({ safi: 0 }), 'afi');
  await invalid(() => reset({ afi: 0, safi: 1 }), 'safi');
  await reset({ resetType: 0 });
  await reset({ resetType: 1, afi: 1 });
  await reset({ resetType: 3, afi: 2, safi: 1 });
  assert.deepEqual(bgp.calls.slice(1), [
    ['resetPeer', '127.0.0.2', 'soft-in', undefined],
    ['resetPeer', '127.0.0.2', 'soft-out', 'ipv6-unicast'],
    ['resetPeer', '127.0.0.2', 'hard', 'l2vpn-evpn'],
  ]);
});

test('ListRoutes: rib_type in range, peer_address required for ADJ_IN/ADJ_OUT, family known', async () => {
  const h = routeHandlers(new FakeInstance());
  const list = (p: object) => () => h.onListRoutes(ListRoutesRequest.fromPartial(p));
  await invalid(list({ ribType: 3 }), 'rib_type');
  const m = await invalid(list({ ribType: 1 }), 'peer_address');
  assert.match(m, /ADJ_IN/);
  await invalid(list({ ribType: 2 }), 'peer_address');
  await invalid(list({ ribType: 1, peerAddress: 'x' }), 'peer_address');
  await invalid(list({ family: 'ipv4-flowspec' }), 'family');
});

test('RemoveRoute: prefix is checked', async () => {
  const h = routeHandlers(new FakeInstance());
  await invalid(() => h.onRemoveRoute(RemoveRouteRequest.fromPartial({ prefix: '10.0.0.1/24' })), 'prefix');
  await invalid(() => h.onRemoveRoute(RemoveRouteRequest.fromPartial({})), 'prefix');
});
