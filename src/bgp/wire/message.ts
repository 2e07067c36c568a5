/**
 * decodeMessage / encodeMessage: one framed BGP message ↔ BgpMessage (RFC 4271 §4).
 * Dispatches on the header Type to one module per message.
 */
import type { CodecContext } from './context.js';
import type { BgpMessage } from './messages.js';

/**
 * Decodes exactly one framed message (header included; `buf.length` is the message length).
 * @throws BgpNotificationError for every error RFC 4271 §6 / RFC 7606 answers with a NOTIFICATION
 */
export function decodeMessage(buf: Uint8Array, ctx: CodecContext): BgpMessage {
  void buf;
  void ctx;
  throw new Error('not implemented yet');
}

/**
 * Encodes one message, header included.
 * @throws RangeError when the message does not fit the context's maximum length
 */
export function encodeMessage(msg: BgpMessage, ctx: CodecContext): Buffer {
  void msg;
  void ctx;
  throw new Error('not implemented yet');
}
