/**
 * IP prefix NLRI encoding (RFC 4271 §4.3 "Network Layer Reachability Information", RFC 4760 §5,
 * RFC 2545 for IPv6):
 *
 *  +---------------------------+
 *  |   Length (1 octet, bits)  |
 *  +---------------------------+
 *  |   Prefix (variable)       |   ceil(Length / 8) octets, trailing bits irrelevant
 *  +---------------------------+
 *
 * Decoding walks the buffer with an offset and formats each prefix straight from the octets into
 * its canonical CIDR string (trailing bits masked), without an intermediate object per prefix.
 */
import type { Writer } from '../../../lib/bytes.js';
import { invalidArgument } from '../../../lib/errors.js';
import { formatIPv6, parsePrefix } from '../../../lib/ip.js';

/** Scratch for IPv6 formatting (module-level, reused; the codec is synchronous). */
const V6 = new Uint8Array(16);

/** Character codes of the prefix being formatted (module scratch, reused). */
const chars: number[] = [];

/** Appends the decimal digits of 0–255 to `chars`. */
function pushDecimal(x: number): void {
  if (x >= 100) chars.push(48 + ((x / 100) | 0), 48 + (((x / 10) | 0) % 10), 48 + (x % 10));
  else if (x >= 10) chars.push(48 + ((x / 10) | 0), 48 + (x % 10));
  else chars.push(48 + x);
}

/**
 * Canonical text "a.b.c.d/len" of an IPv4 prefix (`v` unsigned 32-bit, `len` 0–32), built as one
 * flat string from its character codes: a template literal would give a rope (V8 ConsString) that
 * every later hash or charCodeAt flattens again, in each RIB table the prefix passes through.
 */
function ipv4PrefixText(v: number, len: number): string {
  chars.length = 0;
  pushDecimal(v >>> 24);
  chars.push(46);
  pushDecimal((v >>> 16) & 0xff);
  chars.push(46);
  pushDecimal((v >>> 8) & 0xff);
  chars.push(46);
  pushDecimal(v & 0xff);
  chars.push(47);
  pushDecimal(len);
  return String.fromCharCode.apply(null, chars);
}

/**
 * Appends the IPv4 prefixes encoded in buf[start, end) to `out`.
 * @returns undefined on success, or the reason the field is syntactically incorrect
 *          (length > 32 or a prefix overrunning the field — RFC 7606 §5.3)
 */
export function decodeIPv4Prefixes(buf: Uint8Array, start: number, end: number, out: string[]): string | undefined {
  let p = start;
  while (p < end) {
    const len = buf[p]!;
    if (len > 32) return `prefix length ${len} > 32 at offset ${p - start}`;
    const n = (len + 7) >> 3;
    p++;
    if (p + n > end) return `prefix /${len} overruns the field by ${p + n - end} octet(s)`;
    let v = 0;
    switch (n) {
      case 4:
        v = ((buf[p]! << 24) | (buf[p + 1]! << 16) | (buf[p + 2]! << 8) | buf[p + 3]!) >>> 0;
        break;
      case 3:
        v = ((buf[p]! << 24) | (buf[p + 1]! << 16) | (buf[p + 2]! << 8)) >>> 0;
        break;
      case 2:
        v = ((buf[p]! << 24) | (buf[p + 1]! << 16)) >>> 0;
        break;
      case 1:
        v = (buf[p]! << 24) >>> 0;
        break;
      default:
        break;
    }
    if (len < 32) v = (v & ~(0xffffffff >>> len)) >>> 0;
    out.push(ipv4PrefixText(v, len));
    p += n;
  }
  return undefined;
}

/**
 * Appends the IPv6 prefixes encoded in buf[start, end) to `out` (RFC 5952 text).
 * @returns undefined on success, or the reason the field is syntactically incorrect
 */
export function decodeIPv6Prefixes(buf: Uint8Array, start: number, end: number, out: string[]): string | undefined {
  let p = start;
  while (p < end) {
    const len = buf[p]!;
    if (len > 128) return `prefix length ${len} > 128 at offset ${p - start}`;
    const n = (len + 7) >> 3;
    p++;
    if (p + n > end) return `prefix /${len} overruns the field by ${p + n - end} octet(s)`;
    V6.fill(0);
    for (let i = 0; i < n; i++) V6[i] = buf[p + i]!;
    if ((len & 7) !== 0) V6[n - 1] = V6[n - 1]! & (0xff << (8 - (len & 7)));
    out.push(`${formatIPv6(V6)}/${len}`);
    p += n;
  }
  return undefined;
}

/**
 * Writes one prefix in NLRI encoding.
 * @param afi 4 or 6: the family the prefix must belong to
 * @throws BambuError INVALID_ARGUMENT ("prefix: …") when the text is not a canonical-able CIDR of
 *         that family or has host bits set
 */
export function writePrefix(w: Writer, cidr: string, afi: 4 | 6): void {
  const p = parsePrefix(cidr, 'prefix');
  if (p.afi !== afi) {
    throw invalidArgument('prefix', `${cidr} is not an IPv${afi} prefix`);
  }
  w.u8(p.length);
  const n = (p.length + 7) >> 3;
  for (let i = 0; i < n; i++) w.u8(p.bytes[i]!);
}
