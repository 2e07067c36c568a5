/**
 * What a best path looks like when advertised to one peer (RFC 4271 §9.1.3, §5.1; RFC 1997;
 * RFC 4456), or undefined when it must not be advertised to that peer at all.
 *
 * Rules, in order:
 * - never back to the peer it came from (split horizon; RFC 4271 allows it, nobody does it);
 * - NO_ADVERTISE: to nobody; NO_EXPORT and NO_EXPORT_SUBCONFED: not to eBGP peers (RFC 1997);
 * - iBGP-learned → iBGP peer only by route reflection: from a client to everyone, from a
 *   non-client to clients only (RFC 4456 §8); reflecting sets ORIGINATOR_ID (if absent) and
 *   prepends our cluster id (router id) to CLUSTER_LIST;
 * - to eBGP: prepend our AS to AS_PATH (§5.1.2), NEXT_HOP = next_hop_self or our address of the
 *   session (§5.1.3) — a locally originated route keeps the next hop given to AddRoute unless
 *   next_hop_self is set and of the route's family —,
 *   no LOCAL_PREF (§5.1.5), no MED learned from another AS (§5.1.4), no ORIGINATOR_ID /
 *   CLUSTER_LIST (RFC 4456);
 * - to iBGP: LOCAL_PREF always present (100 by default, §5.1.5), NEXT_HOP unchanged unless
 *   next_hop_self (of the route's family) is set or the route has none of its family.
 * IPv6 routes over an IPv4 session get the IPv4-mapped form of an IPv4 next hop (RFC 4291 §2.5.5.2).
 * L2VPN EVPN keeps its next hop (the originating VTEP, RFC 8365 §5.1.3) towards every peer, as
 * FRR does for the family: next_hop_self does not apply to it.
 */
import { AS_PATH_SEGMENT, WELL_KNOWN_COMMUNITY, type AfiSafi, type AsPathSegment, type PathAttributes } from '../types.js';
import type { RibPath } from './path.js';

/** The receiving side of an advertisement. */
export interface ExportTarget {
  readonly kind: 'ebgp' | 'ibgp';
  readonly address: string;
  readonly routeReflectorClient: boolean;
  /** Our address on the session (the TCP local address). */
  readonly localAddress: string;
  /** Configured next_hop_self address, if any. */
  readonly nextHopSelf?: string;
}

/** Our identity for export rewriting. */
export interface ExportIdentity {
  readonly asn: number;
  readonly routerId: string;
}

const MAX_SEGMENT = 255;

/** AS_PATH with `asn` prepended (RFC 4271 §5.1.2 / §9.2: a new AS_SEQUENCE when needed). */
export function prependAs(path: readonly AsPathSegment[], asn: number): AsPathSegment[] {
  const first = path[0];
  if (first && first.type === AS_PATH_SEGMENT.AS_SEQUENCE && first.asns.length < MAX_SEGMENT) {
    return [{ type: AS_PATH_SEGMENT.AS_SEQUENCE, asns: [asn, ...first.asns] }, ...path.slice(1)];
  }
  return [{ type: AS_PATH_SEGMENT.AS_SEQUENCE, asns: [asn] }, ...path];
}

/** Next hop of the right address family for `family` ("::ffff:a.b.c.d" for IPv4 over IPv6 routes). */
function nextHopFor(family: AfiSafi, address: string): string {
  const v6 = address.includes(':');
  if (family === 'ipv6-unicast' && !v6) return `::ffff:${address}`;
  return address;
}

/**
 * Our next hop for `family` on this session: next_hop_self if it is of the family, else the
 * session's local address if it is, else the IPv4-mapped form of an IPv4 one (last resort; some
 * speakers, BIRD among them, reject it — configure an IPv6 transport or route next hops then).
 */
function selfNextHop(family: AfiSafi, target: ExportTarget): string {
  if (hasFamilyAddress(family, target.nextHopSelf)) return target.nextHopSelf;
  if (hasFamilyAddress(family, target.localAddress)) return target.localAddress;
  return nextHopFor(family, target.nextHopSelf ?? target.localAddress);
}

function hasFamilyAddress(family: AfiSafi, address: string | undefined): address is string {
  if (!address) return false;
  return family === 'ipv6-unicast' ? address.includes(':') : !address.includes(':');
}

/**
 * Attributes to advertise `best` with to `target`, or undefined when it must not be advertised.
 * The result is a fresh object: intern it before storing.
 */
export function exportPath(best: RibPath, family: AfiSafi, target: ExportTarget, me: ExportIdentity): PathAttributes | undefined {
  const { source, attrs } = best;
  if (source.address !== '' && source.address === target.address) return undefined;
  const communities = attrs.communities;
  if (communities?.includes(WELL_KNOWN_COMMUNITY.NO_ADVERTISE)) return undefined;
  if (
    target.kind === 'ebgp' &&
    (communities?.includes(WELL_KNOWN_COMMUNITY.NO_EXPORT) || communities?.includes(WELL_KNOWN_COMMUNITY.NO_EXPORT_SUBCONFED))
  ) {
    return undefined;
  }
  const reflect = source.kind === 'ibgp' && target.kind === 'ibgp';
  if (reflect && !source.routeReflectorClient && !target.routeReflectorClient) return undefined;

  const selfMatches = hasFamilyAddress(family, target.nextHopSelf);
  const ownNextHop = selfNextHop(family, target);
  // An IPv4 route needs an IPv4 next hop (RFC 5549 extended next hops are not negotiated).
  const usable = (nh: string | undefined) => family !== 'ipv4-unicast' || hasFamilyAddress(family, nh);
  const evpn = family === 'l2vpn-evpn' && attrs.nextHop !== undefined;
  if (target.kind === 'ebgp') {
    const keepLocalNextHop = evpn || (source.kind === 'local' && !selfMatches && hasFamilyAddress(family, attrs.nextHop));
    const { localPref: _lp, originatorId: _o, clusterList: _c, med, ...rest } = attrs;
    const nextHop = keepLocalNextHop ? attrs.nextHop : ownNextHop;
    if (!usable(nextHop)) return undefined;
    return stripUndefined({
      ...rest,
      ...(source.kind === 'local' && med !== undefined ? { med } : {}),
      asPath: prependAs(attrs.asPath, me.asn),
      nextHop,
      nextHopLinkLocal: undefined,
    });
  }
  const out: { -readonly [K in keyof PathAttributes]: PathAttributes[K] } = { ...attrs, localPref: attrs.localPref ?? 100 };
  if (!evpn && (selfMatches || !hasFamilyAddress(family, attrs.nextHop))) {
    out.nextHop = ownNextHop;
    out.nextHopLinkLocal = undefined;
  }
  if (!usable(out.nextHop)) return undefined;
  if (reflect) {
    out.originatorId = attrs.originatorId ?? source.routerId;
    out.clusterList = [me.routerId, ...(attrs.clusterList ?? [])];
  }
  return stripUndefined(out);
}

/** Drops keys whose value is undefined, so interning keys stay canonical. */
function stripUndefined(a: PathAttributes): PathAttributes {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) if (v !== undefined) out[k] = v;
  return out as unknown as PathAttributes;
}
