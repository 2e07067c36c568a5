/**
 * RouteTable (src/bgp/rib/table.ts): the numeric IPv4 store must behave exactly like the
 * Map<family, Map<prefix, value>> it replaces — same values, same sizes, same insertion order,
 * prefix strings given back equal to the ones stored — also for IPv4 text that is not canonical
 * (kept by string) and while the table changes during an iteration.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RouteTable } from '../../../../src/bgp/rib/index.js';
import type { AfiSafi } from '../../../../src/bgp/types.js';

/** Reference model: what RouteTable was before (one Map per family). */
class Model<V> {
  readonly families = new Map<AfiSafi, Map<string, V>>();
  set(f: AfiSafi, p: string, v: V): void {
    let t = this.families.get(f);
    if (!t) this.families.set(f, (t = new Map()));
    t.set(p, v);
  }
  get(f: AfiSafi, p: string): V | undefined {
    return this.families.get(f)?.get(p);
  }
  delete(f: AfiSafi, p: string): boolean {
    return this.families.get(f)?.delete(p) ?? false;
  }
  size(f?: AfiSafi): number {
    let n = 0;
    for (const [g, t] of this.families) if (f === undefined || f === g) n += t.size;
    return n;
  }
  entries(f: AfiSafi): [string, V][] {
    return [...(this.families.get(f) ?? new Map<string, V>())];
  }
}

/** Decimal octets 0–255 and length 0–32 without leading zeros. */
function isCanonicalV4(p: string): boolean {
  const m = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\/(0|[1-9]\d?)$/.exec(p);
  return m !== null && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}

const octet = fc.integer({ min: 0, max: 255 });
const canonical = fc.tuple(octet, octet, fc.integer({ min: 0, max: 32 })).map(([a, b, len]) => `10.${a}.${b}.0/${len}`);
const odd = fc.constantFrom('010.0.0.0/8', '10.0.0.0/08', '1.2.3/24', '1.2.3.4/33', '256.0.0.0/8', '1.2.3.4', ' 1.2.3.0/24', '1.2.3.0/');
const v6 = fc.constantFrom('2001:db8::/32', '2001:db8:1::/48', '::/0', 'fe80::1/128');
const op = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), family: fc.constant<AfiSafi>('ipv4-unicast'), prefix: fc.oneof({ weight: 8, arbitrary: canonical }, { weight: 1, arbitrary: odd }), value: fc.nat(1000) }),
  fc.record({ kind: fc.constant('set' as const), family: fc.constant<AfiSafi>('ipv6-unicast'), prefix: v6, value: fc.nat(1000) }),
  fc.record({ kind: fc.constant('delete' as const), family: fc.constant<AfiSafi>('ipv4-unicast'), prefix: fc.oneof(canonical, odd), value: fc.constant(0) }),
  fc.record({ kind: fc.constant('delete' as const), family: fc.constant<AfiSafi>('ipv6-unicast'), prefix: v6, value: fc.constant(0) }),
  // replace: set, or delete when the value is undefined; returns the value before.
  fc.record({ kind: fc.constant('replace' as const), family: fc.constant<AfiSafi>('ipv4-unicast'), prefix: fc.oneof(canonical, odd), value: fc.option(fc.nat(1000), { nil: undefined }) }),
  fc.record({ kind: fc.constant('replace' as const), family: fc.constant<AfiSafi>('ipv6-unicast'), prefix: v6, value: fc.option(fc.nat(1000), { nil: undefined }) }),
);

test('RouteTable equals a Map per family after random set/delete sequences (values, sizes, order)', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
      const t = new RouteTable<number>();
      const m = new Model<number>();
      for (const o of ops) {
        if (o.kind === 'set') {
          t.set(o.family, o.prefix, o.value!);
          m.set(o.family, o.prefix, o.value!);
        } else if (o.kind === 'replace') {
          const before = m.get(o.family, o.prefix);
          if (o.value === undefined) m.delete(o.family, o.prefix);
          else m.set(o.family, o.prefix, o.value);
          assert.equal(t.replace(o.family, o.prefix, o.value), before);
        } else assert.equal(t.delete(o.family, o.prefix), m.delete(o.family, o.prefix));
        assert.equal(t.get(o.family, o.prefix), m.get(o.family, o.prefix));
      }
      for (const f of ['ipv4-unicast', 'ipv6-unicast'] as AfiSafi[]) {
        assert.equal(t.size(f), m.size(f));
        const got = [...t.entries(f)].map(([, p, v]) => [p, v] as [string, number]);
        // Canonical IPv4 entries come first, then the string-keyed ones; each group in insertion order.
        const isOdd = (p: string) => f === 'ipv4-unicast' && !isCanonicalV4(p);
        const want = [...m.entries(f).filter(([p]) => !isOdd(p)), ...m.entries(f).filter(([p]) => isOdd(p))];
        assert.deepEqual(got, want);
        assert.deepEqual(t.family(f), new Map(want));
        const even = [...t.entriesWhere((v) => v % 2 === 0, f)].map(([, p, v]) => [p, v] as [string, number]);
        assert.deepEqual(even, want.filter(([, v]) => v % 2 === 0), 'entriesWhere keeps the order and the matching entries');
      }
      assert.equal(t.size(), m.size());
    }),
    { numRuns: 300 },
  );
});

test('RouteTable grows to many IPv4 prefixes, deletes most, and keeps the rest', () => {
  const t = new RouteTable<number>();
  const prefix = (i: number) => `${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}.0/24`;
  for (let i = 0; i < 100_000; i++) t.set('ipv4-unicast', prefix(i), i);
  assert.equal(t.size('ipv4-unicast'), 100_000);
  for (let i = 0; i < 100_000; i++) if (i % 10 !== 0) assert.equal(t.delete('ipv4-unicast', prefix(i)), true);
  for (let i = 100_000; i < 120_000; i++) t.set('ipv4-unicast', prefix(i), i); // triggers compaction
  assert.equal(t.size(), 30_000);
  for (let i = 0; i < 120_000; i++) assert.equal(t.get('ipv4-unicast', prefix(i)), i < 100_000 && i % 10 !== 0 ? undefined : i);
  const order = [...t.entries('ipv4-unicast')].map(([, , v]) => v);
  assert.deepEqual(order, [...Array(10_000).keys()].map((k) => k * 10).concat([...Array(20_000).keys()].map((k) => 100_000 + k)));
  assert.equal(t.get('ipv4-unicast', '0.0.0.0/0'), undefined);
  t.set('ipv4-unicast', '0.0.0.0/0', -1);
  t.set('ipv4-unicast', '255.255.255.255/32', -2);
  assert.equal(t.get('ipv4-unicast', '0.0.0.0/0'), -1);
  assert.equal(t.get('ipv4-unicast', '255.255.255.255/32'), -2);
  assert.deepEqual([...t.entries()].slice(-2).map(([, p]) => p), ['0.0.0.0/0', '255.255.255.255/32']);
  t.clear();
  assert.equal(t.size(), 0);
  assert.deepEqual([...t.entries()], []);
});

test('RouteTable iteration sees changes made meanwhile as a Map iteration would', () => {
  const t = new RouteTable<number>();
  const m = new Map<string, number>();
  for (let i = 0; i < 1000; i++) {
    t.set('ipv4-unicast', `10.0.${i >> 8}.${i & 255}/32`, i);
    m.set(`10.0.${i >> 8}.${i & 255}/32`, i);
  }
  const walk = (set: (p: string, v: number) => void, del: (p: string) => void, it: Iterable<[string, number]>) => {
    const seen: number[] = [];
    for (const [p, v] of it) {
      seen.push(v);
      if (v % 2 === 0) del(p); // delete the current entry
      if (v % 3 === 0) del(`10.0.${(v + 1) >> 8}.${(v + 1) & 255}/32`); // and the next one sometimes
      if (v < 600) set(`10.1.${v >> 8}.${v & 255}/32`, 10_000 + v); // add entries: the store grows mid-iteration
    }
    return seen;
  };
  const got = walk((p, v) => t.set('ipv4-unicast', p, v), (p) => t.delete('ipv4-unicast', p), (function* () {
    for (const [, p, v] of t.entries('ipv4-unicast')) yield [p, v] as [string, number];
  })());
  const want = walk((p, v) => m.set(p, v), (p) => m.delete(p), m);
  assert.deepEqual(got, want);
  assert.deepEqual([...t.entries('ipv4-unicast')].map(([, p, v]) => [p, v]), [...m]);
});
