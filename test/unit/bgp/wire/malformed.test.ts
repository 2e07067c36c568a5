/**
 * Malformed-message corpus grouped by NOTIFICATION code: one test per RFC 4271 §6 error case (and
 * RFC 7313 §5), each asserting the code and subcode. Errors RFC 7606 turns into treat-as-withdraw
 * or attribute-discard are asserted as values (code/subcode on `errors`) — see also rfc7606.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PRE_OPEN_CONTEXT, decodeMessage, frameLength, validateOpen, type OpenMessage, type UpdateMessage } from '../../../../src/bgp/wire/index.js';
import { BASE_ATTRS_HEX as B, CTX2, CTX4, assertNotification, frame, hex, update } from './helpers.js';

const OPEN_BODY = '04 fd e9 00 b4 c0 00 02 01 00';

/** Decodes an UPDATE expected to survive with a non-fatal error; returns the message. */
function decodeUpdate(octets: Buffer, ctx = CTX4): UpdateMessage {
  const msg = decodeMessage(octets, ctx);
  assert.equal(msg.type, 'update');
  return msg as UpdateMessage;
}

/** Asserts the UPDATE recorded exactly one error with this subcode and action. */
function assertUpdateError(msg: UpdateMessage, subcode: number, action: 'treat-as-withdraw' | 'attribute-discard'): void {
  assert.equal(msg.errors?.length, 1, JSON.stringify(msg.errors));
  assert.equal(msg.errors![0]!.code, 3);
  assert.equal(msg.errors![0]!.subcode, subcode);
  assert.equal(msg.errors![0]!.action, action);
  if (action === 'treat-as-withdraw') {
    assert.ok(msg.treatAsWithdraw);
    assert.equal(msg.attributes, null);
  } else {
    assert.equal(msg.discarded?.length, 1);
  }
}

describe('1 Message Header Error (RFC 4271 §6.1)', () => {
  test('1/1 Connection Not Synchronized: Marker not all ones', () => {
    const m = frame(4, '');
    m[5] = 0xfe;
    assertNotification(() => frameLength(m, 0, PRE_OPEN_CONTEXT), 1, 1);
    assertNotification(() => decodeMessage(m, PRE_OPEN_CONTEXT), 1, 1);
  });

  test('1/2 Bad Message Length: Length below 19, data is the Length field', () => {
    const m = frame(4, '');
    m[17] = 18;
    const e = assertNotification(() => frameLength(m, 0, PRE_OPEN_CONTEXT), 1, 2);
    assert.deepEqual([...e.data], [0, 18]);
  });

  test('1/2 Bad Message Length: above 4096 without Extended Message (RFC 8654 §4)', () => {
    const m = hex('ff'.repeat(16) + '1001 02');
    assertNotification(() => frameLength(m, 0, CTX4), 1, 2);
    assert.equal(frameLength(m, 0, { ...CTX4, extendedMessage: true }), 4097);
  });

  test('1/2 Bad Message Length: OPEN above 4096 even with Extended Message (RFC 8654 §4)', () => {
    assertNotification(() => frameLength(hex('ff'.repeat(16) + '1001 01'), 0, { ...CTX4, extendedMessage: true }), 1, 2);
  });

  test('1/2 Bad Message Length: below the minimum of the type (OPEN < 29, UPDATE < 23, NOTIFICATION < 21, ROUTE-REFRESH < 23)', () => {
    for (const [type, min] of [[1, 29], [2, 23], [3, 21], [5, 23]] as const) {
      assertNotification(() => decodeMessage(frame(type, '00'.repeat(min - 20)), CTX4), 1, 2);
    }
  });

  test('1/2 Bad Message Length: KEEPALIVE with a body (RFC 4271 §4.4)', () => {
    const e = assertNotification(() => decodeMessage(frame(4, '00'), CTX4), 1, 2);
    assert.deepEqual([...e.data], [0, 20]);
  });

  test('1/2 Bad Message Length: Length field differs from the octets given to decodeMessage', () => {
    const m = Buffer.concat([frame(4, ''), Buffer.from([0])]);
    assertNotification(() => decodeMessage(m, CTX4), 1, 2);
  });

  test('1/3 Bad Message Type: data is the Type octet', () => {
    const e = assertNotification(() => frameLength(frame(6, ''), 0, CTX4), 1, 3);
    assert.deepEqual([...e.data], [6]);
    assertNotification(() => decodeMessage(frame(0, ''), CTX4), 1, 3);
  });
});

describe('2 OPEN Message Error (RFC 4271 §6.2, RFC 5492 §5)', () => {
  const open = (over: Partial<OpenMessage> = {}): OpenMessage => ({
    type: 'open',
    version: 4,
    myAs: 65001,
    holdTime: 180,
    bgpId: '192.0.2.1',
    capabilities: [],
    ...over,
  });

  test('2/1 Unsupported Version Number: data is the supported version (2 octets)', () => {
    const e = assertNotification(() => decodeMessage(frame(1, '03 fd e9 00 b4 c0 00 02 01 00'), PRE_OPEN_CONTEXT), 2, 1);
    assert.deepEqual([...e.data], [0, 4]);
    const e2 = assertNotification(() => validateOpen(open({ version: 5 }), { localBgpId: '10.0.0.1' }), 2, 1);
    assert.deepEqual([...e2.data], [0, 4]);
  });

  test('2/2 Bad Peer AS: not the configured AS (4-octet AS capability wins over My AS)', () => {
    assertNotification(() => validateOpen(open({ myAs: 65002 }), { asn: 65001, localBgpId: '10.0.0.1' }), 2, 2);
    assertNotification(
      () => validateOpen(open({ myAs: 23456, capabilities: [{ code: 'four-octet-as', asn: 4200000001 }] }), { asn: 4200000000, localBgpId: '10.0.0.1' }),
      2,
      2,
    );
    assert.doesNotThrow(() =>
      validateOpen(open({ myAs: 23456, capabilities: [{ code: 'four-octet-as', asn: 4200000000 }] }), { asn: 4200000000, localBgpId: '10.0.0.1' }),
    );
  });

  test('2/2 Bad Peer AS: AS 0 (RFC 7607)', () => {
    assertNotification(() => validateOpen(open({ myAs: 0 }), { localBgpId: '10.0.0.1' }), 2, 2);
  });

  test('2/3 Bad BGP Identifier: zero, or equal to ours', () => {
    assertNotification(() => validateOpen(open({ bgpId: '0.0.0.0' }), { localBgpId: '10.0.0.1' }), 2, 3);
    assertNotification(() => validateOpen(open({ bgpId: '10.0.0.1' }), { localBgpId: '10.0.0.1' }), 2, 3);
    assertNotification(() => validateOpen(open({ bgpId: '10.0.0.1' }), { localBgpId: '10.0.0.1', localAsn: 65001 }), 2, 3); // internal peer
    // RFC 6286 §2.2: an external peer may use the same identifier
    assert.doesNotThrow(() => validateOpen(open({ bgpId: '10.0.0.1' }), { localBgpId: '10.0.0.1', localAsn: 65099 }));
  });

  test('2/4 Unsupported Optional Parameter: a parameter other than Capabilities; data is the parameter', () => {
    const e = assertNotification(() => decodeMessage(frame(1, '04 fd e9 00 b4 c0 00 02 01 03   01 01 00'), PRE_OPEN_CONTEXT), 2, 4);
    assert.deepEqual([...e.data], [1, 1, 0]);
  });

  test('2/6 Unacceptable Hold Time: 1 and 2 seconds (0 and ≥ 3 are fine)', () => {
    assertNotification(() => validateOpen(open({ holdTime: 1 }), { localBgpId: '10.0.0.1' }), 2, 6);
    assertNotification(() => validateOpen(open({ holdTime: 2 }), { localBgpId: '10.0.0.1' }), 2, 6);
    for (const holdTime of [0, 3, 65535]) assert.doesNotThrow(() => validateOpen(open({ holdTime }), { localBgpId: '10.0.0.1' }));
  });

  test('2/7 Unsupported Capability: only when a required capability is missing; data lists it', () => {
    const e = assertNotification(() => validateOpen(open(), { localBgpId: '10.0.0.1', requiredCapabilities: ['four-octet-as'] }), 2, 7);
    assert.deepEqual([...e.data], [65, 0]);
    assert.doesNotThrow(() => validateOpen(open({ capabilities: [{ code: 'unknown', type: 200, value: new Uint8Array(0) }] }), { localBgpId: '10.0.0.1' }));
  });

  test('2/0 (unspecific): Optional Parameters overrunning the message', () => {
    assertNotification(() => decodeMessage(frame(1, '04 fd e9 00 b4 c0 00 02 01 04   02 02 01'), PRE_OPEN_CONTEXT), 2, 0);
    assertNotification(() => decodeMessage(frame(1, '04 fd e9 00 b4 c0 00 02 01 04   02 02 41 04'), PRE_OPEN_CONTEXT), 2, 0);
  });

  test('a valid OPEN body decodes (control for the cases above)', () => {
    assert.equal(decodeMessage(frame(1, OPEN_BODY), PRE_OPEN_CONTEXT).type, 'open');
  });
});

describe('3 UPDATE Message Error (RFC 4271 §6.3, with RFC 7606 actions)', () => {
  const base4 = `${B.origin} ${B.asPath4} ${B.nextHop}`;

  test('3/1 Malformed Attribute List: Withdrawn Routes Length exceeds the message (session reset)', () => {
    const m = frame(2, '00 10 0a 00 00');
    assertNotification(() => decodeMessage(m, CTX4), 3, 1);
  });

  test('3/1 Malformed Attribute List: Total Path Attribute Length exceeds the message (session reset)', () => {
    assertNotification(() => decodeMessage(frame(2, '00 00 00 20 40 01 01 00'), CTX4), 3, 1);
  });

  test('3/1 Malformed Attribute List: MP_REACH_NLRI twice (RFC 7606 §3, session reset)', () => {
    // AFI 2 SAFI 1, next hop 2001:db8::1 (16), reserved, NLRI 2001:db8::/32 → 26 octets
    const mp = '80 0e 1a 00 02 01 10 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01 00 20 20 01 0d b8';
    assert.equal(decodeUpdate(update('', `${mp} ${B.origin} ${B.asPath4}`, '')).mpReach?.nlri[0], '2001:db8::/32');
    assertNotification(() => decodeMessage(update('', `${mp} ${mp} ${B.origin} ${B.asPath4}`, ''), CTX4), 3, 1);
  });

  test('3/2 Unrecognized Well-known Attribute: data is the attribute (session reset)', () => {
    const e = assertNotification(() => decodeMessage(update('', `${base4} 40 63 01 07`, '08 0a'), CTX4), 3, 2);
    assert.deepEqual([...e.data], [0x40, 0x63, 1, 7]);
  });

  test('3/3 Missing Well-known Attribute: NEXT_HOP missing with NLRI (RFC 7606 §3: treat-as-withdraw)', () => {
    const msg = decodeUpdate(update('', `${B.origin} ${B.asPath4}`, '08 0a'));
    assertUpdateError(msg, 3, 'treat-as-withdraw');
    assert.deepEqual(msg.nlri, ['10.0.0.0/8']);
  });

  test('3/4 Attribute Flags Error: ORIGIN marked optional (RFC 7606 §3: treat-as-withdraw)', () => {
    assertUpdateError(decodeUpdate(update('', `c0 01 01 00 ${B.asPath4} ${B.nextHop}`, '08 0a')), 4, 'treat-as-withdraw');
  });

  test('3/5 Attribute Length Error: MED of 3 octets (RFC 7606 §7.4: treat-as-withdraw)', () => {
    assertUpdateError(decodeUpdate(update('', `${base4} 80 04 03 00 00 01`, '08 0a')), 5, 'treat-as-withdraw');
  });

  test('3/6 Invalid ORIGIN Attribute: value 3 (RFC 7606 §7.1: treat-as-withdraw)', () => {
    assertUpdateError(decodeUpdate(update('', `40 01 01 03 ${B.asPath4} ${B.nextHop}`, '08 0a')), 6, 'treat-as-withdraw');
  });

  test('3/8 Invalid NEXT_HOP Attribute: 0.0.0.0 / multicast (RFC 7606 §7.3: treat-as-withdraw)', () => {
    assertUpdateError(decodeUpdate(update('', `${B.origin} ${B.asPath4} 40 03 04 00 00 00 00`, '08 0a')), 8, 'treat-as-withdraw');
    assertUpdateError(decodeUpdate(update('', `${B.origin} ${B.asPath4} 40 03 04 e0 00 00 05`, '08 0a')), 8, 'treat-as-withdraw');
  });

  test('3/9 Optional Attribute Error: MP_REACH_NLRI next hop overruns the attribute (RFC 4760 §7, session reset)', () => {
    assertNotification(() => decodeMessage(update('', `80 0e 05 00 02 01 10 00 ${B.origin} ${B.asPath4}`, ''), CTX4), 3, 9);
  });

  test('3/10 Invalid Network Field: NLRI prefix length 33 (RFC 7606 §5.3, session reset)', () => {
    assertNotification(() => decodeMessage(update('', base4, '21 0a 00 00 00 00'), CTX4), 3, 10);
  });

  test('3/10 Invalid Network Field: prefix overrunning the NLRI field', () => {
    assertNotification(() => decodeMessage(update('', base4, '18 0a 00'), CTX4), 3, 10);
  });

  test('3/10 Invalid Network Field: Withdrawn Routes prefix overrunning its field', () => {
    assertNotification(() => decodeMessage(update('18 0a', '', ''), CTX4), 3, 10);
  });

  test('3/11 Malformed AS_PATH: segment overrun (RFC 7606 §7.2: treat-as-withdraw)', () => {
    assertUpdateError(decodeUpdate(update('', `${B.origin} 40 02 06 02 02 00 00 fd e9 ${B.nextHop}`, '08 0a')), 11, 'treat-as-withdraw');
  });

  test('3/11 Malformed AS_PATH on a 2-octet session: unknown segment type', () => {
    assertUpdateError(decodeUpdate(update('', `${B.origin} 40 02 04 05 01 fd e9 ${B.nextHop}`, '08 0a'), CTX2), 11, 'treat-as-withdraw');
  });
});

describe('7 ROUTE-REFRESH Message Error (RFC 7313 §5)', () => {
  test('7/1 Invalid Message Length: BoRR longer than 4 octets; data is the message', () => {
    const m = frame(5, '00 01 01 01 00');
    const e = assertNotification(() => decodeMessage(m, CTX4), 7, 1);
    assert.deepEqual(Buffer.from(e.data).toString('hex'), m.toString('hex'));
  });

  test('a normal request may carry more octets (ORF, RFC 5291) and is accepted', () => {
    const msg = decodeMessage(frame(5, '00 01 00 01 01 02'), CTX4);
    assert.deepEqual(msg, { type: 'route-refresh', family: 'ipv4-unicast', subtype: 0, afi: 1, safi: 1 });
  });

  test('an unknown AFI/SAFI decodes with family null (RFC 2918 §4: ignore it)', () => {
    assert.deepEqual(decodeMessage(frame(5, '00 03 00 05'), CTX4), { type: 'route-refresh', family: null, subtype: 0, afi: 3, safi: 5 });
  });
});
