/**
 * Property tests: whatever arrives on the wire, the oslo codec and the VIF validation fail only with
 * BambuError INVALID_ARGUMENT (never a TypeError that would crash a daemon), and the dispatcher
 * never throws at all.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BambuError } from '../../../src/lib/errors.js';
import { decodeEnvelope, encodeEnvelope, parseReply, parseRequest } from '../../../src/agent/rpc/oslo/envelope.js';
import { dispatch } from '../../../src/agent/rpc/dispatcher.js';
import { hyperVifSchema, parseVif, providerVifSchema } from '../../../src/agent/vif.js';

function onlyInvalidArgument(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof BambuError && err.code === 'INVALID_ARGUMENT', `unexpected ${String(err)}`);
  }
}

describe('wire input never crashes', () => {
  it('decodeEnvelope + parseRequest/parseReply on arbitrary bytes and JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)), fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v))), fc.jsonValue().map((v) => encodeEnvelope({ x: v } as Record<string, unknown>))), (body) => {
        onlyInvalidArgument(() => {
          const msg = decodeEnvelope(body);
          parseReply(msg);
          parseRequest(msg);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('a round trip keeps any JSON args', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (args) => {
        const back = parseRequest(decodeEnvelope(encodeEnvelope({ method: 'm', args })));
        assert.deepEqual(back.args, JSON.parse(JSON.stringify(args)));
      }),
      { numRuns: 200 },
    );
  });

  it('VIF validation on arbitrary maps', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        onlyInvalidArgument(() => parseVif(hyperVifSchema, v, 'hyper_vif'));
        onlyInvalidArgument(() => parseVif(providerVifSchema, v, 'provider_vif'));
      }),
      { numRuns: 500 },
    );
  });

  it('dispatch never throws, whatever method, args and version', async () => {
    const endpoint = { version: '1.0', methods: { ok: () => 1, boom: () => { throw new TypeError('x is undefined'); } } };
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom('ok', 'boom', 'constructor', 'hasOwnProperty'), fc.string()), fc.anything(), fc.option(fc.string(), { nil: undefined }), async (method, args, version) => {
        const out = await dispatch(endpoint, method, args, {}, version);
        if (out.failure === null) {
          assert.equal(method, 'ok');
          assert.equal(out.result, 1);
        } else {
          assert.equal(out.result, null);
          assert.equal(typeof JSON.parse(out.failure).class, 'string');
        }
      }),
      { numRuns: 300 },
    );
  });
});
