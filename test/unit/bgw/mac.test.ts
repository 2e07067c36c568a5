/** src/lib/mac.ts: MAC normalization (four spellings), I/G bit, unicast-only parsing naming the field. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isMulticastMac, normalizeMac, parseUnicastMac } from '../../../src/lib/mac.js';
import { BambuError } from '../../../src/lib/errors.js';

test('normalizeMac accepts colon, hyphen, Cisco-dot and bare forms in any case', () => {
  for (const s of ['52:54:00:AB:cd:0f', '52-54-00-ab-CD-0F', '5254.00ab.cd0f', '525400ABCD0F', ' 52:54:0:ab:cd:f ']) {
    assert.equal(normalizeMac(s), '52:54:00:ab:cd:0f', s);
  }
  for (const s of ['', '52:54:00:ab:cd', '52:54:00:ab:cd:0f:11', 'g2:54:00:ab:cd:0f', '52:54-00:ab:cd:0f', '52545.00abcd0f']) {
    assert.equal(normalizeMac(s), undefined, s);
  }
});

test('normalizeMac round-trips every 48-bit value through each spelling', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), (bytes) => {
      const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0'));
      const canonical = hex.join(':');
      assert.equal(normalizeMac(hex.join('-').toUpperCase()), canonical);
      assert.equal(normalizeMac(`${hex[0]}${hex[1]}.${hex[2]}${hex[3]}.${hex[4]}${hex[5]}`), canonical);
      assert.equal(normalizeMac(hex.join('')), canonical);
      assert.equal(isMulticastMac(canonical), (bytes[0]! & 1) === 1);
    }),
  );
});

test('parseUnicastMac refuses multicast, broadcast and all-zeros, naming the field', () => {
  assert.equal(parseUnicastMac('52:54:00:00:00:01'), '52:54:00:00:00:01');
  for (const bad of ['ff:ff:ff:ff:ff:ff', '01:00:5e:00:00:01', '33:33:00:00:00:01', '00:00:00:00:00:00', 'nope']) {
    assert.throws(() => parseUnicastMac(bad, 'mac'), (e: unknown) => e instanceof BambuError && e.code === 'INVALID_ARGUMENT' && e.field === 'mac' && e.message.startsWith('mac: '), bad);
  }
});
