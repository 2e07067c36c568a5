/**
 * Two bambuds peering over loopback (127.0.0.21 ⇄ 127.0.0.22, eBGP 65021/65022), driven only
 * through bgp.BgpService: the session reaches Established; AddRoute on one side shows up in the
 * other's ADJ_IN and GLOBAL with peer_address = bare IP, AS path prepended, attributes and
 * communities intact; ADJ_OUT shows what was sent; RemoveRoute withdraws; AddRouteStream routes
 * arrive; DisablePeer's RFC 8203 message reaches the other side; EnablePeer brings it back.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort, startTestBambud, type TestBambud } from '../../helpers/grpc.js';
import { waitFor } from '../../helpers/wait.js';

const A_IP = '127.0.0.21';
const B_IP = '127.0.0.22';
let a: TestBambud;
let b: TestBambud;

before(async () => {
  const aPort = await freePort();
  const bPort = await freePort();
  a = await startTestBambud(`peers:\n  - address: ${B_IP}:${bPort}\n    asn: 65022\n    local_address: ${A_IP}\n`, { asn: 65021, routerId: '10.255.0.21', listenIp: A_IP, bgpPort: aPort });
  b = await startTestBambud(`peers:\n  - address: ${A_IP}:${aPort}\n    asn: 65021\n    local_address: ${B_IP}\n`, { asn: 65022, routerId: '10.255.0.22', listenIp: B_IP, bgpPort: bPort });
});
after(async () => {
  await a?.stop();
  await b?.stop();
});

const ESTABLISHED = 5;

async function established(d: TestBambud, peer: string): Promise<void> {
  await waitFor(`${peer} Established`, async () => (await d.client.call('getPeer', { address: peer })).peer.state === ESTABLISHED, 30_000);
}

async function adjIn(d: TestBambud, peer: string): Promise<Array<{ prefix: string; paths: any[] }>> {
  return (await d.client.call('listRoutes', { ribType: 1, peerAddress: peer })).routes;
}

test('session Established both ways; peer router ids learned', async () => {
  await established(a, B_IP);
  await established(b, A_IP);
  assert.equal((await a.client.call('getPeer', { address: B_IP })).peer.routerId, '10.255.0.22');
  const stats = (await b.client.call('getPeer', { address: A_IP })).statistics;
  assert.ok(stats.openReceived >= 1 && stats.keepaliveReceived >= 1, JSON.stringify(stats));
});

test('AddRoute on A appears in B (ADJ_IN, GLOBAL) with attributes; A ADJ_OUT shows it; RemoveRoute withdraws', async () => {
  await established(a, B_IP);
  await a.client.call('addRoute', {
    prefix: '10.21.0.0/24',
    nextHop: '192.0.2.21',
    med: 5,
    asPath: [{ segmentType: 1, asns: [64512] }],
    communities: [65021 * 65536 + 7],
    largeCommunities: [{ globalAdmin: 65021, localData1: 1, localData2: 2 }],
    extendedCommunities: [{ community: { $case: 'twoOctetAs', value: { isTransitive: true, subType: 2, asn: 65021, localAdmin: 100 } } }],
  });
  await a.client.call('addRoute', { prefix: '2001:db8:21::/48', nextHop: '2001:db8::21' });
  const routes = await waitFor('routes in B Adj-RIB-In', async () => {
    const r = await adjIn(b, A_IP);
    return r.length >= 2 ? r : undefined;
  });
  const v4 = routes.find((r) => r.prefix === '10.21.0.0/24')!;
  const p = v4.paths[0];
  assert.equal(p.peerAddress, A_IP);
  assert.deepEqual(p.asPath, [{ segmentType: 1, asns: [65021, 64512] }], 'eBGP prepends the sender AS (RFC 4271 §5.1.2)');
  assert.equal(p.med, 5);
  assert.deepEqual(p.communities, [65021 * 65536 + 7]);
  assert.deepEqual(p.largeCommunities, [{ globalAdmin: 65021, localData1: 1, localData2: 2 }]);
  assert.equal(p.extendedCommunities[0].community.value.localAdmin, 100);
  assert.ok(routes.some((r) => r.prefix === '2001:db8:21::/48'), 'IPv6 unicast too');

  const global = (await b.client.call('listRoutes', { ribType: 0, peerAddress: A_IP })).routes;
  assert.ok(global.some((r: { prefix: string; paths: { best: boolean }[] }) => r.prefix === '10.21.0.0/24' && r.paths[0]!.best));
  const out = (await a.client.call('listRoutes', { ribType: 2, peerAddress: `${B_IP}` })).routes;
  assert.ok(out.some((r: { prefix: string }) => r.prefix === '10.21.0.0/24'), JSON.stringify(out));

  await a.client.call('removeRoute', { prefix: '10.21.0.0/24' });
  await waitFor('withdrawal in B', async () => !(await adjIn(b, A_IP)).some((r) => r.prefix === '10.21.0.0/24'));
  await a.client.call('removeRoute', { prefix: '2001:db8:21::/48' });
});

test('AddRouteStream routes on B arrive at A', async () => {
  await established(b, A_IP);
  const reqs = Array.from({ length: 500 }, (_, i) => ({ prefix: `10.22.${i >> 8}.${i & 255}/32`, nextHop: '192.0.2.22' }));
  assert.equal((await b.client.addRouteStream(reqs)).count, 500);
  await waitFor('500 routes at A', async () => (await adjIn(a, B_IP)).filter((r) => r.prefix.startsWith('10.22.')).length === 500);
  for (const r of reqs) await b.client.call('removeRoute', { prefix: r.prefix });
  await waitFor('withdrawn at A', async () => (await adjIn(a, B_IP)).filter((r) => r.prefix.startsWith('10.22.')).length === 0);
});

test('DisablePeer sends the shutdown communication; EnablePeer re-establishes', async () => {
  await established(a, B_IP);
  await a.client.call('disablePeer', { address: B_IP, shutdownMessage: 'bambu test maintenance' });
  await waitFor('B to see the shutdown', async () => {
    const p = (await b.client.call('getPeer', { address: A_IP })).peer;
    return p.state !== ESTABLISHED && /Administrative Shutdown.*bambu test maintenance/.test(p.lastError);
  });
  assert.equal((await a.client.call('getPeer', { address: B_IP })).peer.adminState, 1);
  await a.client.call('enablePeer', { address: B_IP });
  await established(a, B_IP);
  await established(b, A_IP);
});
