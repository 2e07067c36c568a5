/** Extended community kinds (attrs/ext-community.ts): vectors from the RFC layouts and round trips. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeExtCommunity, encodeExtCommunity, type ExtCommunity } from '../../../../src/bgp/wire/index.js';
import { hex } from './helpers.js';

const VECTORS: [string, string, ExtCommunity][] = [
  ['route target 65001:100 (RFC 4360 §4)', '00 02 fd e9 00 00 00 64', { kind: 'two-octet-as', transitive: true, subType: 2, asn: 65001, localAdmin: 100 }],
  ['route origin, non-transitive', '40 03 00 01 ff ff ff ff', { kind: 'two-octet-as', transitive: false, subType: 3, asn: 1, localAdmin: 0xffffffff }],
  ['IPv4-address-specific RT 192.0.2.1:7 (RFC 4360 §3.2)', '01 02 c0 00 02 01 00 07', { kind: 'ipv4-address', transitive: true, subType: 2, address: '192.0.2.1', localAdmin: 7 }],
  ['four-octet-AS RT 4200000000:9 (RFC 5668)', '02 02 fa 56 ea 00 00 09', { kind: 'four-octet-as', transitive: true, subType: 2, asn: 4200000000, localAdmin: 9 }],
  ['link bandwidth 65001, 125000000 B/s (draft-ietf-idr-link-bandwidth)', '40 04 fd e9 4c ee 6b 28', { kind: 'link-bandwidth', transitive: false, asn: 65001, bandwidth: 125000000 }],
  ['color 100 (RFC 9012 §4.3)', '03 0b 00 00 00 00 00 64', { kind: 'color', transitive: true, color: 100 }],
  ['color with flags', '03 0b 40 00 00 00 00 64', { kind: 'color', transitive: true, color: 100, flags: 0x4000 }],
  ['encapsulation VXLAN (RFC 9012 §4.1)', '03 0c 00 00 00 00 00 08', { kind: 'encapsulation', transitive: true, tunnelType: 8 }],
  ['router MAC (RFC 9135 §8.1)', '06 03 52 54 00 12 34 56', { kind: 'router-mac', transitive: true, mac: Uint8Array.of(0x52, 0x54, 0, 0x12, 0x34, 0x56) }],
  ['MAC mobility sticky, sequence 5 (RFC 7432 §7.7)', '06 00 01 00 00 00 00 05', { kind: 'mac-mobility', sticky: true, sequence: 5 }],
  ['opaque other sub-type (RFC 4360 §3.3)', '43 01 01 02 03 04 05 06', { kind: 'opaque', transitive: false, subType: 1, value: Uint8Array.of(1, 2, 3, 4, 5, 6) }],
  ['unknown type 0x80', '80 01 02 03 04 05 06 07', { kind: 'unknown', typeCode: 0x80, value: Uint8Array.of(1, 2, 3, 4, 5, 6, 7) }],
];

function plain(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (_k, x) => (x instanceof Uint8Array ? Buffer.from(x).toString('hex') : x)));
}

for (const [name, octets, value] of VECTORS) {
  test(`extended community: ${name}`, () => {
    assert.deepEqual(plain(decodeExtCommunity(hex(octets))), plain(value));
    assert.equal(Buffer.from(encodeExtCommunity(value)).toString('hex'), hex(octets).toString('hex'));
  });
}

test('every 8-octet value survives decode → encode unchanged (lossless)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (raw) => {
      assert.deepEqual([...encodeExtCommunity(decodeExtCommunity(raw))], [...raw]);
    }),
    { numRuns: 5000 },
  );
});

test('every EVPN/RFC 9012 kind with a type octet set is recognised from bytes', () => {
  for (const [, octets, value] of VECTORS) assert.equal(decodeExtCommunity(hex(octets)).kind, value.kind);
});

test('out-of-range fields are refused with a RangeError naming the kind', () => {
  assert.throws(() => encodeExtCommunity({ kind: 'two-octet-as', transitive: true, subType: 2, asn: 70000, localAdmin: 1 }), /two-octet-as/);
  assert.throws(() => encodeExtCommunity({ kind: 'router-mac', transitive: true, mac: new Uint8Array(5) }), /router-mac/);
  assert.throws(() => decodeExtCommunity(new Uint8Array(7)), RangeError);
});
