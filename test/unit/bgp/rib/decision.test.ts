/**
 * RFC 4271 §9.1.2.2 decision process: one test per tie-breaker, each with paths that differ only
 * in the attribute under test (and would be decided otherwise by a later step).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectBest, asPathLength, type PathSource, type RibPath } from '../../../../src/bgp/rib/index.js';
import { AS_PATH_SEGMENT, ORIGIN, type PathAttributes } from '../../../../src/bgp/types.js';

const seq = (...asns: number[]) => ({ type: AS_PATH_SEGMENT.AS_SEQUENCE, asns });
const attrs = (o: Partial<PathAttributes> = {}): PathAttributes => ({ origin: ORIGIN.IGP, asPath: [seq(65001)], atomicAggregate: false, nextHop: '192.0.2.1', ...o });
const src = (address: string, o: Partial<PathSource> = {}): PathSource => ({ kind: 'ebgp', address, routerId: address, asn: 65001, routeReflectorClient: false, ...o });
const path = (source: PathSource, a: PathAttributes): RibPath => ({ source, attrs: a });

// b is always preferred by the later tie-breaker "lowest peer address" unless the step under test decides.
const A = src('10.0.0.9');
const B = src('10.0.0.1');

test('highest LOCAL_PREF wins (absent counts as 100)', () => {
  const a = path(A, attrs({ localPref: 200 }));
  const b = path(B, attrs());
  assert.equal(selectBest([b, a]), a);
  assert.equal(selectBest([path(A, attrs({ localPref: 50 })), b]), b);
});

test('locally originated route beats a learned one at equal LOCAL_PREF', () => {
  const local = path(src('', { kind: 'local', routerId: '10.255.0.1' }), attrs({ asPath: [seq(1, 2, 3)] }));
  const learned = path(B, attrs());
  assert.equal(selectBest([learned, local]), local);
});

test('shortest AS_PATH wins; an AS_SET counts as one', () => {
  const a = path(A, attrs({ asPath: [seq(65001), { type: AS_PATH_SEGMENT.AS_SET, asns: [1, 2, 3, 4] }] }));
  const b = path(B, attrs({ asPath: [seq(65001, 2, 3)] }));
  assert.equal(asPathLength(a.attrs), 2);
  assert.equal(selectBest([b, a]), a);
});

test('lowest ORIGIN wins (IGP < EGP < INCOMPLETE)', () => {
  const a = path(A, attrs({ origin: ORIGIN.IGP }));
  const b = path(B, attrs({ origin: ORIGIN.INCOMPLETE }));
  assert.equal(selectBest([b, a]), a);
});

test('lowest MED wins among paths from the same neighbour AS only', () => {
  const a = path(A, attrs({ med: 10 }));
  const b = path(B, attrs({ med: 20 }));
  assert.equal(selectBest([b, a]), a);
  // Different neighbour AS: MED is not compared, the later step (peer address) decides.
  const c = path(A, attrs({ med: 10, asPath: [seq(65009)] }));
  assert.equal(selectBest([b, c]), b);
});

test('a missing MED counts as 0', () => {
  const a = path(A, attrs());
  const b = path(B, attrs({ med: 1 }));
  assert.equal(selectBest([b, a]), a);
});

test('MED elimination is not a pairwise sort (RFC 4271 §9.1.2.2 c)', () => {
  // p1 (AS 1, MED 5), p2 (AS 1, MED 10), p3 (AS 2): p2 is removed by p1; then p1 vs p3 by address.
  const p1 = path(src('10.0.0.5'), attrs({ asPath: [seq(1)], med: 5 }));
  const p2 = path(src('10.0.0.1'), attrs({ asPath: [seq(1)], med: 10 }));
  const p3 = path(src('10.0.0.3'), attrs({ asPath: [seq(2)] }));
  for (const order of [[p1, p2, p3], [p3, p2, p1], [p2, p3, p1]]) assert.equal(selectBest(order), p3);
});

test('eBGP-learned beats iBGP-learned', () => {
  const a = path(src('10.0.0.9', { kind: 'ebgp' }), attrs());
  const b = path(src('10.0.0.1', { kind: 'ibgp' }), attrs());
  assert.equal(selectBest([b, a]), a);
});

test('lowest BGP Identifier wins, ORIGINATOR_ID taking its place when present', () => {
  const a = path(src('10.0.0.9', { routerId: '1.1.1.1' }), attrs());
  const b = path(src('10.0.0.1', { routerId: '2.2.2.2' }), attrs());
  assert.equal(selectBest([b, a]), a);
  const c = path(src('10.0.0.9', { routerId: '1.1.1.1' }), attrs({ originatorId: '3.3.3.3' }));
  assert.equal(selectBest([b, c]), b);
});

test('shortest CLUSTER_LIST wins', () => {
  const a = path(src('10.0.0.9', { routerId: '1.1.1.1' }), attrs({ originatorId: '9.9.9.9', clusterList: ['1.0.0.1'] }));
  const b = path(src('10.0.0.1', { routerId: '1.1.1.1' }), attrs({ originatorId: '9.9.9.9', clusterList: ['1.0.0.1', '1.0.0.2'] }));
  assert.equal(selectBest([b, a]), a);
});

test('lowest peer address is the final tie-breaker (IPv4 and IPv6, numeric order)', () => {
  const a = path(src('10.0.0.10', { routerId: '1.1.1.1' }), attrs());
  const b = path(src('10.0.0.9', { routerId: '1.1.1.1' }), attrs());
  assert.equal(selectBest([a, b]), b, '10.0.0.9 < 10.0.0.10 numerically');
  const c = path(src('2001:db8::10', { routerId: '1.1.1.1' }), attrs());
  const d = path(src('2001:db8::9', { routerId: '1.1.1.1' }), attrs());
  assert.equal(selectBest([c, d]), d);
});

test('empty and single candidate sets', () => {
  assert.equal(selectBest([]), undefined);
  const a = path(A, attrs());
  assert.equal(selectBest([a]), a);
});
