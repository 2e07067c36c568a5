/**
 * Adj-RIB-In / Loc-RIB behaviour, attribute interning, export rules (eBGP/iBGP, NO_EXPORT,
 * NO_ADVERTISE, route reflection) and Adj-RIB-Out batching.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdjRibOut, AttrInterner, Rib, exportPath, type ExportTarget, type PathSource, type RibChange, type RibPath } from '../../../../src/bgp/rib/index.js';
import { AS_PATH_SEGMENT, ORIGIN, WELL_KNOWN_COMMUNITY, type PathAttributes } from '../../../../src/bgp/types.js';

const ME = { asn: 65000, routerId: '10.255.0.1' };
const seq = (...asns: number[]) => ({ type: AS_PATH_SEGMENT.AS_SEQUENCE, asns });
const attrs = (o: Partial<PathAttributes> = {}): PathAttributes => ({ origin: ORIGIN.IGP, asPath: [seq(65001)], atomicAggregate: false, nextHop: '192.0.2.1', ...o });
const ebgp: PathSource = { kind: 'ebgp', address: '10.0.0.2', routerId: '10.0.0.2', asn: 65001, routeReflectorClient: false };
const ibgp: PathSource = { kind: 'ibgp', address: '10.0.0.3', routerId: '10.0.0.3', asn: 65000, routeReflectorClient: false };
const ebgpTarget: ExportTarget = { kind: 'ebgp', address: '10.0.0.7', routeReflectorClient: false, localAddress: '10.0.0.1' };
const ibgpTarget: ExportTarget = { kind: 'ibgp', address: '10.0.0.8', routeReflectorClient: false, localAddress: '10.0.0.1' };

function newRib(): { rib: Rib; changes: RibChange[] } {
  const changes: RibChange[] = [];
  return { rib: new Rib(ME, (c) => changes.push(c)), changes };
}

test('interning: equal attribute sets are one frozen object; different ones are not', () => {
  const i = new AttrInterner();
  const a = i.intern(attrs({ communities: [1, 2], extCommunities: [Uint8Array.of(0, 2, 0, 1, 0, 0, 0, 5)] }));
  const b = i.intern(attrs({ communities: [1, 2], extCommunities: [Uint8Array.of(0, 2, 0, 1, 0, 0, 0, 5)] }));
  const c = i.intern(attrs({ communities: [2, 1] }));
  assert.equal(a, b);
  assert.notEqual(a, c);
  assert.ok(Object.isFrozen(a) && Object.isFrozen(a.asPath) && Object.isFrozen(a.communities));
});

test('learned route enters Adj-RIB-In and Loc-RIB; identical attributes are shared across prefixes', () => {
  const { rib, changes } = newRib();
  const a1 = rib.learn(ebgp, 'ipv4-unicast', '10.1.0.0/16', attrs());
  const a2 = rib.learn(ebgp, 'ipv4-unicast', '10.2.0.0/16', attrs());
  assert.equal(a1, a2);
  assert.equal(rib.size(), 2);
  assert.equal(rib.adjRibIn(ebgp.address).size(), 2);
  assert.equal(rib.acceptedCount(ebgp.address), 2);
  assert.deepEqual(changes.map((c) => c.prefix), ['10.1.0.0/16', '10.2.0.0/16']);
});

test('AS loop: own AS in AS_PATH stays in Adj-RIB-In, not in Loc-RIB (RFC 4271 §9.1.2)', () => {
  const { rib, changes } = newRib();
  rib.learn(ebgp, 'ipv4-unicast', '10.1.0.0/16', attrs({ asPath: [seq(65001, 65000, 7)] }));
  assert.equal(rib.adjRibIn(ebgp.address).size(), 1);
  assert.equal(rib.size(), 0);
  assert.equal(changes.length, 0);
  // A looped replacement removes the earlier accepted path.
  rib.learn(ebgp, 'ipv4-unicast', '10.2.0.0/16', attrs());
  rib.learn(ebgp, 'ipv4-unicast', '10.2.0.0/16', attrs({ asPath: [seq(65001, 65000)] }));
  assert.equal(rib.best('ipv4-unicast', '10.2.0.0/16'), undefined);
});

test('ORIGINATOR_ID or CLUSTER_LIST loop (RFC 4456 §8) keeps the path out of the Loc-RIB', () => {
  const { rib } = newRib();
  rib.learn(ibgp, 'ipv4-unicast', '10.1.0.0/16', attrs({ originatorId: ME.routerId }));
  rib.learn(ibgp, 'ipv4-unicast', '10.2.0.0/16', attrs({ clusterList: ['1.2.3.4', ME.routerId] }));
  assert.equal(rib.size(), 0);
});

test('withdraw and session drop remove the paths and report the best-path change', () => {
  const { rib, changes } = newRib();
  rib.learn(ebgp, 'ipv4-unicast', '10.1.0.0/16', attrs());
  rib.learn(ebgp, 'ipv6-unicast', '2001:db8::/32', attrs({ nextHop: '2001:db8::1' }));
  rib.withdraw(ebgp, 'ipv4-unicast', '10.1.0.0/16');
  assert.equal(rib.best('ipv4-unicast', '10.1.0.0/16'), undefined);
  rib.dropPeer(ebgp);
  assert.equal(rib.size(), 0);
  assert.equal(rib.adjRibInOf(ebgp.address), undefined);
  assert.deepEqual(
    changes.map((c) => [c.prefix, c.best === undefined]),
    [['10.1.0.0/16', false], ['2001:db8::/32', false], ['10.1.0.0/16', true], ['2001:db8::/32', true]],
  );
});

test('several paths per destination: best-path changes are reported exactly when the best changes', () => {
  const { rib, changes } = newRib();
  const p2: PathSource = { ...ebgp, address: '10.0.0.4', routerId: '10.0.0.4' };
  const p3: PathSource = { ...ebgp, address: '10.0.0.5', routerId: '10.0.0.5' };
  const f = 'ipv4-unicast';
  const pfx = '10.5.0.0/16';
  rib.learn(ebgp, f, pfx, attrs({ localPref: 100 }));
  rib.learn(p2, f, pfx, attrs({ localPref: 300 }));
  rib.learn(p3, f, pfx, attrs({ localPref: 200 }));
  assert.deepEqual(changes.map((c) => c.best?.source.address), ['10.0.0.2', '10.0.0.4'], 'p3 (200) does not beat p2 (300)');
  const [, , dest] = [...rib.destinations(f)][0]!;
  assert.equal(dest.paths.length, 3);
  rib.withdraw(p2, f, pfx);
  assert.equal(rib.best(f, pfx)?.source, p3);
  rib.withdraw(p3, f, pfx);
  assert.equal(rib.best(f, pfx)?.source, ebgp);
  assert.equal([...rib.destinations(f)][0]![2].paths.length, 1);
  rib.withdraw(ebgp, f, pfx);
  assert.deepEqual(changes.map((c) => c.best?.source.address), ['10.0.0.2', '10.0.0.4', '10.0.0.5', '10.0.0.2', undefined]);
  assert.equal(rib.size(), 0);
  assert.equal(rib.acceptedCount(p2.address), 0);
});

test('local routes take part in the decision; removing them restores the learned best', () => {
  const { rib } = newRib();
  rib.learn(ebgp, 'ipv4-unicast', '10.1.0.0/16', attrs());
  rib.addLocal('ipv4-unicast', '10.1.0.0/16', attrs({ asPath: [] }));
  assert.equal(rib.best('ipv4-unicast', '10.1.0.0/16')?.source.kind, 'local');
  assert.equal(rib.removeLocal('ipv4-unicast', '10.1.0.0/16'), true);
  assert.equal(rib.best('ipv4-unicast', '10.1.0.0/16')?.source, ebgp);
  assert.equal(rib.removeLocal('ipv4-unicast', '10.9.0.0/16'), false);
});

const best = (source: PathSource, a: PathAttributes): RibPath => ({ source, attrs: a });

test('export to eBGP: own AS prepended, NEXT_HOP self, LOCAL_PREF and foreign MED dropped', () => {
  const out = exportPath(best(ibgp, attrs({ localPref: 300, med: 5, asPath: [seq(65001)] })), 'ipv4-unicast', ebgpTarget, ME)!;
  assert.deepEqual(out.asPath, [seq(65000, 65001)]);
  assert.equal(out.nextHop, '10.0.0.1');
  assert.equal(out.localPref, undefined);
  assert.equal(out.med, undefined);
});

test('export to eBGP: next_hop_self wins; IPv6 routes get an IPv6 next hop', () => {
  const t = { ...ebgpTarget, nextHopSelf: '192.0.2.99' };
  assert.equal(exportPath(best(ebgp, attrs()), 'ipv4-unicast', { ...t, address: '10.0.0.77' }, ME)?.nextHop, '192.0.2.99');
  const v6 = exportPath(best(ebgp, attrs({ nextHop: '2001:db8::1' })), 'ipv6-unicast', { ...ebgpTarget, address: '10.0.0.77' }, ME)!;
  assert.equal(v6.nextHop, '::ffff:10.0.0.1');
});

test('next_hop_self of another family does not apply: a local IPv6 route keeps its IPv6 next hop', () => {
  const local: PathSource = { kind: 'local', address: '', routerId: ME.routerId, asn: ME.asn, routeReflectorClient: false };
  const t = { ...ebgpTarget, nextHopSelf: '192.0.2.99' };
  assert.equal(exportPath(best(local, attrs({ asPath: [], nextHop: '2001:db8::5' })), 'ipv6-unicast', t, ME)?.nextHop, '2001:db8::5');
  assert.equal(exportPath(best(local, attrs({ asPath: [], nextHop: '192.0.2.5' })), 'ipv4-unicast', t, ME)?.nextHop, '192.0.2.99');
});

test('an IPv4 route is not advertised without an IPv4 next hop (IPv6 session, no next_hop_self)', () => {
  const v6Target = { ...ebgpTarget, address: '2001:db8::7', localAddress: '2001:db8::1' };
  assert.equal(exportPath(best(ebgp, attrs()), 'ipv4-unicast', v6Target, ME), undefined);
  assert.equal(exportPath(best(ebgp, attrs()), 'ipv4-unicast', { ...v6Target, nextHopSelf: '192.0.2.1' }, ME)?.nextHop, '192.0.2.1');
  assert.equal(exportPath(best(ebgp, attrs({ nextHop: '2001:db8::9' })), 'ipv6-unicast', v6Target, ME)?.nextHop, '2001:db8::1');
});

test('export of a local route to eBGP keeps its own next hop and MED; empty AS_PATH becomes our AS', () => {
  const local: PathSource = { kind: 'local', address: '', routerId: ME.routerId, asn: ME.asn, routeReflectorClient: false };
  const out = exportPath(best(local, attrs({ asPath: [], med: 7, nextHop: '192.0.2.5' })), 'ipv4-unicast', ebgpTarget, ME)!;
  assert.deepEqual(out.asPath, [seq(65000)]);
  assert.equal(out.nextHop, '192.0.2.5');
  assert.equal(out.med, 7);
});

test('export to iBGP: AS_PATH and NEXT_HOP unchanged, LOCAL_PREF defaulted to 100', () => {
  const out = exportPath(best(ebgp, attrs()), 'ipv4-unicast', ibgpTarget, ME)!;
  assert.deepEqual(out.asPath, [seq(65001)]);
  assert.equal(out.nextHop, '192.0.2.1');
  assert.equal(out.localPref, 100);
});

test('no iBGP-to-iBGP re-advertisement unless a route-reflector client is involved (RFC 4456)', () => {
  assert.equal(exportPath(best(ibgp, attrs()), 'ipv4-unicast', ibgpTarget, ME), undefined);
  const reflected = exportPath(best(ibgp, attrs()), 'ipv4-unicast', { ...ibgpTarget, routeReflectorClient: true }, ME)!;
  assert.equal(reflected.originatorId, ibgp.routerId);
  assert.deepEqual(reflected.clusterList, [ME.routerId]);
  const fromClient = exportPath(best({ ...ibgp, routeReflectorClient: true }, attrs()), 'ipv4-unicast', ibgpTarget, ME);
  assert.ok(fromClient);
});

test('NO_ADVERTISE goes to nobody; NO_EXPORT not to eBGP but to iBGP; never back to the source', () => {
  const noAdv = best(ebgp, attrs({ communities: [WELL_KNOWN_COMMUNITY.NO_ADVERTISE] }));
  assert.equal(exportPath(noAdv, 'ipv4-unicast', ebgpTarget, ME), undefined);
  assert.equal(exportPath(noAdv, 'ipv4-unicast', ibgpTarget, ME), undefined);
  const noExp = best(ebgp, attrs({ communities: [WELL_KNOWN_COMMUNITY.NO_EXPORT] }));
  assert.equal(exportPath(noExp, 'ipv4-unicast', ebgpTarget, ME), undefined);
  assert.ok(exportPath(noExp, 'ipv4-unicast', ibgpTarget, ME));
  assert.equal(exportPath(best(ebgp, attrs()), 'ipv4-unicast', { ...ebgpTarget, address: ebgp.address }, ME), undefined);
});

test('Adj-RIB-Out: unchanged announcements queue nothing; a batch groups prefixes per attribute set', () => {
  const i = new AttrInterner();
  const out = new AdjRibOut();
  const a = i.intern(attrs());
  const b = i.intern(attrs({ med: 1 }));
  assert.equal(out.set('ipv4-unicast', '10.1.0.0/16', a), true);
  assert.equal(out.set('ipv4-unicast', '10.2.0.0/16', a), true);
  assert.equal(out.set('ipv4-unicast', '10.3.0.0/16', b), true);
  let batches = out.drain();
  assert.equal(batches.length, 1);
  assert.deepEqual([...batches[0]!.announced.entries()].map(([k, v]) => [k === a ? 'a' : 'b', v]), [['a', ['10.1.0.0/16', '10.2.0.0/16']], ['b', ['10.3.0.0/16']]]);
  assert.equal(out.set('ipv4-unicast', '10.1.0.0/16', i.intern(attrs())), false, 'same interned object: no change');
  assert.equal(out.hasPending(), false);
  out.set('ipv4-unicast', '10.2.0.0/16', undefined);
  batches = out.drain();
  assert.deepEqual(batches[0]!.withdrawn, ['10.2.0.0/16']);
  out.markAll();
  assert.equal(out.drain()[0]!.announced.size, 2, 'route refresh re-sends the whole Adj-RIB-Out');
});

test('scale shape: 10 000 prefixes with 5 attribute sets hold 5 attribute objects and share path objects', () => {
  const { rib } = newRib();
  for (let i = 0; i < 10_000; i++) rib.learn(ebgp, 'ipv4-unicast', `10.${i >> 8}.${i & 255}.0/24`, attrs({ med: i % 5 }));
  const distinct = new Set([...rib.adjRibIn(ebgp.address).entries()].map(([, , a]) => a));
  assert.equal(distinct.size, 5);
  const paths = new Set([...rib.destinations('ipv4-unicast')].map(([, , d]) => d.best));
  assert.equal(paths.size, 5, 'one RibPath per (source, attribute set)');
  assert.equal(rib.size(), 10_000);
});
