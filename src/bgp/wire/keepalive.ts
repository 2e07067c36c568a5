/**
 * KEEPALIVE message (RFC 4271 §4.4): the 19-octet header alone. A longer one is a Bad Message
 * Length (1/2), rejected by the header check (header.ts).
 */
import type { Writer } from '../../lib/bytes.js';
import { finishHeader, writeHeader } from './header.js';
import { MESSAGE_TYPE } from './iana.js';
import type { KeepaliveMessage } from './messages.js';

const KEEPALIVE: KeepaliveMessage = Object.freeze({ type: 'keepalive' });

/** Decodes a KEEPALIVE (its length was checked by the header). */
export function decodeKeepalive(): KeepaliveMessage {
  return KEEPALIVE;
}

/** Encodes a KEEPALIVE. */
export function encodeKeepalive(w: Writer): void {
  finishHeader(w, writeHeader(w, MESSAGE_TYPE.KEEPALIVE));
}
