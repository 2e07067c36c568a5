/**
 * AS_PATH (type 2, well-known mandatory; RFC 4271 §4.3 b, §5.1.2; RFC 6793 for 4-octet ASNs):
 * a sequence of segments
 *
 *  +-----------------+-----------------+---------------------------------+
 *  | segment type(1) | segment len (1) | ASNs: len × 2 or 4 octets       |
 *  +-----------------+-----------------+---------------------------------+
 *
 * ASNs are 4 octets when both sides advertised the 4-octet AS capability, else 2 (RFC 6793 §4).
 * Encoding to a 2-octet peer replaces every ASN > 65535 by AS_TRANS; AS4_PATH (as4-path.ts)
 * carries the real values. Errors: RFC 7606 §7.2 (treat-as-withdraw).
 */
import type { Writer } from '../../../lib/bytes.js';
import { AS_PATH_SEGMENT, type AsPathSegment, type AsPathSegmentType } from '../../types.js';
import { AS_TRANS, ATTR_TYPE } from '../iana.js';
import { fault } from '../update-errors.js';
import { type AttrCodec, WELL_KNOWN, u16at, u32at, writeAttrHeader } from './codec.js';

/**
 * Parses AS path segments from buf[start, end) with `asnSize` (2 or 4) octets per ASN.
 * @returns the segments, or a reason string when malformed (RFC 7606 §7.2: overrun, a lone
 *          trailing octet, zero segment length, unknown segment type)
 */
export function parseSegments(buf: Uint8Array, start: number, end: number, asnSize: 2 | 4): AsPathSegment[] | string {
  const segments: AsPathSegment[] = [];
  let p = start;
  while (p < end) {
    if (end - p < 2) return 'segment header truncated';
    const type = buf[p]!;
    const count = buf[p + 1]!;
    if (type < AS_PATH_SEGMENT.AS_SET || type > AS_PATH_SEGMENT.AS_CONFED_SET) return `unknown segment type ${type}`;
    if (count === 0) return 'segment length 0';
    p += 2;
    if (p + count * asnSize > end) return `segment of ${count} ASNs overruns the attribute`;
    const asns = new Array<number>(count);
    if (asnSize === 4) {
      for (let i = 0; i < count; i++, p += 4) asns[i] = u32at(buf, p);
    } else {
      for (let i = 0; i < count; i++, p += 2) asns[i] = u16at(buf, p);
    }
    segments.push({ type: type as AsPathSegmentType, asns });
  }
  return segments;
}

/**
 * Checks a segment can be encoded: 1..255 ASNs, or more for a sequence, which is written as
 * several consecutive segments of ≤ 255 (RFC 4271 §5.1.2 permits splitting a sequence).
 * @throws RangeError naming the problem
 */
function checkSegment(s: AsPathSegment): void {
  const sequence = s.type === AS_PATH_SEGMENT.AS_SEQUENCE || s.type === AS_PATH_SEGMENT.AS_CONFED_SEQUENCE;
  if (s.asns.length === 0 || (!sequence && s.asns.length > 255)) {
    throw new RangeError(`AS_PATH segment type ${s.type} must hold 1..255 ASNs, has ${s.asns.length}`);
  }
}

/** Octets the segments take with `asnSize`-octet ASNs (long sequences split into ≤ 255). */
export function segmentsLength(segments: readonly AsPathSegment[], asnSize: 2 | 4): number {
  let n = 0;
  for (const s of segments) {
    checkSegment(s);
    n += 2 * Math.ceil(s.asns.length / 255) + s.asns.length * asnSize;
  }
  return n;
}

/**
 * Writes segments; with `asnSize` 2 every ASN > 65535 becomes AS_TRANS (RFC 6793 §4.2.2).
 * Sequences longer than 255 ASNs are split into consecutive segments.
 * @throws RangeError for an empty segment or a set of more than 255 ASNs
 */
export function writeSegments(w: Writer, segments: readonly AsPathSegment[], asnSize: 2 | 4): void {
  for (const s of segments) {
    checkSegment(s);
    for (let from = 0; from < s.asns.length; from += 255) {
      const to = Math.min(from + 255, s.asns.length);
      w.u8(s.type).u8(to - from);
      if (asnSize === 4) for (let i = from; i < to; i++) w.u32(s.asns[i]!);
      else for (let i = from; i < to; i++) w.u16(s.asns[i]! > 0xffff ? AS_TRANS : s.asns[i]!);
    }
  }
}

/** True when a segment type is a confederation one (RFC 5065 §3). */
export function isConfedSegment(type: number): boolean {
  return type === AS_PATH_SEGMENT.AS_CONFED_SEQUENCE || type === AS_PATH_SEGMENT.AS_CONFED_SET;
}

export const AS_PATH_CODEC: AttrCodec = {
  type: ATTR_TYPE.AS_PATH,
  name: 'AS_PATH',
  flags: WELL_KNOWN,
  decode(buf, start, end, b, ctx) {
    const segs = parseSegments(buf, start, end, ctx.fourOctetAs ? 4 : 2);
    if (typeof segs === 'string') return fault('AS_PATH_MALFORMED', `AS_PATH malformed: ${segs}`);
    b.asPath = segs;
    return undefined;
  },
  encode(w, attrs, ctx) {
    const size = ctx.fourOctetAs ? 4 : 2;
    writeAttrHeader(w, WELL_KNOWN, ATTR_TYPE.AS_PATH, segmentsLength(attrs.asPath, size));
    writeSegments(w, attrs.asPath, size);
  },
};
