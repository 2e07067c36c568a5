/**
 * MP_UNREACH_NLRI (type 15, optional non-transitive; RFC 4760 §4):
 *
 *  +---------------------------------------------------------+
 *  | Address Family Identifier (2 octets)                    |
 *  | Subsequent Address Family Identifier (1 octet)          |
 *  | Withdrawn Routes (variable)                             |
 *  +---------------------------------------------------------+
 *
 * An empty Withdrawn Routes field is the End-of-RIB marker of the family (RFC 4724 §2).
 * Errors: shorter than 3 → session reset 3/9 (RFC 4760 §7); NLRI syntax → session reset
 * (RFC 7606 §5.3); family not negotiated or not decodable yet → attribute ignored; an EVPN route
 * well framed but malformed → that route ignored, the others withdrawn (RFC 7606 §5.4). Withdrawn
 * EVPN routes are matched on their key only: labels are not kept (RFC 7432 §7, FRR zeroes them).
 */
import type { Writer } from '../../../lib/bytes.js';
import { ATTR_FLAG, ATTR_TYPE } from '../iana.js';
import { type FamilyCodec, type NlriSink, familyByCode } from '../families.js';
import { fault } from '../update-errors.js';
import { type AttrCodec, OPTIONAL_NON_TRANSITIVE, u16at } from './codec.js';
import { unusableFamily } from './mp-reach.js';

export const MP_UNREACH_CODEC: AttrCodec = {
  type: ATTR_TYPE.MP_UNREACH_NLRI,
  name: 'MP_UNREACH_NLRI',
  flags: OPTIONAL_NON_TRANSITIVE,
  decode(buf, start, end, b, ctx) {
    const len = end - start;
    if (len < 3) return fault('MP_MALFORMED', `MP_UNREACH_NLRI length ${len} < 3`);
    const afi = u16at(buf, start);
    const safi = buf[start + 2]!;
    const row = familyByCode(afi, safi);
    if (row !== undefined && end === start + 3 && ctx.families.includes(row.family)) {
      // End-of-RIB marker (RFC 4724 §2): recognisable even for a family whose NLRI is not decoded yet.
      b.mpUnreach = { family: row.family, withdrawn: [] };
      return undefined;
    }
    if (row === undefined || row.decodeNlri === null || !ctx.families.includes(row.family)) {
      return unusableFamily('MP_UNREACH_NLRI', afi, safi, row);
    }
    const withdrawn: string[] = [];
    const sink: NlriSink = {};
    const bad = row.decodeNlri(buf, start + 3, end, withdrawn, sink);
    if (bad !== undefined) return fault('MP_NLRI', `MP_UNREACH_NLRI ${row.family} withdrawn routes: ${bad}`);
    b.mpUnreach = { family: row.family, withdrawn };
    if (sink.malformed !== undefined) return fault('EVPN_WITHDRAWN_MALFORMED', `MP_UNREACH_NLRI ${row.family}: ${sink.malformed}`);
    return undefined;
  },
  encode: null,
};

/** Starts an MP_UNREACH_NLRI (Extended Length); returns the length offset for finishMpAttr. */
export function startMpUnreach(w: Writer, row: FamilyCodec): number {
  w.u8(ATTR_FLAG.OPTIONAL | ATTR_FLAG.EXTENDED_LENGTH).u8(ATTR_TYPE.MP_UNREACH_NLRI);
  const at = w.reserve16();
  w.u16(row.afi).u8(row.safi);
  return at;
}
