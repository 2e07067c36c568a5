/**
 * IANA numbers of BGP-4, one `as const` object per registry.
 * Registries: https://www.iana.org/assignments/bgp-parameters (BGP Parameters),
 * https://www.iana.org/assignments/capability-codes, https://www.iana.org/assignments/address-family-numbers,
 * https://www.iana.org/assignments/safi-namespace, https://www.iana.org/assignments/bgp-extended-communities.
 */

/** BGP Message Types (BGP Parameters registry; RFC 4271 §4.1, RFC 2918). */
export const MESSAGE_TYPE = {
  OPEN: 1,
  UPDATE: 2,
  NOTIFICATION: 3,
  KEEPALIVE: 4,
  ROUTE_REFRESH: 5,
} as const;

/** BGP Error (Notification) Codes (RFC 4271 §4.5, RFC 2918 / RFC 7313 for code 7). */
export const ERROR_CODE = {
  MESSAGE_HEADER: 1,
  OPEN_MESSAGE: 2,
  UPDATE_MESSAGE: 3,
  HOLD_TIMER_EXPIRED: 4,
  FSM: 5,
  CEASE: 6,
  ROUTE_REFRESH_MESSAGE: 7,
} as const;

/** Message Header Error subcodes (RFC 4271 §6.1). */
export const HEADER_SUBCODE = {
  CONNECTION_NOT_SYNCHRONIZED: 1,
  BAD_MESSAGE_LENGTH: 2,
  BAD_MESSAGE_TYPE: 3,
} as const;

/** OPEN Message Error subcodes (RFC 4271 §6.2; 7 from RFC 5492 §5). */
export const OPEN_SUBCODE = {
  /** RFC 4271 §4.5: "If no appropriate Error Subcode is defined, then a zero (Unspecific) value is used". */
  UNSPECIFIC: 0,
  UNSUPPORTED_VERSION_NUMBER: 1,
  BAD_PEER_AS: 2,
  BAD_BGP_IDENTIFIER: 3,
  UNSUPPORTED_OPTIONAL_PARAMETER: 4,
  UNACCEPTABLE_HOLD_TIME: 6,
  UNSUPPORTED_CAPABILITY: 7,
} as const;

/** UPDATE Message Error subcodes (RFC 4271 §6.3). 7 (AS Routing Loop) is deprecated. */
export const UPDATE_SUBCODE = {
  MALFORMED_ATTRIBUTE_LIST: 1,
  UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE: 2,
  MISSING_WELL_KNOWN_ATTRIBUTE: 3,
  ATTRIBUTE_FLAGS_ERROR: 4,
  ATTRIBUTE_LENGTH_ERROR: 5,
  INVALID_ORIGIN_ATTRIBUTE: 6,
  INVALID_NEXT_HOP_ATTRIBUTE: 8,
  OPTIONAL_ATTRIBUTE_ERROR: 9,
  INVALID_NETWORK_FIELD: 10,
  MALFORMED_AS_PATH: 11,
} as const;

/** BGP Finite State Machine Error subcodes (RFC 6608 §3). */
export const FSM_SUBCODE = {
  UNSPECIFIED: 0,
  UNEXPECTED_MESSAGE_IN_OPEN_SENT: 1,
  UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM: 2,
  UNEXPECTED_MESSAGE_IN_ESTABLISHED: 3,
} as const;

/** Cease subcodes (RFC 4486 §4, RFC 8203 for the shutdown communication). */
export const CEASE_SUBCODE = {
  MAXIMUM_PREFIXES_REACHED: 1,
  ADMINISTRATIVE_SHUTDOWN: 2,
  PEER_DECONFIGURED: 3,
  ADMINISTRATIVE_RESET: 4,
  CONNECTION_REJECTED: 5,
  OTHER_CONFIGURATION_CHANGE: 6,
  CONNECTION_COLLISION_RESOLUTION: 7,
  OUT_OF_RESOURCES: 8,
} as const;

/** ROUTE-REFRESH Message Error subcodes (RFC 7313 §5). */
export const ROUTE_REFRESH_SUBCODE = {
  INVALID_MESSAGE_LENGTH: 1,
} as const;

/** ROUTE-REFRESH message subtypes, the former Reserved octet (RFC 7313 §3.2). */
export const ROUTE_REFRESH_SUBTYPE = {
  NORMAL: 0,
  BORR: 1,
  EORR: 2,
} as const;

/** Path Attribute Type Codes (BGP Parameters registry). */
export const ATTR_TYPE = {
  ORIGIN: 1,
  AS_PATH: 2,
  NEXT_HOP: 3,
  MULTI_EXIT_DISC: 4,
  LOCAL_PREF: 5,
  ATOMIC_AGGREGATE: 6,
  AGGREGATOR: 7,
  COMMUNITIES: 8, // RFC 1997
  ORIGINATOR_ID: 9, // RFC 4456
  CLUSTER_LIST: 10, // RFC 4456
  MP_REACH_NLRI: 14, // RFC 4760
  MP_UNREACH_NLRI: 15, // RFC 4760
  EXTENDED_COMMUNITIES: 16, // RFC 4360
  AS4_PATH: 17, // RFC 6793
  AS4_AGGREGATOR: 18, // RFC 6793
  PMSI_TUNNEL: 22, // RFC 6514
  LARGE_COMMUNITY: 32, // RFC 8092
} as const;

/** Attribute Flags bits (RFC 4271 §4.3). */
export const ATTR_FLAG = {
  OPTIONAL: 0x80,
  TRANSITIVE: 0x40,
  PARTIAL: 0x20,
  EXTENDED_LENGTH: 0x10,
} as const;

/** Capability Codes (Capability Codes registry). */
export const CAPABILITY_CODE = {
  MULTIPROTOCOL: 1, // RFC 4760
  ROUTE_REFRESH: 2, // RFC 2918
  EXTENDED_MESSAGE: 6, // RFC 8654
  FOUR_OCTET_AS: 65, // RFC 6793
  ENHANCED_ROUTE_REFRESH: 70, // RFC 7313
} as const;

/** OPEN Optional Parameter types (RFC 5492 §4; 255 = extended length, RFC 9072). */
export const OPEN_PARAM_TYPE = {
  CAPABILITIES: 2,
  EXTENDED_LENGTH: 255,
} as const;

/** Address Family Numbers (AFI) used here (Address Family Numbers registry). */
export const AFI = {
  IPV4: 1,
  IPV6: 2,
  L2VPN: 25, // RFC 7432 (EVPN)
} as const;

/** SAFI values used here (SAFI Values registry). */
export const SAFI = {
  UNICAST: 1,
  EVPN: 70, // RFC 7432
} as const;

/** AS_TRANS, placeholder for a 4-octet ASN on 2-octet sessions (RFC 6793 §9). */
export const AS_TRANS = 23456;

/** The BGP version this speaker implements (RFC 4271 §4.2). */
export const BGP_VERSION = 4;

/** Header size in octets: Marker 16 + Length 2 + Type 1 (RFC 4271 §4.1). */
export const HEADER_LENGTH = 19;

/** Extended Community Type high octets (BGP Extended Communities registry, RFC 4360 §3, RFC 7153). */
export const EXT_COMMUNITY_TYPE = {
  TWO_OCTET_AS: 0x00,
  IPV4_ADDRESS: 0x01,
  FOUR_OCTET_AS: 0x02,
  OPAQUE: 0x03,
  EVPN: 0x06, // RFC 7432 §7
  NON_TRANSITIVE_TWO_OCTET_AS: 0x40,
  NON_TRANSITIVE_IPV4_ADDRESS: 0x41,
  NON_TRANSITIVE_FOUR_OCTET_AS: 0x42,
  NON_TRANSITIVE_OPAQUE: 0x43,
} as const;

/** Extended Community sub-types used here (per-type registries, RFC 4360, RFC 9012, RFC 7432). */
export const EXT_COMMUNITY_SUBTYPE = {
  ROUTE_TARGET: 0x02, // RFC 4360 §4
  ROUTE_ORIGIN: 0x03, // RFC 4360 §5
  LINK_BANDWIDTH: 0x04, // draft-ietf-idr-link-bandwidth (type 0x40)
  COLOR: 0x0b, // RFC 9012 §4.3 (type 0x03)
  ENCAPSULATION: 0x0c, // RFC 9012 §4.1 (type 0x03)
  MAC_MOBILITY: 0x00, // RFC 7432 §7.7 (type 0x06)
  ROUTER_MAC: 0x03, // RFC 9135 §8.1 (type 0x06)
} as const;

/** The Extended Community "non-transitive" bit of the type octet (RFC 4360 §2). */
export const EXT_COMMUNITY_NON_TRANSITIVE = 0x40;
