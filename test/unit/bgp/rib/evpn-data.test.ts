/**
 * L2VPN EVPN in the RIB: NLRI data (labels = VNI) kept per route beside its key, outside the
 * interned attributes (docs/evpn.md); Adj-RIB-Out tracks it; export keeps the VTEP next hop.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdjRibOut, Rib, exportPath, type ExportTarget, type PathSource, type RibChange } from '../../../../src/bgp/rib/index.js';
import { AS_PATH_SEGMENT, ORIGIN, type PathAttributes } from '../../../../src/bgp/types.js';

const ME = { asn: 65000, routerId: '10.255.0.1' };
const VTEP = '10.99.0.2';
const K1 = '[2]:[10.99.0.2:100]:[0]:[48]:[52:54:00:00:00:01]';
const K2 = '[2]:[10.99.0.2:100]:[0]:[48]:[52:54:00:00:00:02]';
const attrs: PathAttributes = { origin: ORIGIN.IGP, asPath: [{ type: AS_PATH_SEGMENT.AS_SEQUENCE, asns: [65001] }], atomicAggregate: false, nextHop: VTEP };
const ebgp: PathSource = { kind: 'ebgp', address: '10.99.0.2', routerId: '10.99.0.2', asn: 65001, routeReflectorClient: false };

test('labels stay per route while attributes are shared; a label change is a new best path; withdrawal clears it', () => {
  const changes: RibChange[] = [];
  const rib = new Rib(ME, (c) => changes.push(c));
  const a1 = rib.learn(ebgp, 'l2vpn-evpn', K1, attrs, { labels: [100] });
  const a2 = rib.learn(ebgp, 'l2vpn-evpn', K2, attrs, { labels: [200] });
  assert.equal(a1, a2, 'one interned attribute set');
  assert.deepEqual(rib.best('l2vpn-evpn', K1)?.nlriData, { labels: [100] });
  assert.deepEqual(rib.best('l2vpn-evpn', K2)?.nlriData, { labels: [200] });
  assert.deepEqual(rib.adjInNlriData(ebgp.address, K2), { labels: [200] });
  changes.length = 0;
  rib.learn(ebgp, 'l2vpn-evpn', K1, attrs, { labels: [100] });
  assert.equal(changes.length, 0, 'same attributes and labels: no change');
  rib.learn(ebgp, 'l2vpn-evpn', K1, attrs, { labels: [101] });
  assert.equal(changes.length, 1, 'new label: a change');
  assert.deepEqual(changes[0]!.best?.nlriData, { labels: [101] });
  rib.withdraw(ebgp, 'l2vpn-evpn', K1);
  assert.equal(rib.best('l2vpn-evpn', K1), undefined);
  assert.equal(rib.adjInNlriData(ebgp.address, K1), undefined);
  rib.dropPeer(ebgp);
  assert.equal(rib.adjInNlriData(ebgp.address, K2), undefined);
});

test('local EVPN routes carry their data; AS loop keeps a route out of the Loc-RIB', () => {
  const rib = new Rib(ME, () => undefined);
  rib.addLocal('l2vpn-evpn', K1, { ...attrs, asPath: [] }, { labels: [100] });
  assert.deepEqual(rib.best('l2vpn-evpn', K1)?.nlriData, { labels: [100] });
  rib.learn(ebgp, 'l2vpn-evpn', K2, { ...attrs, asPath: [{ type: AS_PATH_SEGMENT.AS_SEQUENCE, asns: [65001, 65000] }] }, { labels: [100] });
  assert.equal(rib.best('l2vpn-evpn', K2), undefined, 'our AS in AS_PATH');
  assert.equal(rib.adjRibIn(ebgp.address).size(), 1, 'kept in the Adj-RIB-In');
});

test('Adj-RIB-Out: a data change with the same attributes is queued; withdrawal forgets the data', () => {
  const out = new AdjRibOut();
  assert.equal(out.set('l2vpn-evpn', K1, attrs, { labels: [100] }), true);
  out.drain();
  assert.equal(out.set('l2vpn-evpn', K1, attrs, { labels: [100] }), false);
  assert.equal(out.set('l2vpn-evpn', K1, attrs, { labels: [7] }), true);
  assert.deepEqual(out.nlriDataOf(K1), { labels: [7] });
  assert.equal(out.set('l2vpn-evpn', K1, undefined), true);
  assert.equal(out.nlriDataOf(K1), undefined);
});

test('export: EVPN keeps the VTEP next hop towards eBGP (even with next_hop_self) and iBGP peers', () => {
  const path = { source: ebgp, attrs, nlriData: { labels: [100] } };
  const toEbgp: ExportTarget = { kind: 'ebgp', address: '10.0.0.7', routeReflectorClient: false, localAddress: '10.0.0.1', nextHopSelf: '10.0.0.1' };
  const e = exportPath(path, 'l2vpn-evpn', toEbgp, ME)!;
  assert.equal(e.nextHop, VTEP);
  assert.deepEqual(e.asPath, [{ type: AS_PATH_SEGMENT.AS_SEQUENCE, asns: [65000, 65001] }]);
  const toIbgp: ExportTarget = { kind: 'ibgp', address: '10.0.0.8', routeReflectorClient: false, localAddress: '10.0.0.1', nextHopSelf: '10.0.0.1' };
  const i = exportPath(path, 'l2vpn-evpn', toIbgp, ME)!;
  assert.equal(i.nextHop, VTEP);
  assert.equal(i.localPref, 100);
  // IPv4 unicast still uses next_hop_self.
  assert.equal(exportPath({ source: ebgp, attrs }, 'ipv4-unicast', toEbgp, ME)!.nextHop, '10.0.0.1');
});
