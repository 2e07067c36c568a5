/**
 * Address families the codec speaks, as one table keyed by family (RFC 4760). Each row says how to
 * read and write its NLRI and its MP_REACH_NLRI next hop. A new family (EVPN, issue 7) is a new
 * row here; nothing else branches on the family.
 */
import type { Writer } from '../../lib/bytes.js';
import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from '../../lib/ip.js';
import type { AfiSafi } from '../types.js';
import { AFI, SAFI } from './iana.js';
import { type NlriData, type NlriSink, decodeEvpnNlri, writeEvpnNlri } from './nlri/evpn.js';
import { decodeIPv4Prefixes, decodeIPv6Prefixes, writePrefix } from './nlri/prefix.js';

export type { NlriData, NlriSink } from './nlri/evpn.js';

/** A decoded MP_REACH_NLRI next hop. */
export interface NextHop {
  readonly nextHop: string;
  readonly nextHopLinkLocal?: string;
}

/** How one AFI/SAFI is carried on the wire. */
export interface FamilyCodec {
  readonly family: AfiSafi;
  readonly afi: number;
  readonly safi: number;
  /**
   * Appends the NLRI items in buf[start, end) to `out` as strings: canonical CIDR for IP families,
   * route keys for EVPN (nlri/evpn.ts). Families with per-item data (hasNlriData) report it, and
   * items that are well framed but malformed, through `sink`.
   * Returns undefined, or the reason the field is syntactically incorrect. null = not decoded yet.
   */
  readonly decodeNlri: ((buf: Uint8Array, start: number, end: number, out: string[], sink?: NlriSink) => string | undefined) | null;
  /**
   * Writes one NLRI item (with its non-key data, e.g. EVPN labels); throws BambuError
   * INVALID_ARGUMENT for a bad item. null = not encodable yet.
   */
  readonly writeNlri: ((w: Writer, item: string, data?: NlriData) => void) | null;
  /** Items carry data outside their key (EVPN labels, ESI): MpReach.data is filled for this family. */
  readonly hasNlriData: boolean;
  /**
   * Reads the MP_REACH_NLRI next hop of `len` octets at `off`; returns a string reason when the
   * length is not one this family allows (RFC 7606 §7.11).
   */
  readonly decodeNextHop: (buf: Uint8Array, off: number, len: number) => NextHop | string;
  /** Writes Length of Next Hop + Next Hop; throws BambuError INVALID_ARGUMENT for a bad address. */
  readonly writeNextHop: (w: Writer, nextHop: string, linkLocal?: string) => void;
}

/** IPv4 next hop: 4 octets (RFC 4760 §3). */
function decodeV4NextHop(buf: Uint8Array, off: number, len: number): NextHop | string {
  if (len !== 4) return `IPv4 next hop length ${len} (expected 4)`;
  return { nextHop: formatIPv4(buf, off) };
}

function writeV4NextHop(w: Writer, nextHop: string): void {
  w.u8(4).bytes(parseIPv4(nextHop, 'nextHop'));
}

/** IPv6 next hop: 16 octets global, or 32 with a link-local one (RFC 2545 §3). */
function decodeV6NextHop(buf: Uint8Array, off: number, len: number): NextHop | string {
  if (len === 16) return { nextHop: formatIPv6(buf, off) };
  if (len === 32) {
    const linkLocal = formatIPv6(buf, off + 16);
    return linkLocal === '::' ? { nextHop: formatIPv6(buf, off) } : { nextHop: formatIPv6(buf, off), nextHopLinkLocal: linkLocal };
  }
  return `IPv6 next hop length ${len} (expected 16 or 32)`;
}

function writeV6NextHop(w: Writer, nextHop: string, linkLocal?: string): void {
  const global = parseIPv6(nextHop, 'nextHop');
  if (linkLocal === undefined) {
    w.u8(16).bytes(global);
  } else {
    w.u8(32).bytes(global).bytes(parseIPv6(linkLocal, 'nextHopLinkLocal'));
  }
}

/** EVPN (RFC 7432 §7, RFC 8365 §5.1.3): the next hop is the VTEP's IPv4 or IPv6 address. */
function decodeEvpnNextHop(buf: Uint8Array, off: number, len: number): NextHop | string {
  if (len === 4) return { nextHop: formatIPv4(buf, off) };
  if (len === 16) return { nextHop: formatIPv6(buf, off) };
  return `EVPN next hop length ${len} (expected 4 or 16)`;
}

function writeEvpnNextHop(w: Writer, nextHop: string): void {
  if (nextHop.includes(':')) w.u8(16).bytes(parseIPv6(nextHop, 'nextHop'));
  else w.u8(4).bytes(parseIPv4(nextHop, 'nextHop'));
}

/** The family table. */
export const FAMILIES: readonly FamilyCodec[] = [
  {
    family: 'ipv4-unicast',
    afi: AFI.IPV4,
    safi: SAFI.UNICAST,
    decodeNlri: decodeIPv4Prefixes,
    writeNlri: (w, item) => writePrefix(w, item, 4),
    hasNlriData: false,
    decodeNextHop: decodeV4NextHop,
    writeNextHop: writeV4NextHop,
  },
  {
    family: 'ipv6-unicast',
    afi: AFI.IPV6,
    safi: SAFI.UNICAST,
    decodeNlri: decodeIPv6Prefixes,
    writeNlri: (w, item) => writePrefix(w, item, 6),
    hasNlriData: false,
    decodeNextHop: decodeV6NextHop,
    writeNextHop: writeV6NextHop,
  },
  {
    family: 'l2vpn-evpn',
    afi: AFI.L2VPN,
    safi: SAFI.EVPN,
    decodeNlri: decodeEvpnNlri,
    writeNlri: writeEvpnNlri,
    hasNlriData: true,
    decodeNextHop: decodeEvpnNextHop,
    writeNextHop: writeEvpnNextHop,
  },
];

const BY_CODE = new Map<number, FamilyCodec>(FAMILIES.map((f) => [f.afi * 256 + f.safi, f]));
const BY_NAME = new Map<AfiSafi, FamilyCodec>(FAMILIES.map((f) => [f.family, f]));

/** The row for an AFI/SAFI pair, or undefined when the codec does not know it. */
export function familyByCode(afi: number, safi: number): FamilyCodec | undefined {
  return BY_CODE.get(afi * 256 + safi);
}

/**
 * The row for a family name.
 * @throws RangeError for a name not in the table (a programming error: AfiSafi is a closed union)
 */
export function familyCodec(family: AfiSafi): FamilyCodec {
  const row = BY_NAME.get(family);
  if (!row) throw new RangeError(`unknown address family ${family}`);
  return row;
}

/** AFI/SAFI numbers of a family (RFC 4760 §3). */
export function afiSafiOf(family: AfiSafi): { afi: number; safi: number } {
  const row = familyCodec(family);
  return { afi: row.afi, safi: row.safi };
}
