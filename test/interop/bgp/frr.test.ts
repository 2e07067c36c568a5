/**
 * Interop with a real FRR bgpd (issue 2, Done-when 2): bambud (the daemon, driven over gRPC) peers
 * with two FRR instances on distinct 127.x addresses — FRR-E over eBGP (AS 65001) and FRR-I over
 * iBGP (AS 65000) — and exchanges IPv4 and IPv6 unicast routes both ways.
 *
 * FRR rejects a NEXT_HOP in 127/8 (test-environment.md): FRR announces its routes with next hops
 * from 192.0.2.0/24 / 2001:db8::/32 (outbound route-map), and bambud uses next_hop_self 192.0.2.100
 * towards FRR-E for routes it passes on.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Frr } from '../../helpers/frr.js';
import { freePort } from '../../helpers/grpc.js';
import { waitFor } from '../../helpers/wait.js';
import { AS_SEQUENCE, RIB, STATE_ESTABLISHED, community, listRoutes, loopbackAddresses, peerState, startBambud, type InteropBambud } from './bambud.js';

const [US, FRR_E, FRR_I] = loopbackAddresses(1, 3) as [string, string, string];
let bambud: InteropBambud;
let frrE: Frr;
let frrI: Frr;

function frrConfig(o: { name: string; asn: number; routerId: string; self: string; port: number; v4: string; v6: string; nh4: string; nh6: string; origSets: string[] }): string {
  return `frr defaults traditional
hostname ${o.name}
log stdout informational
router bgp ${o.asn}
 bgp router-id ${o.routerId}
 bgp log-neighbor-changes
 no bgp ebgp-requires-policy
 no bgp network import-check
 neighbor ${US} remote-as 65000
 neighbor ${US} port ${o.port}
 neighbor ${US} update-source ${o.self}
 neighbor ${US} timers connect 2
 address-family ipv4 unicast
  network ${o.v4} route-map ORIG
  neighbor ${US} route-map NH out
 exit-address-family
 address-family ipv6 unicast
  network ${o.v6} route-map ORIG
  neighbor ${US} activate
  neighbor ${US} route-map NH out
 exit-address-family
!
route-map ORIG permit 10
${o.origSets.map((s) => ` ${s}`).join('\n')}
!
route-map NH permit 10
 set ip next-hop ${o.nh4}
 set ipv6 next-hop global ${o.nh6}
!
`;
}

before(async () => {
  const [p0, p1, p2] = [await freePort(), await freePort(), await freePort()];
  frrE = await Frr.start(
    frrConfig({
      name: 'frr-e', asn: 65001, routerId: '10.0.1.2', self: FRR_E, port: p0, v4: '10.11.0.0/16', v6: '2001:db8:11::/48', nh4: '192.0.2.11', nh6: '2001:db8::11',
      origSets: ['set community 65001:100 65001:200', 'set large-community 65001:1:2', 'set extcommunity rt 65001:5', 'set metric 50'],
    }),
    FRR_E,
    p1,
  );
  frrI = await Frr.start(
    frrConfig({
      name: 'frr-i', asn: 65000, routerId: '10.0.1.3', self: FRR_I, port: p0, v4: '10.12.0.0/16', v6: '2001:db8:12::/48', nh4: '192.0.2.12', nh6: '2001:db8::12',
      origSets: ['set local-preference 200', 'set community 65000:300'],
    }),
    FRR_I,
    p2,
  );
  bambud = await startBambud(`asn: 65000
router_id: 10.0.1.1
listen_addr: ${US}:${p0}
log_level: info
hold_time_secs: 30
connect_retry_secs: 2
peers:
  - address: ${FRR_E}:${p1}
    asn: 65001
    local_address: ${US}
    next_hop_self: 192.0.2.100
  - address: ${FRR_I}:${p2}
    asn: 65000
    local_address: ${US}
`);
  await waitFor('both sessions Established (bambud and FRR)', async () =>
    (await peerState(bambud.client, FRR_E)) === STATE_ESTABLISHED &&
    (await peerState(bambud.client, FRR_I)) === STATE_ESTABLISHED &&
    frrE.neighborState(US) === 'Established' &&
    frrI.neighborState(US) === 'Established', 60_000);
});

after(async () => {
  const failed = process.exitCode;
  if (failed && bambud) process.stderr.write(`--- bambud output ---\n${bambud.daemon.output()}\n`);
  if (failed && frrE) process.stderr.write(`--- FRR-E output ---\n${frrE.output()}\n`);
  await bambud?.stop();
  await frrE?.stop();
  await frrI?.stop();
});

test('eBGP: routes FRR originates appear in ADJ_IN and GLOBAL with their attributes and communities', async () => {
  const adjIn = await waitFor('FRR-E routes in ADJ_IN', async () => {
    const r = await listRoutes(bambud.client, RIB.ADJ_IN, FRR_E);
    return r.has('10.11.0.0/16') && r.has('2001:db8:11::/48') ? r : undefined;
  });
  for (const prefix of ['10.11.0.0/16', '2001:db8:11::/48']) {
    const p = adjIn.get(prefix)![0];
    assert.deepEqual(p.asPath, [{ segmentType: AS_SEQUENCE, asns: [65001] }], prefix);
    assert.equal(p.origin, 0, `${prefix} ORIGIN IGP`);
    assert.equal(p.med, 50);
    assert.equal(p.peerAddress, FRR_E);
    assert.deepEqual(p.communities, [community('65001:100'), community('65001:200')]);
    assert.deepEqual(p.largeCommunities, [{ globalAdmin: 65001, localData1: 1, localData2: 2 }]);
    assert.deepEqual(p.extendedCommunities, [{ community: { $case: 'twoOctetAs', value: { isTransitive: true, subType: 2, asn: 65001, localAdmin: 5 } } }]);
  }
  assert.equal(adjIn.get('10.11.0.0/16')![0].nextHop, '192.0.2.11');
  assert.equal(adjIn.get('2001:db8:11::/48')![0].nextHop, '2001:db8::11');
  const global = await listRoutes(bambud.client, RIB.GLOBAL);
  assert.equal(global.get('10.11.0.0/16')![0].peerAddress, FRR_E);
  assert.deepEqual(global.get('2001:db8:11::/48')![0].communities, [community('65001:100'), community('65001:200')]);
});

test('iBGP: routes FRR originates arrive with LOCAL_PREF and an empty AS_PATH', async () => {
  const global = await waitFor('FRR-I routes in GLOBAL', async () => {
    const r = await listRoutes(bambud.client, RIB.GLOBAL);
    return r.has('10.12.0.0/16') && r.has('2001:db8:12::/48') ? r : undefined;
  });
  for (const prefix of ['10.12.0.0/16', '2001:db8:12::/48']) {
    const p = global.get(prefix)![0];
    assert.equal(p.peerAddress, FRR_I);
    assert.equal(p.localPref, 200);
    assert.deepEqual(p.asPath, []);
    assert.deepEqual(p.communities, [community('65000:300')]);
  }
  assert.equal(global.get('2001:db8:12::/48')![0].nextHop, '2001:db8::12');
});

test('transit: eBGP-learned routes reach the iBGP peer unchanged, iBGP-learned ones reach the eBGP peer with our AS', async () => {
  const atI = await waitFor('FRR-E route at FRR-I', () => frrI.routes('ipv4')['10.11.0.0/16']);
  assert.equal(atI[0].path, '65001');
  assert.equal(atI[0].nexthops[0].ip, '192.0.2.11');
  const atE = await waitFor('FRR-I route at FRR-E', () => frrE.routes('ipv4')['10.12.0.0/16']);
  assert.equal(atE[0].path, '65000');
  assert.equal(atE[0].nexthops[0].ip, '192.0.2.100', 'next_hop_self towards the eBGP peer');
  const v6AtE = await waitFor('FRR-I IPv6 route at FRR-E', () => frrE.routes('ipv6')['2001:db8:12::/48']);
  assert.equal(v6AtE[0].path, '65000');
});

test('AddRoute / AddRouteStream routes appear in FRR (IPv4 and IPv6, eBGP and iBGP); RemoveRoute withdraws them', async () => {
  const c = bambud.client;
  await c.call('addRoute', { prefix: '10.50.0.0/16', nextHop: '192.0.2.50', communities: [community('65000:7')], med: 9 });
  const res = await c.addRouteStream([
    { prefix: '10.51.0.0/16', nextHop: '192.0.2.51' },
    { prefix: '2001:db8:50::/48', nextHop: '2001:db8::50', communities: [community('65000:8')] },
  ]);
  assert.equal(Number(res.count), 2);

  const e4 = await waitFor('AddRoute routes at FRR-E', () => {
    const r = frrE.routes('ipv4');
    return r['10.50.0.0/16'] && r['10.51.0.0/16'] ? r : undefined;
  });
  assert.equal(e4['10.50.0.0/16']![0].path, '65000');
  assert.equal(e4['10.50.0.0/16']![0].metric, 9);
  const e4detail = frrE.json(`show bgp ipv4 unicast 10.50.0.0/16 json`);
  assert.equal(e4detail.paths[0].community.string, '65000:7');
  const e6 = await waitFor('AddRouteStream IPv6 route at FRR-E', () => frrE.routes('ipv6')['2001:db8:50::/48']);
  assert.equal(e6[0].path, '65000');

  const i4 = await waitFor('AddRoute route at FRR-I', () => frrI.routes('ipv4')['10.50.0.0/16']);
  assert.equal(i4[0].path, '');
  assert.equal(i4[0].nexthops[0].ip, '192.0.2.50', 'iBGP keeps the next hop given to AddRoute');
  assert.equal(i4[0].locPrf, 100);
  const i6 = await waitFor('AddRouteStream IPv6 route at FRR-I', () => frrI.routes('ipv6')['2001:db8:50::/48']);
  assert.equal(i6[0].nexthops[0].ip, '2001:db8::50');

  await c.call('removeRoute', { prefix: '10.50.0.0/16' });
  await c.call('removeRoute', { prefix: '2001:db8:50::/48' });
  await waitFor('withdrawn at FRR-E and FRR-I', () =>
    !frrE.routes('ipv4')['10.50.0.0/16'] && !frrI.routes('ipv4')['10.50.0.0/16'] && !frrE.routes('ipv6')['2001:db8:50::/48'] && !frrI.routes('ipv6')['2001:db8:50::/48']);
  assert.ok(frrE.routes('ipv4')['10.51.0.0/16'], 'the other route stays');
});

test('ResetPeer SOFT_IN sends ROUTE-REFRESH and FRR re-sends its routes', async () => {
  const stats = () => frrE.json(`show bgp neighbors ${US} json`)[US].messageStats;
  const before = stats();
  const ours = (await bambud.client.call('getPeer', { address: FRR_E })).statistics;
  await bambud.client.call('resetPeer', { address: FRR_E, resetType: 0 });
  await waitFor('FRR counted the ROUTE-REFRESH', () => stats().routeRefreshRecv > before.routeRefreshRecv);
  await waitFor('FRR re-sent UPDATEs', async () => {
    const now = (await bambud.client.call('getPeer', { address: FRR_E })).statistics;
    return Number(now.updateReceived) > Number(ours.updateReceived);
  });
  assert.ok(stats().updatesSent > before.updatesSent);
});

test('DisablePeer: FRR logs and shows the administrative shutdown with its message; EnablePeer re-establishes', async () => {
  await bambud.client.call('disablePeer', { address: FRR_E, shutdownMessage: 'maintenance window' });
  const n = await waitFor('FRR saw the CEASE', () => {
    const j = frrE.json(`show bgp neighbors ${US} json`)[US];
    return j.lastNotificationReason ? j : undefined;
  });
  assert.equal(n.lastNotificationReason, 'Cease/Administrative Shutdown');
  assert.equal(n.lastErrorCodeSubcode, '0602');
  assert.equal(n.lastShutdownDescription, 'maintenance window');
  // FRR's log line: %NOTIFICATION: received from neighbor … 6/2 (Cease/Administrative Shutdown) "maintenance window"
  const logged = await waitFor('FRR logged the shutdown', () => frrE.output().split('\n').find((l) => l.includes('%NOTIFICATION: received')));
  assert.match(logged, /6\/2 \(Cease\/Administrative Shutdown\) "maintenance window"/);
  assert.notEqual(n.bgpState, 'Established');
  const peer = (await bambud.client.call('getPeer', { address: FRR_E })).peer;
  assert.equal(peer.adminState, 1, 'AdminState DOWN');
  await waitFor('FRR dropped our routes', () => !frrE.routes('ipv4')['10.51.0.0/16']);
  await waitFor('FRR-E routes withdrawn from the iBGP peer too', () => !frrI.routes('ipv4')['10.11.0.0/16'] && !frrI.routes('ipv6')['2001:db8:11::/48']);

  await bambud.client.call('enablePeer', { address: FRR_E });
  await waitFor('re-established', async () => (await peerState(bambud.client, FRR_E)) === STATE_ESTABLISHED && frrE.neighborState(US) === 'Established', 60_000);
  await waitFor('routes back at FRR-E', () => frrE.routes('ipv4')['10.51.0.0/16']);
  await waitFor('FRR-E routes back at FRR-I', () => frrI.routes('ipv4')['10.11.0.0/16']);
});
