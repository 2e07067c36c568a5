/**
 * UPDATE message (RFC 4271 §4.3):
 *
 *  +-----------------------------------------------------+
 *  |   Withdrawn Routes Length (2 octets)                |
 *  |   Withdrawn Routes (variable)                       |
 *  |   Total Path Attribute Length (2 octets)            |
 *  |   Path Attributes (variable)                        |
 *  |   Network Layer Reachability Information (variable) |
 *  +-----------------------------------------------------+
 *
 * Decoding walks the message once with offsets; the attribute block is decoded once per UPDATE
 * through the attribute table (attrs/table.ts) and errors are applied through the UPDATE error
 * table (update-errors.ts): session resets throw BgpNotificationError, RFC 7606 treat-as-withdraw
 * and attribute-discard outcomes are returned on the message.
 */
import { copyBytes } from '../../lib/bytes.js';
import type { Writer } from '../../lib/bytes.js';
import { AS_TRANS, ATTR_FLAG, ATTR_TYPE, ERROR_CODE, HEADER_LENGTH, HEADER_SUBCODE, MESSAGE_TYPE } from './iana.js';
import type { OriginValue, PathAttributes } from '../types.js';
import { AttrBuilder, type AttrCodec, u16at } from './attrs/codec.js';
import { mergeAs4Path } from './attrs/as4-path.js';
import { finishMpAttr, startMpReach } from './attrs/mp-reach.js';
import { startMpUnreach } from './attrs/mp-unreach.js';
import { ATTRIBUTE_BY_TYPE, writeAttributes } from './attrs/table.js';
import { keepUnknown } from './attrs/unknown.js';
import type { CodecContext } from './context.js';
import { BgpNotificationError } from './errors.js';
import { familyCodec } from './families.js';
import { finishHeader, writeHeader } from './header.js';
import type { UpdateError, UpdateMessage } from './messages.js';
import { decodeIPv4Prefixes, writePrefix } from './nlri/prefix.js';
import { type Fault, UPDATE_ERRORS, fault, faultToNotification } from './update-errors.js';

/** Type codes seen in the current UPDATE: SEEN[type] === generation (no per-message allocation). */
const SEEN = new Uint32Array(256);
let generation = 0;

/** Collects the non-fatal outcomes of one UPDATE. */
class Outcome {
  treatAsWithdraw: string | undefined = undefined;
  discarded: string[] | undefined = undefined;
  errors: UpdateError[] | undefined = undefined;
}

/**
 * Applies a fault: session reset → throws; otherwise records it on `out`.
 * `attr` is the offending attribute's octets (NOTIFICATION data, RFC 4271 §6.3).
 */
function apply(out: Outcome, f: Fault, attrType: number | undefined, attr: Uint8Array | undefined): void {
  const rule = UPDATE_ERRORS[f.kind];
  if (rule.action === 'session-reset') {
    throw faultToNotification(f.data === undefined && attr !== undefined ? { ...f, data: copyBytes(attr) } : f);
  }
  const e: UpdateError =
    attrType === undefined
      ? { action: rule.action, code: ERROR_CODE.UPDATE_MESSAGE, subcode: rule.subcode, reason: f.reason, rfc: rule.rfc }
      : { action: rule.action, code: ERROR_CODE.UPDATE_MESSAGE, subcode: rule.subcode, attrType, reason: f.reason, rfc: rule.rfc };
  (out.errors ??= []).push(e);
  if (rule.action === 'treat-as-withdraw') out.treatAsWithdraw ??= `${f.reason} [${rule.rfc}]`;
  else (out.discarded ??= []).push(`${f.reason} [${rule.rfc}]`);
}

/**
 * Decodes the Path Attributes field buf[start, end) into `b` (RFC 4271 §4.3, §6.3; RFC 7606).
 * @throws BgpNotificationError for session-reset errors
 */
function decodeAttributes(buf: Uint8Array, start: number, end: number, b: AttrBuilder, ctx: CodecContext, out: Outcome): void {
  generation = (generation + 1) >>> 0;
  if (generation === 0) {
    SEEN.fill(0);
    generation = 1;
  }
  const gen = generation;
  let p = start;
  while (p < end) {
    const hdr = p;
    // RFC 7606 §4: fewer octets left than an attribute header needs, or a value overrunning the
    // field → treat-as-withdraw; the Total Path Attribute Length still locates the NLRI.
    if (end - p < 3) {
      apply(out, fault('ATTRIBUTE_OVERRUN', `${end - p} trailing octet(s) cannot hold an attribute header`), undefined, undefined);
      return;
    }
    const flags = buf[p]!;
    const type = buf[p + 1]!;
    let len: number;
    if ((flags & ATTR_FLAG.EXTENDED_LENGTH) !== 0) {
      if (end - p < 4) {
        apply(out, fault('ATTRIBUTE_OVERRUN', `attribute type ${type}: extended length header truncated`), type, undefined);
        return;
      }
      len = u16at(buf, p + 2);
      p += 4;
    } else {
      len = buf[p + 2]!;
      p += 3;
    }
    const vEnd = p + len;
    if (vEnd > end) {
      apply(out, fault('ATTRIBUTE_OVERRUN', `attribute type ${type} length ${len} overruns the attribute field by ${vEnd - end} octet(s)`), type, undefined);
      return;
    }
    const codec: AttrCodec | undefined = ATTRIBUTE_BY_TYPE[type];
    if (SEEN[type] === gen) {
      // RFC 7606 §3: MP_REACH/MP_UNREACH twice → reset; any other attribute: keep the first.
      const dupMp = type === ATTR_TYPE.MP_REACH_NLRI || type === ATTR_TYPE.MP_UNREACH_NLRI;
      apply(out, fault(dupMp ? 'DUPLICATE_MP_ATTRIBUTE' : 'DUPLICATE_ATTRIBUTE', `${codec?.name ?? `attribute type ${type}`} appears more than once`), type, buf.subarray(hdr, vEnd));
      p = vEnd;
      continue;
    }
    SEEN[type] = gen;
    if (codec === undefined) {
      if ((flags & ATTR_FLAG.OPTIONAL) === 0) {
        apply(out, fault('UNRECOGNIZED_WELL_KNOWN', `unrecognized well-known attribute type ${type}`), type, buf.subarray(hdr, vEnd));
      } else if ((flags & ATTR_FLAG.TRANSITIVE) !== 0) {
        keepUnknown(b, flags & 0xf0 & ~ATTR_FLAG.EXTENDED_LENGTH, type, buf, p, vEnd);
      }
      p = vEnd;
      continue;
    }
    const isMp = type === ATTR_TYPE.MP_REACH_NLRI || type === ATTR_TYPE.MP_UNREACH_NLRI;
    if ((flags & (ATTR_FLAG.OPTIONAL | ATTR_FLAG.TRANSITIVE)) !== codec.flags) {
      apply(out, fault('ATTRIBUTE_FLAGS', `${codec.name} flags 0x${flags.toString(16)} conflict with its type`), type, buf.subarray(hdr, vEnd));
      // MP attributes are still decoded so their NLRI can be withdrawn.
      if (!isMp) {
        p = vEnd;
        continue;
      }
    }
    const f = codec.decode(buf, p, vEnd, b, ctx);
    if (f !== undefined) apply(out, f, type, buf.subarray(hdr, vEnd));
    p = vEnd;
  }
}

/**
 * RFC 6793 §4.2.3 for a session without the 4-octet AS capability: AGGREGATOR with an AS other
 * than AS_TRANS wins and AS4_PATH / AS4_AGGREGATOR are ignored; otherwise AS4_AGGREGATOR replaces
 * AGGREGATOR and AS4_PATH is merged into AS_PATH.
 */
function reconcileAs4(b: AttrBuilder): void {
  if (b.aggregator !== undefined && b.aggregator.asn !== AS_TRANS) {
    b.as4Aggregator = undefined;
    b.as4Path = undefined;
    return;
  }
  if (b.aggregator !== undefined && b.as4Aggregator !== undefined) b.aggregator = b.as4Aggregator;
  if (b.asPath !== undefined && b.as4Path !== undefined) b.asPath = mergeAs4Path(b.asPath, b.as4Path);
}

/** PathAttributes from a builder whose ORIGIN and AS_PATH are present. */
function build(b: AttrBuilder): PathAttributes {
  const a: { -readonly [K in keyof PathAttributes]: PathAttributes[K] } = {
    origin: b.origin as OriginValue,
    asPath: b.asPath!,
    atomicAggregate: b.atomicAggregate,
  };
  if (b.nextHop !== undefined) {
    a.nextHop = b.nextHop;
  } else if (b.mpReach !== undefined && b.mpReach.nextHop !== '') {
    a.nextHop = b.mpReach.nextHop;
    if (b.mpReach.nextHopLinkLocal !== undefined) a.nextHopLinkLocal = b.mpReach.nextHopLinkLocal;
  }
  if (b.med !== undefined) a.med = b.med;
  if (b.localPref !== undefined) a.localPref = b.localPref;
  if (b.aggregator !== undefined) a.aggregator = b.aggregator;
  if (b.communities !== undefined) a.communities = b.communities;
  if (b.extCommunities !== undefined) a.extCommunities = b.extCommunities;
  if (b.largeCommunities !== undefined) a.largeCommunities = b.largeCommunities;
  if (b.originatorId !== undefined) a.originatorId = b.originatorId;
  if (b.clusterList !== undefined) a.clusterList = b.clusterList;
  if (b.pmsiTunnel !== undefined) a.pmsiTunnel = b.pmsiTunnel;
  if (b.unknown !== undefined) a.unknown = b.unknown;
  return a;
}

/**
 * Decodes one framed UPDATE (header included).
 * @throws BgpNotificationError 3/1 (lengths inconsistent with the message, duplicate MP attribute),
 *         3/2 (unrecognized well-known attribute), 3/9 (MP_REACH/MP_UNREACH unparsable),
 *         3/10 (Withdrawn Routes or NLRI field syntactically incorrect)
 */
export function decodeUpdate(buf: Uint8Array, ctx: CodecContext): UpdateMessage {
  const end = buf.length;
  if (end < HEADER_LENGTH + 4) {
    throw new BgpNotificationError(ERROR_CODE.MESSAGE_HEADER, HEADER_SUBCODE.BAD_MESSAGE_LENGTH, `UPDATE of ${end} octets is shorter than 23`, Uint8Array.of(end >>> 8, end & 0xff));
  }
  const out = new Outcome();
  let p = HEADER_LENGTH;
  const withdrawnLen = u16at(buf, p);
  p += 2;
  if (p + withdrawnLen + 2 > end) {
    apply(out, fault('LENGTHS_INCONSISTENT', `Withdrawn Routes Length ${withdrawnLen} exceeds the message`), undefined, undefined);
  }
  const withdrawn: string[] = [];
  const wBad = decodeIPv4Prefixes(buf, p, p + withdrawnLen, withdrawn);
  if (wBad !== undefined) apply(out, fault('INVALID_NETWORK_FIELD', `Withdrawn Routes: ${wBad}`), undefined, undefined);
  p += withdrawnLen;
  const attrLen = u16at(buf, p);
  p += 2;
  if (p + attrLen > end) {
    apply(out, fault('LENGTHS_INCONSISTENT', `Total Path Attribute Length ${attrLen} exceeds the message`), undefined, undefined);
  }
  const attrEnd = p + attrLen;
  const nlri: string[] = [];
  const nBad = decodeIPv4Prefixes(buf, attrEnd, end, nlri);
  if (nBad !== undefined) apply(out, fault('INVALID_NETWORK_FIELD', `NLRI: ${nBad}`), undefined, undefined);

  const b = new AttrBuilder();
  if (attrLen > 0) decodeAttributes(buf, p, attrEnd, b, ctx, out);
  if (b.notes !== undefined) for (const n of b.notes) apply(out, n, ATTR_TYPE.AS4_PATH, undefined);
  if (!ctx.fourOctetAs) reconcileAs4(b);

  const hasNlri = nlri.length > 0 || (b.mpReach !== undefined && b.mpReach.nlri.length > 0);
  if (hasNlri) {
    // RFC 4271 §6.3 / RFC 7606 §3: ORIGIN and AS_PATH, and NEXT_HOP with classic NLRI, must be present.
    const gen = attrLen > 0 ? generation : -1;
    const missing: number[] = [];
    if (SEEN[ATTR_TYPE.ORIGIN] !== gen) missing.push(ATTR_TYPE.ORIGIN);
    if (SEEN[ATTR_TYPE.AS_PATH] !== gen) missing.push(ATTR_TYPE.AS_PATH);
    if (nlri.length > 0 && SEEN[ATTR_TYPE.NEXT_HOP] !== gen) missing.push(ATTR_TYPE.NEXT_HOP);
    if (missing.length > 0) {
      const names = missing.map((t) => ATTRIBUTE_BY_TYPE[t]!.name).join(', ');
      apply(out, fault('MISSING_WELL_KNOWN', `missing well-known attribute(s) ${names}`, Uint8Array.of(missing[0]!)), missing[0], undefined);
    }
  }
  const attributes = out.treatAsWithdraw === undefined && b.origin !== undefined && b.asPath !== undefined ? build(b) : null;
  const msg: { -readonly [K in keyof UpdateMessage]: UpdateMessage[K] } = { type: 'update', withdrawn, attributes, nlri };
  if (b.mpReach !== undefined) msg.mpReach = b.mpReach;
  if (b.mpUnreach !== undefined) msg.mpUnreach = b.mpUnreach;
  if (out.treatAsWithdraw !== undefined) msg.treatAsWithdraw = out.treatAsWithdraw;
  if (out.discarded !== undefined) msg.discarded = out.discarded;
  if (out.errors !== undefined) msg.errors = out.errors;
  return msg;
}

/**
 * Encodes an UPDATE, header included: withdrawn IPv4 prefixes, MP_UNREACH_NLRI and MP_REACH_NLRI
 * first among the attributes (RFC 7606 §5.1), the other attributes in type-code order, NLRI.
 * NEXT_HOP is written only when classic NLRI is present.
 * @throws BambuError INVALID_ARGUMENT for a bad prefix or address; RangeError for a family whose
 *         NLRI cannot be encoded yet
 */
export function encodeUpdate(w: Writer, msg: UpdateMessage, ctx: CodecContext): void {
  const lengthAt = writeHeader(w, MESSAGE_TYPE.UPDATE);
  const wAt = w.reserve16();
  for (const prefix of msg.withdrawn) writePrefix(w, prefix, 4);
  w.fillLength16(wAt);
  const aAt = w.reserve16();
  if (msg.mpUnreach !== undefined) {
    const row = familyCodec(msg.mpUnreach.family);
    const writeNlri = row.writeNlri;
    if (writeNlri === null && msg.mpUnreach.withdrawn.length > 0) throw new RangeError(`${row.family} NLRI cannot be encoded yet`);
    const at = startMpUnreach(w, row);
    for (const item of msg.mpUnreach.withdrawn) writeNlri!(w, item);
    finishMpAttr(w, at);
  }
  if (msg.mpReach !== undefined) {
    const row = familyCodec(msg.mpReach.family);
    const writeNlri = row.writeNlri;
    if (writeNlri === null) throw new RangeError(`${row.family} NLRI cannot be encoded yet`);
    const at = startMpReach(w, row, msg.mpReach.nextHop, msg.mpReach.nextHopLinkLocal);
    const data = msg.mpReach.data;
    msg.mpReach.nlri.forEach((item, i) => writeNlri(w, item, data?.[i]));
    finishMpAttr(w, at);
  }
  if (msg.attributes !== null) writeAttributes(w, msg.attributes, ctx, msg.nlri.length > 0);
  w.fillLength16(aAt);
  for (const prefix of msg.nlri) writePrefix(w, prefix, 4);
  finishHeader(w, lengthAt);
}
