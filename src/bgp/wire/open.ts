/**
 * OPEN message (RFC 4271 §4.2; Optional Parameters RFC 5492 §4, extended length RFC 9072):
 *
 *  +-+-+-+-+-+-+-+-+
 *  |    Version    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     My Autonomous System      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |           Hold Time           |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         BGP Identifier                        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | Opt Parm Len  |  Optional Parameters (Type 1, Length 1, Value)…
 *  +-+-+-+-+-+-+-+-+
 *
 * Semantic checks (peer AS, identifier, hold time) live in negotiate.ts#validateOpen.
 */
import { copyBytes } from '../../lib/bytes.js';
import type { Writer } from '../../lib/bytes.js';
import { formatIPv4, parseIPv4 } from '../../lib/ip.js';
import { decodeCapabilities, writeCapability } from './capabilities.js';
import { BgpNotificationError } from './errors.js';
import { finishHeader, writeHeader } from './header.js';
import { BGP_VERSION, ERROR_CODE, HEADER_LENGTH, MESSAGE_TYPE, OPEN_PARAM_TYPE, OPEN_SUBCODE } from './iana.js';
import type { Capability, OpenMessage } from './messages.js';

function openError(subcode: number, reason: string, data?: Uint8Array): BgpNotificationError {
  return new BgpNotificationError(ERROR_CODE.OPEN_MESSAGE, subcode, `OPEN: ${reason}`, data);
}

/**
 * Decodes one framed OPEN (header included).
 * @throws BgpNotificationError 2/1 version ≠ 4 (data: 0x0004, RFC 4271 §6.2), 2/4 Optional
 *         Parameter other than Capabilities (RFC 5492 §5 — data: the parameter), 2/0 lengths of the
 *         Optional Parameters inconsistent with the message
 */
export function decodeOpen(buf: Uint8Array): OpenMessage {
  const end = buf.length;
  let p = HEADER_LENGTH;
  if (end - p < 10) throw openError(OPEN_SUBCODE.UNSPECIFIC, `message of ${end} octets too short`);
  const version = buf[p]!;
  if (version !== BGP_VERSION) {
    throw openError(OPEN_SUBCODE.UNSUPPORTED_VERSION_NUMBER, `version ${version} not supported`, Uint8Array.of(0, BGP_VERSION));
  }
  const myAs = (buf[p + 1]! << 8) | buf[p + 2]!;
  const holdTime = (buf[p + 3]! << 8) | buf[p + 4]!;
  const bgpId = formatIPv4(buf, p + 5);
  let optLen = buf[p + 9]!;
  p += 10;
  // RFC 9072 §2: Opt Parm Len 255 followed by Non-Ext OP Type 255 → 2-octet lengths.
  let extended = false;
  if (optLen === 255 && end - p >= 3 && buf[p] === OPEN_PARAM_TYPE.EXTENDED_LENGTH) {
    extended = true;
    optLen = (buf[p + 1]! << 8) | buf[p + 2]!;
    p += 3;
  }
  if (p + optLen !== end) {
    throw openError(OPEN_SUBCODE.UNSPECIFIC, `Optional Parameters Length ${optLen} does not match the ${end - p} octets left`);
  }
  const capabilities: Capability[] = [];
  while (p < end) {
    const hdr = extended ? 3 : 2;
    if (end - p < hdr) throw openError(OPEN_SUBCODE.UNSPECIFIC, 'Optional Parameter header truncated');
    const type = buf[p]!;
    const len = extended ? (buf[p + 1]! << 8) | buf[p + 2]! : buf[p + 1]!;
    const vStart = p + hdr;
    if (vStart + len > end) throw openError(OPEN_SUBCODE.UNSPECIFIC, `Optional Parameter ${type} length ${len} overruns the message`);
    if (type !== OPEN_PARAM_TYPE.CAPABILITIES) {
      throw openError(OPEN_SUBCODE.UNSUPPORTED_OPTIONAL_PARAMETER, `Optional Parameter type ${type} not supported`, copyBytes(buf, p, vStart + len));
    }
    const bad = decodeCapabilities(buf, vStart, vStart + len, capabilities);
    if (bad !== undefined) throw openError(OPEN_SUBCODE.UNSPECIFIC, `Capabilities: ${bad}`);
    p = vStart + len;
  }
  return { type: 'open', version, myAs, holdTime, bgpId, capabilities };
}

/**
 * Encodes an OPEN: all capabilities in Capabilities parameters of at most 255 octets each; the
 * RFC 9072 extended form only when the parameters exceed 255 octets.
 * @throws BambuError INVALID_ARGUMENT for a bad bgpId; RangeError for out-of-range numbers
 */
export function encodeOpen(w: Writer, msg: OpenMessage): void {
  if (msg.myAs < 0 || msg.myAs > 0xffff || msg.holdTime < 0 || msg.holdTime > 0xffff) {
    throw new RangeError('OPEN: myAs and holdTime must fit 2 octets (use AS_TRANS for 4-octet ASNs)');
  }
  const lengthAt = writeHeader(w, MESSAGE_TYPE.OPEN);
  w.u8(msg.version).u16(msg.myAs).u16(msg.holdTime).bytes(parseIPv4(msg.bgpId, 'bgpId'));
  const optAt = w.length;
  w.u8(0);
  // Capabilities, grouped into parameters of ≤ 255 octets.
  let paramAt = -1;
  for (const c of msg.capabilities) {
    if (paramAt < 0) {
      w.u8(OPEN_PARAM_TYPE.CAPABILITIES);
      paramAt = w.reserve8();
    }
    const before = w.length;
    writeCapability(w, c);
    if (w.length - paramAt - 1 > 255) {
      // close the previous parameter and move this capability into a new one
      const tlv = copyBytes(w.finish(), before);
      w.truncate(before);
      w.fillLength8(paramAt);
      w.u8(OPEN_PARAM_TYPE.CAPABILITIES);
      paramAt = w.reserve8();
      w.bytes(tlv);
    }
  }
  if (paramAt >= 0) w.fillLength8(paramAt);
  const optLen = w.length - optAt - 1;
  if (optLen < 255) {
    w.setU8(optAt, optLen);
  } else {
    // RFC 9072: rewrite the parameters with 2-octet lengths.
    const params = copyBytes(w.finish(), optAt + 1);
    w.truncate(optAt);
    w.u8(255).u8(OPEN_PARAM_TYPE.EXTENDED_LENGTH);
    const extAt = w.reserve16();
    for (let q = 0; q < params.length; ) {
      const len = params[q + 1]!;
      w.u8(params[q]!).u16(len).bytes(params.subarray(q + 2, q + 2 + len));
      q += 2 + len;
    }
    w.fillLength16(extAt);
  }
  finishHeader(w, lengthAt);
}
