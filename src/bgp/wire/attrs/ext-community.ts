/**
 * One EXTENDED_COMMUNITIES value (8 octets) ↔ a typed ExtCommunity (RFC 4360, RFC 7153,
 * RFC 9012, RFC 7432, RFC 9135, draft-ietf-idr-link-bandwidth).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Type high    |  Type low     |                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+          Value (6 octets)     |
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Bit 0x40 of the type high octet means non-transitive (RFC 4360 §2). Decoding is lossless:
 * encodeExtCommunity(decodeExtCommunity(x)) returns x for every 8-octet input.
 */
import { copyBytes } from '../../../lib/bytes.js';
import { formatIPv4, parseIPv4 } from '../../../lib/ip.js';
import { EXT_COMMUNITY_NON_TRANSITIVE, EXT_COMMUNITY_SUBTYPE, EXT_COMMUNITY_TYPE } from '../iana.js';

/** A decoded extended community. `subType` is the type low octet where the kind has several. */
export type ExtCommunity =
  /** Two-Octet AS Specific (RFC 4360 §3.1): sub-type 0x02 Route Target, 0x03 Route Origin, … */
  | { readonly kind: 'two-octet-as'; readonly transitive: boolean; readonly subType: number; readonly asn: number; readonly localAdmin: number }
  /** IPv4 Address Specific (RFC 4360 §3.2). */
  | { readonly kind: 'ipv4-address'; readonly transitive: boolean; readonly subType: number; readonly address: string; readonly localAdmin: number }
  /** Four-Octet AS Specific (RFC 5668). */
  | { readonly kind: 'four-octet-as'; readonly transitive: boolean; readonly subType: number; readonly asn: number; readonly localAdmin: number }
  /** Link Bandwidth (draft-ietf-idr-link-bandwidth §2): `bandwidth` in octets per second, IEEE 754 single. */
  | { readonly kind: 'link-bandwidth'; readonly transitive: boolean; readonly asn: number; readonly bandwidth: number }
  /** Color (RFC 9012 §4.3): `flags` is the 16-bit Flags field (RFC 9256 uses its CO bits). */
  | { readonly kind: 'color'; readonly transitive: boolean; readonly color: number; readonly flags?: number }
  /** Encapsulation (RFC 9012 §4.1): `tunnelType` from the BGP Tunnel Encapsulation Types registry (8 = VXLAN). */
  | { readonly kind: 'encapsulation'; readonly transitive: boolean; readonly tunnelType: number }
  /** EVPN Router's MAC (RFC 9135 §8.1). */
  | { readonly kind: 'router-mac'; readonly transitive: boolean; readonly mac: Uint8Array }
  /** EVPN MAC Mobility (RFC 7432 §7.7): `sticky` is flag bit 0x01 (static MAC). */
  | { readonly kind: 'mac-mobility'; readonly sticky: boolean; readonly sequence: number }
  /** Opaque (RFC 4360 §3.3) with a sub-type not decoded above; `value` is 6 octets. */
  | { readonly kind: 'opaque'; readonly transitive: boolean; readonly subType: number; readonly value: Uint8Array }
  /** Any other type: `typeCode` is the type high octet, `value` the 7 octets after it. */
  | { readonly kind: 'unknown'; readonly typeCode: number; readonly value: Uint8Array };

const T = EXT_COMMUNITY_TYPE;
const S = EXT_COMMUNITY_SUBTYPE;
const NT = EXT_COMMUNITY_NON_TRANSITIVE;

function u16(b: Uint8Array, p: number): number {
  return (b[p]! << 8) | b[p + 1]!;
}
function u32(b: Uint8Array, p: number): number {
  return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
}
function put16(b: Uint8Array, p: number, v: number): void {
  b[p] = (v >>> 8) & 0xff;
  b[p + 1] = v & 0xff;
}
function put32(b: Uint8Array, p: number, v: number): void {
  b[p] = (v >>> 24) & 0xff;
  b[p + 1] = (v >>> 16) & 0xff;
  b[p + 2] = (v >>> 8) & 0xff;
  b[p + 3] = v & 0xff;
}
function isZero(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] !== 0) return false;
  return true;
}

/**
 * Decodes one 8-octet extended community.
 * @param raw exactly 8 octets (the caller splits the attribute, RFC 7606 §7.14)
 * @throws RangeError when `raw` is not 8 octets
 */
export function decodeExtCommunity(raw: Uint8Array): ExtCommunity {
  if (raw.length !== 8) throw new RangeError(`extended community must be 8 octets, got ${raw.length}`);
  const high = raw[0]!;
  const sub = raw[1]!;
  const transitive = (high & NT) === 0;
  const base = high & ~NT;
  switch (base) {
    case T.TWO_OCTET_AS:
      if (sub === S.LINK_BANDWIDTH) {
        const f = new DataView(raw.buffer, raw.byteOffset + 4, 4).getFloat32(0, false);
        const lb: ExtCommunity = { kind: 'link-bandwidth', transitive, asn: u16(raw, 2), bandwidth: f };
        // keep the float lossless (NaN payloads): only decode when it re-encodes identically
        if (sameBytes(encodeExtCommunity(lb), raw)) return lb;
        break;
      }
      return { kind: 'two-octet-as', transitive, subType: sub, asn: u16(raw, 2), localAdmin: u32(raw, 4) };
    case T.IPV4_ADDRESS:
      return { kind: 'ipv4-address', transitive, subType: sub, address: formatIPv4(raw, 2), localAdmin: u16(raw, 6) };
    case T.FOUR_OCTET_AS:
      return { kind: 'four-octet-as', transitive, subType: sub, asn: u32(raw, 2), localAdmin: u16(raw, 6) };
    case T.OPAQUE:
      if (sub === S.COLOR) {
        const flags = u16(raw, 2);
        return flags === 0
          ? { kind: 'color', transitive, color: u32(raw, 4) }
          : { kind: 'color', transitive, color: u32(raw, 4), flags };
      }
      if (sub === S.ENCAPSULATION && isZero(raw, 2, 6)) {
        return { kind: 'encapsulation', transitive, tunnelType: u16(raw, 6) };
      }
      return { kind: 'opaque', transitive, subType: sub, value: copyBytes(raw, 2, 8) };
    default:
      break;
  }
  if (base === T.EVPN && sub === S.ROUTER_MAC) return { kind: 'router-mac', transitive, mac: copyBytes(raw, 2, 8) };
  if (high === T.EVPN && sub === S.MAC_MOBILITY && (raw[2]! & 0xfe) === 0 && raw[3] === 0) {
    return { kind: 'mac-mobility', sticky: (raw[2]! & 0x01) !== 0, sequence: u32(raw, 4) };
  }
  return { kind: 'unknown', typeCode: high, value: copyBytes(raw, 1, 8) };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new RangeError(`extended community: ${what}`);
}

function isUint(v: number, max: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= max;
}

/**
 * Encodes one extended community into 8 octets.
 * @throws RangeError when a field is out of range (asn > 65535 in two-octet kinds, local admin
 *         too wide, value not 6/7 octets, mac not 6 octets …); the message names the field
 */
export function encodeExtCommunity(ec: ExtCommunity): Uint8Array {
  const out = new Uint8Array(8);
  const ntBit = 'transitive' in ec && !ec.transitive ? NT : 0;
  switch (ec.kind) {
    case 'two-octet-as':
      check(isUint(ec.subType, 0xff) && isUint(ec.asn, 0xffff) && isUint(ec.localAdmin, 0xffffffff), 'two-octet-as: subType ≤ 255, asn ≤ 65535, localAdmin ≤ 2^32-1');
      out[0] = T.TWO_OCTET_AS | ntBit;
      out[1] = ec.subType;
      put16(out, 2, ec.asn);
      put32(out, 4, ec.localAdmin);
      break;
    case 'ipv4-address':
      check(isUint(ec.subType, 0xff) && isUint(ec.localAdmin, 0xffff), 'ipv4-address: subType ≤ 255, localAdmin ≤ 65535');
      out[0] = T.IPV4_ADDRESS | ntBit;
      out[1] = ec.subType;
      out.set(parseIPv4(ec.address, 'address'), 2);
      put16(out, 6, ec.localAdmin);
      break;
    case 'four-octet-as':
      check(isUint(ec.subType, 0xff) && isUint(ec.asn, 0xffffffff) && isUint(ec.localAdmin, 0xffff), 'four-octet-as: subType ≤ 255, asn ≤ 2^32-1, localAdmin ≤ 65535');
      out[0] = T.FOUR_OCTET_AS | ntBit;
      out[1] = ec.subType;
      put32(out, 2, ec.asn);
      put16(out, 6, ec.localAdmin);
      break;
    case 'link-bandwidth':
      check(isUint(ec.asn, 0xffff), 'link-bandwidth: asn ≤ 65535');
      out[0] = T.TWO_OCTET_AS | ntBit;
      out[1] = S.LINK_BANDWIDTH;
      put16(out, 2, ec.asn);
      new DataView(out.buffer, 4, 4).setFloat32(0, ec.bandwidth, false);
      break;
    case 'color':
      check(isUint(ec.color, 0xffffffff) && isUint(ec.flags ?? 0, 0xffff), 'color: color ≤ 2^32-1, flags ≤ 65535');
      out[0] = T.OPAQUE | ntBit;
      out[1] = S.COLOR;
      put16(out, 2, ec.flags ?? 0);
      put32(out, 4, ec.color);
      break;
    case 'encapsulation':
      check(isUint(ec.tunnelType, 0xffff), 'encapsulation: tunnelType ≤ 65535');
      out[0] = T.OPAQUE | ntBit;
      out[1] = S.ENCAPSULATION;
      put16(out, 6, ec.tunnelType);
      break;
    case 'router-mac':
      check(ec.mac.length === 6, 'router-mac: mac must be 6 octets');
      out[0] = T.EVPN | ntBit;
      out[1] = S.ROUTER_MAC;
      out.set(ec.mac, 2);
      break;
    case 'mac-mobility':
      check(isUint(ec.sequence, 0xffffffff), 'mac-mobility: sequence ≤ 2^32-1');
      out[0] = T.EVPN;
      out[1] = S.MAC_MOBILITY;
      out[2] = ec.sticky ? 0x01 : 0;
      put32(out, 4, ec.sequence);
      break;
    case 'opaque':
      check(isUint(ec.subType, 0xff) && ec.value.length === 6, 'opaque: subType ≤ 255, value 6 octets');
      out[0] = T.OPAQUE | ntBit;
      out[1] = ec.subType;
      out.set(ec.value, 2);
      break;
    case 'unknown':
      check(isUint(ec.typeCode, 0xff) && ec.value.length === 7, 'unknown: typeCode ≤ 255, value 7 octets');
      out[0] = ec.typeCode;
      out.set(ec.value, 1);
      break;
  }
  return out;
}
