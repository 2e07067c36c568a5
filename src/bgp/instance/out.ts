/**
 * Out-processing: Loc-RIB best-path changes → each established peer's Adj-RIB-Out
 * (RFC 4271 §9.1.3 Phase 3, §9.2). Export rules live in rib/export.ts; this module fans out.
 *
 * Peers whose export rules are the same — session kind, route-reflector client flag, our local
 * address, next_hop_self, negotiated families and compiled export policy — form one
 * {@link ExportGroup} (the "update group" of FRR and GoBGP): a best-path change is exported once
 * per group, and only split horizon (never back to the path's own source) is decided per member.
 * Ten iBGP peers without route reflection thus cost one "not exported" decision per change, not ten.
 */
import { exportPath, type ExportIdentity, type ExportTarget } from '../rib/export.js';
import type { AttrInterner } from '../rib/intern.js';
import type { RibPath } from '../rib/path.js';
import type { Rib } from '../rib/rib.js';
import type { Peer } from '../session/peer.js';
import type { AfiSafi, PathAttributes } from '../types.js';
import type { PolicyChain } from '../policy/index.js';

/** Established peers sharing every export rule; one export computation serves all members. */
export class ExportGroup {
  readonly members: Peer[] = [];
  /**
   * Export results per family and shared RibPath (RibPaths are shared per source and interned
   * attribute set, so a large table costs one export computation per distinct set, not per
   * prefix); null = not exported.
   */
  private readonly cache = new Map<AfiSafi, WeakMap<RibPath, PathAttributes | null>>();

  /**
   * @param target   the members' common export target (address '': split horizon is per member)
   * @param families the negotiated families of the members
   * @param policy   their compiled export policy chain, if any
   */
  constructor(
    readonly target: ExportTarget,
    readonly families: readonly AfiSafi[],
    readonly policy: PolicyChain | undefined,
  ) {}

  /**
   * The attributes `best` is advertised with to the members (before split horizon), or undefined
   * when it is not advertised: export rules (cached), then the export policy per prefix.
   */
  attrsFor(family: AfiSafi, prefix: string, best: RibPath, me: ExportIdentity, interner: AttrInterner): PathAttributes | undefined {
    let perPath = this.cache.get(family);
    if (!perPath) {
      perPath = new WeakMap();
      this.cache.set(family, perPath);
    }
    let cached = perPath.get(best);
    if (cached === undefined) {
      const exported = exportPath(best, family, this.target, me);
      cached = exported ? interner.intern(exported) : null;
      perPath.set(best, cached);
    }
    if (cached === null || !this.policy) return cached ?? undefined;
    const r = this.policy({ prefix, neighbor: best.source.address, attrs: cached });
    if (!r.accept) return undefined;
    return r.attrs === cached ? cached : interner.intern(r.attrs);
  }

  /**
   * Brings every member's Adj-RIB-Out in line with `best` for one destination (undefined best =
   * withdrawn) and schedules a flush for the members whose advertisement changed.
   */
  apply(family: AfiSafi, prefix: string, best: RibPath | undefined, me: ExportIdentity, interner: AttrInterner): void {
    if (!this.families.includes(family)) return;
    const attrs = best ? this.attrsFor(family, prefix, best, me, interner) : undefined;
    const from = best?.source.address;
    for (const peer of this.members) {
      const a = from === peer.address ? undefined : attrs;
      if (peer.adjRibOut.set(family, prefix, a, best?.nlriData)) peer.scheduleFlush();
    }
  }
}

/** The export target a peer's session represents (address '' when `forGroup`: see ExportGroup). */
export function targetOf(peer: Peer, forGroup = false): ExportTarget {
  return {
    kind: peer.kind,
    address: forGroup ? '' : peer.address,
    routeReflectorClient: peer.config.routeReflectorClient,
    localAddress: peer.localAddress,
    ...(peer.config.nextHopSelf ? { nextHopSelf: peer.config.nextHopSelf } : {}),
  };
}

/**
 * Groups the established peers by export rules.
 * @param chainOf a peer's compiled export policy chain (undefined = none)
 */
export function buildExportGroups(peers: Iterable<Peer>, chainOf: (peer: Peer) => PolicyChain | undefined): ExportGroup[] {
  const byKey = new Map<string, ExportGroup>();
  const chainIds = new Map<PolicyChain | undefined, number>();
  for (const peer of peers) {
    if (peer.state !== 'established') continue;
    const chain = chainOf(peer);
    let chainId = chainIds.get(chain);
    if (chainId === undefined) {
      chainId = chainIds.size;
      chainIds.set(chain, chainId);
    }
    const t = targetOf(peer, true);
    const key = [t.kind, t.routeReflectorClient ? 1 : 0, t.localAddress, t.nextHopSelf ?? '', peer.families.join(','), chainId].join('|');
    let group = byKey.get(key);
    if (!group) {
      group = new ExportGroup(t, [...peer.families], chain);
      byKey.set(key, group);
    }
    group.members.push(peer);
  }
  return [...byKey.values()];
}

/** A group of one peer (initial table, soft reconfiguration outbound). */
function groupOfOne(peer: Peer, policy: PolicyChain | undefined): ExportGroup {
  const g = new ExportGroup(targetOf(peer, true), [...peer.families], policy);
  g.members.push(peer);
  return g;
}

/** Session just Established: the whole Loc-RIB of the negotiated families into its Adj-RIB-Out. */
export function fillAdjRibOut(peer: Peer, rib: Rib, me: ExportIdentity, policy?: PolicyChain): void {
  const g = groupOfOne(peer, policy);
  for (const family of peer.families) {
    for (const [prefix, best] of rib.bestPaths(family)) g.apply(family, prefix, best, me, rib.interner);
  }
}

/**
 * Soft reconfiguration outbound after an export policy change: every Loc-RIB best path goes
 * through export again, and prefixes no longer exported are withdrawn.
 */
export function refreshAdjRibOut(peer: Peer, rib: Rib, me: ExportIdentity, policy?: PolicyChain): void {
  const g = groupOfOne(peer, policy);
  const seen = new Set<string>();
  for (const family of peer.families) {
    for (const [prefix, best] of rib.bestPaths(family)) {
      seen.add(`${family}|${prefix}`);
      g.apply(family, prefix, best, me, rib.interner);
    }
  }
  for (const [family, prefix] of [...peer.adjRibOut.entries()]) if (!seen.has(`${family}|${prefix}`)) peer.adjRibOut.set(family, prefix, undefined);
}
