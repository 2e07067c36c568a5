/**
 * bgp.BgpService of a real bambud (dist/src/bin/bambud.js, temp config, free loopback ports):
 * every implemented RPC succeeds on good input and answers the spec's status on bad input —
 * INVALID_ARGUMENT naming the field, NOT_FOUND, ALREADY_EXISTS — and the daemon keeps serving.
 * Peers are 127.0.0.x addresses nothing listens on; their sessions stay in Idle/Connect/Active.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rejectsWithStatus, startTestBambud, Status, type BgpTestClient, type TestBambud } from '../../helpers/grpc.js';

let d: TestBambud;
let c: BgpTestClient;

before(async () => {
  // One configured peer from the file: it must show up like an API-added one.
  d = await startTestBambud('peers:\n  - address: 127.0.0.3:17903\n    asn: 65003\n');
  c = d.client;
});
after(async () => {
  await d?.stop();
});

const NOT_UP = new Set([0, 1, 2]); // IDLE, CONNECT, ACTIVE

test('GetServerInfo reports the BGP listener actually bound', async () => {
  const info = await c.call('getServerInfo', {});
  assert.equal(info.listenAddr, '127.0.0.1');
  assert.equal(info.listenPort, d.bgpPort);
});

test('a peer from the config file is listed with bare address, port and ASN', async () => {
  const { peers } = await c.call('listPeers', {});
  const p = peers.find((x: { address: string }) => x.address === '127.0.0.3');
  assert.ok(p, JSON.stringify(peers));
  assert.equal(p.port, 17903);
  assert.equal(p.asn, 65003);
  assert.equal(p.configured, true);
  assert.ok(NOT_UP.has(p.state), `state ${p.state}`);
});

test('AddPeer / GetPeer / ListPeersStream / Disable / Enable / Reset / RemovePeer and their errors', async () => {
  assert.equal((await c.call('addPeer', { address: '127.0.0.5:17905', config: { asn: 65005, holdTimeSecs: 30 } })).success, true);
  await rejectsWithStatus(c.call('addPeer', { address: '127.0.0.5' }), Status.ALREADY_EXISTS, /127\.0\.0\.5/);
  await rejectsWithStatus(c.call('addPeer', { address: '127.0.0.6:abc' }), Status.INVALID_ARGUMENT, /^address: /);
  await rejectsWithStatus(c.call('addPeer', { address: '127.0.0.6', config: { holdTimeSecs: 1 } }), Status.INVALID_ARGUMENT, /^config\.hold_time_secs: /);

  const g = await c.call('getPeer', { address: '127.0.0.5:17905' });
  assert.equal(g.peer.address, '127.0.0.5');
  assert.equal(g.peer.port, 17905);
  assert.equal(g.peer.asn, 65005);
  assert.equal(typeof g.statistics.openSent, 'number');
  await rejectsWithStatus(c.call('getPeer', { address: '127.0.0.66' }), Status.NOT_FOUND, /127\.0\.0\.66/);
  await rejectsWithStatus(c.call('getPeer', { address: '' }), Status.INVALID_ARGUMENT, /^address: /);

  const streamed = await c.collect<{ address: string }>('listPeersStream', {});
  assert.deepEqual(streamed.map((p) => p.address).sort(), ['127.0.0.3', '127.0.0.5']);

  await c.call('disablePeer', { address: '127.0.0.5', shutdownMessage: 'maintenance' });
  assert.equal((await c.call('getPeer', { address: '127.0.0.5' })).peer.adminState, 1 /* DOWN */);
  await rejectsWithStatus(c.call('disablePeer', { address: '127.0.0.66' }), Status.NOT_FOUND);
  await rejectsWithStatus(c.call('disablePeer', { address: '127.0.0.5', shutdownMessage: 'x'.repeat(256) }), Status.INVALID_ARGUMENT, /^shutdown_message: /);
  await c.call('enablePeer', { address: '127.0.0.5:17905' });
  assert.equal((await c.call('getPeer', { address: '127.0.0.5' })).peer.adminState, 0 /* UP */);
  await rejectsWithStatus(c.call('enablePeer', { address: '127.0.0.66' }), Status.NOT_FOUND);

  await c.call('resetPeer', { address: '127.0.0.5', resetType: 3 /* HARD */ });
  await rejectsWithStatus(c.call('resetPeer', { address: '127.0.0.5', resetType: 0 /* SOFT_IN */ }), Status.FAILED_PRECONDITION);
  await rejectsWithStatus(c.call('resetPeer', { address: '127.0.0.5', resetType: 7 }), Status.INVALID_ARGUMENT, /^reset_type: /);
  await rejectsWithStatus(c.call('resetPeer', { address: '127.0.0.66', resetType: 3 }), Status.NOT_FOUND);

  assert.equal((await c.call('removePeer', { address: '127.0.0.5' })).success, true);
  await rejectsWithStatus(c.call('removePeer', { address: '127.0.0.5:17905' }), Status.NOT_FOUND);
  await rejectsWithStatus(c.call('removePeer', { address: 'x' }), Status.INVALID_ARGUMENT, /^address: /);
});

test('AddRoute / ListRoutes / RemoveRoute for IPv4 and IPv6, with every attribute, and their errors', async () => {
  const v4 = {
    prefix: '10.1.0.0/24',
    nextHop: '192.0.2.1',
    origin: 2,
    asPath: [{ segmentType: 1, asns: [65001, 4200000000] }, { segmentType: 0, asns: [65003, 65004] }],
    localPref: 250,
    med: 7,
    atomicAggregate: true,
    communities: [65001 * 65536 + 100, 0xffffff01],
    extendedCommunities: [{ community: { $case: 'twoOctetAs', value: { isTransitive: true, subType: 2, asn: 65001, localAdmin: 100 } } }],
    largeCommunities: [{ globalAdmin: 65001, localData1: 1, localData2: 100 }],
  };
  assert.equal((await c.call('addRoute', v4)).success, true);
  assert.equal((await c.call('addRoute', { prefix: '2001:db8:1::/48', nextHop: '2001:db8::1' })).success, true);

  const { routes } = await c.call('listRoutes', { ribType: 0 });
  const r4 = routes.find((r: { prefix: string }) => r.prefix === '10.1.0.0/24');
  assert.ok(r4, JSON.stringify(routes));
  const p = r4.paths[0];
  assert.deepEqual(
    { origin: p.origin, asPath: p.asPath, nextHop: p.nextHop, localPref: p.localPref, med: p.med, atomicAggregate: p.atomicAggregate, communities: p.communities, ext: p.extendedCommunities, large: p.largeCommunities, best: p.best },
    { origin: 2, asPath: v4.asPath, nextHop: '192.0.2.1', localPref: 250, med: 7, atomicAggregate: true, communities: v4.communities, ext: v4.extendedCommunities, large: v4.largeCommunities, best: true },
  );
  const r6 = routes.find((r: { prefix: string }) => r.prefix === '2001:db8:1::/48');
  assert.equal(r6?.paths[0].localPref, 100, 'LOCAL_PREF defaults to 100');

  const only6 = await c.call('listRoutes', { family: 'ipv6-unicast' });
  assert.deepEqual(only6.routes.map((r: { prefix: string }) => r.prefix), ['2001:db8:1::/48']);

  await rejectsWithStatus(c.call('addRoute', { ...v4, prefix: '10.1.0.1/24' }), Status.INVALID_ARGUMENT, /^prefix: /);
  await rejectsWithStatus(c.call('addRoute', { ...v4, nextHop: '2001:db8::1' }), Status.INVALID_ARGUMENT, /^next_hop: /);
  await rejectsWithStatus(c.call('addRoute', { ...v4, origin: 9 }), Status.INVALID_ARGUMENT, /^origin: /);
  await rejectsWithStatus(c.call('addRoute', { ...v4, asPath: [{ segmentType: 1, asns: [0] }] }), Status.INVALID_ARGUMENT, /^as_path\[0\]\.asns\[0\]: /);
  await rejectsWithStatus(
    c.call('addRoute', { ...v4, extendedCommunities: [{ community: { $case: 'twoOctetAs', value: { isTransitive: true, subType: 2, asn: 70000, localAdmin: 1 } } }] }),
    Status.INVALID_ARGUMENT,
    /^extended_communities\[0\]\.two_octet_as\.asn: /,
  );

  assert.equal((await c.call('removeRoute', { prefix: '10.1.0.0/24' })).success, true);
  assert.equal((await c.call('removeRoute', { prefix: '2001:db8:1::/48' })).success, true);
  await rejectsWithStatus(c.call('removeRoute', { prefix: '10.1.0.0/24' }), Status.NOT_FOUND, /10\.1\.0\.0\/24/);
  await rejectsWithStatus(c.call('removeRoute', { prefix: '10.1.0.0' }), Status.INVALID_ARGUMENT, /^prefix: /);
});

test('AddRouteStream adds 2000 routes as they arrive; ListRoutesStream returns them; GetServerInfo counts them', async () => {
  const before = (await c.call('getServerInfo', {})).numRoutes;
  const reqs = Array.from({ length: 2000 }, (_, i) => ({ prefix: `10.${100 + (i >> 8)}.${i & 255}.0/24`, nextHop: '192.0.2.1' }));
  reqs.push({ prefix: 'bad', nextHop: '192.0.2.1' });
  const r = await c.addRouteStream(reqs);
  assert.equal(r.count, 2000);
  assert.match(r.message, /1 rejected: #2000 prefix: /);
  assert.equal((await c.call('getServerInfo', {})).numRoutes, before + 2000);
  const streamed = await c.collect<{ prefix: string }>('listRoutesStream', { ribType: 0, family: 'ipv4-unicast' });
  const mine = new Set(streamed.map((x) => x.prefix).filter((p) => /^10\.10[0-7]\./.test(p)));
  assert.equal(mine.size, 2000);
  for (const q of reqs.slice(0, 2000)) await c.call('removeRoute', { prefix: q.prefix });
  assert.equal((await c.call('getServerInfo', {})).numRoutes, before);
});

test('ListRoutes ADJ_IN / ADJ_OUT need a known peer; a peer that never connected has empty RIBs', async () => {
  await rejectsWithStatus(c.call('listRoutes', { ribType: 1 }), Status.INVALID_ARGUMENT, /^peer_address: required/);
  await rejectsWithStatus(c.call('listRoutes', { ribType: 2 }), Status.INVALID_ARGUMENT, /^peer_address: required/);
  await rejectsWithStatus(c.call('listRoutes', { ribType: 1, peerAddress: '127.0.0.66' }), Status.NOT_FOUND);
  await rejectsWithStatus(c.collect('listRoutesStream', { ribType: 2, peerAddress: '127.0.0.66' }), Status.NOT_FOUND);
  await rejectsWithStatus(c.call('listRoutes', { ribType: 5 }), Status.INVALID_ARGUMENT, /^rib_type: /);
  await rejectsWithStatus(c.call('listRoutes', { family: 'ipv4-multicast' }), Status.INVALID_ARGUMENT, /^family: /);
  assert.deepEqual((await c.call('listRoutes', { ribType: 1, peerAddress: '127.0.0.3:17903' })).routes, []);
  assert.deepEqual((await c.call('listRoutes', { ribType: 2, peerAddress: '127.0.0.3' })).routes, []);
});

test('BMP servers: add, list, duplicate ALREADY_EXISTS, remove, unknown NOT_FOUND (nothing listens: the exporter keeps retrying)', async () => {
  assert.deepEqual((await c.call('listBmpServers', {})).addresses, []);
  await c.call('addBmpServer', { address: '127.0.0.1:9', statisticsTimeout: 60 });
  await rejectsWithStatus(c.call('addBmpServer', { address: '127.0.0.1:9' }), Status.ALREADY_EXISTS);
  await rejectsWithStatus(c.call('addBmpServer', { address: '127.0.0.1' }), Status.INVALID_ARGUMENT, /^address: /);
  assert.deepEqual((await c.call('listBmpServers', {})).addresses, ['127.0.0.1:9']);
  await c.call('removeBmpServer', { address: '127.0.0.1:9' });
  await rejectsWithStatus(c.call('removeBmpServer', { address: '127.0.0.1:9' }), Status.NOT_FOUND);
  assert.deepEqual((await c.call('listBmpServers', {})).addresses, []);
});

test('policy RPCs: a set, a policy, an assignment shown in ListPeers import_policies', async () => {
  await c.call('addDefinedSet', { set: { setType: 'neighbor-set', name: 'n1', config: { $case: 'neighborSet', value: { addresses: ['127.0.0.0/8'] } } }, replace: true });
  await c.call('addPolicy', { name: 'deny-lo', statements: [{ conditions: { matchNeighborSet: { setName: 'n1', matchOption: 'any' } }, actions: { reject: true, addCommunities: [], removeCommunities: [] } }] });
  await c.call('setPolicyAssignment', { peerAddress: '127.0.0.3:17903', direction: 'export', policyNames: ['deny-lo'] });
  const { peers } = await c.call('listPeers', {});
  assert.deepEqual(peers.find((p: { address: string }) => p.address === '127.0.0.3').exportPolicies, ['deny-lo']);
  await rejectsWithStatus(c.call('removeDefinedSet', { setType: 'neighbor-set', name: 'n1' }), Status.FAILED_PRECONDITION);
});
