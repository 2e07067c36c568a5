/**
 * Domain types of the BGP speaker, shared by the codec (wire/), the RIB, policy and the API edge.
 * Wire-independent: the codec turns octets into these, the gRPC layer turns protobuf into these.
 *
 * Conventions: IP addresses are canonical strings ("192.0.2.1", "2001:db8::1"); prefixes are
 * canonical CIDR strings with host bits zero ("10.0.0.0/24", "2001:db8::/32"), which also serve as
 * RIB keys. ASNs are 32-bit unsigned numbers (AS4_PATH merged, RFC 6793). Communities are uint32.
 */

/** Address family + subsequent address family as used in config, API and RIB (RFC 4760). */
export type AfiSafi = 'ipv4-unicast' | 'ipv6-unicast' | 'l2vpn-evpn';

/** ORIGIN attribute values (RFC 4271 §4.3). */
export const ORIGIN = { IGP: 0, EGP: 1, INCOMPLETE: 2 } as const;
export type OriginValue = (typeof ORIGIN)[keyof typeof ORIGIN];

/** AS_PATH segment types on the wire (RFC 4271 §4.3, RFC 5065 for the confed types). */
export const AS_PATH_SEGMENT = { AS_SET: 1, AS_SEQUENCE: 2, AS_CONFED_SEQUENCE: 3, AS_CONFED_SET: 4 } as const;
export type AsPathSegmentType = (typeof AS_PATH_SEGMENT)[keyof typeof AS_PATH_SEGMENT];

/** One AS_PATH segment; `asns` are 4-octet values. */
export interface AsPathSegment {
  readonly type: AsPathSegmentType;
  readonly asns: readonly number[];
}

/** LARGE_COMMUNITY value (RFC 8092). */
export interface LargeCommunity {
  readonly globalAdmin: number;
  readonly localData1: number;
  readonly localData2: number;
}

/** A path attribute this speaker does not know, kept and passed on (RFC 4271 §5, §9). */
export interface UnknownAttribute {
  /** Attribute flags octet as received (Optional 0x80, Transitive 0x40, Partial 0x20, Extended 0x10). */
  readonly flags: number;
  readonly type: number;
  readonly value: Uint8Array;
}

/**
 * Path attributes of a route (RFC 4271 §5). Instances are interned by the RIB: identical sets are
 * one frozen object shared by every prefix that carries them, so never mutate one — copy, change,
 * and intern again.
 */
export interface PathAttributes {
  readonly origin: OriginValue;
  readonly asPath: readonly AsPathSegment[];
  /** NEXT_HOP (IPv4) or the global next hop of MP_REACH_NLRI (IPv6 / EVPN). */
  readonly nextHop?: string;
  /** IPv6 link-local next hop when MP_REACH_NLRI carried 32 octets (RFC 2545). */
  readonly nextHopLinkLocal?: string;
  readonly med?: number;
  readonly localPref?: number;
  readonly atomicAggregate: boolean;
  readonly aggregator?: { readonly asn: number; readonly address: string };
  readonly communities?: readonly number[];
  /** EXTENDED_COMMUNITIES as raw 8-octet values (RFC 4360); the API edge decodes the kinds. */
  readonly extCommunities?: readonly Uint8Array[];
  readonly largeCommunities?: readonly LargeCommunity[];
  readonly originatorId?: string;
  readonly clusterList?: readonly string[];
  /** PMSI_TUNNEL (RFC 6514 §5), raw value; used by EVPN type-3 routes. */
  readonly pmsiTunnel?: Uint8Array;
  readonly unknown?: readonly UnknownAttribute[];
}

/** Well-known communities (RFC 1997, RFC 3765). */
export const WELL_KNOWN_COMMUNITY = {
  NO_EXPORT: 0xffffff01,
  NO_ADVERTISE: 0xffffff02,
  NO_EXPORT_SUBCONFED: 0xffffff03,
  NOPEER: 0xffffff04,
} as const;
