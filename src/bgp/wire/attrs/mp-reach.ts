/**
 * MP_REACH_NLRI (type 14, optional non-transitive; RFC 4760 §3):
 *
 *  +---------------------------------------------------------+
 *  | Address Family Identifier (2 octets)                    |
 *  | Subsequent Address Family Identifier (1 octet)          |
 *  | Length of Next Hop Network Address (1 octet)            |
 *  | Network Address of Next Hop (variable)                  |
 *  | Reserved (1 octet)                                      |
 *  | Network Layer Reachability Information (variable)       |
 *  +---------------------------------------------------------+
 *
 * The next hop and NLRI formats come from the family table (families.ts).
 * Errors: too short, or next hop overrunning the attribute → session reset 3/9 (RFC 4760 §7, the
 * NLRI cannot be located); next hop length wrong for the family → treat-as-withdraw (RFC 7606
 * §7.11); NLRI syntax → session reset (RFC 7606 §5.3); family not negotiated or not decodable
 * yet → attribute ignored; an EVPN route well framed but malformed → treat-as-withdraw (RFC 7606
 * §5.4), the other routes of the attribute are still listed so they can be withdrawn.
 */
import type { Writer } from '../../../lib/bytes.js';
import { ATTR_FLAG, ATTR_TYPE } from '../iana.js';
import { type FamilyCodec, type NlriSink, familyByCode } from '../families.js';
import { type Fault, fault } from '../update-errors.js';
import { type AttrCodec, OPTIONAL_NON_TRANSITIVE, u16at } from './codec.js';

export const MP_REACH_CODEC: AttrCodec = {
  type: ATTR_TYPE.MP_REACH_NLRI,
  name: 'MP_REACH_NLRI',
  flags: OPTIONAL_NON_TRANSITIVE,
  /** On a next-hop-length fault `b.mpReach` is still set (nextHop "") so its NLRI can be withdrawn. */
  decode(buf, start, end, b, ctx) {
    const len = end - start;
    if (len < 5) return fault('MP_MALFORMED', `MP_REACH_NLRI length ${len} < 5`);
    const afi = u16at(buf, start);
    const safi = buf[start + 2]!;
    const nhLen = buf[start + 3]!;
    const nlriStart = start + 4 + nhLen + 1;
    if (nlriStart > end) return fault('MP_MALFORMED', `MP_REACH_NLRI next hop length ${nhLen} overruns the attribute`);
    const row = familyByCode(afi, safi);
    if (row === undefined || row.decodeNlri === null || !ctx.families.includes(row.family)) {
      return unusableFamily('MP_REACH_NLRI', afi, safi, row);
    }
    const nlri: string[] = [];
    const sink: NlriSink | undefined = row.hasNlriData ? { data: [] } : undefined;
    const bad = row.decodeNlri(buf, nlriStart, end, nlri, sink);
    if (bad !== undefined) return fault('MP_NLRI', `MP_REACH_NLRI ${row.family} NLRI: ${bad}`);
    const data = sink?.data !== undefined ? { data: sink.data } : {};
    const nh = row.decodeNextHop(buf, start + 4, nhLen);
    if (typeof nh === 'string') {
      b.mpReach = { family: row.family, nextHop: '', nlri, ...data };
      return fault('MP_NEXT_HOP_LENGTH', `MP_REACH_NLRI ${row.family}: ${nh}`);
    }
    b.mpReach =
      nh.nextHopLinkLocal === undefined
        ? { family: row.family, nextHop: nh.nextHop, nlri, ...data }
        : { family: row.family, nextHop: nh.nextHop, nextHopLinkLocal: nh.nextHopLinkLocal, nlri, ...data };
    if (sink?.malformed !== undefined) return fault('EVPN_ROUTE_MALFORMED', `MP_REACH_NLRI ${row.family}: ${sink.malformed}`);
    return undefined;
  },
  encode: null,
};

/**
 * The attribute-discard fault for an MP attribute whose family is unknown, not negotiated, or
 * whose NLRI this codec cannot decode yet (shared by MP_REACH_NLRI and MP_UNREACH_NLRI).
 */
export function unusableFamily(attr: string, afi: number, safi: number, row: FamilyCodec | undefined): Fault {
  const why = row === undefined ? 'unknown family' : row.decodeNlri === null ? `${row.family} NLRI not decoded yet` : `${row.family} not negotiated`;
  return fault('MP_FAMILY_UNSUPPORTED', `${attr} for AFI ${afi} / SAFI ${safi} ignored (${why})`);
}

/**
 * Starts an MP_REACH_NLRI attribute (always with Extended Length, so NLRI can be appended without
 * knowing the total) up to and including the Reserved octet; returns the length field offset for
 * `finishMpAttr`.
 * @throws BambuError INVALID_ARGUMENT for a next hop that does not fit the family
 */
export function startMpReach(w: Writer, row: FamilyCodec, nextHop: string, linkLocal?: string): number {
  w.u8(ATTR_FLAG.OPTIONAL | ATTR_FLAG.EXTENDED_LENGTH).u8(ATTR_TYPE.MP_REACH_NLRI);
  const at = w.reserve16();
  w.u16(row.afi).u8(row.safi);
  row.writeNextHop(w, nextHop, linkLocal);
  w.u8(0);
  return at;
}

/** Back-fills the 2-octet length of an MP attribute started by startMpReach / startMpUnreach. */
export function finishMpAttr(w: Writer, lengthAt: number): void {
  w.fillLength16(lengthAt);
}
