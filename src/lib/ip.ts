/**
 * IPv4 / IPv6 addresses and prefixes: parse text to bytes, format bytes to canonical text.
 *
 * Canonical forms (used as RIB keys): IPv4 dotted quad without leading zeros; IPv6 per RFC 5952
 * (lowercase, no leading zeros, longest run of ≥ 2 zero groups compressed, first run on a tie,
 * no embedded IPv4 notation); prefixes as "address/length" with host bits zero.
 */
import { invalidArgument } from './errors.js';

/** A parsed prefix: `bytes` is the full address (4 or 16 octets) with host bits zero. */
export interface Prefix {
  readonly afi: 4 | 6;
  readonly bytes: Uint8Array;
  /** Prefix length in bits. */
  readonly length: number;
}

/** Parses a dotted-quad IPv4 address into `out` at `offset`; returns false when malformed. */
function parseV4Into(text: string, out: Uint8Array, offset: number): boolean {
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return false; // leading zero ("01") is ambiguous (octal)
      value = value * 10 + (c - 48);
      if (value > 255) return false;
      digits++;
    } else if (c === 46) {
      if (digits === 0 || part === 3) return false;
      out[offset + part++] = value;
      value = 0;
      digits = 0;
    } else {
      return false;
    }
  }
  if (digits === 0 || part !== 3) return false;
  out[offset + 3] = value;
  return true;
}

/** Parses an IPv6 address (RFC 4291 §2.2 text forms, incl. trailing dotted quad) into 16 octets. */
function parseV6Into(text: string, out: Uint8Array): boolean {
  if (text.length < 2 || text.length > 45) return false;
  const groups: number[] = [];
  let gap = -1;
  let i = 0;
  if (text.startsWith('::')) {
    gap = 0;
    i = 2;
    if (i === text.length) {
      out.fill(0);
      return true;
    }
  } else if (text.charCodeAt(0) === 58) {
    return false;
  }
  while (i < text.length) {
    // one group or a trailing IPv4
    let j = i;
    let value = 0;
    while (j < text.length && j - i < 5) {
      const c = text.charCodeAt(j);
      let d: number;
      if (c >= 48 && c <= 57) d = c - 48;
      else if (c >= 97 && c <= 102) d = c - 87;
      else if (c >= 65 && c <= 70) d = c - 55;
      else break;
      value = value * 16 + d;
      j++;
    }
    if (j < text.length && text.charCodeAt(j) === 46) {
      // embedded IPv4 in the last 32 bits
      if (groups.length > 6) return false;
      const v4 = new Uint8Array(4);
      if (!parseV4Into(text.slice(i), v4, 0)) return false;
      groups.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      i = text.length;
      break;
    }
    if (j === i || j - i > 4) return false;
    groups.push(value);
    if (groups.length > 8) return false;
    i = j;
    if (i === text.length) break;
    if (text.charCodeAt(i) !== 58) return false;
    i++;
    if (i < text.length && text.charCodeAt(i) === 58) {
      if (gap >= 0) return false;
      gap = groups.length;
      i++;
    } else if (i === text.length) {
      return false; // trailing single colon
    }
  }
  if (gap < 0) {
    if (groups.length !== 8) return false;
  } else if (groups.length > 7) {
    return false;
  }
  out.fill(0);
  const tail = gap < 0 ? 0 : groups.length - gap;
  for (let g = 0; g < groups.length; g++) {
    const at = gap < 0 || g < gap ? g : 8 - tail + (g - gap);
    out[at * 2] = groups[g]! >>> 8;
    out[at * 2 + 1] = groups[g]! & 0xff;
  }
  return true;
}

/** True when `text` is a dotted-quad IPv4 address. */
export function isIPv4(text: string): boolean {
  return parseV4Into(text, new Uint8Array(4), 0);
}

/** True when `text` is an IPv6 address in any RFC 4291 text form. */
export function isIPv6(text: string): boolean {
  return text.includes(':') && parseV6Into(text, new Uint8Array(16));
}

/**
 * Parses a dotted-quad IPv4 address into 4 octets.
 * @throws BambuError INVALID_ARGUMENT naming `field`
 */
export function parseIPv4(text: string, field = 'address'): Uint8Array {
  const out = new Uint8Array(4);
  if (!parseV4Into(text, out, 0)) throw invalidArgument(field, `not an IPv4 address: ${JSON.stringify(text)}`);
  return out;
}

/**
 * Parses an IPv6 address into 16 octets.
 * @throws BambuError INVALID_ARGUMENT naming `field`
 */
export function parseIPv6(text: string, field = 'address'): Uint8Array {
  const out = new Uint8Array(16);
  if (!text.includes(':') || !parseV6Into(text, out)) {
    throw invalidArgument(field, `not an IPv6 address: ${JSON.stringify(text)}`);
  }
  return out;
}

/**
 * Parses an IPv4 or IPv6 address into 4 or 16 octets.
 * @throws BambuError INVALID_ARGUMENT naming `field`
 */
export function parseIP(text: string, field = 'address'): Uint8Array {
  return text.includes(':') ? parseIPv6(text, field) : parseIPv4(text, field);
}

/** Formats 4 octets at `offset` as a dotted quad. */
export function formatIPv4(bytes: Uint8Array, offset = 0): string {
  return `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`;
}

/** Formats 16 octets at `offset` per RFC 5952 §4. */
export function formatIPv6(bytes: Uint8Array, offset = 0): string {
  // longest run of zero groups (length ≥ 2), first one on a tie (RFC 5952 §4.2.3)
  let bestStart = -1;
  let bestLen = 1;
  let runStart = -1;
  for (let g = 0; g < 8; g++) {
    const zero = bytes[offset + g * 2] === 0 && bytes[offset + g * 2 + 1] === 0;
    if (zero) {
      if (runStart < 0) runStart = g;
      const len = g - runStart + 1;
      if (len > bestLen) {
        bestLen = len;
        bestStart = runStart;
      }
    } else {
      runStart = -1;
    }
  }
  let s = '';
  for (let g = 0; g < 8; g++) {
    if (g === bestStart) {
      s += g === 0 ? '::' : ':';
      g += bestLen - 1;
      continue;
    }
    const v = (bytes[offset + g * 2]! << 8) | bytes[offset + g * 2 + 1]!;
    s += g === 7 ? v.toString(16) : v.toString(16) + ':';
  }
  return s;
}

/** Formats 4 or 16 octets as IPv4 or IPv6 text. */
export function formatIP(bytes: Uint8Array): string {
  return bytes.length === 4 ? formatIPv4(bytes) : formatIPv6(bytes);
}

/**
 * Parses "address/length" into address bytes and length, validating that host bits are zero.
 * @throws BambuError INVALID_ARGUMENT naming `field` (malformed, length out of range, host bits set)
 */
export function parsePrefix(cidr: string, field = 'prefix'): Prefix {
  const slash = cidr.indexOf('/');
  if (slash < 0) throw invalidArgument(field, `not a CIDR prefix (missing /length): ${JSON.stringify(cidr)}`);
  const addr = cidr.slice(0, slash);
  const lenText = cidr.slice(slash + 1);
  const v6 = addr.includes(':');
  const max = v6 ? 128 : 32;
  if (!/^\d{1,3}$/.test(lenText) || Number(lenText) > max) {
    throw invalidArgument(field, `prefix length must be 0..${max}: ${JSON.stringify(cidr)}`);
  }
  const length = Number(lenText);
  const bytes = v6 ? new Uint8Array(16) : new Uint8Array(4);
  if (v6 ? !parseV6Into(addr, bytes) : !parseV4Into(addr, bytes, 0)) {
    throw invalidArgument(field, `not an IPv${v6 ? 6 : 4} prefix: ${JSON.stringify(cidr)}`);
  }
  if (!hostBitsZero(bytes, length)) {
    throw invalidArgument(field, `host bits set in ${cidr} (did you mean ${formatPrefix(bytes, length)}?)`);
  }
  return { afi: v6 ? 6 : 4, bytes, length };
}

/** True when every bit after the first `length` bits of `bytes` is zero. */
export function hostBitsZero(bytes: Uint8Array, length: number): boolean {
  const full = length >> 3;
  const rem = length & 7;
  let i = full;
  if (rem !== 0) {
    if ((bytes[i]! & (0xff >> rem)) !== 0) return false;
    i++;
  }
  for (; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/**
 * Formats address bytes (4 or 16) and a length as canonical CIDR, zeroing host bits in the text
 * (the input is not modified).
 */
export function formatPrefix(bytes: Uint8Array, length: number): string {
  const masked = new Uint8Array(bytes);
  const full = length >> 3;
  const rem = length & 7;
  if (full < masked.length) {
    masked[full] = rem === 0 ? 0 : masked[full]! & (0xff << (8 - rem));
    masked.fill(0, full + 1);
  }
  return `${masked.length === 4 ? formatIPv4(masked) : formatIPv6(masked)}/${length}`;
}

/**
 * Canonical CIDR text of a prefix ("10.0.0.0/24", "2001:db8::/32"), e.g. for use as a RIB key.
 * @throws BambuError INVALID_ARGUMENT naming `field` (see parsePrefix; host bits must be zero)
 */
export function canonicalPrefix(cidr: string, field = 'prefix'): string {
  const p = parsePrefix(cidr, field);
  return formatPrefix(p.bytes, p.length);
}

/**
 * Canonical text of an IPv4 or IPv6 address.
 * @throws BambuError INVALID_ARGUMENT naming `field`
 */
export function canonicalIP(text: string, field = 'address'): string {
  return formatIP(parseIP(text, field));
}
