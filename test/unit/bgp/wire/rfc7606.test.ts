/**
 * The UPDATE error table (update-errors.ts), one case per row: each malformed UPDATE produces
 * exactly the row's action — session reset (BgpNotificationError 3/x), treat-as-withdraw or
 * attribute-discard as values on the message — and the table has no row without a case.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BgpNotificationError, UPDATE_ERRORS, decodeMessage, type CodecContext, type UpdateErrorKind, type UpdateMessage } from '../../../../src/bgp/wire/index.js';
import { BASE_ATTRS_HEX as B, CTX2, CTX4, frame, update } from './helpers.js';

const base4 = `${B.origin} ${B.asPath4} ${B.nextHop}`;
const V6_NH = '20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01';
const EVPN_ONLY: CodecContext = { fourOctetAs: true, extendedMessage: false, families: ['ipv4-unicast', 'l2vpn-evpn'] };

/** One malformed UPDATE per row, and the context to decode it in. */
const CASES: Record<UpdateErrorKind, { octets: Buffer; ctx?: CodecContext }> = {
  LENGTHS_INCONSISTENT: { octets: frame(2, '00 00 00 09 40 01 01 00') },
  ATTRIBUTE_OVERRUN: { octets: update('', `${base4} c0 08 08 00 00 00 01`, '') },
  DUPLICATE_MP_ATTRIBUTE: { octets: update('', `80 0f 03 00 02 01   80 0f 03 00 02 01`, '') },
  DUPLICATE_ATTRIBUTE: { octets: update('', `${base4} 80 04 04 00 00 00 01 80 04 04 00 00 00 02`, '08 0a') },
  UNRECOGNIZED_WELL_KNOWN: { octets: update('', `${base4} 40 1e 00`, '08 0a') },
  MISSING_WELL_KNOWN: { octets: update('', `${B.asPath4} ${B.nextHop}`, '08 0a') },
  ATTRIBUTE_FLAGS: { octets: update('', `${B.origin} ${B.asPath4} ${B.nextHop} 40 04 04 00 00 00 01`, '08 0a') },
  INVALID_NETWORK_FIELD: { octets: update('', base4, '40 0a 00 00 00') },
  ORIGIN_LENGTH: { octets: update('', `40 01 02 00 00 ${B.asPath4} ${B.nextHop}`, '08 0a') },
  ORIGIN_VALUE: { octets: update('', `40 01 01 07 ${B.asPath4} ${B.nextHop}`, '08 0a') },
  AS_PATH_MALFORMED: { octets: update('', `${B.origin} 40 02 02 02 00 ${B.nextHop}`, '08 0a') },
  NEXT_HOP_LENGTH: { octets: update('', `${B.origin} ${B.asPath4} 40 03 05 c0 00 02 01 00`, '08 0a') },
  NEXT_HOP_INVALID: { octets: update('', `${B.origin} ${B.asPath4} 40 03 04 ff ff ff ff`, '08 0a') },
  MED_LENGTH: { octets: update('', `${base4} 80 04 02 00 01`, '08 0a') },
  LOCAL_PREF_LENGTH: { octets: update('', `${base4} 40 05 08 00 00 00 01 00 00 00 01`, '08 0a') },
  ATOMIC_AGGREGATE_LENGTH: { octets: update('', `${base4} 40 06 01 00`, '08 0a') },
  AGGREGATOR_LENGTH: { octets: update('', `${base4} c0 07 06 fd f2 c0 00 02 09`, '08 0a') }, // 6 octets on a 4-octet session
  COMMUNITIES_LENGTH: { octets: update('', `${base4} c0 08 03 00 00 01`, '08 0a') },
  ORIGINATOR_ID_LENGTH: { octets: update('', `${base4} 80 09 03 0a 00 00`, '08 0a') },
  CLUSTER_LIST_LENGTH: { octets: update('', `${base4} 80 0a 00`, '08 0a') },
  MP_MALFORMED: { octets: update('', `80 0f 02 00 02`, '') },
  MP_NEXT_HOP_LENGTH: { octets: update('', `80 0e 10 00 02 01 08 20 01 0d b8 00 00 00 01 00 10 20 01 ${B.origin} ${B.asPath4}`, '') },
  MP_NLRI: { octets: update('', `80 0e 1a 00 02 01 10 ${V6_NH} 00 81 20 01 0d b8 ${B.origin} ${B.asPath4}`, '') },
  // type 2 route with MAC length 47: well framed (33 octets), malformed inside.
  EVPN_ROUTE_MALFORMED: {
    octets: update('', `90 0e 00 2c 00 19 46 04 0a 00 00 01 00 02 21 ${'00 '.repeat(22)} 2f 52 54 00 00 00 01 00 00 00 64 ${B.origin} 40 02 00`, ''),
    ctx: EVPN_ONLY,
  },
  EVPN_WITHDRAWN_MALFORMED: { octets: update('', `90 0f 00 0a 00 19 46 03 05 00 00 00 00 00`, ''), ctx: EVPN_ONLY },
  MP_FAMILY_UNSUPPORTED: { octets: update('', `80 0f 06 00 02 01 10 20 01`, ''), ctx: EVPN_ONLY },
  EXT_COMMUNITIES_LENGTH: { octets: update('', `${base4} c0 10 07 00 02 fd e9 00 00 00`, '08 0a') },
  AS4_PATH_MALFORMED: { octets: update('', `${B.origin} ${B.asPath2} ${B.nextHop} c0 11 04 02 01 00 00`, '08 0a'), ctx: CTX2 },
  AS4_AGGREGATOR_LENGTH: { octets: update('', `${B.origin} ${B.asPath2} ${B.nextHop} c0 07 06 5b a0 c0 00 02 09 c0 12 06 00 01 c0 00 02 09`, '08 0a'), ctx: CTX2 },
  AS4_FROM_NEW_SPEAKER: { octets: update('', `${base4} c0 11 06 02 01 00 00 fd e9`, '08 0a') },
  LARGE_COMMUNITY_LENGTH: { octets: update('', `${base4} c0 20 08 00 00 fd e9 00 00 00 01`, '08 0a') },
};

describe('RFC 7606 / RFC 4271 §6.3 error table: one case per row', () => {
  for (const [kind, rule] of Object.entries(UPDATE_ERRORS) as [UpdateErrorKind, (typeof UPDATE_ERRORS)[UpdateErrorKind]][]) {
    test(`${kind}: ${rule.action} 3/${rule.subcode} (${rule.rfc})`, () => {
      const c = CASES[kind];
      assert.ok(c, `no case for ${kind}`);
      const ctx = c.ctx ?? CTX4;
      if (rule.action === 'session-reset') {
        assert.throws(
          () => decodeMessage(c.octets, ctx),
          (e: unknown) => e instanceof BgpNotificationError && e.code === 3 && e.subcode === rule.subcode && e.message.includes(rule.rfc),
        );
        return;
      }
      const msg = decodeMessage(c.octets, ctx) as UpdateMessage;
      assert.equal(msg.type, 'update');
      assert.equal(msg.errors?.length, 1, JSON.stringify(msg.errors));
      const e = msg.errors![0]!;
      assert.deepEqual([e.action, e.code, e.subcode, e.rfc], [rule.action, 3, rule.subcode, rule.rfc]);
      if (rule.action === 'treat-as-withdraw') {
        assert.ok(msg.treatAsWithdraw?.includes(rule.rfc));
        assert.equal(msg.attributes, null);
        assert.equal(msg.discarded, undefined);
      } else {
        assert.equal(msg.treatAsWithdraw, undefined);
        assert.equal(msg.discarded?.length, 1);
      }
    });
  }
});

describe('what treat-as-withdraw and attribute-discard leave behind', () => {
  test('treat-as-withdraw keeps the NLRI to withdraw, classic and MP (RFC 7606 §2)', () => {
    const msg = decodeMessage(CASES.MP_NEXT_HOP_LENGTH.octets, CTX4) as UpdateMessage;
    assert.deepEqual(msg.mpReach?.nlri, ['2001::/16']);
    const classic = decodeMessage(CASES.ORIGIN_VALUE.octets, CTX4) as UpdateMessage;
    assert.deepEqual(classic.nlri, ['10.0.0.0/8']);
  });

  test('attribute-discard drops only that attribute; the route stays', () => {
    const msg = decodeMessage(CASES.ATOMIC_AGGREGATE_LENGTH.octets, CTX4) as UpdateMessage;
    assert.deepEqual(msg.attributes, { origin: 0, asPath: [{ type: 2, asns: [65001] }], atomicAggregate: false, nextHop: '192.0.2.1' });
    assert.deepEqual(msg.nlri, ['10.0.0.0/8']);
  });

  test('a duplicate attribute keeps the first occurrence (RFC 7606 §3)', () => {
    const msg = decodeMessage(CASES.DUPLICATE_ATTRIBUTE.octets, CTX4) as UpdateMessage;
    assert.equal(msg.attributes?.med, 1);
  });

  test('treat-as-withdraw beats attribute-discard when both occur (RFC 7606 §3, strongest action)', () => {
    const msg = decodeMessage(update('', `${base4} 40 06 01 00 80 04 02 00 01`, '08 0a'), CTX4) as UpdateMessage;
    assert.ok(msg.treatAsWithdraw);
    assert.equal(msg.attributes, null);
    assert.equal(msg.errors?.length, 2);
  });

  test('attribute overrun: the Total Path Attribute Length still locates the NLRI (RFC 7606 §4)', () => {
    const msg = decodeMessage(update('', `${base4} c0 08 08 00 00 00 01`, ''), CTX4) as UpdateMessage;
    assert.ok(msg.treatAsWithdraw);
    const withNlri = update('', `${base4} c0 08 08 00 00 00 01`, '08 0b');
    const m2 = decodeMessage(withNlri, CTX4) as UpdateMessage;
    assert.deepEqual(m2.nlri, ['11.0.0.0/8']);
    assert.ok(m2.treatAsWithdraw);
  });

  test('missing well-known attributes are not required without NLRI (RFC 4271 §6.3)', () => {
    const msg = decodeMessage(update('10 0a 01', `${B.origin}`, ''), CTX4) as UpdateMessage;
    assert.equal(msg.errors, undefined);
    assert.deepEqual(msg.withdrawn, ['10.1.0.0/16']);
  });
});
