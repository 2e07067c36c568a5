/**
 * Peers between proto and domain: SessionConfig (seed fields 1–9, Bambu extensions ≥ 10) →
 * PeerSettings with every field checked; PeerInfo → Peer / PeerStatistics.
 */
import type { Peer, PeerStatistics as PeerStatisticsProto, SessionConfig } from '../../../gen/bgp.js';
import type { PeerInfo, PeerSettings, PeerStatistics } from '../../instance-api.js';
import { invalidArgument } from '../../../lib/errors.js';
import { enumValue, intInRange, ipLiteral, UINT32_MAX } from '../validate.js';
import { ADMIN_STATE, BGP_STATE, familyName, MAX_PREFIX_ACTION } from './enums.js';

/** Upper bound for timer fields in seconds: BGP timers are 16-bit on the wire (RFC 4271 §4.2). */
const MAX_TIMER_SECS = 65535;

/**
 * Validates and converts AddPeerRequest.config.
 * @param cfg    the request's SessionConfig, or undefined
 * @param prefix field path prefix for error messages ("config")
 * @returns PeerSettings with only the fields the client set
 * @throws INVALID_ARGUMENT naming the field ("config.hold_time_secs: must be 0 or 3..65535")
 */
export function sessionConfigToSettings(cfg: SessionConfig | undefined, prefix = 'config'): PeerSettings {
  if (!cfg) return {};
  const f = (name: string) => `${prefix}.${name}`;
  const s: PeerSettings = {};
  const secs = (name: string, v: number | undefined, min = 0) => (v === undefined ? undefined : intInRange(f(name), v, min, MAX_TIMER_SECS));
  s.idleHoldTimeSecs = secs('idle_hold_time_secs', cfg.idleHoldTimeSecs);
  s.dampPeerOscillations = cfg.dampPeerOscillations;
  s.allowAutomaticStop = cfg.allowAutomaticStop;
  s.passiveMode = cfg.passiveMode;
  s.delayOpenTimeSecs = secs('delay_open_time_secs', cfg.delayOpenTimeSecs);
  if (cfg.maxPrefix) {
    const action = enumValue(f('max_prefix.action'), cfg.maxPrefix.action, { 0: 'TERMINATE', 1: 'DISCARD' });
    s.maxPrefix = { limit: intInRange(f('max_prefix.limit'), cfg.maxPrefix.limit, 0, UINT32_MAX), action: MAX_PREFIX_ACTION[action]! };
  }
  s.sendNotificationWithoutOpen = cfg.sendNotificationWithoutOpen;
  s.collisionDetectEstablishedState = cfg.collisionDetectEstablishedState;
  s.minRouteAdvertisementIntervalSecs = secs('min_route_advertisement_interval_secs', cfg.minRouteAdvertisementIntervalSecs);
  if (cfg.asn !== undefined) s.asn = intInRange(f('asn'), cfg.asn, 1, UINT32_MAX);
  if (cfg.localAddress !== undefined) s.localAddress = ipLiteral(f('local_address'), cfg.localAddress).address;
  if (cfg.holdTimeSecs !== undefined) {
    // RFC 4271 §4.2: Hold Time MUST be either zero or at least three seconds.
    if (cfg.holdTimeSecs !== 0 && (cfg.holdTimeSecs < 3 || cfg.holdTimeSecs > MAX_TIMER_SECS)) {
      throw invalidArgument(f('hold_time_secs'), `${cfg.holdTimeSecs} must be 0 or 3..65535 (RFC 4271 §4.2)`);
    }
    s.holdTimeSecs = cfg.holdTimeSecs;
  }
  s.connectRetrySecs = secs('connect_retry_secs', cfg.connectRetrySecs, 1);
  if (cfg.addressFamilies.length > 0) {
    s.addressFamilies = cfg.addressFamilies.map((a, i) => familyName(f(`address_families[${i}]`), a));
  }
  s.routeReflectorClient = cfg.routeReflectorClient;
  if (cfg.nextHopSelf !== undefined) s.nextHopSelf = ipLiteral(f('next_hop_self'), cfg.nextHopSelf).address;
  for (const k of Object.keys(s) as (keyof PeerSettings)[]) if (s[k] === undefined) delete s[k];
  return s;
}

/** Domain peer → proto Peer (address is the bare IP, port in extension field 10). */
export function peerToProto(p: PeerInfo): Peer {
  return {
    address: p.address,
    asn: p.asn,
    state: BGP_STATE[p.state],
    adminState: ADMIN_STATE[p.adminState],
    configured: p.configured,
    importPolicies: [...p.importPolicies],
    exportPolicies: [...p.exportPolicies],
    port: p.port,
    routerId: p.routerId ?? '',
    holdTimeSecs: p.holdTimeSecs ?? 0,
    uptimeSecs: p.uptimeSecs ?? 0,
    lastError: p.lastError ?? '',
    addressFamilies: [...p.families],
  };
}

/** Domain counters → proto PeerStatistics. */
export function statisticsToProto(s: PeerStatistics): PeerStatisticsProto {
  return {
    openSent: s.openSent,
    keepaliveSent: s.keepaliveSent,
    updateSent: s.updateSent,
    notificationSent: s.notificationSent,
    openReceived: s.openReceived,
    keepaliveReceived: s.keepaliveReceived,
    updateReceived: s.updateReceived,
    notificationReceived: s.notificationReceived,
    routeRefreshSent: s.routeRefreshSent,
    routeRefreshReceived: s.routeRefreshReceived,
    prefixesReceived: s.prefixesReceived,
    prefixesAccepted: s.prefixesAccepted,
    prefixesAdvertised: s.prefixesAdvertised,
    establishedTransitions: s.establishedTransitions,
  };
}
