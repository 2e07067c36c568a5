/**
 * encodeUpdates / encodeWithdrawals pack prefixes into as few UPDATEs as fit (RFC 4271 §4.3,
 * RFC 4760, RFC 8654), and End-of-RIB markers (RFC 4724 §2).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeMessage,
  encodeEndOfRib,
  encodeUpdates,
  encodeWithdrawals,
  endOfRibFamily,
  type CodecContext,
  type UpdateMessage,
} from '../../../../src/bgp/wire/index.js';
import type { PathAttributes } from '../../../../src/bgp/types.js';
import { BambuError } from '../../../../src/lib/errors.js';
import { canonicalPrefix } from '../../../../src/lib/ip.js';
import { CTX4, update } from './helpers.js';

const ATTRS: PathAttributes = {
  origin: 0,
  asPath: [{ type: 2, asns: [65001, 65002] }],
  nextHop: '192.0.2.1',
  atomicAggregate: false,
  communities: [0xfde90064],
};
const ATTRS6: PathAttributes = { ...ATTRS, nextHop: '2001:db8::1' };

function v4Prefixes(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `10.${(i >> 8) & 0xff}.${i & 0xff}.0/24`);
}
function v6Prefixes(n: number): string[] {
  return Array.from({ length: n }, (_, i) => canonicalPrefix(`2001:db8:${i.toString(16)}::/48`));
}

function decodeAll(msgs: Buffer[], ctx: CodecContext): UpdateMessage[] {
  return msgs.map((m) => decodeMessage(m, ctx) as UpdateMessage);
}

test('IPv4: every prefix arrives once, in order; each UPDATE ≤ 4096 and full', () => {
  const prefixes = v4Prefixes(5000);
  const msgs = encodeUpdates('ipv4-unicast', prefixes, ATTRS, CTX4);
  const decoded = decodeAll(msgs, CTX4);
  assert.deepEqual(decoded.flatMap((m) => m.nlri), prefixes);
  for (const [i, m] of msgs.entries()) {
    assert.ok(m.length <= 4096);
    if (i < msgs.length - 1) assert.ok(m.length + 4 > 4096, `message ${i} of ${m.length} octets had room for another /24`);
    assert.deepEqual(decoded[i]!.attributes, ATTRS);
  }
});

test('Extended Message (RFC 8654) packs up to 65535 octets', () => {
  const ctx = { ...CTX4, extendedMessage: true };
  const prefixes = v4Prefixes(40000);
  const msgs = encodeUpdates('ipv4-unicast', prefixes, ATTRS, ctx);
  assert.ok(msgs.every((m) => m.length <= 65535));
  assert.ok(msgs.length <= Math.ceil((prefixes.length * 4) / 65000));
  assert.deepEqual(decodeAll(msgs, ctx).flatMap((m) => m.nlri), prefixes);
});

test('IPv6: MP_REACH_NLRI carries the prefixes and the next hops (RFC 4760 §3, RFC 2545)', () => {
  const prefixes = v6Prefixes(3000);
  const msgs = encodeUpdates('ipv6-unicast', prefixes, ATTRS6, CTX4, { nextHopLinkLocal: 'fe80::1' });
  assert.ok(msgs.length > 1);
  const decoded = decodeAll(msgs, CTX4);
  assert.deepEqual(decoded.flatMap((m) => m.mpReach!.nlri), prefixes);
  for (const [i, m] of decoded.entries()) {
    assert.ok(msgs[i]!.length <= 4096);
    assert.deepEqual(m.nlri, []);
    assert.equal(m.mpReach!.nextHopLinkLocal, 'fe80::1');
    assert.deepEqual(m.attributes, { ...ATTRS6, nextHopLinkLocal: 'fe80::1' });
    assert.equal(msgs[i]![23], 0x90, 'MP_REACH_NLRI is the first attribute (RFC 7606 §5.1)');
    assert.equal(msgs[i]![24], 14);
  }
});

test('withdrawals: Withdrawn Routes for IPv4, MP_UNREACH_NLRI otherwise', () => {
  const v4 = v4Prefixes(2000);
  const m4 = decodeAll(encodeWithdrawals('ipv4-unicast', v4, CTX4), CTX4);
  assert.deepEqual(m4.flatMap((m) => m.withdrawn), v4);
  assert.ok(m4.every((m) => m.attributes === null && m.nlri.length === 0));
  const v6 = v6Prefixes(2000);
  const m6 = decodeAll(encodeWithdrawals('ipv6-unicast', v6, CTX4), CTX4);
  assert.ok(m6.length > 1);
  assert.deepEqual(m6.flatMap((m) => m.mpUnreach!.withdrawn), v6);
});

test('a single withdrawal has the RFC 4271 layout', () => {
  const [m] = encodeWithdrawals('ipv4-unicast', ['10.1.0.0/16'], CTX4);
  assert.equal(m!.toString('hex'), update('10 0a 01', '', '').toString('hex'));
});

test('nothing to send gives no message', () => {
  assert.deepEqual(encodeUpdates('ipv4-unicast', [], ATTRS, CTX4), []);
  assert.deepEqual(encodeWithdrawals('ipv6-unicast', [], CTX4), []);
});

test('bad input is refused: prefix of another family, host bits, missing next hop, oversized attributes', () => {
  const isInvalid = (e: unknown) => e instanceof BambuError && e.code === 'INVALID_ARGUMENT';
  assert.throws(() => encodeUpdates('ipv4-unicast', ['2001:db8::/32'], ATTRS, CTX4), isInvalid);
  assert.throws(() => encodeUpdates('ipv6-unicast', ['2001:db8::1/32'], ATTRS6, CTX4), isInvalid);
  assert.throws(() => encodeUpdates('ipv4-unicast', ['10.0.0.0/8'], { ...ATTRS, nextHop: undefined }, CTX4), isInvalid);
  assert.throws(() => encodeUpdates('ipv6-unicast', ['2001:db8::/32'], ATTRS, CTX4), isInvalid); // IPv4 next hop for IPv6
  const huge = { ...ATTRS, communities: Array.from({ length: 1100 }, (_, i) => i) };
  assert.throws(() => encodeUpdates('ipv4-unicast', ['10.0.0.0/8'], huge, CTX4), RangeError);
  assert.throws(() => encodeUpdates('l2vpn-evpn', ['x'], ATTRS, CTX4), isInvalid); // not an EVPN route key
});

test('End-of-RIB markers (RFC 4724 §2) and their recognition', () => {
  assert.equal(encodeEndOfRib('ipv4-unicast', CTX4).toString('hex'), update('', '', '').toString('hex'));
  assert.equal(encodeEndOfRib('ipv6-unicast', CTX4).toString('hex'), update('', '90 0f 00 03 00 02 01', '').toString('hex'));
  const evpnCtx: CodecContext = { ...CTX4, families: ['ipv4-unicast', 'l2vpn-evpn'] };
  const evpn = encodeEndOfRib('l2vpn-evpn', evpnCtx);
  assert.equal(evpn.toString('hex'), update('', '90 0f 00 03 00 19 46', '').toString('hex'));
  assert.equal(endOfRibFamily(decodeMessage(evpn, evpnCtx) as UpdateMessage), 'l2vpn-evpn');
  assert.equal(endOfRibFamily(decodeMessage(encodeEndOfRib('ipv4-unicast', CTX4), CTX4) as UpdateMessage), 'ipv4-unicast');
  assert.equal(endOfRibFamily(decodeMessage(encodeEndOfRib('ipv6-unicast', CTX4), CTX4) as UpdateMessage), 'ipv6-unicast');
  const [w] = encodeWithdrawals('ipv4-unicast', ['10.0.0.0/8'], CTX4);
  assert.equal(endOfRibFamily(decodeMessage(w!, CTX4) as UpdateMessage), undefined);
});
