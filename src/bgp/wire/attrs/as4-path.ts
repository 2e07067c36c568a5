/**
 * AS4_PATH (type 17, optional transitive; RFC 6793 §3, §4.2): the real 4-octet AS path sent
 * alongside a 2-octet AS_PATH on sessions where the peer lacks the 4-octet AS capability.
 *
 * Decoding from a 2-octet peer merges it into AS_PATH (RFC 6793 §4.2.3, see mergeAs4Path).
 * Errors (RFC 6793 §6): malformed → attribute-discard; confederation segments are dropped;
 * received from a 4-octet peer → discarded.
 */
import type { AsPathSegment } from '../../types.js';
import { ATTR_TYPE } from '../iana.js';
import { fault } from '../update-errors.js';
import { isConfedSegment, parseSegments, segmentsLength, writeSegments } from './as-path.js';
import { type AttrCodec, OPTIONAL_TRANSITIVE, writeAttrHeader } from './codec.js';

/** Number of ASes a path counts for (RFC 4271 §9.1.2.2: AS_SET counts 1, confed segments 0). */
export function pathLength(segments: readonly AsPathSegment[]): number {
  let n = 0;
  for (const s of segments) {
    if (isConfedSegment(s.type)) continue;
    n += s.type === 1 ? 1 : s.asns.length;
  }
  return n;
}

/**
 * RFC 6793 §4.2.3: reconstructs the 4-octet path from a 2-octet AS_PATH and AS4_PATH.
 * If AS_PATH counts fewer ASes than AS4_PATH, AS4_PATH is ignored; otherwise the leading
 * (count(AS_PATH) − count(AS4_PATH)) ASes of AS_PATH (keeping their segments, including any
 * confederation segments) are followed by AS4_PATH.
 */
export function mergeAs4Path(asPath: readonly AsPathSegment[], as4Path: readonly AsPathSegment[]): AsPathSegment[] {
  const keep = pathLength(asPath) - pathLength(as4Path);
  if (keep < 0) return asPath.slice();
  const out: AsPathSegment[] = [];
  let taken = 0;
  for (const s of asPath) {
    if (isConfedSegment(s.type)) {
      if (taken < keep) out.push(s);
      continue;
    }
    if (taken >= keep) break;
    if (s.type === 1) {
      out.push(s);
      taken += 1;
    } else {
      const n = Math.min(s.asns.length, keep - taken);
      out.push(n === s.asns.length ? s : { type: s.type, asns: s.asns.slice(0, n) });
      taken += n;
    }
  }
  // join an AS_SEQUENCE cut at the boundary with a leading AS_SEQUENCE of AS4_PATH
  const last = out[out.length - 1];
  const first = as4Path[0];
  if (last && first && last.type === 2 && first.type === 2 && last.asns.length + first.asns.length <= 255) {
    out[out.length - 1] = { type: 2, asns: [...last.asns, ...first.asns] };
    for (let i = 1; i < as4Path.length; i++) out.push(as4Path[i]!);
  } else {
    for (const s of as4Path) out.push(s);
  }
  return out;
}

/** True when some ASN of a non-confederation segment needs 4 octets. */
export function needsAs4Path(segments: readonly AsPathSegment[]): boolean {
  for (const s of segments) {
    if (isConfedSegment(s.type)) continue;
    for (const a of s.asns) if (a > 0xffff) return true;
  }
  return false;
}

export const AS4_PATH_CODEC: AttrCodec = {
  type: ATTR_TYPE.AS4_PATH,
  name: 'AS4_PATH',
  flags: OPTIONAL_TRANSITIVE,
  decode(buf, start, end, b, ctx) {
    if (ctx.fourOctetAs) return fault('AS4_FROM_NEW_SPEAKER', 'AS4_PATH received from a 4-octet-AS speaker');
    const len = end - start;
    if (len < 6 || len % 2 !== 0) return fault('AS4_PATH_MALFORMED', `AS4_PATH length ${len} (≥ 6, even)`);
    const segs = parseSegments(buf, start, end, 4);
    if (typeof segs === 'string') return fault('AS4_PATH_MALFORMED', `AS4_PATH malformed: ${segs}`);
    const plain = segs.filter((s) => !isConfedSegment(s.type));
    if (plain.length !== segs.length) {
      (b.notes ??= []).push(fault('AS4_PATH_MALFORMED', 'AS4_PATH confederation segments discarded'));
    }
    b.as4Path = plain;
    return undefined;
  },
  encode(w, attrs, ctx) {
    // RFC 6793 §4.2.2: only towards a 2-octet peer, and only when the path needs 4 octets.
    if (ctx.fourOctetAs || !needsAs4Path(attrs.asPath)) return;
    const segs = attrs.asPath.filter((s) => !isConfedSegment(s.type));
    writeAttrHeader(w, OPTIONAL_TRANSITIVE, ATTR_TYPE.AS4_PATH, segmentsLength(segs, 4));
    writeSegments(w, segs, 4);
  },
};
