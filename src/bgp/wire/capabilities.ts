/**
 * Capabilities Optional Parameter contents (RFC 5492 §4): a list of
 *
 *  +------------------------------+
 *  | Capability Code (1 octet)    |
 *  | Capability Length (1 octet)  |
 *  | Capability Value (variable)  |
 *  +------------------------------+
 *
 * Known: Multiprotocol (1, RFC 4760 §8: AFI 2 octets, Reserved 1, SAFI 1), Route Refresh (2,
 * RFC 2918), Extended Message (6, RFC 8654), 4-octet AS (65, RFC 6793), Enhanced Route Refresh
 * (70, RFC 7313). Anything else — or a known code with an unexpected length, or a Multiprotocol
 * family this codec does not know — is kept as 'unknown' with its raw value.
 */
import { copyBytes } from '../../lib/bytes.js';
import type { Writer } from '../../lib/bytes.js';
import { familyByCode, familyCodec } from './families.js';
import { CAPABILITY_CODE } from './iana.js';
import type { Capability } from './messages.js';

/**
 * Decodes the capability TLVs in buf[start, end) and appends them to `out`.
 * @returns undefined, or the reason the list is malformed (a TLV overruns the parameter)
 */
export function decodeCapabilities(buf: Uint8Array, start: number, end: number, out: Capability[]): string | undefined {
  let p = start;
  while (p < end) {
    if (end - p < 2) return 'capability header truncated';
    const code = buf[p]!;
    const len = buf[p + 1]!;
    p += 2;
    if (p + len > end) return `capability ${code} length ${len} overruns the parameter`;
    out.push(decodeOne(buf, code, p, len));
    p += len;
  }
  return undefined;
}

function decodeOne(buf: Uint8Array, code: number, p: number, len: number): Capability {
  switch (code) {
    case CAPABILITY_CODE.MULTIPROTOCOL:
      if (len === 4) {
        const row = familyByCode((buf[p]! << 8) | buf[p + 1]!, buf[p + 3]!);
        if (row !== undefined) return { code: 'multiprotocol', family: row.family };
      }
      break;
    case CAPABILITY_CODE.ROUTE_REFRESH:
      if (len === 0) return { code: 'route-refresh' };
      break;
    case CAPABILITY_CODE.EXTENDED_MESSAGE:
      if (len === 0) return { code: 'extended-message' };
      break;
    case CAPABILITY_CODE.FOUR_OCTET_AS:
      if (len === 4) return { code: 'four-octet-as', asn: ((buf[p]! << 24) | (buf[p + 1]! << 16) | (buf[p + 2]! << 8) | buf[p + 3]!) >>> 0 };
      break;
    case CAPABILITY_CODE.ENHANCED_ROUTE_REFRESH:
      if (len === 0) return { code: 'enhanced-route-refresh' };
      break;
    default:
      break;
  }
  return { code: 'unknown', type: code, value: copyBytes(buf, p, p + len) };
}

/**
 * Writes one capability TLV.
 * @throws RangeError for an unknown capability whose value exceeds 255 octets
 */
export function writeCapability(w: Writer, c: Capability): void {
  switch (c.code) {
    case 'multiprotocol': {
      const row = familyCodec(c.family);
      w.u8(CAPABILITY_CODE.MULTIPROTOCOL).u8(4).u16(row.afi).u8(0).u8(row.safi);
      return;
    }
    case 'route-refresh':
      w.u8(CAPABILITY_CODE.ROUTE_REFRESH).u8(0);
      return;
    case 'extended-message':
      w.u8(CAPABILITY_CODE.EXTENDED_MESSAGE).u8(0);
      return;
    case 'four-octet-as':
      w.u8(CAPABILITY_CODE.FOUR_OCTET_AS).u8(4).u32(c.asn);
      return;
    case 'enhanced-route-refresh':
      w.u8(CAPABILITY_CODE.ENHANCED_ROUTE_REFRESH).u8(0);
      return;
    case 'unknown':
      if (c.value.length > 255) throw new RangeError(`capability ${c.type}: value of ${c.value.length} octets > 255`);
      w.u8(c.type).u8(c.value.length).bytes(c.value);
      return;
  }
}

/** Capability code number of a Capability (for NOTIFICATION 2/7 data, RFC 5492 §5). */
export function capabilityCode(code: Capability['code']): number | undefined {
  switch (code) {
    case 'multiprotocol':
      return CAPABILITY_CODE.MULTIPROTOCOL;
    case 'route-refresh':
      return CAPABILITY_CODE.ROUTE_REFRESH;
    case 'extended-message':
      return CAPABILITY_CODE.EXTENDED_MESSAGE;
    case 'four-octet-as':
      return CAPABILITY_CODE.FOUR_OCTET_AS;
    case 'enhanced-route-refresh':
      return CAPABILITY_CODE.ENHANCED_ROUTE_REFRESH;
    case 'unknown':
      return undefined;
  }
}
