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
import { Reader, ShortReadError, copyBytes, type Writer } from '../../lib/bytes.js';
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
  const r = new Reader(buf, HEADER_LENGTH);
  try {
    const version = r.u8('Version');
    if (version !== BGP_VERSION) {
      throw openError(OPEN_SUBCODE.UNSUPPORTED_VERSION_NUMBER, `version ${version} not supported`, Uint8Array.of(0, BGP_VERSION));
    }
    const myAs = r.u16('My Autonomous System');
    const holdTime = r.u16('Hold Time');
    const bgpId = formatIPv4(r.bytes(4, 'BGP Identifier'));
    let optLen = r.u8('Opt Parm Len');
    // RFC 9072 §2: Opt Parm Len 255 followed by Non-Ext OP Type 255 → 2-octet lengths.
    let extended = false;
    if (optLen === 255 && r.remaining >= 3 && buf[r.pos] === OPEN_PARAM_TYPE.EXTENDED_LENGTH) {
      extended = true;
      r.skip(1);
      optLen = r.u16('Extended Opt. Parm. Length');
    }
    if (optLen !== r.remaining) {
      throw openError(OPEN_SUBCODE.UNSPECIFIC, `Optional Parameters Length ${optLen} does not match the ${r.remaining} octets left`);
    }
    const capabilities: Capability[] = [];
    while (r.remaining > 0) {
      const start = r.pos;
      const type = r.u8('Parameter Type');
      const len = extended ? r.u16('Parameter Length') : r.u8('Parameter Length');
      const value = r.sub(len, `Optional Parameter ${type}`);
      if (type !== OPEN_PARAM_TYPE.CAPABILITIES) {
        throw openError(OPEN_SUBCODE.UNSUPPORTED_OPTIONAL_PARAMETER, `Optional Parameter type ${type} not supported`, copyBytes(buf, start, r.pos));
      }
      const bad = decodeCapabilities(buf, value.pos, value.end, capabilities);
      if (bad !== undefined) throw openError(OPEN_SUBCODE.UNSPECIFIC, `Capabilities: ${bad}`);
    }
    return { type: 'open', version, myAs, holdTime, bgpId, capabilities };
  } catch (err) {
    if (err instanceof ShortReadError) throw openError(OPEN_SUBCODE.UNSPECIFIC, err.message);
    throw err;
  }
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
