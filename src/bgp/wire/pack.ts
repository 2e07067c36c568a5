/**
 * Packing routes into as few UPDATE messages as fit (RFC 4271 §4.3, RFC 4760, RFC 8654).
 */
import type { AfiSafi, PathAttributes } from '../types.js';
import type { CodecContext } from './context.js';

/** Options of encodeUpdates. */
export interface EncodeUpdatesOptions {
  /** IPv6 link-local next hop to add to MP_REACH_NLRI (32-octet next hop, RFC 2545 §3). */
  readonly nextHopLinkLocal?: string;
}

/**
 * Encodes announcements of `prefixes` with `attrs` into as many UPDATEs as needed.
 */
export function encodeUpdates(
  family: AfiSafi,
  prefixes: Iterable<string>,
  attrs: PathAttributes,
  ctx: CodecContext,
  opts: EncodeUpdatesOptions = {},
): Buffer[] {
  void family;
  void prefixes;
  void attrs;
  void ctx;
  void opts;
  throw new Error('not implemented yet');
}

/**
 * Encodes withdrawals of `prefixes` into as many UPDATEs as needed.
 */
export function encodeWithdrawals(family: AfiSafi, prefixes: Iterable<string>, ctx: CodecContext): Buffer[] {
  void family;
  void prefixes;
  void ctx;
  throw new Error('not implemented yet');
}

/**
 * End-of-RIB marker for `family` (RFC 4724 §2): an empty UPDATE for IPv4 unicast, an UPDATE with
 * only an empty MP_UNREACH_NLRI otherwise.
 */
export function encodeEndOfRib(family: AfiSafi, ctx: CodecContext): Buffer {
  void family;
  void ctx;
  throw new Error('not implemented yet');
}

/** The family whose End-of-RIB marker `msg` is (RFC 4724 §2), or undefined when it is not one. */
export function endOfRibFamily(msg: import('./messages.js').UpdateMessage): AfiSafi | undefined {
  void msg;
  throw new Error('not implemented yet');
}
