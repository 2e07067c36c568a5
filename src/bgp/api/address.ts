/**
 * Address strings at the edges (gRPC requests, YAML config, CLI): "IP", "IP:PORT", "[IPv6]:PORT".
 *
 * The seed API (../shared/spec/bgp-api.md "Peer addresses") names peers as "IP:PORT" with the port
 * optional (default 179, RFC 4271 §8.2.1); responses carry the bare IP. IPv6 literals take brackets
 * when a port follows ("[2001:db8::1]:179"); a bare IPv6 literal has no port. Addresses come back
 * in canonical form (src/lib/ip.ts, RFC 5952) so "2001:DB8::1" and "2001:db8:0::1" find the same peer.
 */
import { formatIP, isIPv4, isIPv6, parseIP } from '../../lib/ip.js';

/** The well-known BGP port (RFC 4271 §8.2.1). */
export const BGP_PORT = 179;

/** A parsed "IP[:PORT]". */
export interface HostPort {
  /** Canonical IP literal, no brackets. */
  readonly address: string;
  readonly family: 4 | 6;
  /** Port, or undefined when the string had none. */
  readonly port?: number;
}

/** Canonical text and family of an IP literal, or undefined when `s` is not one. */
export function canonicalIp(s: string): { address: string; family: 4 | 6 } | undefined {
  if (!isIPv4(s) && !isIPv6(s)) return undefined;
  const b = parseIP(s);
  return { address: formatIP(b), family: b.length === 4 ? 4 : 6 };
}

/**
 * Parses "IP", "IP:PORT" or "[IPv6]:PORT".
 * @returns the canonical address and the port if given, or a reason string when malformed
 */
export function parseHostPort(s: string): HostPort | string {
  const text = s.trim();
  if (text === '') return 'required, e.g. "127.0.0.2:179" or "127.0.0.2"';
  const bare = canonicalIp(text);
  if (bare) return bare;
  let host: string;
  let portText: string;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0 || text[close + 1] !== ':') return `"${s}" is not IP, IP:PORT or [IPv6]:PORT`;
    host = text.slice(1, close);
    portText = text.slice(close + 2);
    if (!isIPv6(host)) return `"${host}" is not an IPv6 address`;
  } else {
    const colon = text.lastIndexOf(':');
    if (colon < 0 || text.indexOf(':') !== colon) return `"${s}" is not IP, IP:PORT or [IPv6]:PORT`;
    host = text.slice(0, colon);
    portText = text.slice(colon + 1);
    if (!isIPv4(host)) return `"${host}" is not an IP address`;
  }
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) return `port "${portText}" is not a number in 0..65535`;
  return { ...canonicalIp(host)!, port: Number(portText) };
}

/** Formats an address and port as "IP:PORT" or "[IPv6]:PORT". */
export function formatHostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
