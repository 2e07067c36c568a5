/**
 * The engine carrying L2VPN EVPN (AFI 25 / SAFI 70) between two in-process instances over
 * loopback, seen through BgpEvpnSpeaker (the EVPN core's contract) and ListRoutes:
 * - OPEN offers the family, the session negotiates it;
 * - a type 2 route advertised at A arrives at B with its label (VNI) beside the key, the next hop
 *   (VTEP) unchanged; iBGP: LOCAL_PREF 100, empty AS_PATH; eBGP: A's AS prepended;
 * - ListRoutes family l2vpn-evpn fills Path.evpn (type, RD, MAC, VNI, mobility sequence);
 * - a route with B's own AS in AS_PATH stays in B's Adj-RIB-In but is never reported (AS loop);
 * - withdraw and session loss arrive as withdrawals.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createBgpInstance, type BgpInstance } from '../../../../src/bgp/instance.js';
import { BgpEvpnSpeaker, BGP_PEER } from '../../../../src/bgp/evpn-speaker.js';
import { routeHandlers } from '../../../../src/bgp/api/handlers/routes.js';
import { deriveEvi, type2Route, type3Route, type EvpnEvent } from '../../../../src/evpn/index.js';
import { silentLogger } from '../../../../src/lib/log.js';
import { waitFor } from '../../../helpers/wait.js';

const VTEP_A = '192.0.2.1';

async function pair(asA: number, asB: number, ipA: string, ipB: string): Promise<{ a: BgpInstance; b: BgpInstance; close: () => Promise<void> }> {
  const mk = (asn: number, ip: string, rid: string) =>
    createBgpInstance({ asn, routerId: rid, listenAddress: ip, listenPort: 0, holdTimeSecs: 30, connectRetrySecs: 1, acceptUnconfiguredPeers: false, log: silentLogger });
  const a = mk(asA, ipA, '10.0.0.1');
  const b = mk(asB, ipB, '10.0.0.2');
  await a.start();
  await b.start();
  a.addPeer(ipB, b.listenAddress().port, { asn: asB, localAddress: ipA, addressFamilies: ['l2vpn-evpn'], idleHoldTimeSecs: 0 });
  b.addPeer(ipA, a.listenAddress().port, { asn: asA, localAddress: ipB, addressFamilies: ['l2vpn-evpn'], idleHoldTimeSecs: 0, passiveMode: true });
  await waitFor('session Established', () => a.getPeer(ipB).state === 'established' && b.getPeer(ipA).state === 'established', 20_000);
  return {
    a,
    b,
    close: async () => {
      await a.close();
      await b.close();
    },
  };
}

for (const mode of ['ibgp', 'ebgp'] as const) {
  describe(`L2VPN EVPN over ${mode}`, () => {
    const ipA = mode === 'ibgp' ? '127.0.0.41' : '127.0.0.43';
    const ipB = mode === 'ibgp' ? '127.0.0.42' : '127.0.0.44';
    const asA = 65001;
    const asB = mode === 'ibgp' ? 65001 : 65002;
    let closeAll: (() => Promise<void>) | undefined;
    after(async () => closeAll?.());

    it('negotiates the family, carries labels, applies the export rules, lists Path.evpn, drops AS loops, withdraws', async () => {
      const { a, b, close } = await pair(asA, asB, ipA, ipB);
      closeAll = close;
      assert.deepEqual(a.getPeer(ipB).families, ['l2vpn-evpn'], 'negotiated AFI 25 / SAFI 70');
      const sa = new BgpEvpnSpeaker(a);
      const sb = new BgpEvpnSpeaker(b);
      const events: EvpnEvent[] = [];
      sb.onRoute((e) => events.push(e));
      const evi = deriveEvi(100, { routerId: '10.0.0.1', asn: asA, index: 100 });
      const t2 = type2Route(evi, VTEP_A, 'aa:bb:cc:00:00:01', { sequence: 3 });
      sa.advertise(t2);
      sa.advertise(type3Route(evi, VTEP_A));
      await waitFor('type 2 at B', () => events.some((e) => e.kind === 'update' && e.route.key === t2.key), 20_000);
      const got = events.find((e): e is Extract<EvpnEvent, { kind: 'update' }> => e.kind === 'update' && e.route.key === t2.key)!;
      assert.equal(got.peer, BGP_PEER);
      assert.deepEqual(got.route.data?.labels, [100], 'the label (VNI) travels beside the key');
      assert.equal(got.route.attributes.nextHop, VTEP_A, 'next hop (VTEP) unchanged');
      if (mode === 'ibgp') {
        assert.equal(got.route.attributes.localPref, 100);
        assert.deepEqual(got.route.attributes.asPath, []);
      } else {
        assert.deepEqual(got.route.attributes.asPath.flatMap((s) => s.asns), [asA], 'eBGP prepends our AS');
        assert.equal(got.route.attributes.localPref, undefined);
      }
      // Our own routes are never reported back to A's subscriber.
      const aEvents: EvpnEvent[] = [];
      sa.onRoute((e) => aEvents.push(e));

      // ListRoutes family l2vpn-evpn (gRPC handler) fills Path.evpn.
      const listed = routeHandlers(b).onListRoutes({ ribType: 0, peerAddress: '', family: 'l2vpn-evpn' });
      const r2 = listed.routes.find((r) => r.prefix === t2.key);
      assert.ok(r2, JSON.stringify(listed.routes.map((r) => r.prefix)));
      const ev = r2.paths[0]!.evpn!;
      assert.equal(ev.routeType, 2);
      assert.equal(ev.routeDistinguisher, '10.0.0.1:100');
      assert.equal(ev.macAddress, 'aa:bb:cc:00:00:01');
      assert.equal(ev.vni, 100);
      assert.equal(ev.macMobilitySequence, 3);
      assert.ok(listed.routes.some((r) => r.paths[0]!.evpn?.routeType === 3 && r.paths[0]!.evpn.originatorIp === VTEP_A));
      const adjOut = routeHandlers(a).onListRoutes({ ribType: 2, peerAddress: ipB, family: 'l2vpn-evpn' });
      assert.equal(adjOut.routes.find((r) => r.prefix === t2.key)?.paths[0]?.evpn?.vni, 100, 'ADJ_OUT keeps the label');
      const unicast = routeHandlers(b).onListRoutes({ ribType: 0, peerAddress: '' });
      assert.equal(unicast.routes.length, 0, 'EVPN routes are not listed as unicast');

      // AS loop: a route whose AS_PATH holds A's AS is kept in A's Adj-RIB-In, never reported.
      const loopKey = type2Route(deriveEvi(100, { routerId: '10.0.0.2', asn: asB, index: 100 }), '192.0.2.2', 'aa:bb:cc:00:00:09', { sequence: 0 });
      b.addLocalEvpnRoute(loopKey.key, { ...loopKey.attributes, asPath: [{ type: 2, asns: [asA] }] }, loopKey.data);
      const okKey = type2Route(deriveEvi(100, { routerId: '10.0.0.2', asn: asB, index: 100 }), '192.0.2.2', 'aa:bb:cc:00:00:0a', { sequence: 0 });
      sb.advertise(okKey);
      await waitFor('B route at A', () => aEvents.some((e) => e.kind === 'update' && e.route.key === okKey.key), 20_000);
      await waitFor('looped route in A Adj-RIB-In', () => [...a.listRoutes('adj-in', ipB, 'l2vpn-evpn')].some((r) => r.prefix === loopKey.key), 20_000);
      assert.ok(!aEvents.some((e) => e.kind === 'update' && e.route.key === loopKey.key), 'AS loop: not reported');
      assert.ok(![...a.listRoutes('global', undefined, 'l2vpn-evpn')].some((r) => r.prefix === loopKey.key), 'AS loop: not in the Loc-RIB');
      assert.ok(!aEvents.some((e) => e.kind === 'update' && e.route.key === t2.key), 'own routes are not reported');

      // Replay to a new subscriber.
      const late: EvpnEvent[] = [];
      sb.onRoute((e) => late.push(e));
      assert.ok(late.some((e) => e.kind === 'update' && e.route.key === t2.key), 'replayed');

      // Withdraw.
      sa.withdraw(t2.key);
      await waitFor('withdraw at B', () => events.some((e) => e.kind === 'withdraw' && e.key === t2.key), 20_000);

      // Session loss: the remaining routes (type 3) are withdrawn.
      const t3key = type3Route(evi, VTEP_A).key;
      await a.disablePeer(ipB);
      await waitFor('type 3 withdrawn on session loss', () => events.some((e) => e.kind === 'withdraw' && e.key === t3key), 20_000);
      sa.close();
      sb.close();
    });
  });
}
