/**
 * PeerSettings (API / config) → the resolved PeerConfig a Peer runs with: defaults applied,
 * every value checked (BambuError INVALID_ARGUMENT naming the field).
 */
import { invalidArgument } from '../../lib/errors.js';
import { canonicalIP, isIPv4, isIPv6 } from '../../lib/ip.js';
import type { PeerSettings } from '../instance-api.js';
import type { PeerConfig } from '../session/peer.js';
import type { AfiSafi } from '../types.js';

/** Instance-wide defaults a peer inherits. */
export interface PeerDefaults {
  readonly holdTimeSecs: number;
  readonly connectRetrySecs: number;
}

/** IdleHoldTime when not configured: seconds before an automatic restart after an error. */
export const DEFAULT_IDLE_HOLD_SECS = 5;
/** Families offered when `addressFamilies` is not set. */
export const DEFAULT_FAMILIES: readonly AfiSafi[] = ['ipv4-unicast', 'ipv6-unicast'];

function uint(field: string, v: number | undefined, min: number, max: number): void {
  if (v === undefined) return;
  if (!Number.isInteger(v) || v < min || v > max) throw invalidArgument(field, `must be an integer in ${min}..${max}, got ${v}`);
}

/**
 * Validates and resolves peer settings.
 * @param address bare IP of the peer
 * @param port    TCP port to connect to (1..65535)
 * @throws BambuError INVALID_ARGUMENT naming the bad field
 */
export function resolvePeerConfig(address: string, port: number, s: PeerSettings, d: PeerDefaults, configured = true): PeerConfig {
  if (!isIPv4(address) && !isIPv6(address)) throw invalidArgument('address', `not an IP address: ${JSON.stringify(address)}`);
  uint('port', port, 1, 65535);
  uint('asn', s.asn, 1, 0xffffffff);
  uint('hold_time_secs', s.holdTimeSecs, 0, 65535);
  if (s.holdTimeSecs === 1 || s.holdTimeSecs === 2) throw invalidArgument('hold_time_secs', 'must be 0 or at least 3 (RFC 4271 §4.2)');
  uint('connect_retry_secs', s.connectRetrySecs, 1, 65535);
  uint('idle_hold_time_secs', s.idleHoldTimeSecs, 0, 65535);
  uint('delay_open_time_secs', s.delayOpenTimeSecs, 0, 65535);
  uint('min_route_advertisement_interval_secs', s.minRouteAdvertisementIntervalSecs, 0, 65535);
  if (s.maxPrefix) {
    uint('max_prefix.limit', s.maxPrefix.limit, 0, 0xffffffff);
    if (s.maxPrefix.action !== 'terminate' && s.maxPrefix.action !== 'discard') throw invalidArgument('max_prefix.action', 'must be terminate or discard');
  }
  const localAddress = s.localAddress ? canonicalIP(s.localAddress, 'local_address') : undefined;
  const nextHopSelf = s.nextHopSelf ? canonicalIP(s.nextHopSelf, 'next_hop_self') : undefined;
  const families = s.addressFamilies && s.addressFamilies.length > 0 ? [...new Set(s.addressFamilies)] : DEFAULT_FAMILIES;
  for (const f of families) {
    if (f !== 'ipv4-unicast' && f !== 'ipv6-unicast' && f !== 'l2vpn-evpn') throw invalidArgument('address_families', `${f} is not supported by this speaker yet`);
  }
  return {
    address: canonicalIP(address, 'address'),
    port,
    ...(s.asn !== undefined ? { asn: s.asn } : {}),
    ...(localAddress ? { localAddress } : {}),
    fsm: {
      holdTimeSecs: s.holdTimeSecs ?? d.holdTimeSecs,
      connectRetrySecs: s.connectRetrySecs ?? d.connectRetrySecs,
      idleHoldTimeSecs: s.idleHoldTimeSecs ?? DEFAULT_IDLE_HOLD_SECS,
      dampPeerOscillations: s.dampPeerOscillations ?? false,
      allowAutomaticStop: s.allowAutomaticStop ?? true,
      passiveMode: s.passiveMode ?? false,
      delayOpenTimeSecs: s.delayOpenTimeSecs ?? 0,
      sendNotificationWithoutOpen: s.sendNotificationWithoutOpen ?? false,
      collisionDetectEstablishedState: s.collisionDetectEstablishedState ?? false,
    },
    minRouteAdvertisementIntervalSecs: s.minRouteAdvertisementIntervalSecs ?? 0,
    families,
    routeReflectorClient: s.routeReflectorClient ?? false,
    ...(nextHopSelf ? { nextHopSelf } : {}),
    ...(s.maxPrefix ? { maxPrefix: s.maxPrefix } : {}),
    configured,
  };
}
