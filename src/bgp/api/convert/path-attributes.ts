/**
 * Path attributes between proto (AddRouteRequest, Path) and domain (PathAttributes, src/bgp/types.ts).
 *
 * AS_PATH segment types differ: the API numbers AS_SET=0, AS_SEQUENCE=1 (seed 002) while the wire
 * and the domain use AS_SET=1, AS_SEQUENCE=2 (RFC 4271 §4.3). Confederation segments (RFC 5065,
 * types 3/4) have no API value; they are reported as AS_SEQUENCE / AS_SET respectively, which is
 * how the decision process counts them anyway (RFC 5065 §5.3 does not count them at all).
 *
 * Next hop policy for AddRoute: the next hop must be an address of the prefix's family. An
 * IPv4-mapped IPv6 next hop ("::ffff:192.0.2.1") for an IPv4 prefix is accepted and stored as the
 * IPv4 address; an IPv4 next hop for an IPv6 prefix is rejected (RFC 8950 is not negotiated).
 * The unspecified address (0.0.0.0, ::) is rejected.
 */
import {
  AsPathSegmentType as ApiSegmentType,
  type AddRouteRequest,
  type AsPathSegment as ApiAsPathSegment,
  type Path,
} from '../../../gen/bgp.js';
import type { ListedPath } from '../../instance-api.js';
import { AS_PATH_SEGMENT, type AsPathSegment, type OriginValue, type PathAttributes } from '../../types.js';
import { invalidArgument } from '../../../lib/errors.js';
import { formatIPv4, parseIP } from '../../../lib/ip.js';
import { enumValue, intInRange, ipLiteral, prefixField, UINT32_MAX } from '../validate.js';
import { extCommunityFromProto, extCommunityToProto } from './ext-community.js';
import { evpnToProto } from './evpn.js';

/** LOCAL_PREF applied when AddRoute leaves it unset (seed 002: "default 100"). */
export const DEFAULT_LOCAL_PREF = 100;

/** Most ASNs one AS_PATH segment can hold: its length is one octet (RFC 4271 §4.3). */
const MAX_SEGMENT_ASNS = 255;

const ORIGIN_NAMES = { 0: 'IGP', 1: 'EGP', 2: 'INCOMPLETE' };
const SEGMENT_NAMES = { 0: 'AS_SET', 1: 'AS_SEQUENCE' };

/** API segment type → wire/domain segment type. */
const SEGMENT_TO_DOMAIN: Record<number, AsPathSegment['type']> = {
  [ApiSegmentType.AS_SET]: AS_PATH_SEGMENT.AS_SET,
  [ApiSegmentType.AS_SEQUENCE]: AS_PATH_SEGMENT.AS_SEQUENCE,
};

/** Wire/domain segment type → API segment type. */
const SEGMENT_TO_API: Record<number, ApiSegmentType> = {
  [AS_PATH_SEGMENT.AS_SET]: ApiSegmentType.AS_SET,
  [AS_PATH_SEGMENT.AS_SEQUENCE]: ApiSegmentType.AS_SEQUENCE,
  [AS_PATH_SEGMENT.AS_CONFED_SET]: ApiSegmentType.AS_SET,
  [AS_PATH_SEGMENT.AS_CONFED_SEQUENCE]: ApiSegmentType.AS_SEQUENCE,
};

/** A validated AddRouteRequest. */
export interface LocalRoute {
  /** Canonical CIDR, the RIB key. */
  readonly prefix: string;
  readonly family: 4 | 6;
  readonly attrs: PathAttributes;
}

/**
 * Validates every field of an AddRouteRequest and converts it.
 * @param field prefix for error messages: "" for AddRoute, "routes[3]." style for streams
 * @throws INVALID_ARGUMENT naming the field
 */
export function addRouteRequestToDomain(req: AddRouteRequest, field = ''): LocalRoute {
  const { prefix, family } = prefixField(`${field}prefix`, req.prefix);
  const nextHop = nextHopFor(`${field}next_hop`, req.nextHop, family);
  const origin = enumValue(`${field}origin`, req.origin, ORIGIN_NAMES) as OriginValue;
  const asPath = req.asPath.map((seg, i) => segmentToDomain(seg, `${field}as_path[${i}]`));
  const localPref = req.localPref === undefined ? DEFAULT_LOCAL_PREF : intInRange(`${field}local_pref`, req.localPref, 0, UINT32_MAX);
  const attrs: { -readonly [K in keyof PathAttributes]: PathAttributes[K] } = {
    origin,
    asPath,
    nextHop,
    localPref,
    atomicAggregate: req.atomicAggregate,
  };
  if (req.med !== undefined) attrs.med = intInRange(`${field}med`, req.med, 0, UINT32_MAX);
  if (req.communities.length > 0) {
    attrs.communities = req.communities.map((c, i) => intInRange(`${field}communities[${i}]`, c, 0, UINT32_MAX));
  }
  if (req.extendedCommunities.length > 0) {
    attrs.extCommunities = req.extendedCommunities.map((ec, i) => extCommunityFromProto(ec, `${field}extended_communities[${i}]`));
  }
  if (req.largeCommunities.length > 0) {
    attrs.largeCommunities = req.largeCommunities.map((lc, i) => {
      const f = `${field}large_communities[${i}]`;
      return {
        globalAdmin: intInRange(`${f}.global_admin`, lc.globalAdmin, 0, UINT32_MAX),
        localData1: intInRange(`${f}.local_data_1`, lc.localData1, 0, UINT32_MAX),
        localData2: intInRange(`${f}.local_data_2`, lc.localData2, 0, UINT32_MAX),
      };
    });
  }
  return { prefix, family, attrs };
}

/** Applies the next hop policy in the module header. @returns the canonical next hop */
function nextHopFor(field: string, s: string, family: 4 | 6): string {
  const ip = ipLiteral(field, s);
  if (ip.address === '0.0.0.0' || ip.address === '::') throw invalidArgument(field, 'the unspecified address is not a next hop');
  if (family === 4 && ip.family === 6) {
    const b = parseIP(ip.address);
    // IPv4-mapped IPv6 address ::ffff:a.b.c.d (RFC 4291 §2.5.5.2)
    if (b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return formatIPv4(b, 12);
    throw invalidArgument(field, `IPv6 next hop ${ip.address} for an IPv4 prefix; use an IPv4 address`);
  }
  if (family === 6 && ip.family === 4) throw invalidArgument(field, `IPv4 next hop ${ip.address} for an IPv6 prefix; use an IPv6 address (RFC 8950 is not supported)`);
  return ip.address;
}

function segmentToDomain(seg: ApiAsPathSegment, f: string): AsPathSegment {
  const t = enumValue(`${f}.segment_type`, seg.segmentType, SEGMENT_NAMES);
  if (seg.asns.length === 0) throw invalidArgument(`${f}.asns`, 'a segment needs at least one ASN');
  if (seg.asns.length > MAX_SEGMENT_ASNS) throw invalidArgument(`${f}.asns`, `at most ${MAX_SEGMENT_ASNS} ASNs per segment (RFC 4271 §4.3), got ${seg.asns.length}`);
  const asns = seg.asns.map((a, i) => {
    if (a === 0) throw invalidArgument(`${f}.asns[${i}]`, 'AS 0 is reserved and must not appear in AS_PATH (RFC 7607)');
    return intInRange(`${f}.asns[${i}]`, a, 1, UINT32_MAX);
  });
  return { type: SEGMENT_TO_DOMAIN[t]!, asns };
}

/** Domain AS_PATH segment → API segment. */
export function segmentToProto(seg: AsPathSegment): ApiAsPathSegment {
  return { segmentType: SEGMENT_TO_API[seg.type] ?? ApiSegmentType.AS_SEQUENCE, asns: [...seg.asns] };
}

/** A listed path → proto Path (peer_address is the bare IP, "" for local routes); `prefix` = its route key (EVPN keys fill Path.evpn). */
export function pathToProto(p: ListedPath, prefix = ''): Path {
  const a = p.attrs;
  return {
    origin: a.origin,
    asPath: a.asPath.map(segmentToProto),
    nextHop: a.nextHop ?? '',
    peerAddress: p.peerAddress,
    localPref: a.localPref,
    med: a.med,
    atomicAggregate: a.atomicAggregate,
    unknownAttributes: (a.unknown ?? []).map((u) => ({ attrType: u.type, flags: u.flags, value: Buffer.from(u.value) })),
    communities: [...(a.communities ?? [])],
    extendedCommunities: (a.extCommunities ?? []).map(extCommunityToProto),
    largeCommunities: (a.largeCommunities ?? []).map((l) => ({ globalAdmin: l.globalAdmin, localData1: l.localData1, localData2: l.localData2 })),
    best: p.best,
    evpn: p.nlriData || prefix.startsWith('[') ? evpnToProto(prefix, p.nlriData, a) : undefined,
  };
}
