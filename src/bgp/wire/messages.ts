/**
 * BGP-4 message shapes (RFC 4271 §4) as a discriminated union on `type`.
 * Wire-independent values: prefixes are canonical CIDR strings, addresses canonical strings.
 */
import type { AfiSafi, PathAttributes } from '../types.js';
import type { NlriData } from './nlri/evpn.js';

/**
 * Capability advertised in the OPEN Optional Parameters (RFC 5492). Known codes are decoded;
 * anything else is kept as `unknown` with its raw value.
 */
export type Capability =
  /** RFC 4760 §8: AFI/SAFI this speaker can exchange. */
  | { readonly code: 'multiprotocol'; readonly family: AfiSafi }
  /** RFC 2918. */
  | { readonly code: 'route-refresh' }
  /** RFC 6793: the speaker's real (4-octet) AS number. */
  | { readonly code: 'four-octet-as'; readonly asn: number }
  /** RFC 8654: messages up to 65535 octets. */
  | { readonly code: 'extended-message' }
  /** RFC 7313. */
  | { readonly code: 'enhanced-route-refresh' }
  /** Anything else, raw (`type` is the capability code). */
  | { readonly code: 'unknown'; readonly type: number; readonly value: Uint8Array };

/** OPEN (RFC 4271 §4.2). `myAs` is the 2-octet field as sent (AS_TRANS when the AS is > 65535). */
export interface OpenMessage {
  readonly type: 'open';
  readonly version: number;
  readonly myAs: number;
  /** Hold Time in seconds (0 or ≥ 3). */
  readonly holdTime: number;
  /** BGP Identifier, dotted quad. */
  readonly bgpId: string;
  readonly capabilities: readonly Capability[];
}

/** MP_REACH_NLRI contents (RFC 4760 §3). */
export interface MpReach {
  readonly family: AfiSafi;
  /** Global next hop (IPv4 or IPv6 string). */
  readonly nextHop: string;
  /** IPv6 link-local next hop when the next-hop field was 32 octets (RFC 2545 §3). */
  readonly nextHopLinkLocal?: string;
  /** NLRI items: canonical CIDR for IP families, route keys for EVPN (nlri/evpn.ts). */
  readonly nlri: readonly string[];
  /**
   * Per-item data outside the key, parallel to `nlri` (EVPN labels, ESI, gateway IP; RFC 7432 §7.2).
   * Present only for families that have it; encode writes a zero label where it is missing.
   */
  readonly data?: readonly (NlriData | undefined)[];
}

/** MP_UNREACH_NLRI contents (RFC 4760 §4). */
export interface MpUnreach {
  readonly family: AfiSafi;
  readonly withdrawn: readonly string[];
}

/** How an UPDATE error was handled (RFC 7606 §2). */
export type UpdateErrorAction = 'session-reset' | 'treat-as-withdraw' | 'attribute-discard';

/**
 * A non-fatal UPDATE error found while decoding: what RFC 4271 §6.3 would have sent (code/subcode)
 * and what RFC 7606 says to do instead. Session-reset errors are thrown as BgpNotificationError.
 */
export interface UpdateError {
  readonly action: 'treat-as-withdraw' | 'attribute-discard';
  /** NOTIFICATION code / subcode RFC 4271 §6.3 assigns to this error (3/x). */
  readonly code: number;
  readonly subcode: number;
  /** Path attribute type code, when the error is in an attribute. */
  readonly attrType?: number;
  /** Readable reason, naming the attribute and the rule. */
  readonly reason: string;
  /** The rule applied, e.g. "RFC 7606 §7.1". */
  readonly rfc: string;
}

/**
 * UPDATE (RFC 4271 §4.3). `withdrawn` and `nlri` are the IPv4 prefixes of the classic fields;
 * other families travel in `mpReach` / `mpUnreach`. `attributes` is null when the message carried
 * no path attributes (a pure withdrawal or End-of-RIB marker).
 */
export interface UpdateMessage {
  readonly type: 'update';
  readonly withdrawn: readonly string[];
  readonly attributes: PathAttributes | null;
  readonly nlri: readonly string[];
  readonly mpReach?: MpReach;
  readonly mpUnreach?: MpUnreach;
  /**
   * RFC 7606 §2 treat-as-withdraw: set to the reason when the attributes were malformed; every prefix
   * in `nlri` and `mpReach.nlri` must then be handled as withdrawn.
   */
  readonly treatAsWithdraw?: string;
  /** Attributes dropped under RFC 7606 attribute-discard, one readable reason each. */
  readonly discarded?: readonly string[];
  /** Every non-fatal error found, with its RFC 4271 code/subcode (for logging and counters). */
  readonly errors?: readonly UpdateError[];
}

/** NOTIFICATION (RFC 4271 §4.5). */
export interface NotificationMessage {
  readonly type: 'notification';
  readonly code: number;
  readonly subcode: number;
  readonly data: Uint8Array;
}

/** KEEPALIVE (RFC 4271 §4.4): header only. */
export interface KeepaliveMessage {
  readonly type: 'keepalive';
}

/**
 * ROUTE-REFRESH (RFC 2918 §3, RFC 7313 §3.2): `subtype` 0 = normal request, 1 = BoRR, 2 = EoRR
 * (the octet RFC 2918 called Reserved). `family` is null when the AFI/SAFI is not one this codec
 * knows (`afi`/`safi` hold the numbers): RFC 2918 §4 says to ignore such a request.
 */
export interface RouteRefreshMessage {
  readonly type: 'route-refresh';
  readonly family: AfiSafi | null;
  readonly subtype: number;
  /** Raw AFI / SAFI as received (set by decode; ignored by encode when `family` is set). */
  readonly afi?: number;
  readonly safi?: number;
}

/** Any BGP-4 message. */
export type BgpMessage = OpenMessage | UpdateMessage | NotificationMessage | KeepaliveMessage | RouteRefreshMessage;
