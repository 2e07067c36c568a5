/**
 * Every defined-set type and match option (any / all / invert), with the masklength-range edge
 * cases of prefix sets ("exact", "21..24", "..24", "21..", absent) and their validation errors,
 * and a property test comparing the prefix trie with a naive scan.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileSet, parseMasklengthRange, type CompiledSet, type DefinedSetDef, type PolicyRoute } from '../../../../src/bgp/policy/index.js';
import { parsePrefix, formatPrefix } from '../../../../src/lib/ip.js';
import { BambuError } from '../../../../src/lib/errors.js';
import { ORIGIN, type PathAttributes } from '../../../../src/bgp/types.js';

const BASE: PathAttributes = { origin: ORIGIN.IGP, asPath: [], atomicAggregate: false };

function route(prefix: string, attrs: Partial<PathAttributes> = {}, neighbor = '127.0.0.2'): PolicyRoute {
  return { prefix: parsePrefix(prefix), neighbor, attrs: { ...BASE, ...attrs } };
}

function prefixSet(...entries: [string, string?][]): CompiledSet {
  return compileSet({ type: 'prefix-set', name: 'p', prefixes: entries.map(([prefix, r]) => ({ prefix, ...(r !== undefined ? { masklengthRange: r } : {}) })) }, 'f');
}

function set(type: Exclude<DefinedSetDef['type'], 'prefix-set'>, members: string[]): CompiledSet {
  return compileSet({ type, name: 's', members }, 'f');
}

/** any / all / invert of a compiled set on a route. */
function opts(s: CompiledSet, r: PolicyRoute): { any: boolean; all: boolean; invert: boolean } {
  return { any: s.any(r), all: s.all(r), invert: !s.any(r) };
}

const invalid = (fn: () => unknown, re: RegExp) => assert.throws(fn, (e: unknown) => e instanceof BambuError && e.code === 'INVALID_ARGUMENT' && re.test(e.message));

test('masklength ranges: absent and "exact" are the prefix length; "21..24", "..24", "21.." as documented', () => {
  assert.deepEqual(parseMasklengthRange(undefined, 16, 32, 'f'), { min: 16, max: 16 });
  assert.deepEqual(parseMasklengthRange('exact', 16, 32, 'f'), { min: 16, max: 16 });
  assert.deepEqual(parseMasklengthRange('21..24', 16, 32, 'f'), { min: 21, max: 24 });
  assert.deepEqual(parseMasklengthRange('..24', 16, 32, 'f'), { min: 16, max: 24 });
  assert.deepEqual(parseMasklengthRange('21..', 16, 32, 'f'), { min: 21, max: 32 });
  assert.deepEqual(parseMasklengthRange('21..', 16, 128, 'f'), { min: 21, max: 128 });
  assert.deepEqual(parseMasklengthRange('16..16', 16, 32, 'f'), { min: 16, max: 16 });
});

test('masklength range errors name the field: syntax, min > max, min below the prefix length, max above the family', () => {
  invalid(() => parseMasklengthRange('..', 16, 32, 'x.masklength_range'), /^x\.masklength_range: masklength_range must be/);
  invalid(() => parseMasklengthRange('24-28', 16, 32, 'f'), /must be "exact"/);
  invalid(() => parseMasklengthRange('25..24', 16, 32, 'f'), /minimum 25 is above maximum 24/);
  invalid(() => parseMasklengthRange('8..24', 16, 32, 'f'), /shorter than the prefix length \/16/);
  invalid(() => parseMasklengthRange('..33', 16, 32, 'f'), /exceeds \/32/);
  invalid(() => prefixSet(['10.0.0.0/8', '4..']), /^f\[0\]\.masklength_range: /);
  invalid(() => prefixSet(['10.0.0.1/8']), /^f\[0\]\.prefix: host bits set/);
});

test('prefix-set "exact" (and absent): only the prefix itself', () => {
  for (const s of [prefixSet(['10.1.0.0/16']), prefixSet(['10.1.0.0/16', 'exact'])]) {
    assert.deepEqual(opts(s, route('10.1.0.0/16')), { any: true, all: true, invert: false });
    assert.deepEqual(opts(s, route('10.1.2.0/24')), { any: false, all: false, invert: true });
    assert.equal(s.any(route('10.0.0.0/8')), false, 'a shorter covering prefix is not in the set');
    assert.equal(s.any(route('10.2.0.0/16')), false);
  }
});

test('prefix-set "21..24": lengths 21 to 24 inside the prefix, bounds included', () => {
  const s = prefixSet(['10.0.0.0/16', '21..24']);
  assert.equal(s.any(route('10.0.0.0/16')), false);
  assert.equal(s.any(route('10.0.0.0/20')), false);
  assert.equal(s.any(route('10.0.8.0/21')), true);
  assert.equal(s.any(route('10.0.255.0/24')), true);
  assert.equal(s.any(route('10.0.1.128/25')), false);
  assert.equal(s.any(route('10.1.0.0/24')), false, 'outside the /16');
});

test('prefix-set "..24" (prefix length to 24) and "21.." (21 to 32); IPv6 "..48"', () => {
  const upTo = prefixSet(['192.168.0.0/16', '..24']);
  assert.equal(upTo.any(route('192.168.0.0/16')), true);
  assert.equal(upTo.any(route('192.168.4.0/22')), true);
  assert.equal(upTo.any(route('192.168.4.0/24')), true);
  assert.equal(upTo.any(route('192.168.4.0/25')), false);
  const from = prefixSet(['192.168.0.0/16', '21..']);
  assert.equal(from.any(route('192.168.0.0/20')), false);
  assert.equal(from.any(route('192.168.0.0/21')), true);
  assert.equal(from.any(route('192.168.1.1/32')), true);
  const v6 = prefixSet(['2001:db8::/32', '..48']);
  assert.equal(v6.any(route('2001:db8:1::/48')), true);
  assert.equal(v6.any(route('2001:db8:1::/64')), false);
  assert.equal(v6.any(route('10.0.0.0/8')), false, 'families never mix');
  const def = prefixSet(['0.0.0.0/0', '0..32']);
  assert.equal(def.any(route('203.0.113.0/24')), true);
  assert.equal(def.any(route('::/0')), false);
});

test('prefix-set with several entries matches when any entry covers the route (nested entries too)', () => {
  const s = prefixSet(['10.0.0.0/8', 'exact'], ['10.1.0.0/16', '24..24'], ['172.16.0.0/12', '..16']);
  assert.equal(s.any(route('10.0.0.0/8')), true);
  assert.equal(s.any(route('10.1.7.0/24')), true);
  assert.equal(s.any(route('10.2.7.0/24')), false);
  assert.equal(s.any(route('172.20.0.0/14')), true);
  assert.equal(s.all(route('172.20.0.0/14')), true, 'all = any for the one prefix of a route');
});

test('property: the trie agrees with a naive scan of the entries', () => {
  const entry = fc.record({ a: fc.integer({ min: 0, max: 0xffffffff }), len: fc.integer({ min: 0, max: 32 }), lo: fc.integer({ min: 0, max: 32 }), hi: fc.integer({ min: 0, max: 32 }) });
  const pfx = (a: number, len: number) => {
    const b = new Uint8Array([a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255]);
    return parsePrefix(formatPrefix(b, len));
  };
  fc.assert(
    fc.property(fc.array(entry, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }), (entries, ra, rlen) => {
      const defs = entries.map((e) => {
        const min = Math.max(e.len, Math.min(e.lo, e.hi));
        const max = Math.max(min, Math.max(e.lo, e.hi));
        return { p: pfx(e.a, e.len), min, max };
      });
      const s = compileSet({ type: 'prefix-set', name: 'p', prefixes: defs.map((d) => ({ prefix: formatPrefix(d.p.bytes, d.p.length), masklengthRange: `${d.min}..${d.max}` })) }, 'f');
      const r = pfx(ra, rlen);
      const covers = (d: (typeof defs)[number]) => {
        if (r.length < d.p.length) return false;
        return formatPrefix(r.bytes, d.p.length) === formatPrefix(d.p.bytes, d.p.length);
      };
      const naive = defs.some((d) => covers(d) && r.length >= d.min && r.length <= d.max);
      return s.any({ prefix: r, neighbor: '', attrs: BASE }) === naive;
    }),
    { numRuns: 500 },
  );
});

test('neighbor-set: IPs and CIDRs of both families; locally originated routes (no neighbor) never match', () => {
  const s = set('neighbor-set', ['127.0.0.2', '127.1.0.0/16', '2001:db8::1']);
  assert.deepEqual(opts(s, route('10.0.0.0/8', {}, '127.0.0.2')), { any: true, all: true, invert: false });
  assert.equal(s.any(route('10.0.0.0/8', {}, '127.1.44.9')), true);
  assert.equal(s.any(route('10.0.0.0/8', {}, '2001:db8::1')), true);
  assert.deepEqual(opts(s, route('10.0.0.0/8', {}, '127.0.0.3')), { any: false, all: false, invert: true });
  assert.equal(s.any(route('10.0.0.0/8', {}, '')), false);
  invalid(() => set('neighbor-set', ['127.0.0.1', 'router-7']), /^f\[1\]: not an IP address or CIDR/);
});

test('as-path-set: regexes over "65001 65002 {65003,65004}"; "_" is a boundary; any / all / invert', () => {
  const path = { asPath: [{ type: 2 as const, asns: [65001, 65002] }, { type: 1 as const, asns: [65003, 65004] }] };
  const r = route('10.0.0.0/8', path);
  assert.deepEqual(opts(set('as-path-set', ['^65001_']), r), { any: true, all: true, invert: false });
  assert.deepEqual(opts(set('as-path-set', ['_65002_', '_6500_']), r), { any: true, all: false, invert: false });
  assert.deepEqual(opts(set('as-path-set', ['_6500_', '^65002']), r), { any: false, all: false, invert: true });
  assert.equal(set('as-path-set', ['\\{65003,65004\\}$']).any(r), true);
  assert.equal(set('as-path-set', ['_65004_']).any(r), true, 'members of an AS_SET are delimited too');
  assert.equal(set('as-path-set', ['^$']).any(route('10.0.0.0/8')), true, 'empty path (locally originated / iBGP)');
  invalid(() => set('as-path-set', ['(65001']), /^f\[0\]: not a valid regular expression/);
});

test('community-set: "A:B", uint32, well-known names, anchored regexes; any / all / invert', () => {
  const r = route('10.0.0.0/8', { communities: [65001 * 65536 + 100, 0xffffff01] });
  assert.deepEqual(opts(set('community-set', ['65001:100']), r), { any: true, all: true, invert: false });
  assert.deepEqual(opts(set('community-set', ['no-export', '65001:999']), r), { any: true, all: false, invert: false });
  assert.equal(set('community-set', ['NO_EXPORT']).any(r), true);
  assert.equal(set('community-set', [String(0xffffff01)]).any(r), true);
  assert.deepEqual(opts(set('community-set', ['65001:1.*', 'no-export']), r), { any: true, all: true, invert: false });
  assert.equal(set('community-set', ['65001:1']).any(r), false, 'exact values are not prefixes');
  assert.equal(set('community-set', ['5001:100']).any(r), false, 'regexes are anchored');
  assert.equal(set('community-set', ['650.*:10']).any(r), false);
  assert.deepEqual(opts(set('community-set', ['65002:.*']), r), { any: false, all: false, invert: true });
  assert.deepEqual(opts(set('community-set', ['65001:100']), route('10.0.0.0/8')), { any: false, all: false, invert: true }, 'no COMMUNITIES attribute');
  invalid(() => set('community-set', ['65001:(']), /^f\[0\]: not a community value nor a valid regular expression/);
});

test('large-community-set: "GA:LD1:LD2" exact and regex; any / all / invert', () => {
  const r = route('10.0.0.0/8', { largeCommunities: [{ globalAdmin: 65001, localData1: 1, localData2: 2 }, { globalAdmin: 4200000000, localData1: 0, localData2: 7 }] });
  assert.deepEqual(opts(set('large-community-set', ['65001:1:2']), r), { any: true, all: true, invert: false });
  assert.deepEqual(opts(set('large-community-set', ['65001:1:2', '4200000000:0:8']), r), { any: true, all: false, invert: false });
  assert.deepEqual(opts(set('large-community-set', ['4200000000:.*', '65001:1:\\d']), r), { any: true, all: true, invert: false });
  assert.deepEqual(opts(set('large-community-set', ['65001:2:1']), r), { any: false, all: false, invert: true });
  assert.equal(set('large-community-set', ['65001:1:2']).any(route('10.0.0.0/8', { communities: [65001 * 65536 + 1] })), false);
});

test('ext-community-set: rt/soo with 2-octet AS, 4-octet AS, IPv4 admin; hex; regex; the transitive bit is ignored by text forms', () => {
  const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
  const rt2 = hex('0002fde800000064'); // rt:65000:100
  const rt4 = hex('020200030d4000c8'); // rt:200000:200
  const rtIp = hex('01020a000001002a'); // rt:10.0.0.1:42
  const soo = hex('0003fde900000005'); // soo:65001:5
  const r = route('10.0.0.0/8', { extCommunities: [rt2, rt4, rtIp, soo] });
  assert.deepEqual(opts(set('ext-community-set', ['rt:65000:100']), r), { any: true, all: true, invert: false });
  assert.equal(set('ext-community-set', ['rt:200000:200']).any(r), true);
  assert.equal(set('ext-community-set', ['RT:10.0.0.1:42']).any(r), true);
  assert.equal(set('ext-community-set', ['soo:65001:5']).any(r), true);
  assert.equal(set('ext-community-set', ['rt:65001:5']).any(r), false, 'route target and origin differ');
  assert.equal(set('ext-community-set', ['0x0002fde800000064']).any(r), true);
  assert.deepEqual(opts(set('ext-community-set', ['rt:65000:100', 'rt:65000:101']), r), { any: true, all: false, invert: false });
  assert.deepEqual(opts(set('ext-community-set', ['rt:.*:200', 'soo:65001:.*']), r), { any: true, all: true, invert: false });
  assert.deepEqual(opts(set('ext-community-set', ['rt:65099:.*']), r), { any: false, all: false, invert: true });
  const nonTransitive = route('10.0.0.0/8', { extCommunities: [hex('4002fde800000064')] });
  assert.equal(set('ext-community-set', ['rt:65000:.*']).any(nonTransitive), true);
});

test('set names are validated', () => {
  invalid(() => compileSet({ type: 'community-set', name: 'has space', members: [] }, 'f'), /^name: /);
  invalid(() => compileSet({ type: 'community-set', name: '', members: [] }, 'f'), /^name: /);
});
