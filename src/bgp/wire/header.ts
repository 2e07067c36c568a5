/**
 * BGP message header (RFC 4271 §4.1) and framing.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                           Marker (16 × 0xff)                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Length               |      Type     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import type { Writer } from '../../lib/bytes.js';
import { type CodecContext, maxMessageLength } from './context.js';
import { BgpNotificationError } from './errors.js';
import { ERROR_CODE, HEADER_LENGTH, HEADER_SUBCODE, MESSAGE_TYPE } from './iana.js';

/** Minimum total length per message type, octets (RFC 4271 §4.2–4.5, RFC 2918 §3). */
const MIN_LENGTH: Record<number, number> = {
  [MESSAGE_TYPE.OPEN]: 29,
  [MESSAGE_TYPE.UPDATE]: 23,
  [MESSAGE_TYPE.NOTIFICATION]: 21,
  [MESSAGE_TYPE.KEEPALIVE]: 19,
  [MESSAGE_TYPE.ROUTE_REFRESH]: 23,
};

/** The Length field as a 2-octet NOTIFICATION Data (RFC 4271 §6.1: "erroneous Length field"). */
function lengthData(length: number): Uint8Array {
  return Uint8Array.of(length >>> 8, length & 0xff);
}

/**
 * Length of the message starting at `offset` once its 19-octet header is in `buf`, else −1
 * ("read more"). The body may still be incomplete: the caller waits until
 * `buf.length >= offset + length` before calling decodeMessage. The header is validated as soon
 * as it is present, so a bad stream is rejected before its body arrives.
 * @param buf    received bytes (may hold several messages or a partial one)
 * @param offset start of the next message in `buf`
 * @param ctx    codec context (maximum length: 4096, or 65535 with Extended Message)
 * @returns total message length in octets (header included), or −1 when fewer than 19 octets are present
 * @throws BgpNotificationError 1/1 marker not all ones, 1/2 bad length (data = the Length field),
 *         1/3 bad type (data = the Type octet) — RFC 4271 §6.1
 */
export function frameLength(buf: Uint8Array, offset: number, ctx: CodecContext): number {
  if (buf.length - offset < HEADER_LENGTH) return -1;
  for (let i = 0; i < 16; i++) {
    if (buf[offset + i] !== 0xff) {
      throw new BgpNotificationError(
        ERROR_CODE.MESSAGE_HEADER,
        HEADER_SUBCODE.CONNECTION_NOT_SYNCHRONIZED,
        'message header: Marker is not all ones',
      );
    }
  }
  const length = (buf[offset + 16]! << 8) | buf[offset + 17]!;
  const type = buf[offset + 18]!;
  const min = MIN_LENGTH[type];
  if (min === undefined) {
    throw new BgpNotificationError(
      ERROR_CODE.MESSAGE_HEADER,
      HEADER_SUBCODE.BAD_MESSAGE_TYPE,
      `message header: unknown Type ${type}`,
      Uint8Array.of(type),
    );
  }
  // RFC 8654 §4: OPEN and KEEPALIVE stay ≤ 4096 even with Extended Message.
  const max = type === MESSAGE_TYPE.OPEN || type === MESSAGE_TYPE.KEEPALIVE ? 4096 : maxMessageLength(ctx);
  if (length < min || length > max || (type === MESSAGE_TYPE.KEEPALIVE && length !== HEADER_LENGTH)) {
    throw new BgpNotificationError(
      ERROR_CODE.MESSAGE_HEADER,
      HEADER_SUBCODE.BAD_MESSAGE_LENGTH,
      `message header: Length ${length} invalid for Type ${type} (${min}..${max})`,
      lengthData(length),
    );
  }
  return length;
}

/**
 * Writes a header with a zero Length; returns the Length field offset for `finishHeader`.
 */
export function writeHeader(w: Writer, type: number): number {
  w.fill(16, 0xff);
  const at = w.reserve16();
  w.u8(type);
  return at;
}

/** Back-fills the header Length (total message length, header included). */
export function finishHeader(w: Writer, lengthAt: number): void {
  w.fillLength16(lengthAt, lengthAt - 16);
}
