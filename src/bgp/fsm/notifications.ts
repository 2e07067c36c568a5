/**
 * The NOTIFICATIONs the FSM itself originates (RFC 4271 §6.5–§6.7, RFC 4486, RFC 6608).
 * Codec errors (header, OPEN, UPDATE) arrive already shaped as NotificationSpec in the events.
 */
import { CEASE_SUBCODE, ERROR_CODE, FSM_SUBCODE } from '../wire/iana.js';
import type { NotificationSpec } from './types.js';

/** RFC 6608 §3 FSM Error subcode for an unexpected event in each state. */
export const FSM_ERROR_SUBCODE = {
  'open-sent': FSM_SUBCODE.UNEXPECTED_MESSAGE_IN_OPEN_SENT,
  'open-confirm': FSM_SUBCODE.UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM,
  established: FSM_SUBCODE.UNEXPECTED_MESSAGE_IN_ESTABLISHED,
} as const;

/** Hold Timer Expired (RFC 4271 §6.5). */
export const HOLD_TIMER_EXPIRED: NotificationSpec = { code: ERROR_CODE.HOLD_TIMER_EXPIRED, subcode: 0 };
/** CEASE / Administrative Shutdown (RFC 4486 §4): the default for ManualStop / AutomaticStop. */
export const ADMIN_SHUTDOWN: NotificationSpec = { code: ERROR_CODE.CEASE, subcode: CEASE_SUBCODE.ADMINISTRATIVE_SHUTDOWN };
/** CEASE / Connection Collision Resolution (RFC 4486, RFC 4271 §6.8). */
export const COLLISION_RESOLUTION: NotificationSpec = { code: ERROR_CODE.CEASE, subcode: CEASE_SUBCODE.CONNECTION_COLLISION_RESOLUTION };

/**
 * RFC 8203 Shutdown Communication: CEASE subcode 2 or 4 data = length octet + UTF-8 text (≤ 255
 * octets; RFC 9003 raised the limit from 128). Longer text is cut at a character boundary.
 */
export function shutdownCommunication(message: string): Uint8Array {
  let bytes = Buffer.from(message, 'utf8');
  if (bytes.length > 255) {
    let n = 255;
    while (n > 0 && (bytes[n]! & 0xc0) === 0x80) n--;
    bytes = bytes.subarray(0, n);
  }
  const out = new Uint8Array(bytes.length + 1);
  out[0] = bytes.length;
  out.set(bytes, 1);
  return out;
}

/** Decodes RFC 8203 data of a received CEASE 2/4; undefined when absent or malformed. */
export function parseShutdownCommunication(data: Uint8Array): string | undefined {
  if (data.length < 1) return undefined;
  const len = data[0]!;
  if (len === 0 || len + 1 > data.length) return undefined;
  return Buffer.from(data.subarray(1, 1 + len)).toString('utf8');
}
