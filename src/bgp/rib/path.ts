/**
 * A path in the RIB: where it came from and its (interned) attributes (RFC 4271 §3.2, §9), plus
 * for EVPN the per-route NLRI data (labels, ESI; RFC 7432 §7.2) kept outside the attribute set.
 */
import type { PathAttributes } from '../types.js';
import type { NlriData } from '../wire/index.js';

/** Who a path was learned from. One object per peer session (router id can change between sessions). */
export interface PathSource {
  /** 'local': originated by AddRoute; 'ebgp' / 'ibgp': learned from a peer of another / our AS. */
  readonly kind: 'local' | 'ebgp' | 'ibgp';
  /** Bare IP of the peer; '' for local routes. */
  readonly address: string;
  /** Peer's BGP Identifier (our router id for local routes), for §9.1.2.2 f. */
  readonly routerId: string;
  /** Peer AS (our AS for local routes). */
  readonly asn: number;
  /** The peer is a route-reflector client of ours (RFC 4456). */
  readonly routeReflectorClient: boolean;
}

/** One candidate path of a destination. */
export interface RibPath {
  readonly source: PathSource;
  readonly attrs: PathAttributes;
  /**
   * NLRI fields outside the route key (EVPN labels = VNI, ESI): per route, so never part of the
   * interned attributes. Absent for the IP families.
   */
  readonly nlriData?: NlriData;
  /**
   * Decision steps 1–4 folded into one number (decision.ts pathRank), precomputed by the RIB for
   * the paths it shares; absent, the decision process computes it when comparing.
   */
  readonly rank?: number;
}

/** Field-wise equality of two NlriData (undefined equals undefined only). */
export function sameNlriData(a: NlriData | undefined, b: NlriData | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if (a.esi !== b.esi || a.gatewayIp !== b.gatewayIp) return false;
  const la = a.labels ?? [];
  const lb = b.labels ?? [];
  return la.length === lb.length && la.every((v, i) => v === lb[i]);
}
