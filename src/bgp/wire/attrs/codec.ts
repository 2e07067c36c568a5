/**
 * The shape of one path attribute's codec (a row of the attribute table, attrs/table.ts), the
 * builder decoders fill, and the attribute header (RFC 4271 §4.3):
 *
 *   0                   1
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Attr. Flags  |Attr. Type Code|  then Attribute Length: 1 octet, or 2 with Extended Length
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  Flags: O(ptional) 0x80, T(ransitive) 0x40, P(artial) 0x20, E(xtended length) 0x10.
 */
import type { Writer } from '../../../lib/bytes.js';
import type { AsPathSegment, LargeCommunity, OriginValue, PathAttributes, UnknownAttribute } from '../../types.js';
import type { CodecContext } from '../context.js';
import { ATTR_FLAG } from '../iana.js';
import type { MpReach, MpUnreach } from '../messages.js';
import type { Fault } from '../update-errors.js';

/** Mutable collector a decoder writes into; update.ts turns it into PathAttributes once. */
export class AttrBuilder {
  origin: OriginValue | undefined = undefined;
  asPath: AsPathSegment[] | undefined = undefined;
  nextHop: string | undefined = undefined;
  med: number | undefined = undefined;
  localPref: number | undefined = undefined;
  atomicAggregate = false;
  aggregator: { asn: number; address: string } | undefined = undefined;
  communities: number[] | undefined = undefined;
  extCommunities: Uint8Array[] | undefined = undefined;
  largeCommunities: LargeCommunity[] | undefined = undefined;
  originatorId: string | undefined = undefined;
  clusterList: string[] | undefined = undefined;
  pmsiTunnel: Uint8Array | undefined = undefined;
  unknown: UnknownAttribute[] | undefined = undefined;
  /** RFC 6793 attributes, merged away before PathAttributes is built. */
  as4Path: AsPathSegment[] | undefined = undefined;
  as4Aggregator: { asn: number; address: string } | undefined = undefined;
  mpReach: MpReach | undefined = undefined;
  mpUnreach: MpUnreach | undefined = undefined;
  /** Non-fatal faults noticed inside a decoder that still succeeded (e.g. RFC 6793 §6 confed segments). */
  notes: Fault[] | undefined = undefined;
}

/** One row of the attribute table. */
export interface AttrCodec {
  readonly type: number;
  /** RFC name, e.g. "AS_PATH" (used in error reasons). */
  readonly name: string;
  /** The Optional and Transitive bits this type must carry (RFC 4271 §5; checked per RFC 7606 §3). */
  readonly flags: number;
  /**
   * Decodes the value buf[start, end) into `b`. Returns undefined, or a Fault naming the
   * UPDATE_ERRORS row; on a fault nothing is written to `b`.
   */
  readonly decode: (buf: Uint8Array, start: number, end: number, b: AttrBuilder, ctx: CodecContext) => Fault | undefined;
  /**
   * Appends the attribute (header and value) when `attrs` carries it. null for MP_REACH_NLRI and
   * MP_UNREACH_NLRI, which the UPDATE encoder writes itself around the NLRI.
   */
  readonly encode: ((w: Writer, attrs: PathAttributes, ctx: CodecContext) => void) | null;
}

/** Optional + Transitive shorthands for `AttrCodec.flags`. */
export const WELL_KNOWN = ATTR_FLAG.TRANSITIVE;
export const OPTIONAL_TRANSITIVE = ATTR_FLAG.OPTIONAL | ATTR_FLAG.TRANSITIVE;
export const OPTIONAL_NON_TRANSITIVE = ATTR_FLAG.OPTIONAL;

/**
 * Writes an attribute header for a value of `length` octets, setting Extended Length only when the
 * length exceeds 255 (RFC 4271 §4.3).
 */
export function writeAttrHeader(w: Writer, flags: number, type: number, length: number): void {
  if (length > 0xff) w.u8((flags | ATTR_FLAG.EXTENDED_LENGTH) & 0xf0).u8(type).u16(length);
  else w.u8(flags & ~ATTR_FLAG.EXTENDED_LENGTH & 0xf0).u8(type).u8(length);
}

/** Big-endian uint32 at `p`. */
export function u32at(buf: Uint8Array, p: number): number {
  return ((buf[p]! << 24) | (buf[p + 1]! << 16) | (buf[p + 2]! << 8) | buf[p + 3]!) >>> 0;
}

/** Big-endian uint16 at `p`. */
export function u16at(buf: Uint8Array, p: number): number {
  return (buf[p]! << 8) | buf[p + 1]!;
}
