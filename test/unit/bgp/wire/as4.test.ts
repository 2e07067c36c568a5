/**
 * 4-octet AS on sessions with a 2-octet peer (RFC 6793 §4.2): AS4_PATH / AS4_AGGREGATOR merged
 * on decode (§4.2.3), AS_TRANS + AS4_PATH / AS4_AGGREGATOR on encode (§4.2.2).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeMessage, encodeMessage, encodeUpdates, type UpdateMessage } from '../../../../src/bgp/wire/index.js';
import { mergeAs4Path } from '../../../../src/bgp/wire/attrs/as4-path.js';
import type { PathAttributes } from '../../../../src/bgp/types.js';
import { BASE_ATTRS_HEX as B, CTX2, CTX4, update } from './helpers.js';

function decode2(attrsHex: string): UpdateMessage {
  return decodeMessage(update('', `${B.origin} ${attrsHex}`, '08 0a'), CTX2) as UpdateMessage;
}

test('AS4_PATH replaces the AS_TRANS tail of AS_PATH (RFC 6793 §4.2.3)', () => {
  const msg = decode2(`40 02 0a 02 04 fd e9 5b a0 5b a0 00 64   ${B.nextHop}   c0 11 0e 02 03 fa 56 ea 00 fa 56 ea 01 00 00 00 64`);
  assert.deepEqual(msg.attributes?.asPath, [{ type: 2, asns: [65001, 4200000000, 4200000001, 100] }]);
  assert.equal(msg.errors, undefined);
});

test('AS4_PATH longer than AS_PATH is ignored (RFC 6793 §4.2.3)', () => {
  const msg = decode2(`40 02 04 02 01 5b a0   ${B.nextHop}   c0 11 0a 02 02 fa 56 ea 00 00 00 00 64`);
  assert.deepEqual(msg.attributes?.asPath, [{ type: 2, asns: [23456] }]);
});

test('AS_SET counts as one AS when merging', () => {
  const msg = decode2(`40 02 0c 02 02 fd e9 5b a0 01 02 00 64 00 c8   ${B.nextHop}   c0 11 10 02 01 fa 56 ea 00 01 02 00 00 00 64 00 00 00 c8`);
  assert.deepEqual(msg.attributes?.asPath, [
    { type: 2, asns: [65001, 4200000000] },
    { type: 1, asns: [100, 200] },
  ]);
});

test('AGGREGATOR with AS_TRANS takes AS4_AGGREGATOR', () => {
  const msg = decode2(`${B.asPath2} ${B.nextHop} c0 07 06 5b a0 01 02 03 04   c0 12 08 fa 56 ea 01 01 02 03 04`);
  assert.deepEqual(msg.attributes?.aggregator, { asn: 4200000001, address: '1.2.3.4' });
});

test('AGGREGATOR with a real AS: AS4_AGGREGATOR and AS4_PATH are ignored (RFC 6793 §4.2.3)', () => {
  const msg = decode2(`40 02 04 02 01 5b a0 ${B.nextHop} c0 07 06 fd f2 01 02 03 04   c0 11 06 02 01 fa 56 ea 00   c0 12 08 fa 56 ea 01 01 02 03 04`);
  assert.deepEqual(msg.attributes?.aggregator, { asn: 65010, address: '1.2.3.4' });
  assert.deepEqual(msg.attributes?.asPath, [{ type: 2, asns: [23456] }]);
});

test('confederation segments in AS4_PATH are discarded, the rest merged (RFC 6793 §6)', () => {
  const msg = decode2(`40 02 04 02 01 5b a0   ${B.nextHop}   c0 11 0c 03 01 00 00 fd f0 02 01 fa 56 ea 00`);
  assert.deepEqual(msg.attributes?.asPath, [{ type: 2, asns: [4200000000] }]);
  assert.equal(msg.errors?.[0]?.action, 'attribute-discard');
});

test('mergeAs4Path keeps leading confederation segments of AS_PATH', () => {
  const merged = mergeAs4Path(
    [{ type: 3, asns: [65100] }, { type: 2, asns: [65001, 23456] }],
    [{ type: 2, asns: [4200000000] }],
  );
  assert.deepEqual(merged, [{ type: 3, asns: [65100] }, { type: 2, asns: [65001, 4200000000] }]);
});

const attrs4: PathAttributes = {
  origin: 0,
  asPath: [{ type: 2, asns: [65001, 4200000000] }],
  nextHop: '192.0.2.1',
  atomicAggregate: false,
  aggregator: { asn: 4200000001, address: '1.2.3.4' },
};

test('encoding to a 2-octet peer: AS_TRANS in AS_PATH/AGGREGATOR plus AS4_PATH/AS4_AGGREGATOR (RFC 6793 §4.2.2)', () => {
  const out = encodeMessage({ type: 'update', withdrawn: [], attributes: attrs4, nlri: ['10.0.0.0/8'] }, CTX2);
  const expected = update(
    '',
    `40 01 01 00
     40 02 06 02 02 fd e9 5b a0                 # AS_PATH 65001 AS_TRANS
     40 03 04 c0 00 02 01
     c0 07 06 5b a0 01 02 03 04                 # AGGREGATOR AS_TRANS 1.2.3.4
     c0 11 0a 02 02 00 00 fd e9 fa 56 ea 00     # AS4_PATH 65001 4200000000
     c0 12 08 fa 56 ea 01 01 02 03 04           # AS4_AGGREGATOR 4200000001 1.2.3.4`,
    '08 0a',
  );
  assert.equal(out.toString('hex'), expected.toString('hex'));
  const back = decodeMessage(out, CTX2) as UpdateMessage;
  assert.deepEqual(back.attributes, attrs4);
});

test('no AS4 attributes when every ASN fits 2 octets, nor on a 4-octet session', () => {
  const small: PathAttributes = { origin: 0, asPath: [{ type: 2, asns: [65001] }], nextHop: '192.0.2.1', atomicAggregate: false };
  const [m] = encodeUpdates('ipv4-unicast', ['10.0.0.0/8'], small, CTX2);
  assert.equal(m!.toString('hex'), update('', `${B.origin} ${B.asPath2} ${B.nextHop}`, '08 0a').toString('hex'));
  const [m4] = encodeUpdates('ipv4-unicast', ['10.0.0.0/8'], attrs4, CTX4);
  assert.deepEqual((decodeMessage(m4!, CTX4) as UpdateMessage).attributes, attrs4);
  assert.ok(!m4!.includes(Buffer.from([0xc0, 0x11])));
});
