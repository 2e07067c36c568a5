/** IPv4/IPv6 parsing and canonical formatting (RFC 5952), prefix validation (src/lib/ip.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BambuError } from '../../../src/lib/errors.js';
import {
  canonicalIP,
  canonicalPrefix,
  formatIPv4,
  formatIPv6,
  formatPrefix,
  isIPv4,
  isIPv6,
  parseIPv4,
  parseIPv6,
  parsePrefix,
} from '../../../src/lib/ip.js';

test('IPv4 parse/format round trip and rejects', () => {
  assert.deepEqual([...parseIPv4('192.0.2.255')], [192, 0, 2, 255]);
  assert.equal(formatIPv4(Uint8Array.from([0, 10, 0, 0, 1]), 1), '10.0.0.1');
  for (const bad of ['', '1.2.3', '1.2.3.4.5', '256.0.0.1', '01.2.3.4', '1..2.3', 'a.b.c.d', '1.2.3.4 ', '-1.2.3.4']) {
    assert.equal(isIPv4(bad), false, bad);
    assert.throws(() => parseIPv4(bad, 'nextHop'), (e: unknown) => e instanceof BambuError && e.code === 'INVALID_ARGUMENT' && e.field === 'nextHop');
  }
});

test('IPv6 text forms parse to the same 16 octets', () => {
  const expected = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
  for (const t of ['2001:db8::1', '2001:DB8:0:0:0:0:0:1', '2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::0:1']) {
    assert.deepEqual([...parseIPv6(t)], expected, t);
  }
  assert.deepEqual([...parseIPv6('::ffff:192.0.2.1')].slice(10), [0xff, 0xff, 192, 0, 2, 1]);
  assert.deepEqual([...parseIPv6('::')], new Array(16).fill(0));
  for (const bad of ['', ':', ':::', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', 'g::', '1:2:3:4:5:6:7', '::1:', ':1::', '1.2.3.4']) {
    assert.equal(isIPv6(bad), false, bad);
  }
});

test('IPv6 formatting follows RFC 5952 §4', () => {
  const cases: [string, string][] = [
    ['2001:0db8:0000:0000:0000:0000:0002:0001', '2001:db8::2:1'], // §4.2.1 longest run
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // §4.2.2 a single 0 group is not compressed
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // §4.2.3 longest run wins
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // §4.2.3 first of equal runs
    ['2001:DB8::AB', '2001:db8::ab'], // §4.3 lowercase
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['fe80:0:0:0:0:0:0:0', 'fe80::'],
    ['::ffff:192.0.2.1', '::ffff:c000:201'],
  ];
  for (const [input, want] of cases) assert.equal(canonicalIP(input), want, input);
  assert.equal(formatIPv6(parseIPv6('1:2:3:4:5:6:7:8')), '1:2:3:4:5:6:7:8');
});

test('parsePrefix validates length and host bits', () => {
  assert.deepEqual(parsePrefix('10.0.0.0/8'), { afi: 4, bytes: Uint8Array.from([10, 0, 0, 0]), length: 8 });
  assert.equal(parsePrefix('2001:db8::/32').afi, 6);
  assert.equal(parsePrefix('0.0.0.0/0').length, 0);
  for (const bad of ['10.0.0.1/8', '10.0.0.0', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/ 8', '2001:db8::1/64', '::/129', 'x/8', '10.0.0.0/08x']) {
    assert.throws(() => parsePrefix(bad, 'routes[0].prefix'), (e: unknown) => e instanceof BambuError && e.field === 'routes[0].prefix', bad);
  }
  assert.throws(() => parsePrefix('10.0.0.1/8'), /host bits set in 10\.0\.0\.1\/8 \(did you mean 10\.0\.0\.0\/8\?\)/);
});

test('canonicalPrefix gives the RIB key form', () => {
  assert.equal(canonicalPrefix('2001:DB8:0::/32'), '2001:db8::/32');
  assert.equal(canonicalPrefix('10.1.0.0/16'), '10.1.0.0/16');
  assert.equal(canonicalPrefix('::/0'), '::/0');
  assert.equal(formatPrefix(Uint8Array.from([10, 1, 2, 3]), 20), '10.1.0.0/20');
  assert.equal(formatPrefix(parseIPv6('2001:db8:ffff::'), 33), '2001:db8:8000::/33');
});
