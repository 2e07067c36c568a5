/**
 * Out-processing: Loc-RIB best-path changes → each established peer's Adj-RIB-Out
 * (RFC 4271 §9.1.3 Phase 3, §9.2). Export rules live in rib/export.ts; this module only fans out.
 */
import { exportPath, type ExportIdentity, type ExportTarget } from '../rib/export.js';
import type { AttrInterner } from '../rib/intern.js';
import type { RibPath } from '../rib/path.js';
import type { Rib } from '../rib/rib.js';
import type { Peer } from '../session/peer.js';
import type { AfiSafi, PathAttributes } from '../types.js';
import type { PolicyChain } from '../policy/index.js';

/** The export target a peer's session represents. */
export function targetOf(peer: Peer): ExportTarget {
  return {
    kind: peer.kind,
    address: peer.address,
    routeReflectorClient: peer.config.routeReflectorClient,
    localAddress: peer.localAddress,
    ...(peer.config.nextHopSelf ? { nextHopSelf: peer.config.nextHopSelf } : {}),
  };
}

/**
 * Updates one peer's Adj-RIB-Out for one destination. Export results are cached per session and
 * interned source attribute set (most prefixes share a few sets), so a large table costs one
 * export computation per distinct set, not per prefix. The export policy (`policy`, the peer's
 * compiled chain) then runs per prefix on the rewritten attributes, just before the Adj-RIB-Out.
 * @returns true when the advertisement changed (a flush is needed)
 */
export function exportTo(
  peer: Peer,
  family: AfiSafi,
  prefix: string,
  best: RibPath | undefined,
  me: ExportIdentity,
  interner: AttrInterner,
  policy?: PolicyChain,
): boolean {
  if (peer.state !== 'established' || !peer.families.includes(family)) return false;
  let attrs: PathAttributes | undefined;
  if (best) {
    const s = best.source;
    const key = `${family}|${s.kind}|${s.address}|${s.routerId}|${s.routeReflectorClient ? 1 : 0}`;
    let perAttrs = peer.out.exportCache.get(best.attrs);
    if (!perAttrs) {
      perAttrs = new Map();
      peer.out.exportCache.set(best.attrs, perAttrs);
    }
    let cached = perAttrs.get(key);
    if (cached === undefined) {
      const exported = exportPath(best, family, targetOf(peer), me);
      cached = exported ? interner.intern(exported) : null;
      perAttrs.set(key, cached);
    }
    attrs = cached ?? undefined;
    if (attrs && policy) {
      const r = policy({ prefix, neighbor: s.address, attrs });
      attrs = r.accept ? (r.attrs === attrs ? attrs : interner.intern(r.attrs)) : undefined;
    }
  }
  return peer.adjRibOut.set(family, prefix, attrs, best?.nlriData);
}

/** Session just Established: the whole Loc-RIB of the negotiated families into its Adj-RIB-Out. */
export function fillAdjRibOut(peer: Peer, rib: Rib, me: ExportIdentity, policy?: PolicyChain): void {
  for (const family of peer.families) {
    for (const [prefix, best] of rib.bestPaths(family)) exportTo(peer, family, prefix, best, me, rib.interner, policy);
  }
}

/**
 * Soft reconfiguration outbound after an export policy change: every Loc-RIB best path goes
 * through export again, and prefixes no longer exported are withdrawn.
 */
export function refreshAdjRibOut(peer: Peer, rib: Rib, me: ExportIdentity, policy?: PolicyChain): void {
  const seen = new Set<string>();
  for (const family of peer.families) {
    for (const [prefix, best] of rib.bestPaths(family)) {
      seen.add(`${family}|${prefix}`);
      exportTo(peer, family, prefix, best, me, rib.interner, policy);
    }
  }
  for (const [family, prefix] of [...peer.adjRibOut.entries()]) if (!seen.has(`${family}|${prefix}`)) peer.adjRibOut.set(family, prefix, undefined);
}
