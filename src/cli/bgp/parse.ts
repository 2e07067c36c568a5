/**
 * Parsers for BGP command-line values: AS paths ("65001 65002 {65003,65004}"), communities
 * ("65001:100", "no-export"), large communities ("65001:1:100"), extended communities
 * ("rt:65001:100", "ro:192.0.2.1:7", "color:100", "encap:vxlan", "router-mac:02:00:00:aa:bb:cc"),
 * enum names. They build proto messages; range checks beyond syntax are the server's (which names
 * the field), so the CLI and every other client get the same answers.
 */
import { InvalidArgumentError } from 'commander';
import { AsPathSegmentType, type AsPathSegment, type ExtendedCommunity, type LargeCommunity } from '../../gen/bgp.js';

/** Well-known communities (RFC 1997, RFC 3765) by their usual names. */
const WELL_KNOWN: Record<string, number> = {
  'no-export': 0xffffff01,
  'no-advertise': 0xffffff02,
  'no-export-subconfed': 0xffffff03,
  nopeer: 0xffffff04,
};

/** Tunnel types by name (IANA BGP Tunnel Encapsulation Attribute Tunnel Types). */
const TUNNEL_TYPES: Record<string, number> = { vxlan: 8, nvgre: 9, mpls: 10, 'mpls-gre': 11, 'vxlan-gpe': 12, 'mpls-udp': 13, geneve: 19 };

function uint(s: string, what: string, max = 0xffffffff): number {
  if (!/^\d+$/.test(s) || Number(s) > max) throw new InvalidArgumentError(`${what}: "${s}" is not a number in 0..${max}`);
  return Number(s);
}

/** A non-negative integer option value. */
export function parseUint(s: string): number {
  return uint(s, 'value');
}

/** Commander's collector for repeatable options. */
export function collect<T>(parse: (s: string) => T) {
  return (s: string, prev: T[] | undefined): T[] => [...(prev ?? []), parse(s)];
}

/**
 * "65001 65002 {65003,65004}" → AS_SEQUENCE [65001, 65002], AS_SET [65003, 65004].
 * Spaces or commas separate ASNs; braces make an AS_SET (the notation of `show ip bgp`).
 */
export function parseAsPath(s: string): AsPathSegment[] {
  const out: AsPathSegment[] = [];
  const re = /\{([^}]*)\}|(\d+)|(\S)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[3] !== undefined && m[3] !== ',') throw new InvalidArgumentError(`AS path: unexpected "${m[3]}" in "${s}"; e.g. "65001 65002 {65003,65004}"`);
    if (m[1] !== undefined) {
      const asns = m[1].split(/[\s,]+/).filter(Boolean).map((a) => uint(a, 'AS path'));
      out.push({ segmentType: AsPathSegmentType.AS_SET, asns });
    } else if (m[2] !== undefined) {
      const last = out.at(-1);
      const asn = uint(m[2], 'AS path');
      if (last?.segmentType === AsPathSegmentType.AS_SEQUENCE) last.asns.push(asn);
      else out.push({ segmentType: AsPathSegmentType.AS_SEQUENCE, asns: [asn] });
    }
  }
  return out;
}

/** Shows an AS path in the same notation. */
export function formatAsPath(segs: readonly AsPathSegment[]): string {
  return segs.map((s) => (s.segmentType === AsPathSegmentType.AS_SET ? `{${s.asns.join(',')}}` : s.asns.join(' '))).join(' ');
}

/** "65001:100", a well-known name, or a plain 32-bit number. */
export function parseCommunity(s: string): number {
  const wk = WELL_KNOWN[s.toLowerCase()];
  if (wk !== undefined) return wk;
  const m = /^(\d+):(\d+)$/.exec(s);
  if (m) return uint(m[1]!, 'community AS', 0xffff) * 65536 + uint(m[2]!, 'community value', 0xffff);
  if (/^\d+$/.test(s)) return uint(s, 'community');
  throw new InvalidArgumentError(`community: "${s}" is not ASN:VALUE, a number, or one of ${Object.keys(WELL_KNOWN).join(', ')}`);
}

/** Shows a community as ASN:VALUE or its well-known name. */
export function formatCommunity(c: number): string {
  const name = Object.entries(WELL_KNOWN).find(([, v]) => v === c)?.[0];
  return name ?? `${Math.floor(c / 65536)}:${c % 65536}`;
}

/** "GLOBAL:LOCAL1:LOCAL2" (RFC 8092). */
export function parseLargeCommunity(s: string): LargeCommunity {
  const m = /^(\d+):(\d+):(\d+)$/.exec(s);
  if (!m) throw new InvalidArgumentError(`large community: "${s}" is not GLOBAL:LOCAL1:LOCAL2`);
  return { globalAdmin: uint(m[1]!, 'large community'), localData1: uint(m[2]!, 'large community'), localData2: uint(m[3]!, 'large community') };
}

/**
 * Extended communities: rt|ro:ASN:VALUE (two-octet AS when ASN ≤ 65535, else four-octet),
 * rt|ro:IPv4:VALUE, color:N, encap:NAME|N, router-mac:MAC. Route Target is sub-type 0x02, Route
 * Origin 0x03 (RFC 4360 §4, §5).
 */
export function parseExtCommunity(s: string): ExtendedCommunity {
  const [kind, ...rest] = s.split(':');
  const tail = rest.join(':');
  switch (kind?.toLowerCase()) {
    case 'rt':
    case 'ro': {
      const subType = kind.toLowerCase() === 'rt' ? 0x02 : 0x03;
      const m = /^(.+):(\d+)$/.exec(tail);
      if (!m) break;
      if (/^\d+\.\d+\.\d+\.\d+$/.test(m[1]!)) {
        return { community: { $case: 'ipv4Address', value: { isTransitive: true, subType, address: m[1]!, localAdmin: uint(m[2]!, 'ext community') } } };
      }
      const asn = uint(m[1]!, 'ext community AS');
      return asn <= 0xffff
        ? { community: { $case: 'twoOctetAs', value: { isTransitive: true, subType, asn, localAdmin: uint(m[2]!, 'ext community') } } }
        : { community: { $case: 'fourOctetAs', value: { isTransitive: true, subType, asn, localAdmin: uint(m[2]!, 'ext community', 0xffff) } } };
    }
    case 'color':
      return { community: { $case: 'color', value: { isTransitive: true, color: uint(tail, 'color') } } };
    case 'encap':
      return { community: { $case: 'encapsulation', value: { isTransitive: true, tunnelType: TUNNEL_TYPES[tail.toLowerCase()] ?? uint(tail, 'tunnel type', 0xffff) } } };
    case 'router-mac': {
      const hex = tail.replace(/[:-]/g, '');
      if (!/^[0-9a-fA-F]{12}$/.test(hex)) break;
      return { community: { $case: 'routerMac', value: { isTransitive: true, macAddress: Buffer.from(hex, 'hex') } } };
    }
  }
  throw new InvalidArgumentError(`extended community: "${s}" is not rt:ASN:N, ro:ASN:N, rt:IPv4:N, color:N, encap:vxlan or router-mac:MAC`);
}

/** Shows an extended community in the notation parseExtCommunity reads (hex for the rest). */
export function formatExtCommunity(ec: ExtendedCommunity): string {
  const c = ec.community;
  const name = (sub: number) => (sub === 2 ? 'rt' : sub === 3 ? 'ro' : `0x${sub.toString(16)}`);
  switch (c?.$case) {
    case 'twoOctetAs':
    case 'fourOctetAs':
      return `${name(c.value.subType)}:${c.value.asn}:${c.value.localAdmin}`;
    case 'ipv4Address':
      return `${name(c.value.subType)}:${c.value.address}:${c.value.localAdmin}`;
    case 'linkBandwidth':
      return `lbw:${c.value.asn}:${c.value.bandwidth}`;
    case 'color':
      return `color:${c.value.color}`;
    case 'encapsulation':
      return `encap:${Object.entries(TUNNEL_TYPES).find(([, v]) => v === c.value.tunnelType)?.[0] ?? c.value.tunnelType}`;
    case 'routerMac':
      return `router-mac:${[...c.value.macAddress].map((b) => b.toString(16).padStart(2, '0')).join(':')}`;
    case 'opaque':
      return `opaque:${Buffer.from(c.value.value).toString('hex')}`;
    case 'unknown':
      return `0x${c.value.typeCode.toString(16).padStart(2, '0')}${Buffer.from(c.value.value).toString('hex')}`;
    default:
      return '?';
  }
}

/** A choice among `names` (case-insensitive). */
export function choice<T extends string>(names: readonly T[], what: string) {
  return (s: string): T => {
    const v = s.toLowerCase() as T;
    if (!names.includes(v)) throw new InvalidArgumentError(`${what}: "${s}" is not one of ${names.join(', ')}`);
    return v;
  };
}
