/**
 * BGP-4 wire codec — public surface. Pure: no sockets, timers, logger or RIB in this folder.
 *
 * Implements: RFC 4271 (BGP-4 messages, §6 error handling), RFC 7606 (revised UPDATE error
 * handling: treat-as-withdraw and attribute-discard returned as values), RFC 4760 (multiprotocol,
 * MP_REACH/MP_UNREACH), RFC 2545 (IPv6 next hops), RFC 5492 (capabilities), RFC 6793 (4-octet AS,
 * AS4_PATH merge), RFC 8654 (extended messages), RFC 2918 + RFC 7313 (route refresh), RFC 1997,
 * RFC 4360, RFC 8092 (communities), RFC 4456 (route reflection attributes), RFC 6514 (PMSI_TUNNEL,
 * decoded by decodePmsiTunnel, kept raw on the attributes), RFC 9012 / RFC 9135 / RFC 7432
 * (extended community kinds), RFC 7432 + RFC 8365 + RFC 9136 (EVPN NLRI route types 1–5 as route
 * keys with their labels beside them, nlri/evpn.ts).
 *
 * Deliberate deviations:
 * - EVPN: an unknown route type is skipped (RFC 7606 §5.4); a known one that is well framed but
 *   malformed makes the UPDATE treat-as-withdraw rather than resetting the session.
 * - The codec does not know whether a peer is internal or external: LOCAL_PREF from an external
 *   peer and AS_CONFED segments from an external peer (RFC 7606 §7.2, §7.5) are the session's to
 *   drop; NEXT_HOP semantic checks beyond "a unicast host address" likewise (RFC 4271 §6.3).
 * - ADD-PATH (RFC 7911) is not supported.
 */
export { BgpNotificationError } from './errors.js';
export { type CodecContext, PRE_OPEN_CONTEXT, maxMessageLength } from './context.js';
export type {
  BgpMessage,
  Capability,
  KeepaliveMessage,
  MpReach,
  MpUnreach,
  NotificationMessage,
  OpenMessage,
  RouteRefreshMessage,
  UpdateError,
  UpdateErrorAction,
  UpdateMessage,
} from './messages.js';
export { frameLength } from './header.js';
export { decodeMessage, encodeMessage } from './message.js';
export { encodeUpdates, encodeWithdrawals, encodeEndOfRib, endOfRibFamily, type EncodeUpdatesOptions } from './pack.js';
export { negotiate, validateOpen, speakerAs, type Negotiated, type OpenExpectations } from './negotiate.js';
export { decodeExtCommunity, encodeExtCommunity, type ExtCommunity } from './attrs/ext-community.js';
export { FAMILIES, afiSafiOf, familyByCode, familyCodec, type FamilyCodec, type NextHop, type NlriData, type NlriSink } from './families.js';
export { type EvpnRouteKey, ZERO_ESI, decodeEvpnNlri, formatEvpnKey, formatRd, parseEvpnKey, parseRd, writeEvpnNlri } from './nlri/evpn.js';
export { type PmsiTunnel, PMSI_TUNNEL_TYPE, decodePmsiTunnel, encodePmsiTunnel } from './attrs/pmsi-tunnel.js';
export { UPDATE_ERRORS, type UpdateErrorKind, type UpdateErrorRule } from './update-errors.js';
export * from './iana.js';
