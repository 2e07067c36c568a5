/**
 * EVIs and EVPN routes of a VXLAN border gateway (RFC 7432, RFC 8365):
 *   - one EVI per segment (VNI): RD `router-id:index` (RFC 7432 §7.9, type 1), RT `ASN:VNI`
 *     (RFC 8365 §5.1.2.1 in FRR's form: two-octet AS specific, the low 16 bits of a 4-octet AS)
 *     unless configured;
 *   - builders of the routes a gateway originates: type 3 per VNI (PMSI_TUNNEL ingress
 *     replication, RFC 7432 §11.2), type 2 per local MAC, MAC-only and MAC+IP (RFC 7432 §9.1);
 *     each with the encapsulation extended community (tunnel type 8 = VXLAN, RFC 9012 §4.1 /
 *     RFC 8365 §5.1.3) and the RT, plus MAC Mobility once the sequence is > 0 (RFC 7432 §15);
 *   - parseReceived: a received route → what it means for a VTEP, or why it is ignored.
 * Pure: no I/O, no clock.
 */
import { BambuError } from '../lib/errors.js';
import {
  PMSI_TUNNEL_TYPE,
  type EvpnRouteKey,
  type ExtCommunity,
  decodeExtCommunity,
  decodePmsiTunnel,
  encodeExtCommunity,
  encodePmsiTunnel,
  formatEvpnKey,
  parseEvpnKey,
} from '../bgp/wire/index.js';
import type { PathAttributes } from '../bgp/types.js';
import { type EvpnRoute, asPathContains } from './speaker.js';

/** VXLAN tunnel type of the encapsulation extended community (RFC 9012 §3, RFC 8365 §5.1.3). */
export const TUNNEL_TYPE_VXLAN = 8;

/** One EVPN instance = one segment (VNI) of the gateway. */
export interface Evi {
  readonly vni: number;
  /** Route distinguisher text (RFC 4364 §4.2), e.g. "10.0.0.1:100". */
  readonly rd: string;
  /** Route target exported and imported, "ASN:NN". */
  readonly rt: string;
}

/**
 * Parses "ASN:NN" into a route target extended community (two-octet AS when ASN ≤ 65535, else
 * four-octet AS specific, RFC 4360 §4 / RFC 5668).
 * @throws BambuError INVALID_ARGUMENT naming `field`
 */
export function routeTarget(text: string, field = 'route_target'): ExtCommunity {
  const m = /^([0-9]+):([0-9]+)$/.exec(text);
  const asn = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (m && asn <= 0xffff && n <= 0xffffffff) return { kind: 'two-octet-as', transitive: true, subType: 0x02, asn, localAdmin: n };
  if (m && asn <= 0xffffffff && n <= 0xffff) return { kind: 'four-octet-as', transitive: true, subType: 0x02, asn, localAdmin: n };
  throw new BambuError('INVALID_ARGUMENT', `${field}: ${JSON.stringify(text)} is not a route target ASN:NN`, field);
}

/** Canonical "ASN:NN" text of a route target community, or undefined for another kind. */
export function routeTargetText(ec: ExtCommunity): string | undefined {
  if ((ec.kind === 'two-octet-as' || ec.kind === 'four-octet-as') && ec.subType === 0x02) return `${ec.asn}:${ec.localAdmin}`;
  return undefined;
}

/**
 * The EVI of a VNI.
 * @param index RD index, unique per VNI on this gateway (0–65535)
 * @param rt    configured route target, else `ASN:VNI` with the low 16 bits of the AS
 * @throws BambuError INVALID_ARGUMENT for a bad RT or index
 */
export function deriveEvi(vni: number, opts: { routerId: string; asn: number; index: number; rt?: string }): Evi {
  if (!Number.isInteger(opts.index) || opts.index < 0 || opts.index > 0xffff) throw new BambuError('INVALID_ARGUMENT', `RD index ${opts.index} is not 0–65535`, 'index');
  const rt = opts.rt ?? `${opts.asn & 0xffff}:${vni}`;
  routeTarget(rt);
  return { vni, rd: `${opts.routerId}:${opts.index}`, rt: routeTargetText(routeTarget(rt))! };
}

const ENCAP = encodeExtCommunity({ kind: 'encapsulation', transitive: true, tunnelType: TUNNEL_TYPE_VXLAN });

function baseAttributes(vtep: string, ecs: Uint8Array[]): PathAttributes {
  return { origin: 0, asPath: [], atomicAggregate: false, nextHop: vtep, extCommunities: ecs };
}

/** Type 3 route of an EVI: Inclusive Multicast Ethernet Tag with PMSI ingress replication, label = VNI. */
export function type3Route(evi: Evi, vtep: string): EvpnRoute {
  const key = formatEvpnKey({ type: 3, rd: evi.rd, ethernetTag: 0, originatorIp: vtep });
  const attrs: PathAttributes = {
    ...baseAttributes(vtep, [ENCAP, encodeExtCommunity(routeTarget(evi.rt))]),
    pmsiTunnel: encodePmsiTunnel({ tunnelType: PMSI_TUNNEL_TYPE.INGRESS_REPLICATION, label: evi.vni, endpoint: vtep }),
  };
  return { key, attributes: attrs };
}

/**
 * Type 2 route of a local MAC (MAC-only, or MAC+IP with `ip`), label = VNI, ESI zero.
 * @param sequence MAC Mobility sequence number; the community is sent when > 0 or sticky
 */
export function type2Route(evi: Evi, vtep: string, mac: string, opts: { ip?: string; sequence: number; sticky?: boolean }): EvpnRoute {
  const k: EvpnRouteKey = opts.ip === undefined ? { type: 2, rd: evi.rd, ethernetTag: 0, mac } : { type: 2, rd: evi.rd, ethernetTag: 0, mac, ip: opts.ip };
  const ecs = [ENCAP, encodeExtCommunity(routeTarget(evi.rt))];
  if (opts.sequence > 0 || opts.sticky) ecs.push(encodeExtCommunity({ kind: 'mac-mobility', sticky: opts.sticky ?? false, sequence: opts.sequence }));
  return { key: formatEvpnKey(k), data: { labels: [evi.vni] }, attributes: baseAttributes(vtep, ecs) };
}

/** A received route, as it matters to a VTEP. */
export type ReceivedRoute =
  /** Type 3: head-end replication towards `vtep` for `vni`. */
  | { readonly type: 3; readonly vni: number; readonly vtep: string }
  /** Type 2: `mac` (and `ip`) of `vni` behind `vtep`. */
  | { readonly type: 2; readonly vni: number; readonly vtep: string; readonly mac: string; readonly ip?: string; readonly sequence: number; readonly sticky: boolean };

/** Why a received route is not used (for logs and tests). */
export type Ignored = { readonly ignored: string };

/**
 * Interprets a received route for our EVIs.
 * @param evis      our EVIs, matched by route target (RFC 7432 §9.2: import by RT)
 * @param localAs   routes whose AS_PATH contains it are dropped (RFC 4271 §9.1.2; FRR re-advertises a
 *                  peer's own routes back on eBGP)
 * @param localVtep our own VTEP address: routes pointing at it are ours coming back
 * @returns the meaning, or {ignored: reason} (types 1, 4, 5 are kept by the speaker, not acted on)
 */
export function parseReceived(route: EvpnRoute, evis: readonly Evi[], localAs: number, localVtep: string): ReceivedRoute | Ignored {
  const a = route.attributes;
  if (asPathContains(a.asPath, localAs)) return { ignored: `AS_PATH contains our AS ${localAs}` };
  let key: EvpnRouteKey;
  try {
    key = parseEvpnKey(route.key);
  } catch {
    return { ignored: 'not an EVPN route key' };
  }
  if (key.type !== 2 && key.type !== 3) return { ignored: `route type ${key.type} is not acted on` };
  const ecs = (a.extCommunities ?? []).map((raw) => decodeExtCommunity(raw));
  const encaps = ecs.filter((e) => e.kind === 'encapsulation');
  if (encaps.length > 0 && !encaps.some((e) => e.kind === 'encapsulation' && e.tunnelType === TUNNEL_TYPE_VXLAN)) return { ignored: 'encapsulation is not VXLAN' };
  const rts = new Set(ecs.map(routeTargetText).filter((x): x is string => x !== undefined));
  const evi = evis.find((e) => rts.has(e.rt));
  if (!evi) return { ignored: `no EVI imports route targets [${[...rts].join(', ')}]` };
  if (key.type === 3) {
    const pmsi = a.pmsiTunnel === undefined ? undefined : decodePmsiTunnel(a.pmsiTunnel);
    if (pmsi !== undefined && typeof pmsi !== 'string' && pmsi.tunnelType !== PMSI_TUNNEL_TYPE.INGRESS_REPLICATION) return { ignored: `PMSI tunnel type ${pmsi.tunnelType} is not ingress replication` };
    const vtep = pmsi !== undefined && typeof pmsi !== 'string' && pmsi.endpoint !== undefined ? pmsi.endpoint : (a.nextHop ?? key.originatorIp);
    if (vtep === localVtep) return { ignored: 'our own VTEP' };
    return { type: 3, vni: evi.vni, vtep };
  }
  const vtep = a.nextHop;
  if (vtep === undefined || vtep === '') return { ignored: 'no next hop' };
  if (vtep === localVtep) return { ignored: 'our own VTEP' };
  const mm = ecs.find((e) => e.kind === 'mac-mobility');
  const sequence = mm?.kind === 'mac-mobility' ? mm.sequence : 0;
  const sticky = mm?.kind === 'mac-mobility' ? mm.sticky : false;
  return key.ip === undefined ? { type: 2, vni: evi.vni, vtep, mac: key.mac, sequence, sticky } : { type: 2, vni: evi.vni, vtep, mac: key.mac, ip: key.ip, sequence, sticky };
}
