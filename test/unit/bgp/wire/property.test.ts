/**
 * Property tests: whatever octets arrive, decodeMessage returns a message or throws
 * BgpNotificationError — never anything else (daemons never crash on input). Inputs are random
 * bytes, valid headers over random bodies, random attribute lists and mutations of the vectors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BgpNotificationError, decodeMessage, encodeMessage, type CodecContext } from '../../../../src/bgp/wire/index.js';
import { MESSAGE_VECTORS } from '../../../fixtures/bgp/vectors.js';

const CONTEXTS: CodecContext[] = [
  { fourOctetAs: false, extendedMessage: false, families: ['ipv4-unicast'] },
  { fourOctetAs: true, extendedMessage: true, families: ['ipv4-unicast', 'ipv6-unicast', 'l2vpn-evpn'] },
];

function header(type: number, bodyLength: number): Uint8Array {
  const len = 19 + bodyLength;
  return Uint8Array.from([...new Array(16).fill(0xff), len >> 8, len & 0xff, type]);
}

/** Decodes; fails the property on any throw other than BgpNotificationError. */
function decodeOnlyWireErrors(buf: Uint8Array, ctx: CodecContext): void {
  try {
    const msg = decodeMessage(Buffer.from(buf), ctx);
    assert.ok(['open', 'update', 'notification', 'keepalive', 'route-refresh'].includes(msg.type));
  } catch (err) {
    if (!(err instanceof BgpNotificationError)) throw err;
    assert.ok(err.code >= 1 && err.code <= 7);
  }
}

const ctxArb = fc.constantFrom(...CONTEXTS);

test('random octets', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), ctxArb, (b, ctx) => decodeOnlyWireErrors(b, ctx)), { numRuns: 3000 });
});

test('valid header, random body, every type', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 7 }), fc.uint8Array({ maxLength: 300 }), ctxArb, (type, body, ctx) => {
      decodeOnlyWireErrors(Uint8Array.from([...header(type, body.length), ...body]), ctx);
    }),
    { numRuns: 5000 },
  );
});

/** A path attribute with consistent header, random flags/type/value. */
const attrArb = fc
  .record({
    flags: fc.constantFrom(0x40, 0x80, 0xc0, 0xe0, 0x50, 0x90, 0x00),
    type: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 255 })),
    value: fc.uint8Array({ maxLength: 40 }),
  })
  .map(({ flags, type, value }) =>
    (flags & 0x10) !== 0 ? [flags, type, value.length >> 8, value.length & 0xff, ...value] : [flags, type, value.length, ...value],
  );

test('UPDATE with random attribute lists and NLRI', () => {
  fc.assert(
    fc.property(fc.array(attrArb, { maxLength: 8 }), fc.uint8Array({ maxLength: 20 }), fc.uint8Array({ maxLength: 20 }), ctxArb, (attrs, withdrawn, nlri, ctx) => {
      const a = attrs.flat();
      const body = [withdrawn.length >> 8, withdrawn.length & 0xff, ...withdrawn, a.length >> 8, a.length & 0xff, ...a, ...nlri];
      decodeOnlyWireErrors(Uint8Array.from([...header(2, body.length), ...body]), ctx);
    }),
    { numRuns: 5000 },
  );
});

test('vector messages with random octets changed (header kept)', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...MESSAGE_VECTORS),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      ctxArb,
      (v, edits, ctx) => {
        const b = Uint8Array.from(v.octets);
        for (const [pos, val] of edits) if (b.length > 19) b[19 + (pos % (b.length - 19))] = val;
        decodeOnlyWireErrors(b, ctx);
      },
    ),
    { numRuns: 5000 },
  );
});

test('whatever decodes, re-encodes and decodes to the same value (UPDATE, OPEN, NOTIFICATION)', () => {
  fc.assert(
    fc.property(fc.constantFrom(...MESSAGE_VECTORS), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }), (v, edits) => {
      const b = Uint8Array.from(v.octets);
      for (const [pos, val] of edits) if (b.length > 19) b[19 + (pos % (b.length - 19))] = val;
      let msg;
      try {
        msg = decodeMessage(Buffer.from(b), v.ctx);
      } catch {
        return;
      }
      if (msg.type === 'update' && (msg.treatAsWithdraw !== undefined || msg.discarded !== undefined)) return;
      const again = decodeMessage(encodeMessage(msg, v.ctx), v.ctx);
      assert.deepEqual(again, msg);
    }),
    { numRuns: 3000 },
  );
});
