/**
 * Request-field validators for the gRPC edge. Each takes the field's name as the client sees it
 * (snake_case proto path, e.g. "as_path[0].asns[2]") and throws BambuError INVALID_ARGUMENT whose
 * message starts with that name, so a client can tell which field to fix.
 */
import { invalidArgument } from '../../lib/errors.js';
import { canonicalIp, parseHostPort, BGP_PORT } from './address.js';
import { formatPrefix, parsePrefix } from '../../lib/ip.js';

/** Largest 32-bit unsigned value (ASNs, communities; RFC 6793). */
export const UINT32_MAX = 0xffffffff;

/**
 * A peer address as AddPeer takes it: "IP:PORT", port optional (default 179).
 * @returns canonical bare IP and the port
 */
export function peerAddressWithPort(field: string, s: string): { address: string; port: number } {
  const r = parseHostPort(s);
  if (typeof r === 'string') throw invalidArgument(field, r);
  if (r.port === 0) throw invalidArgument(field, 'port 0 is not a peer port');
  return { address: r.address, port: r.port ?? BGP_PORT };
}

/**
 * A peer reference (RemovePeer, GetPeer, ListRoutes.peer_address …): bare IP or "IP:PORT"; the
 * port is ignored, both forms find the same peer. @returns the canonical bare IP.
 */
export function peerRef(field: string, s: string): string {
  return peerAddressWithPort(field, s).address;
}

/** An IP literal of either family. @returns canonical text and family */
export function ipLiteral(field: string, s: string): { address: string; family: 4 | 6 } {
  if (s === '') throw invalidArgument(field, 'required');
  const ip = canonicalIp(s);
  if (!ip) throw invalidArgument(field, `"${s}" is not an IP address`);
  return ip;
}

/** A CIDR prefix with host bits zero ("10.0.0.0/24", "2001:db8::/32"). */
export function prefixField(field: string, s: string): { prefix: string; family: 4 | 6 } {
  if (s === '') throw invalidArgument(field, 'required, e.g. "10.0.0.0/24"');
  const p = parsePrefix(s, field);
  return { prefix: formatPrefix(p.bytes, p.length), family: p.afi };
}

/** An integer in [min, max]. */
export function intInRange(field: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max) throw invalidArgument(field, `${v} is out of range ${min}..${max}`);
  return v;
}

/** A proto enum value that must be one of `values` (proto3 lets unknown numbers through). */
export function enumValue<T extends number>(field: string, v: T, names: Record<number, string>): T {
  if (!(v in names)) {
    const allowed = Object.entries(names).map(([n, name]) => `${name}=${n}`).join(', ');
    throw invalidArgument(field, `unknown enum value ${v}; expected one of ${allowed}`);
  }
  return v;
}

/** Exactly `n` octets. */
export function octets(field: string, b: Uint8Array, n: number): Uint8Array {
  if (b.length !== n) throw invalidArgument(field, `must be exactly ${n} octets, got ${b.length}`);
  return b;
}
