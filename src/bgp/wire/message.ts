/**
 * decodeMessage / encodeMessage: one framed BGP message ↔ BgpMessage (RFC 4271 §4).
 * Dispatches on the header Type to one module per message.
 */
import { Writer } from '../../lib/bytes.js';
import { type CodecContext, maxMessageLength } from './context.js';
import { BgpNotificationError } from './errors.js';
import { frameLength } from './header.js';
import { ERROR_CODE, HEADER_SUBCODE, MESSAGE_TYPE } from './iana.js';
import { decodeKeepalive, encodeKeepalive } from './keepalive.js';
import type { BgpMessage } from './messages.js';
import { decodeNotification, encodeNotification } from './notification.js';
import { decodeOpen, encodeOpen } from './open.js';
import { decodeRouteRefresh, encodeRouteRefresh } from './route-refresh.js';
import { decodeUpdate, encodeUpdate } from './update.js';

/** NOTIFICATION a decoder bug would map to, per message type (defence in depth: never crash on input). */
const FALLBACK: Record<number, [number, number]> = {
  [MESSAGE_TYPE.OPEN]: [ERROR_CODE.OPEN_MESSAGE, 0],
  [MESSAGE_TYPE.UPDATE]: [ERROR_CODE.UPDATE_MESSAGE, 1],
};

/**
 * Decodes exactly one framed message: `buf` holds the header and body, and `buf.length` equals
 * the header's Length field (use frameLength to split a stream).
 * @param ctx codec context of the session (PRE_OPEN_CONTEXT before the OPENs are exchanged)
 * @throws BgpNotificationError for every error RFC 4271 §6 / RFC 7313 §5 / RFC 7606 answers with
 *         a NOTIFICATION; nothing else escapes (any unexpected failure is mapped to the message
 *         type's error code with subcode 0/1)
 */
export function decodeMessage(buf: Uint8Array, ctx: CodecContext): BgpMessage {
  const length = frameLength(buf, 0, ctx);
  if (length !== buf.length) {
    const n = length === -1 ? buf.length : length;
    throw new BgpNotificationError(
      ERROR_CODE.MESSAGE_HEADER,
      HEADER_SUBCODE.BAD_MESSAGE_LENGTH,
      `message header: Length ${n} but ${buf.length} octets given`,
      Uint8Array.of(n >>> 8, n & 0xff),
    );
  }
  const type = buf[18]!;
  try {
    switch (type) {
      case MESSAGE_TYPE.OPEN:
        return decodeOpen(buf);
      case MESSAGE_TYPE.UPDATE:
        return decodeUpdate(buf, ctx);
      case MESSAGE_TYPE.NOTIFICATION:
        return decodeNotification(buf);
      case MESSAGE_TYPE.KEEPALIVE:
        return decodeKeepalive();
      default:
        return decodeRouteRefresh(buf);
    }
  } catch (err) {
    if (err instanceof BgpNotificationError) throw err;
    const [code, subcode] = FALLBACK[type] ?? [ERROR_CODE.MESSAGE_HEADER, 0];
    throw new BgpNotificationError(code, subcode, `cannot decode message type ${type}: ${(err as Error).message}`);
  }
}

/**
 * Encodes one message, header included.
 * @throws RangeError when the result exceeds the context's maximum length (4096, or 65535 with
 *         Extended Message; OPEN and KEEPALIVE always ≤ 4096, RFC 8654 §4) or a field is out of
 *         range; BambuError INVALID_ARGUMENT for a bad address or prefix string
 */
export function encodeMessage(msg: BgpMessage, ctx: CodecContext): Buffer {
  const w = new Writer(msg.type === 'update' ? 512 : 64);
  switch (msg.type) {
    case 'open':
      encodeOpen(w, msg);
      break;
    case 'update':
      encodeUpdate(w, msg, ctx);
      break;
    case 'notification':
      encodeNotification(w, msg);
      break;
    case 'keepalive':
      encodeKeepalive(w);
      break;
    case 'route-refresh':
      encodeRouteRefresh(w, msg);
      break;
  }
  const max = msg.type === 'open' || msg.type === 'keepalive' ? 4096 : maxMessageLength(ctx);
  if (w.length > max) throw new RangeError(`${msg.type} message of ${w.length} octets exceeds ${max}`);
  return w.finish();
}
