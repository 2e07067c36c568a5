/**
 * PMSI_TUNNEL (type 22, optional transitive; RFC 6514 §5):
 *
 *  +---------------------------------+
 *  |  Flags (1 octet)                |
 *  +---------------------------------+
 *  |  Tunnel Type (1 octet)          |
 *  +---------------------------------+
 *  |  MPLS Label (3 octets)          |
 *  +---------------------------------+
 *  |  Tunnel Identifier (variable)   |
 *  +---------------------------------+
 *
 * Kept raw on PathAttributes (so it re-encodes octet for octet); decodePmsiTunnel gives the typed
 * form EVPN type-3 routes use (RFC 7432 §11.2): tunnel type 6 = ingress replication, Tunnel
 * Identifier = the originating VTEP's address, label = the VNI in all 24 bits (RFC 8365 §5.1.3).
 * No length check beyond the attribute header when decoding the attribute; decodePmsiTunnel
 * reports a value shorter than 5 octets.
 */
import { copyBytes } from '../../../lib/bytes.js';
import { invalidArgument } from '../../../lib/errors.js';
import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from '../../../lib/ip.js';
import { ATTR_TYPE } from '../iana.js';
import { type AttrCodec, OPTIONAL_TRANSITIVE, writeAttrHeader } from './codec.js';

/** PMSI tunnel types (RFC 6514 §5, IANA "P-Multicast Service Interface Tunnel (PMSI Tunnel) Types"). */
export const PMSI_TUNNEL_TYPE = {
  NONE: 0,
  INGRESS_REPLICATION: 6,
} as const;

/** Typed PMSI_TUNNEL value. */
export interface PmsiTunnel {
  /** Flags octet (bit 0x01 = Leaf Information Required). */
  readonly flags: number;
  readonly tunnelType: number;
  /** The 3-octet label field, raw 24 bits (the VNI for VXLAN). */
  readonly label: number;
  /** Tunnel Identifier octets as received. */
  readonly tunnelId: Uint8Array;
  /** Ingress replication endpoint address, when the type is 6 and the identifier is 4 or 16 octets. */
  readonly endpoint?: string;
}

/**
 * Raw PMSI_TUNNEL value → typed form.
 * @returns the value, or a string reason when shorter than the 5 fixed octets
 */
export function decodePmsiTunnel(raw: Uint8Array): PmsiTunnel | string {
  if (raw.length < 5) return `PMSI_TUNNEL of ${raw.length} octets (at least 5)`;
  const tunnelId = copyBytes(raw, 5);
  const base = { flags: raw[0]!, tunnelType: raw[1]!, label: (raw[2]! << 16) | (raw[3]! << 8) | raw[4]!, tunnelId };
  if (base.tunnelType === PMSI_TUNNEL_TYPE.INGRESS_REPLICATION && (tunnelId.length === 4 || tunnelId.length === 16)) {
    return { ...base, endpoint: tunnelId.length === 4 ? formatIPv4(tunnelId) : formatIPv6(tunnelId) };
  }
  return base;
}

/**
 * Typed form → raw value. The Tunnel Identifier is `endpoint` when given, else `tunnelId`.
 * @throws BambuError INVALID_ARGUMENT for a field out of range or a bad endpoint address
 */
export function encodePmsiTunnel(p: { flags?: number; tunnelType: number; label: number; endpoint?: string; tunnelId?: Uint8Array }): Uint8Array {
  const flags = p.flags ?? 0;
  if (!Number.isInteger(flags) || flags < 0 || flags > 0xff) throw invalidArgument('pmsiTunnel.flags', `${flags} is not an octet`);
  if (!Number.isInteger(p.tunnelType) || p.tunnelType < 0 || p.tunnelType > 0xff) throw invalidArgument('pmsiTunnel.tunnelType', `${p.tunnelType} is not an octet`);
  if (!Number.isInteger(p.label) || p.label < 0 || p.label > 0xffffff) throw invalidArgument('pmsiTunnel.label', `${p.label} is not a 24-bit value`);
  const id = p.endpoint !== undefined ? (p.endpoint.includes(':') ? parseIPv6(p.endpoint, 'pmsiTunnel.endpoint') : parseIPv4(p.endpoint, 'pmsiTunnel.endpoint')) : (p.tunnelId ?? new Uint8Array(0));
  const out = new Uint8Array(5 + id.length);
  out[0] = flags;
  out[1] = p.tunnelType;
  out[2] = p.label >>> 16;
  out[3] = (p.label >>> 8) & 0xff;
  out[4] = p.label & 0xff;
  out.set(id, 5);
  return out;
}

export const PMSI_TUNNEL_CODEC: AttrCodec = {
  type: ATTR_TYPE.PMSI_TUNNEL,
  name: 'PMSI_TUNNEL',
  flags: OPTIONAL_TRANSITIVE,
  decode(buf, start, end, b) {
    b.pmsiTunnel = copyBytes(buf, start, end);
    return undefined;
  },
  encode(w, attrs) {
    const v = attrs.pmsiTunnel;
    if (v === undefined) return;
    writeAttrHeader(w, OPTIONAL_TRANSITIVE, ATTR_TYPE.PMSI_TUNNEL, v.length);
    w.bytes(v);
  },
};
