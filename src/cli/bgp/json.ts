/**
 * JSON shapes the BGP commands print with --json: every field present (unlike proto3 JSON, which
 * drops defaults such as origin IGP or AS_SET = 0), enums as their proto names, snake_case keys
 * as in proto/bgp.proto, bytes as hex.
 */
import {
  adminStateToJSON,
  asPathSegmentTypeToJSON,
  bgpStateToJSON,
  originToJSON,
  type ExtendedCommunity,
  type Path,
  type Peer,
  type PeerStatistics,
  type Route,
} from '../../gen/bgp.js';

/** Peer → plain object. */
export function peerJson(p: Peer): Record<string, unknown> {
  return {
    address: p.address,
    port: p.port,
    asn: p.asn,
    state: bgpStateToJSON(p.state),
    admin_state: adminStateToJSON(p.adminState),
    configured: p.configured,
    router_id: p.routerId,
    hold_time_secs: p.holdTimeSecs,
    uptime_secs: p.uptimeSecs,
    last_error: p.lastError,
    address_families: p.addressFamilies,
    import_policies: p.importPolicies,
    export_policies: p.exportPolicies,
  };
}

/** PeerStatistics → plain object. */
export function statisticsJson(s: PeerStatistics): Record<string, unknown> {
  return {
    open_sent: s.openSent,
    keepalive_sent: s.keepaliveSent,
    update_sent: s.updateSent,
    notification_sent: s.notificationSent,
    open_received: s.openReceived,
    keepalive_received: s.keepaliveReceived,
    update_received: s.updateReceived,
    notification_received: s.notificationReceived,
    route_refresh_sent: s.routeRefreshSent,
    route_refresh_received: s.routeRefreshReceived,
    prefixes_received: s.prefixesReceived,
    prefixes_accepted: s.prefixesAccepted,
    prefixes_advertised: s.prefixesAdvertised,
    established_transitions: s.establishedTransitions,
  };
}

function extCommunityJson(ec: ExtendedCommunity): Record<string, unknown> {
  const c = ec.community;
  if (!c) return {};
  const v = Object.fromEntries(
    Object.entries(c.value).map(([k, x]) => [k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`), Buffer.isBuffer(x) ? x.toString('hex') : x]),
  );
  return { [c.$case.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)]: v };
}

/** Path → plain object. */
export function pathJson(p: Path): Record<string, unknown> {
  return {
    best: p.best,
    peer_address: p.peerAddress,
    next_hop: p.nextHop,
    origin: originToJSON(p.origin),
    as_path: p.asPath.map((s) => ({ segment_type: asPathSegmentTypeToJSON(s.segmentType), asns: s.asns })),
    local_pref: p.localPref ?? null,
    med: p.med ?? null,
    atomic_aggregate: p.atomicAggregate,
    communities: p.communities,
    extended_communities: p.extendedCommunities.map(extCommunityJson),
    large_communities: p.largeCommunities.map((l) => ({ global_admin: l.globalAdmin, local_data_1: l.localData1, local_data_2: l.localData2 })),
    unknown_attributes: p.unknownAttributes.map((u) => ({ attr_type: u.attrType, flags: u.flags, value: Buffer.from(u.value).toString('hex') })),
    ...(p.evpn
      ? {
          evpn: {
            route_type: p.evpn.routeType,
            route_distinguisher: p.evpn.routeDistinguisher,
            esi: p.evpn.esi,
            ethernet_tag: p.evpn.ethernetTag,
            mac_address: p.evpn.macAddress,
            ip_address: p.evpn.ipAddress,
            vni: p.evpn.vni,
            originator_ip: p.evpn.originatorIp,
            mac_mobility_sequence: p.evpn.macMobilitySequence,
            sticky: p.evpn.sticky,
          },
        }
      : {}),
  };
}

/** Route → plain object. */
export function routeJson(r: Route): Record<string, unknown> {
  return { prefix: r.prefix, paths: r.paths.map(pathJson) };
}
