/**
 * The allocation-free decision process (src/bgp/rib/decision.ts) against a straightforward
 * reference: RFC 4271 §9.1.2.2 as step-by-step elimination over fresh arrays, with the MED rule
 * applied to the survivors of the earlier steps only. Random candidate sets (1–8 paths) that tie
 * often, so every step, the MED rule and IPv4/IPv6 address order are exercised.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { selectBest, asPathLength, neighbourAs, type PathSource, type RibPath } from '../../../../src/bgp/rib/index.js';
import { AS_PATH_SEGMENT, ORIGIN, type PathAttributes } from '../../../../src/bgp/types.js';

/** Numeric value of an IPv4 / IPv6 address (reference parser, BigInt for both). */
function refKey(address: string): bigint {
  if (address === '') return 0n;
  if (!address.includes(':')) return address.split('.').reduce((acc, o) => acc * 256n + BigInt(o), 0n);
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

function keep(c: RibPath[], key: (p: RibPath) => bigint, highest = false): RibPath[] {
  const ks = c.map(key);
  const best = ks.reduce((b, k) => ((highest ? k > b : k < b) ? k : b));
  return c.filter((_, i) => ks[i] === best);
}

/** The reference decision process. */
function reference(paths: RibPath[]): RibPath | undefined {
  if (paths.length === 0) return undefined;
  let c = keep(paths, (p) => BigInt(p.attrs.localPref ?? 100), true);
  c = keep(c, (p) => (p.source.kind === 'local' ? 1n : 0n), true);
  c = keep(c, (p) => BigInt(asPathLength(p.attrs)));
  c = keep(c, (p) => BigInt(p.attrs.origin));
  const survivors = c;
  c = survivors.filter((p) => !survivors.some((q) => q !== p && neighbourAs(q.attrs) === neighbourAs(p.attrs) && (q.attrs.med ?? 0) < (p.attrs.med ?? 0)));
  c = keep(c, (p) => (p.source.kind === 'ebgp' ? 1n : 0n), true);
  c = keep(c, (p) => refKey(p.attrs.originatorId ?? p.source.routerId));
  c = keep(c, (p) => BigInt(p.attrs.clusterList?.length ?? 0));
  c = keep(c, (p) => refKey(p.source.address));
  return c[0];
}

const address = fc.oneof(
  fc.constantFrom('10.0.0.1', '10.0.0.2', '9.255.255.255', '192.0.2.1', '255.255.255.255'),
  fc.constantFrom('2001:db8::1', '2001:db8::2', '::1', 'fe80::1:2', '2001:db8:0:0:0:0:0:1'),
);
const source = fc.record({
  kind: fc.constantFrom<'local' | 'ebgp' | 'ibgp'>('local', 'ebgp', 'ibgp'),
  address,
  routerId: fc.constantFrom('1.1.1.1', '2.2.2.2', '10.0.0.1'),
  asn: fc.constant(65001),
  routeReflectorClient: fc.constant(false),
}) as fc.Arbitrary<PathSource>;
const attrs = fc.record({
  origin: fc.constantFrom(ORIGIN.IGP, ORIGIN.EGP, ORIGIN.INCOMPLETE),
  asPath: fc.array(
    fc.record({ type: fc.constantFrom(AS_PATH_SEGMENT.AS_SEQUENCE, AS_PATH_SEGMENT.AS_SET), asns: fc.array(fc.constantFrom(1, 2, 3), { minLength: 1, maxLength: 3 }) }),
    { maxLength: 2 },
  ),
  atomicAggregate: fc.constant(false),
  nextHop: fc.constant('192.0.2.1'),
  // 0 and 2^32−1 are the bounds of the folded rank; 2^32 + 5 is outside it (step-by-step fallback).
  localPref: fc.option(fc.constantFrom(0, 50, 100, 200, 0xffffffff, 2 ** 32 + 5), { nil: undefined }),
  med: fc.option(fc.constantFrom(0, 5, 10), { nil: undefined }),
  originatorId: fc.option(fc.constantFrom('1.1.1.1', '3.3.3.3'), { nil: undefined }),
  clusterList: fc.option(fc.array(fc.constantFrom('1.1.1.1', '4.4.4.4'), { maxLength: 2 }), { nil: undefined }),
}) as fc.Arbitrary<PathAttributes>;
const paths = fc.array(fc.record({ source, attrs }) as fc.Arbitrary<RibPath>, { minLength: 0, maxLength: 8 });

test('selectBest chooses the same path as the reference elimination for random candidate sets', () => {
  fc.assert(
    fc.property(paths, (ps) => {
      assert.equal(selectBest(ps), reference(ps));
    }),
    { numRuns: 5000 },
  );
});

test('selectBest does not depend on earlier calls (reused scratch state)', () => {
  fc.assert(
    fc.property(paths, paths, (a, b) => {
      const first = selectBest(b);
      selectBest(a);
      assert.equal(selectBest(b), first);
    }),
    { numRuns: 1000 },
  );
});

test('selectBest orders AS_PATHs longer than 65535 ASNs correctly (outside the folded rank)', () => {
  const s1: PathSource = { kind: 'ebgp', address: '10.0.0.1', routerId: '1.1.1.1', asn: 1, routeReflectorClient: false };
  const s2: PathSource = { ...s1, address: '10.0.0.2', routerId: '2.2.2.2' };
  const long = (n: number): PathAttributes => ({ origin: ORIGIN.IGP, asPath: [{ type: AS_PATH_SEGMENT.AS_SEQUENCE, asns: Array<number>(n).fill(7) }], atomicAggregate: false, nextHop: '192.0.2.1' });
  const a: RibPath = { source: s1, attrs: long(70_001) };
  const b: RibPath = { source: s2, attrs: long(70_000) };
  const c: RibPath = { source: { ...s1, address: '10.0.0.3', routerId: '3.3.3.3' }, attrs: long(70_002) };
  assert.equal(selectBest([a, b]), b);
  assert.equal(selectBest([a, c, b]), b);
  assert.equal(selectBest([a, c, b]), reference([a, c, b]));
});
