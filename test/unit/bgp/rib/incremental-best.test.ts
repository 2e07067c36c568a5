/**
 * The Loc-RIB updates a destination's best path incrementally while all its paths share one MED
 * (src/bgp/rib/rib.ts MultiPath.uniformMed): after every learn / withdraw of a random sequence,
 * the stored best path must be the one a full selection (selectBest) over the destination's
 * current paths picks. MEDs, neighbour ASes and path lengths are drawn from tiny pools so the
 * MED rule, ties on the folded rank and switches between the incremental and full paths occur.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rib, selectBest, type PathSource } from '../../../../src/bgp/rib/index.js';
import { AS_PATH_SEGMENT, ORIGIN, type PathAttributes } from '../../../../src/bgp/types.js';

const ME = { asn: 65000, routerId: '10.255.0.1' };
const SOURCES: PathSource[] = [1, 2, 3, 4, 5, 6].map((i) => ({
  kind: i % 3 === 0 ? 'ibgp' : 'ebgp',
  address: `10.0.0.${i}`,
  routerId: `10.9.0.${7 - i}`,
  asn: i % 3 === 0 ? 65000 : 65000 + i,
  routeReflectorClient: false,
}));
const PREFIXES = ['10.1.0.0/16', '2001:db8::/32'];

const attrs = fc.record({
  origin: fc.constantFrom(ORIGIN.IGP, ORIGIN.INCOMPLETE),
  asPath: fc.array(fc.constantFrom(1, 2), { minLength: 1, maxLength: 3 }).map((asns) => [{ type: AS_PATH_SEGMENT.AS_SEQUENCE, asns }]),
  atomicAggregate: fc.constant(false),
  nextHop: fc.constant('192.0.2.1'),
  localPref: fc.option(fc.constantFrom(100, 200), { nil: undefined }),
  med: fc.option(fc.constantFrom(0, 5, 10), { nil: undefined }),
}) as fc.Arbitrary<PathAttributes>;

const op = fc.record({
  source: fc.integer({ min: 0, max: SOURCES.length - 1 }),
  prefix: fc.integer({ min: 0, max: PREFIXES.length - 1 }),
  attrs: fc.option(attrs, { nil: undefined, freq: 4 }), // undefined = withdraw
});

test('incremental best path equals a full selection after every change', () => {
  fc.assert(
    fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
      const rib = new Rib(ME, () => undefined);
      for (const o of ops) {
        const source = SOURCES[o.source]!;
        const prefix = PREFIXES[o.prefix]!;
        const family = prefix.includes(':') ? 'ipv6-unicast' : 'ipv4-unicast';
        if (o.attrs) rib.learn(source, family, prefix, o.attrs);
        else rib.withdraw(source, family, prefix);
        for (const [, p, dest] of rib.destinations()) {
          assert.equal(rib.best(p.includes(':') ? 'ipv6-unicast' : 'ipv4-unicast', p), selectBest(dest.paths), `best of ${p}`);
        }
      }
    }),
    { numRuns: 2000 },
  );
});
