/**
 * oslo.messaging envelope codec (src/agent/rpc/oslo/envelope.ts) against bodies written out by hand
 * from ../shared/spec/oslo-rabbit-wire.md §3–§5.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildReply, buildRequest, decodeEnvelope, encodeEnvelope, newHexId, parseReply, parseRequest, UniqueIdCache } from '../../../src/agent/rpc/oslo/envelope.js';

describe('oslo envelope', () => {
  it('double-encodes the inner message under oslo.message, version 2.0', () => {
    const body = encodeEnvelope({ method: 'plug', args: {} });
    assert.equal(body.toString('utf8'), '{"oslo.version":"2.0","oslo.message":"{\\"method\\":\\"plug\\",\\"args\\":{}}"}');
  });

  it('decodes an envelope as Python json.dumps writes it (spaces, unicode escapes)', () => {
    const py = '{"oslo.version": "2.0", "oslo.message": "{\\"method\\": \\"unplug\\", \\"args\\": {\\"instance_id\\": \\"caf\\\\u00e9\\"}}"}';
    assert.deepEqual(decodeEnvelope(Buffer.from(py)), { method: 'unplug', args: { instance_id: 'café' } });
  });

  it('accepts an envelope-less body and a compatible minor version, refuses another major', () => {
    assert.deepEqual(decodeEnvelope('{"method":"x","args":{}}'), { method: 'x', args: {} });
    assert.deepEqual(decodeEnvelope('{"oslo.version":"2.3","oslo.message":"{\\"a\\":1}"}'), { a: 1 });
    assert.throws(() => decodeEnvelope('{"oslo.version":"3.0","oslo.message":"{}"}'), /unsupported envelope version 3.0/);
    assert.throws(() => decodeEnvelope('not json'), /not JSON/);
    assert.throws(() => decodeEnvelope('[1]'), /not a JSON object/);
    assert.throws(() => decodeEnvelope('{"oslo.version":"2.0","oslo.message":"[1]"}'), /not a JSON object/);
  });

  it('builds a call request with _msg_id, _reply_q, _timeout, _unique_id and flattened context', () => {
    const msg = buildRequest({ method: 'plug', args: { instance_id: 'i1' }, version: '1.0', ctxt: { user_id: 'u', roles: ['admin'] }, msgId: 'm1', replyQ: 'reply_abc', timeout: null, uniqueId: 'u1' });
    assert.deepEqual(msg, { method: 'plug', args: { instance_id: 'i1' }, version: '1.0', _context_user_id: 'u', _context_roles: ['admin'], _msg_id: 'm1', _reply_q: 'reply_abc', _timeout: null, _unique_id: 'u1' });
    const back = parseRequest(msg);
    assert.deepEqual(back.ctxt, { user_id: 'u', roles: ['admin'] });
    assert.equal(back.msgId, 'm1');
    assert.equal(back.replyQ, 'reply_abc');
  });

  it('a cast has no _msg_id or _reply_q; a missing version stays undefined', () => {
    const msg = buildRequest({ method: 'report_state', args: {}, ctxt: {} });
    assert.ok(!('_msg_id' in msg) && !('_reply_q' in msg) && !('version' in msg));
    assert.match(String(msg._unique_id), /^[0-9a-f]{32}$/);
    const r = parseRequest(msg);
    assert.equal(r.msgId, undefined);
    assert.equal(r.version, undefined);
  });

  it('rejects a request without method or with non-object args', () => {
    assert.throws(() => parseRequest({ args: {} }), /method missing/);
    assert.throws(() => parseRequest({ method: 'x', args: [1] }), /args is not an object/);
  });

  it('builds and parses replies (one message, ending true)', () => {
    const r = buildReply('m1', [1, 2], null);
    assert.deepEqual({ ...r, _unique_id: 'x' }, { result: [1, 2], failure: null, ending: true, _msg_id: 'm1', _unique_id: 'x' });
    assert.deepEqual(parseReply(r), { msgId: 'm1', result: [1, 2], failure: null, ending: true, uniqueId: r._unique_id });
    assert.equal(parseReply({ result: 1 }), undefined);
  });

  it('ids are 32 hex digits; the duplicate cache remembers the last 16', () => {
    assert.match(newHexId(), /^[0-9a-f]{32}$/);
    const c = new UniqueIdCache();
    assert.equal(c.seen('a'), false);
    assert.equal(c.seen('a'), true);
    for (let i = 0; i < 16; i++) c.seen(`x${i}`);
    assert.equal(c.seen('a'), false, 'evicted after 16 newer ids');
    assert.equal(c.seen(undefined), false);
  });
});
