/**
 * Interop with a real BIRD 2 (issue 2, Done-when 3): the same session test as frr.test.ts —
 * bambud (driven over gRPC) peers with BIRD-E over eBGP (AS 65002) and BIRD-I over iBGP
 * (AS 65000) on distinct 127.x addresses and exchanges IPv4 and IPv6 unicast routes both ways.
 *
 * BIRD refuses single-hop eBGP on `lo` (test-environment.md): both sessions use `multihop`, with
 * next hops from 192.0.2.0/24 / 2001:db8::/32 resolved through blackhole statics in BIRD's tables.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Bird } from '../../helpers/bird.js';
import { freePort } from '../../helpers/grpc.js';
import { waitFor } from '../../helpers/wait.js';
import { AS_SEQUENCE, RIB, STATE_ESTABLISHED, community, listRoutes, loopbackAddresses, peerState, startBambud, type InteropBambud } from './bambud.js';

const [US, BIRD_E, BIRD_I] = loopbackAddresses(2, 3) as [string, string, string];
let bambud: InteropBambud;
let birdE: Bird;
let birdI: Bird;

function birdConfig(o: { routerId: string; asn: number; self: string; localPort: number; usPort: number; v4: string; v6: string; nh4: string; nh6: string; attrs: string }): string {
  return `log stderr all;
router id ${o.routerId};
protocol device {}
# Next-hop resolution for multihop BGP: everything in the documentation ranges is "reachable".
protocol static igp4 { ipv4; route 192.0.2.0/24 blackhole; }
protocol static igp6 { ipv6; route 2001:db8::/32 blackhole; }
protocol static orig4 { ipv4; route ${o.v4} blackhole; }
protocol static orig6 { ipv6; route ${o.v6} blackhole; }
filter out_bambud {
  if proto != "orig4" && proto != "orig6" && source != RTS_BGP then reject;
  if proto = "orig4" || proto = "orig6" then {
${o.attrs}
  }
  accept;
}
protocol bgp bambud {
  local ${o.self} port ${o.localPort} as ${o.asn};
  neighbor ${US} port ${o.usPort} as 65000;
  multihop;
  connect retry time 2;
  debug { packets };
  ipv4 { import all; export filter out_bambud; next hop address ${o.nh4}; };
  ipv6 { import all; export filter out_bambud; next hop address ${o.nh6}; };
}
`;
}

before(async () => {
  const [p0, p1, p2] = [await freePort(), await freePort(), await freePort()];
  birdE = await Bird.start(
    birdConfig({
      routerId: '10.0.2.2', asn: 65002, self: BIRD_E, localPort: p1, usPort: p0, v4: '10.21.0.0/16', v6: '2001:db8:21::/48', nh4: '192.0.2.21', nh6: '2001:db8::21',
      attrs: '    bgp_community.add((65002,100)); bgp_large_community.add((65002,1,2)); bgp_ext_community.add((rt,65002,5)); bgp_med = 60;',
    }),
  );
  birdI = await Bird.start(
    birdConfig({
      routerId: '10.0.2.3', asn: 65000, self: BIRD_I, localPort: p2, usPort: p0, v4: '10.22.0.0/16', v6: '2001:db8:22::/48', nh4: '192.0.2.22', nh6: '2001:db8::22',
      attrs: '    bgp_local_pref = 200; bgp_community.add((65000,300));',
    }),
  );
  bambud = await startBambud(`asn: 65000
router_id: 10.0.2.1
listen_addr: ${US}:${p0}
log_level: info
hold_time_secs: 30
connect_retry_secs: 2
peers:
  - address: ${BIRD_E}:${p1}
    asn: 65002
    local_address: ${US}
    next_hop_self: 192.0.2.100
  - address: ${BIRD_I}:${p2}
    asn: 65000
    local_address: ${US}
`);
  await waitFor('both sessions Established (bambud and BIRD)', async () =>
    (await peerState(bambud.client, BIRD_E)) === STATE_ESTABLISHED &&
    (await peerState(bambud.client, BIRD_I)) === STATE_ESTABLISHED &&
    birdE.bgpState('bambud') === 'Established' &&
    birdI.bgpState('bambud') === 'Established', 60_000);
});

after(async () => {
  if (process.exitCode && bambud) process.stderr.write(`--- bambud output ---\n${bambud.daemon.output()}\n`);
  if (process.exitCode && birdE) process.stderr.write(`--- BIRD-E output ---\n${birdE.daemon.output()}\n`);
  await bambud?.stop();
  await birdE?.stop();
  await birdI?.stop();
});

/** The `show route all` block of one prefix in BIRD's output, or undefined. */
function birdRoute(bird: Bird, prefix: string): string | undefined {
  const text = bird.routes();
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${prefix} `));
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && (lines[end]!.startsWith('\t') || lines[end]!.startsWith(' '))) end++;
  return lines.slice(start, end).join('\n');
}

test('eBGP: routes BIRD originates appear in ADJ_IN and GLOBAL with their attributes and communities', async () => {
  const adjIn = await waitFor('BIRD-E routes in ADJ_IN', async () => {
    const r = await listRoutes(bambud.client, RIB.ADJ_IN, BIRD_E);
    return r.has('10.21.0.0/16') && r.has('2001:db8:21::/48') ? r : undefined;
  });
  for (const prefix of ['10.21.0.0/16', '2001:db8:21::/48']) {
    const p = adjIn.get(prefix)![0];
    assert.deepEqual(p.asPath, [{ segmentType: AS_SEQUENCE, asns: [65002] }], prefix);
    assert.equal(p.origin, 0, `${prefix} ORIGIN IGP`);
    assert.equal(p.med, 60);
    assert.equal(p.peerAddress, BIRD_E);
    assert.deepEqual(p.communities, [community('65002:100')]);
    assert.deepEqual(p.largeCommunities, [{ globalAdmin: 65002, localData1: 1, localData2: 2 }]);
    assert.deepEqual(p.extendedCommunities, [{ community: { $case: 'twoOctetAs', value: { isTransitive: true, subType: 2, asn: 65002, localAdmin: 5 } } }]);
  }
  assert.equal(adjIn.get('10.21.0.0/16')![0].nextHop, '192.0.2.21');
  assert.equal(adjIn.get('2001:db8:21::/48')![0].nextHop, '2001:db8::21');
  const global = await listRoutes(bambud.client, RIB.GLOBAL);
  assert.equal(global.get('10.21.0.0/16')![0].peerAddress, BIRD_E);
});

test('iBGP: routes BIRD originates arrive with LOCAL_PREF and an empty AS_PATH', async () => {
  const global = await waitFor('BIRD-I routes in GLOBAL', async () => {
    const r = await listRoutes(bambud.client, RIB.GLOBAL);
    return r.has('10.22.0.0/16') && r.has('2001:db8:22::/48') ? r : undefined;
  });
  for (const prefix of ['10.22.0.0/16', '2001:db8:22::/48']) {
    const p = global.get(prefix)![0];
    assert.equal(p.peerAddress, BIRD_I);
    assert.equal(p.localPref, 200);
    assert.deepEqual(p.asPath, []);
    assert.deepEqual(p.communities, [community('65000:300')]);
  }
});

test('transit: eBGP-learned routes reach the iBGP peer, iBGP-learned ones reach the eBGP peer with our AS', async () => {
  const atI = await waitFor('BIRD-E route at BIRD-I', () => birdRoute(birdI, '10.21.0.0/16'));
  assert.match(atI, /BGP\.as_path: 65002\b/);
  assert.match(atI, /BGP\.next_hop: 192\.0\.2\.21/);
  const atE = await waitFor('BIRD-I route at BIRD-E', () => birdRoute(birdE, '10.22.0.0/16'));
  assert.match(atE, /BGP\.as_path: 65000\b/);
  assert.match(atE, /BGP\.next_hop: 192\.0\.2\.100/);
});

test('AddRoute / AddRouteStream routes appear in BIRD (IPv4 and IPv6, eBGP and iBGP); RemoveRoute withdraws them', async () => {
  const c = bambud.client;
  await c.call('addRoute', { prefix: '10.60.0.0/16', nextHop: '192.0.2.60', communities: [community('65000:7')], med: 9 });
  const res = await c.addRouteStream([
    { prefix: '10.61.0.0/16', nextHop: '192.0.2.61' },
    { prefix: '2001:db8:60::/48', nextHop: '2001:db8::60', communities: [community('65000:8')] },
  ]);
  assert.equal(Number(res.count), 2);

  const e4 = await waitFor('AddRoute route at BIRD-E', () => birdRoute(birdE, '10.60.0.0/16'));
  assert.match(e4, /BGP\.as_path: 65000\b/);
  assert.match(e4, /BGP\.med: 9\b/);
  assert.match(e4, /BGP\.community: \(65000,7\)/);
  await waitFor('AddRouteStream routes at BIRD-E', () => birdRoute(birdE, '10.61.0.0/16') && birdRoute(birdE, '2001:db8:60::/48'));
  const i4 = await waitFor('AddRoute route at BIRD-I', () => birdRoute(birdI, '10.60.0.0/16'));
  assert.match(i4, /BGP\.next_hop: 192\.0\.2\.60/);
  assert.match(i4, /BGP\.local_pref: 100\b/);
  const i6 = await waitFor('AddRouteStream IPv6 route at BIRD-I', () => birdRoute(birdI, '2001:db8:60::/48'));
  assert.match(i6, /BGP\.next_hop: 2001:db8::60/);

  await c.call('removeRoute', { prefix: '10.60.0.0/16' });
  await c.call('removeRoute', { prefix: '2001:db8:60::/48' });
  await waitFor('withdrawn at BIRD-E and BIRD-I', () =>
    !birdRoute(birdE, '10.60.0.0/16') && !birdRoute(birdI, '10.60.0.0/16') && !birdRoute(birdE, '2001:db8:60::/48') && !birdRoute(birdI, '2001:db8:60::/48'));
  assert.ok(birdRoute(birdE, '10.61.0.0/16'), 'the other route stays');
});

test('ResetPeer SOFT_IN sends ROUTE-REFRESH and BIRD re-sends its routes', async () => {
  const refreshes = () => birdE.daemon.output().split('Got ROUTE-REFRESH').length - 1;
  const seen = refreshes();
  const before = (await bambud.client.call('getPeer', { address: BIRD_E })).statistics;
  await bambud.client.call('resetPeer', { address: BIRD_E, resetType: 0 });
  await waitFor('BIRD logged the ROUTE-REFRESH (debug packets)', () => refreshes() >= seen + 2);
  await waitFor('BIRD re-sent UPDATEs', async () => {
    const now = (await bambud.client.call('getPeer', { address: BIRD_E })).statistics;
    return Number(now.updateReceived) > Number(before.updateReceived);
  });
  const after1 = (await bambud.client.call('getPeer', { address: BIRD_E })).statistics;
  assert.equal(Number(after1.notificationReceived), Number(before.notificationReceived), 'no session reset');
  assert.equal(await peerState(bambud.client, BIRD_E), STATE_ESTABLISHED);
});

test('DisablePeer: BIRD logs and shows the administrative shutdown with its message; EnablePeer re-establishes', async () => {
  await bambud.client.call('disablePeer', { address: BIRD_E, shutdownMessage: 'maintenance window' });
  const text = await waitFor('BIRD saw the CEASE', () => {
    const t = birdE.protocol('bambud');
    return /Administrative shutdown/i.test(t) ? t : undefined;
  });
  assert.match(text, /maintenance window/);
  // BIRD's log line: <RMT> bambud: Received: Administrative shutdown: "maintenance window"
  await waitFor('BIRD logged the shutdown', () => /Received: Administrative shutdown: "maintenance window"/.test(birdE.daemon.output()));
  assert.notEqual(birdE.bgpState('bambud'), 'Established');
  await waitFor('BIRD dropped our routes', () => !birdRoute(birdE, '10.61.0.0/16'));

  await bambud.client.call('enablePeer', { address: BIRD_E });
  await waitFor('re-established', async () => (await peerState(bambud.client, BIRD_E)) === STATE_ESTABLISHED && birdE.bgpState('bambud') === 'Established', 60_000);
  await waitFor('routes back at BIRD-E', () => birdRoute(birdE, '10.61.0.0/16'));
});
