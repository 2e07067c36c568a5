/**
 * The Loc-RIB updates a destination's best path incrementally while all its paths share one MED
 * (src/bgp/rib/rib.ts MultiPath.uniformMed): after every learn / withdraw of a random sequence,
 * the stored best path must be the one a full selection (selectBest) over the destination's
 * current paths picks; the Adj-RIB-In (kept inside the Loc-RIB records) matches a model. MEDs, neighbour ASes and path lengths are drawn from tiny pools so the
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

test('Adj-RIB-In keeps what each peer sent, whatever import policy and phase 1 did with it', () => {
  fc.assert(
    fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), fc.array(fc.integer({ min: 0, max: SOURCES.length - 1 }), { maxLength: 3 }), (ops, dropped) => {
      const rib = new Rib(ME, () => undefined);
      // Import policy: MED 10 rejected, MED 5 rewritten to LOCAL_PREF 300, the rest unchanged.
      rib.importFilter = (_s, _f, _p, a) => (a.med === 10 ? undefined : a.med === 5 ? { ...a, localPref: 300 } : a);
      const model = new Map<string, Map<string, PathAttributes>>(); // address → prefix → sent
      for (const o of ops) {
        const source = SOURCES[o.source]!;
        const prefix = PREFIXES[o.prefix]!;
        const family = prefix.includes(':') ? 'ipv6-unicast' : 'ipv4-unicast';
        const m = model.get(source.address) ?? new Map<string, PathAttributes>();
        model.set(source.address, m);
        if (o.attrs) {
          // Every third op sends an AS loop (our AS in the path): kept, but not in the Loc-RIB.
          const a = o.source % 3 === 1 && o.prefix === 0 ? { ...o.attrs, asPath: [{ type: AS_PATH_SEGMENT.AS_SEQUENCE, asns: [ME.asn] }] } : o.attrs;
          m.set(prefix, rib.learn(source, family, prefix, a));
        } else {
          rib.withdraw(source, family, prefix);
          m.delete(prefix);
        }
      }
      for (const i of dropped) {
        rib.dropPeer(SOURCES[i]!);
        model.delete(SOURCES[i]!.address);
      }
      rib.reimport(SOURCES[0]!);
      for (const s of SOURCES) {
        const want = model.get(s.address) ?? new Map<string, PathAttributes>();
        const view = rib.adjRibIn(s.address);
        assert.equal(view.size(), want.size, `size for ${s.address}`);
        const listed = [...view.entries()];
        assert.equal(listed.length, want.size, `entries listed for ${s.address}`);
        const got = new Map(listed.map(([, p, a]) => [p, a]));
        assert.deepEqual(got, want, `routes of ${s.address}`);
        for (const [p, a] of want) assert.equal(view.get(p.includes(':') ? 'ipv6-unicast' : 'ipv4-unicast', p), a);
        // The Loc-RIB holds exactly the accepted routes (MED 10 and AS loops rejected).
        let accepted = 0;
        for (const [, a] of want) if (a.med !== 10 && !a.asPath.some((seg) => seg.asns.includes(ME.asn))) accepted++;
        assert.equal(rib.acceptedCount(s.address), accepted, `accepted for ${s.address}`);
      }
    }),
    { numRuns: 1000 },
  );
});
