/**
 * frameLength over a stream split at every byte offset (RFC 4271 §4.1): it returns −1 until the
 * 19-octet header is present, then the message length; a stream of several messages is cut into
 * exactly those messages whatever the chunking.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PRE_OPEN_CONTEXT, decodeMessage, frameLength } from '../../../../src/bgp/wire/index.js';
import { MESSAGE_VECTORS } from '../../../fixtures/bgp/vectors.js';
import { CTX4, frame } from './helpers.js';

/** Feeds `stream` in chunks (cut at `cuts`), framing as a session reader would. */
function cutStream(stream: Buffer, cuts: number[]): Buffer[] {
  const out: Buffer[] = [];
  let pending = Buffer.alloc(0);
  let last = 0;
  for (const cut of [...cuts, stream.length]) {
    pending = Buffer.concat([pending, stream.subarray(last, cut)]);
    last = cut;
    for (;;) {
      const len = frameLength(pending, 0, CTX4);
      if (len === -1 || pending.length < len) break;
      out.push(pending.subarray(0, len));
      pending = pending.subarray(len);
    }
  }
  assert.equal(pending.length, 0, 'no leftover octets');
  return out;
}

test('frameLength: −1 before the header is complete, the length from then on', () => {
  const msg = MESSAGE_VECTORS[0]!.octets;
  for (let n = 0; n <= msg.length; n++) {
    const got = frameLength(msg.subarray(0, n), 0, PRE_OPEN_CONTEXT);
    assert.equal(got, n < 19 ? -1 : msg.length, `with ${n} octets`);
  }
});

test('frameLength honours the offset', () => {
  const ka = frame(4, '');
  const buf = Buffer.concat([Buffer.alloc(7, 0xaa), ka]);
  assert.equal(frameLength(buf, 7, CTX4), 19);
  assert.equal(frameLength(buf, 8, CTX4), -1);
});

test('a stream of every vector message splits into the same messages at every single cut point', () => {
  const messages = MESSAGE_VECTORS.filter((v) => v.ctx === MESSAGE_VECTORS[0]!.ctx || v.ctx.fourOctetAs).map((v) => v.octets);
  const stream = Buffer.concat(messages);
  for (let cut = 0; cut <= stream.length; cut++) {
    const got = cutStream(stream, [cut]);
    assert.deepEqual(got.map((b) => b.toString('hex')), messages.map((b) => b.toString('hex')), `cut at ${cut}`);
  }
});

test('a stream fed one octet at a time yields every message, each decodable', () => {
  const messages = MESSAGE_VECTORS.filter((v) => v.ctx.fourOctetAs).map((v) => v.octets);
  const stream = Buffer.concat(messages);
  const cuts = Array.from({ length: stream.length }, (_, i) => i);
  const got = cutStream(stream, cuts);
  assert.equal(got.length, messages.length);
  for (const m of got) decodeMessage(Buffer.from(m), CTX4);
});
