/**
 * Byte vectors (test/fixtures/bgp/vectors.ts), written by hand from the RFC layouts, drive both
 * directions: decodeMessage(octets) equals the value, encodeMessage(value) equals the octets.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PRE_OPEN_CONTEXT, decodeMessage, encodeMessage } from '../../../../src/bgp/wire/index.js';
import type { PathAttributes } from '../../../../src/bgp/types.js';
import { ATTRIBUTE_VECTORS, MESSAGE_VECTORS } from '../../../fixtures/bgp/vectors.js';
import { BASE_ATTRS_HEX, frame, hex, update } from './helpers.js';

/** Deep equality that treats Buffer and Uint8Array alike (compares octets). */
function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return { octets: Buffer.from(v).toString('hex') };
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

describe('message vectors', () => {
  for (const v of MESSAGE_VECTORS) {
    test(`decode: ${v.name}`, () => {
      assert.deepEqual(plain(decodeMessage(v.octets, v.ctx)), plain(v.message));
    });
    test(`encode: ${v.name}`, () => {
      assert.equal(encodeMessage(v.message, v.ctx).toString('hex'), v.octets.toString('hex'));
    });
  }
});

describe('path attribute vectors (inside an UPDATE)', () => {
  for (const v of ATTRIBUTE_VECTORS) {
    const type = hex(v.attrHex)[1]!;
    const base = [BASE_ATTRS_HEX.origin, v.ctx.fourOctetAs ? BASE_ATTRS_HEX.asPath4 : BASE_ATTRS_HEX.asPath2, BASE_ATTRS_HEX.nextHop];
    const attrs = [...base.filter((h) => hex(h)[1] !== type), v.attrHex].sort((a, b) => hex(a)[1]! - hex(b)[1]!);
    const octets = update('', attrs.join(' '), '08 0a');
    const attributes: PathAttributes = {
      origin: 0,
      asPath: [{ type: 2, asns: [65001] }],
      atomicAggregate: false,
      nextHop: '192.0.2.1',
      ...v.expect,
    };
    const message = { type: 'update' as const, withdrawn: [], attributes, nlri: ['10.0.0.0/8'] };
    test(`decode: ${v.name}`, () => {
      assert.deepEqual(plain(decodeMessage(octets, v.ctx)), plain(message));
    });
    test(`encode: ${v.name}`, () => {
      assert.equal(encodeMessage(message, v.ctx).toString('hex'), octets.toString('hex'));
    });
  }
});

describe('decode-only and encode-only forms', () => {
  test('Extended Length bit on a short attribute is accepted (RFC 4271 §4.3) and re-encoded without it', () => {
    const octets = update('', `40 01 01 00   50 02 00 06 02 01 00 00 fd e9   40 03 04 c0 00 02 01`, '08 0a');
    const msg = decodeMessage(octets, { fourOctetAs: true, extendedMessage: false, families: ['ipv4-unicast'] });
    assert.ok(msg.type === 'update');
    assert.deepEqual(msg.attributes?.asPath, [{ type: 2, asns: [65001] }]);
    const again = encodeMessage(msg, { fourOctetAs: true, extendedMessage: false, families: ['ipv4-unicast'] });
    assert.equal(again.toString('hex'), update('', `40 01 01 00   40 02 06 02 01 00 00 fd e9   40 03 04 c0 00 02 01`, '08 0a').toString('hex'));
  });

  test('unknown optional transitive attribute is passed on with the Partial bit set (RFC 4271 §5)', () => {
    const ctx = { fourOctetAs: true, extendedMessage: false, families: ['ipv4-unicast' as const] };
    const octets = update('', `40 01 01 00   40 02 00   40 03 04 c0 00 02 01   c0 63 02 de ad`, '08 0a');
    const msg = decodeMessage(octets, ctx);
    assert.ok(msg.type === 'update');
    assert.deepEqual(plain(msg.attributes?.unknown), plain([{ flags: 0xc0, type: 99, value: Uint8Array.of(0xde, 0xad) }]));
    const out = encodeMessage(msg, ctx);
    assert.equal(out.toString('hex'), update('', `40 01 01 00   40 02 00   40 03 04 c0 00 02 01   e0 63 02 de ad`, '08 0a').toString('hex'));
  });

  test('unknown optional non-transitive attribute is dropped (RFC 4271 §9)', () => {
    const ctx = { fourOctetAs: true, extendedMessage: false, families: ['ipv4-unicast' as const] };
    const msg = decodeMessage(update('', `40 01 01 00   40 02 00   40 03 04 c0 00 02 01   80 64 01 00`, '08 0a'), ctx);
    assert.ok(msg.type === 'update');
    assert.equal(msg.attributes?.unknown, undefined);
    assert.equal(msg.discarded, undefined);
  });

  test('trailing bits of an NLRI prefix are masked to the canonical RIB key (RFC 4271 §4.3)', () => {
    const msg = decodeMessage(update('', `40 01 01 00   40 02 00   40 03 04 c0 00 02 01`, '0f 0a ff   1d ff ff ff ff'), {
      fourOctetAs: true,
      extendedMessage: false,
      families: ['ipv4-unicast'],
    });
    assert.ok(msg.type === 'update');
    assert.deepEqual(msg.nlri, ['10.254.0.0/15', '255.255.255.248/29']);
  });

  test('OPEN with RFC 9072 extended optional parameter lengths decodes', () => {
    const octets = frame(1, `04 fd e9 00 b4 c0 00 02 01   ff ff 00 09   02 00 06 41 04 00 00 fd e9`);
    assert.deepEqual(decodeMessage(octets, PRE_OPEN_CONTEXT), {
      type: 'open',
      version: 4,
      myAs: 65001,
      holdTime: 180,
      bgpId: '192.0.2.1',
      capabilities: [{ code: 'four-octet-as', asn: 65001 }],
    });
  });

  test('an OPEN whose capabilities exceed 255 octets uses RFC 9072 lengths and round-trips', () => {
    const capabilities = Array.from({ length: 30 }, (_, i) => ({ code: 'unknown' as const, type: 128 + i, value: new Uint8Array(10).fill(i) }));
    const open = { type: 'open' as const, version: 4, myAs: 65001, holdTime: 180, bgpId: '192.0.2.1', capabilities };
    const octets = encodeMessage(open, PRE_OPEN_CONTEXT);
    assert.deepEqual([octets[28], octets[29]], [255, 255]);
    assert.deepEqual(plain(decodeMessage(octets, PRE_OPEN_CONTEXT)), plain(open));
  });

  test('an AS_SEQUENCE longer than 255 ASNs is written as consecutive segments (RFC 4271 §5.1.2)', () => {
    const ctx = { fourOctetAs: true, extendedMessage: false, families: ['ipv4-unicast' as const] };
    const asns = Array.from({ length: 300 }, (_, i) => 64512 + i);
    const attributes = { origin: 0 as const, asPath: [{ type: 2 as const, asns }], atomicAggregate: false, nextHop: '192.0.2.1' };
    const octets = encodeMessage({ type: 'update', withdrawn: [], attributes, nlri: ['10.0.0.0/8'] }, ctx);
    const msg = decodeMessage(octets, ctx);
    assert.ok(msg.type === 'update');
    assert.deepEqual(msg.attributes?.asPath, [{ type: 2, asns: asns.slice(0, 255) }, { type: 2, asns: asns.slice(255) }]);
    assert.throws(() => encodeMessage({ type: 'update', withdrawn: [], attributes: { ...attributes, asPath: [{ type: 1, asns }] }, nlri: ['10.0.0.0/8'] }, ctx), RangeError);
  });
});
