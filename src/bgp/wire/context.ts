/**
 * Codec context: what the decoder and encoder must know about the session, built from the
 * capabilities both sides advertised (RFC 4271 §4.2, RFC 6793, RFC 8654, RFC 4760).
 */
import type { AfiSafi } from '../types.js';

/** Negotiated session properties the wire format depends on. */
export interface CodecContext {
  /** Both sides advertised the 4-octet AS capability: AS_PATH carries 4-octet ASNs (RFC 6793). */
  readonly fourOctetAs: boolean;
  /** Both sides advertised Extended Message: frames up to 65535 octets (RFC 8654). */
  readonly extendedMessage: boolean;
  /** Address families negotiated for this session (RFC 4760 §6). */
  readonly families: readonly AfiSafi[];
}

/** Maximum message size, octets: 4096 (RFC 4271 §4.1) or 65535 with Extended Message (RFC 8654). */
export function maxMessageLength(ctx: CodecContext): number {
  return ctx.extendedMessage ? 65535 : 4096;
}

/**
 * Context before OPENs are exchanged: 4096-octet frames, 2-octet AS numbers, IPv4 unicast
 * (RFC 4271 §4.1; RFC 6793 §4 — nothing is assumed until negotiated).
 */
export const PRE_OPEN_CONTEXT: CodecContext = Object.freeze({
  fourOctetAs: false,
  extendedMessage: false,
  families: Object.freeze(['ipv4-unicast']) as readonly AfiSafi[],
});
