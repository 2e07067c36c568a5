/**
 * NOTIFICATION message (RFC 4271 §4.5): Error code (1), Error subcode (1), Data (variable).
 * Any code is accepted on decode (RFC 4271 §6.4: a NOTIFICATION is never answered with one).
 */
import { copyBytes } from '../../lib/bytes.js';
import type { Writer } from '../../lib/bytes.js';
import { finishHeader, writeHeader } from './header.js';
import { HEADER_LENGTH, MESSAGE_TYPE } from './iana.js';
import type { NotificationMessage } from './messages.js';

/** Decodes one framed NOTIFICATION (≥ 21 octets, checked by the header). Data is copied. */
export function decodeNotification(buf: Uint8Array): NotificationMessage {
  return {
    type: 'notification',
    code: buf[HEADER_LENGTH]!,
    subcode: buf[HEADER_LENGTH + 1]!,
    data: copyBytes(buf, HEADER_LENGTH + 2),
  };
}

/** Encodes a NOTIFICATION. */
export function encodeNotification(w: Writer, msg: NotificationMessage): void {
  const at = writeHeader(w, MESSAGE_TYPE.NOTIFICATION);
  w.u8(msg.code).u8(msg.subcode).bytes(msg.data);
  finishHeader(w, at);
}
