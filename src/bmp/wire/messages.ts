/**
 * BMP message encoders (RFC 7854 §4). Pure: bytes in, bytes out.
 *
 *   Common header (§4.1):  version (1) = 3 | message length (4, whole message) | type (1)
 *   Per-peer header (§4.2): peer type (1) | flags (1) | peer distinguisher (8) | peer address (16)
 *                           | peer AS (4) | peer BGP ID (4) | timestamp seconds (4) | microseconds (4)
 *   Information TLV (§4.4): type (2) | length (2) | value
 *
 * Deliberate choices: only the global instance peer type (0); Adj-RIB-In is pre-policy (L = 0);
 * Adj-RIB-Out (RFC 8671, O = 1) is post-policy (L = 1); Adj-RIB-In UPDATE PDUs are encoded with
 * 4-octet AS numbers (A = 0), Adj-RIB-Out ones as sent on the session (A = 1 without RFC 6793).
 */
import { parseIP } from '../../lib/ip.js';

/** BMP message types (RFC 7854 §4.1; IANA "BMP Message Types"). */
export const BMP_TYPE = { ROUTE_MONITORING: 0, STATISTICS_REPORT: 1, PEER_DOWN: 2, PEER_UP: 3, INITIATION: 4, TERMINATION: 5 } as const;
/** Initiation TLV types (RFC 7854 §4.3). */
export const INIT_TLV = { STRING: 0, SYS_DESCR: 1, SYS_NAME: 2 } as const;
/** Termination TLV types and reasons (RFC 7854 §4.5). */
export const TERM_TLV = { STRING: 0, REASON: 1 } as const;
export const TERM_REASON = { ADMIN_CLOSE: 0, UNSPECIFIED: 1, OUT_OF_RESOURCES: 2, REDUNDANT: 3 } as const;
/** Peer Down reasons (RFC 7854 §4.9). */
export const PEER_DOWN_REASON = { LOCAL_NOTIFICATION: 1, LOCAL_NO_NOTIFICATION: 2, REMOTE_NOTIFICATION: 3, REMOTE_NO_NOTIFICATION: 4, DECONFIGURED: 5 } as const;
/** Statistics types used (RFC 7854 §4.8): 64-bit gauges. */
export const STAT_TYPE = { ADJ_RIB_IN_ROUTES: 7, LOC_RIB_ROUTES: 8 } as const;

const VERSION = 3;
const PER_PEER_HEADER_LEN = 42;

/** The peer a per-peer header describes. */
export interface BmpPeer {
  /** Bare IPv4 or IPv6 address. */
  readonly address: string;
  readonly asn: number;
  /** Dotted-quad BGP Identifier. */
  readonly bgpId: string;
}

/** Wraps `body` in the common header. */
function message(type: number, body: Buffer): Buffer {
  const h = Buffer.alloc(6);
  h.writeUInt8(VERSION, 0);
  h.writeUInt32BE(6 + body.length, 1);
  h.writeUInt8(type, 5);
  return Buffer.concat([h, body]);
}

/** A 16-octet address field: IPv6 as is, IPv4 in the last four octets (RFC 7854 §4.2). */
function address16(address: string): Buffer {
  const b = Buffer.alloc(16);
  const ip = parseIP(address);
  b.set(ip, 16 - ip.length);
  return b;
}

/** Per-peer header flags (RFC 7854 §4.2, RFC 8671 §4 O flag). */
export const PEER_FLAG = { V_IPV6: 0x80, L_POST_POLICY: 0x40, A_TWO_OCTET_AS: 0x20, O_ADJ_RIB_OUT: 0x10 } as const;

/**
 * Per-peer header (§4.2) for `peer` at time `ms` (ms since the epoch). `flags` adds L / A / O
 * (default none: pre-policy Adj-RIB-In, 4-octet AS); V is set from the address.
 */
export function perPeerHeader(peer: BmpPeer, ms: number, flags = 0): Buffer {
  const b = Buffer.alloc(PER_PEER_HEADER_LEN);
  b.writeUInt8(0, 0); // Global Instance Peer
  b.writeUInt8((peer.address.includes(':') ? PEER_FLAG.V_IPV6 : 0) | flags, 1);
  // peer distinguisher: zero for the global instance (octets 2..9)
  address16(peer.address).copy(b, 10);
  b.writeUInt32BE(peer.asn >>> 0, 26);
  Buffer.from(parseIP(peer.bgpId)).copy(b, 30);
  b.writeUInt32BE(Math.floor(ms / 1000), 34);
  b.writeUInt32BE((ms % 1000) * 1000, 38);
  return b;
}

function tlv(type: number, value: Buffer): Buffer {
  const h = Buffer.alloc(4);
  h.writeUInt16BE(type, 0);
  h.writeUInt16BE(value.length, 2);
  return Buffer.concat([h, value]);
}

/** Initiation (§4.3) with sysDescr and sysName (both mandatory). */
export function encodeInitiation(sysName: string, sysDescr: string): Buffer {
  return message(BMP_TYPE.INITIATION, Buffer.concat([tlv(INIT_TLV.SYS_DESCR, Buffer.from(sysDescr)), tlv(INIT_TLV.SYS_NAME, Buffer.from(sysName))]));
}

/** Termination (§4.5) with a reason code and a string. */
export function encodeTermination(reason: number, text: string): Buffer {
  const r = Buffer.alloc(2);
  r.writeUInt16BE(reason, 0);
  return message(BMP_TYPE.TERMINATION, Buffer.concat([tlv(TERM_TLV.STRING, Buffer.from(text)), tlv(TERM_TLV.REASON, r)]));
}

/**
 * Peer Up Notification (§4.10): local address and ports, then the OPEN we sent and the OPEN we
 * received, each a complete BGP message (header included).
 */
export function encodePeerUp(peer: BmpPeer, ms: number, local: { address: string; port: number; remotePort: number }, sentOpen: Buffer, receivedOpen: Buffer): Buffer {
  const ports = Buffer.alloc(4);
  ports.writeUInt16BE(local.port, 0);
  ports.writeUInt16BE(local.remotePort, 2);
  return message(BMP_TYPE.PEER_UP, Buffer.concat([perPeerHeader(peer, ms), address16(local.address), ports, sentOpen, receivedOpen]));
}

/**
 * Peer Down Notification (§4.9): reason 1/3 carry the NOTIFICATION PDU, reason 2 the FSM event
 * code (2 octets), reasons 4 and 5 nothing.
 */
export function encodePeerDown(peer: BmpPeer, ms: number, reason: number, data: Buffer = Buffer.alloc(0)): Buffer {
  return message(BMP_TYPE.PEER_DOWN, Buffer.concat([perPeerHeader(peer, ms), Buffer.from([reason]), data]));
}

/** Route Monitoring (§4.6): one BGP UPDATE PDU (header included); `flags` per perPeerHeader. */
export function encodeRouteMonitoring(peer: BmpPeer, ms: number, update: Buffer, flags = 0): Buffer {
  return message(BMP_TYPE.ROUTE_MONITORING, Buffer.concat([perPeerHeader(peer, ms, flags), update]));
}

/** Statistics Report (§4.8) with 64-bit gauge counters. */
export function encodeStatisticsReport(peer: BmpPeer, ms: number, gauges: readonly [type: number, value: number][]): Buffer {
  const count = Buffer.alloc(4);
  count.writeUInt32BE(gauges.length, 0);
  const tlvs = gauges.map(([type, v]) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(v), 0);
    return tlv(type, b);
  });
  return message(BMP_TYPE.STATISTICS_REPORT, Buffer.concat([perPeerHeader(peer, ms), count, ...tlvs]));
}
