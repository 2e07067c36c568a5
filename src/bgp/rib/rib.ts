/**
 * Adj-RIBs-In and Loc-RIB (RFC 4271 §3.2, §9.1).
 *
 * - Adj-RIB-In per peer: the attributes as received (after RFC 7606 handling, before any policy),
 *   kept unmodified so a soft reconfiguration can re-run the import later.
 * - Locally originated routes (AddRoute): a table of their own, candidates like any learned path.
 * - Loc-RIB: per family, canonical prefix → { paths, best }; the decision process
 *   (decision.ts) re-runs for one destination whenever one of its paths changes, and a change of
 *   the best path is reported to `onChange` (the instance feeds it to every Adj-RIB-Out).
 *
 * Import policy (optional `importFilter`) sits between the Adj-RIB-In and the Loc-RIB: it sees the
 * unmodified received attributes and returns the attributes to use, or undefined to reject;
 * `reimport` re-runs it over a peer's Adj-RIB-In after a policy change (soft reconfiguration
 * inbound, no ROUTE-REFRESH and no session reset needed).
 *
 * Phase 1 (RFC 4271 §9.1.1/§9.1.2): a path whose AS_PATH contains our AS, whose ORIGINATOR_ID is
 * our router id, or whose CLUSTER_LIST contains our cluster id (= router id) (RFC 4456 §8) stays
 * in the Adj-RIB-In but does not enter the Loc-RIB.
 *
 * NLRI data (EVPN labels, ESI) is kept per route beside the key: in a side table of each peer's
 * Adj-RIB-In and on the route's own RibPath (such paths are not shared between prefixes).
 */
import type { AfiSafi, PathAttributes } from '../types.js';
import type { NlriData } from '../wire/index.js';
import { comparePaths, pathRank, selectBest } from './decision.js';
import { AttrInterner } from './intern.js';
import { sameNlriData, type PathSource, type RibPath } from './path.js';
import { RouteTable } from './table.js';

/** One destination of the Loc-RIB as listings see it. */
export interface Destination {
  readonly paths: readonly RibPath[];
  readonly best: RibPath | undefined;
}

/**
 * Stored form of a destination: most destinations have one path, kept as the RibPath itself (no
 * wrapper, no array); only destinations with several candidates use a MultiPath.
 */
class MultiPath implements Destination {
  constructor(
    public paths: RibPath[],
    public best: RibPath | undefined,
    /**
     * Every path carries the same MED (absent = 0): the MED rule then removes nothing and the
     * decision is a lexicographic minimum, so a path added or changed is simply compared with
     * the current best (decision.ts comparePaths) instead of re-running the whole selection.
     */
    public uniformMed: boolean,
  ) {}
}

/** MED as the decision process reads it (absent = 0, RFC 4271 §9.1.2.2 c). */
const medOf = (p: RibPath): number => p.attrs.med ?? 0;

/** True when every path has the MED of the first. */
function sameMed(paths: readonly RibPath[]): boolean {
  const m = medOf(paths[0]!);
  for (let i = 1; i < paths.length; i++) if (medOf(paths[i]!) !== m) return false;
  return true;
}
type Entry = RibPath | MultiPath;

/** The listing view of a stored entry. */
function view(e: Entry): Destination {
  return e instanceof MultiPath ? e : { paths: [e], best: e };
}

/** A change of the best path of one destination (undefined = no path left: withdraw). */
export interface RibChange {
  readonly family: AfiSafi;
  readonly prefix: string;
  readonly best: RibPath | undefined;
}

/**
 * Import policy of one path: the attributes to put in the Loc-RIB (the input itself when
 * unchanged; a new object is interned by the RIB), or undefined when rejected.
 */
export type ImportFilter = (source: PathSource, family: AfiSafi, prefix: string, attrs: PathAttributes) => PathAttributes | undefined;

/** The speaker's own identity as the RIB needs it. */
export interface RibIdentity {
  readonly asn: number;
  readonly routerId: string;
}

/** Adj-RIBs-In + local routes + Loc-RIB with the decision process. */
export class Rib {
  readonly interner = new AttrInterner();
  private readonly loc = new RouteTable<Entry>();
  private readonly adjIn = new Map<string, RouteTable<PathAttributes>>();
  /** Per peer address: route key → NLRI data received with it (families with NLRI data only). */
  private readonly adjInData = new Map<string, Map<string, NlriData>>();
  private readonly accepted = new Map<string, number>();
  private readonly localSource: PathSource;
  private readonly localRoutes = new RouteTable<RibPath>();
  /** RibPath objects shared by every prefix with the same source and interned attributes. */
  private readonly paths = new WeakMap<PathSource, WeakMap<PathAttributes, RibPath>>();
  /** The RibPath pathOf returned last (consecutive prefixes of one UPDATE share it). */
  private lastPath: RibPath | undefined;
  /** The attribute set `eligible` judged last, and its verdict. */
  private lastJudged: PathAttributes | undefined;
  private lastEligible = false;
  /** Import policy hook (see the module comment); undefined accepts everything unchanged. */
  importFilter: ImportFilter | undefined;

  /**
   * @param identity our AS and router id (loop detection, local path source)
   * @param onChange called synchronously for every best-path change
   */
  constructor(
    private readonly identity: RibIdentity,
    private readonly onChange: (change: RibChange) => void,
  ) {
    this.localSource = { kind: 'local', address: '', routerId: identity.routerId, asn: identity.asn, routeReflectorClient: false };
  }

  /** The shared RibPath of (source, interned attributes); a route of its own when it has NLRI data. */
  private pathOf(source: PathSource, attrs: PathAttributes, data?: NlriData): RibPath {
    if (data) return Object.freeze({ source, attrs, nlriData: data, rank: pathRank(source, attrs) });
    const last = this.lastPath;
    if (last && source === last.source && attrs === last.attrs) return last; // one UPDATE's prefixes share it
    let bySource = this.paths.get(source);
    if (!bySource) {
      bySource = new WeakMap();
      this.paths.set(source, bySource);
    }
    let path = bySource.get(attrs);
    if (!path) {
      path = Object.freeze({ source, attrs, rank: pathRank(source, attrs) });
      bySource.set(attrs, path);
    }
    this.lastPath = path;
    return path;
  }

  /** RFC 4271 §9.1.2 phase-1 eligibility (AS loop, RFC 4456 §8 reflection loops). */
  eligible(attrs: PathAttributes): boolean {
    if (attrs === this.lastJudged) return this.lastEligible;
    this.lastJudged = attrs;
    this.lastEligible = this.judge(attrs);
    return this.lastEligible;
  }

  /** `eligible` without the one-entry memo. */
  private judge(attrs: PathAttributes): boolean {
    for (const seg of attrs.asPath) if (seg.asns.includes(this.identity.asn)) return false;
    if (attrs.originatorId === this.identity.routerId) return false;
    if (attrs.clusterList?.includes(this.identity.routerId)) return false;
    return true;
  }

  /**
   * A route received from a peer (UPDATE NLRI / MP_REACH_NLRI): stored in its Adj-RIB-In, and in
   * the Loc-RIB when eligible. `attrs` need not be interned yet.
   * @returns the interned attributes stored
   */
  learn(source: PathSource, family: AfiSafi, prefix: string, attrs: PathAttributes, data?: NlriData): PathAttributes {
    const shared = this.interner.intern(attrs);
    this.adjRibIn(source.address).set(family, prefix, shared);
    if (data) {
      let m = this.adjInData.get(source.address);
      if (!m) {
        m = new Map();
        this.adjInData.set(source.address, m);
      }
      m.set(prefix, data);
    } else this.adjInData.get(source.address)?.delete(prefix);
    this.setPath(family, prefix, source, this.imported(source, family, prefix, shared, data));
    return shared;
  }

  /** NLRI data received from `address` with route `key` (EVPN labels), if any. */
  adjInNlriData(address: string, key: string): NlriData | undefined {
    return this.adjInData.get(address)?.get(key);
  }

  /** Phase-1 eligibility plus import policy: the path to put in the Loc-RIB, or undefined. */
  private imported(source: PathSource, family: AfiSafi, prefix: string, shared: PathAttributes, data?: NlriData): RibPath | undefined {
    if (!this.eligible(shared)) return undefined;
    if (!this.importFilter) return this.pathOf(source, shared, data);
    const out = this.importFilter(source, family, prefix, shared);
    if (!out) return undefined;
    return this.pathOf(source, out === shared ? shared : this.interner.intern(out), data);
  }

  /**
   * Soft reconfiguration inbound: re-runs the import policy over the peer's unmodified
   * Adj-RIB-In; Loc-RIB changes are reported as usual.
   */
  reimport(source: PathSource): void {
    const table = this.adjIn.get(source.address);
    if (!table) return;
    const data = this.adjInData.get(source.address);
    for (const [family, prefix, attrs] of table.entries()) this.setPath(family, prefix, source, this.imported(source, family, prefix, attrs, data?.get(prefix)));
  }

  /** A withdrawn route (RFC 4271 §3.1): removed from the peer's Adj-RIB-In and the Loc-RIB. */
  withdraw(source: PathSource, family: AfiSafi, prefix: string): void {
    if (!this.adjIn.get(source.address)?.delete(family, prefix)) return;
    this.adjInData.get(source.address)?.delete(prefix);
    this.setPath(family, prefix, source, undefined);
  }

  /** Session down: every route of the peer is withdrawn (RFC 4271 §8.2.2 "deletes all routes"). */
  dropPeer(source: PathSource): void {
    const table = this.adjIn.get(source.address);
    if (!table) return;
    for (const [family, prefix] of [...table.entries()]) this.setPath(family, prefix, source, undefined);
    table.clear();
    this.adjIn.delete(source.address);
    this.adjInData.delete(source.address);
    this.accepted.delete(source.address);
  }

  /**
   * Adds or replaces a locally originated route (it enters the decision process); `data` = its
   * NLRI data (EVPN labels, ESI).
   */
  addLocal(family: AfiSafi, prefix: string, attrs: PathAttributes, data?: NlriData): void {
    const path = this.pathOf(this.localSource, this.interner.intern(attrs), data);
    this.localRoutes.set(family, prefix, path);
    this.setPath(family, prefix, this.localSource, path);
  }

  /** @returns false when no such local route exists */
  removeLocal(family: AfiSafi, prefix: string): boolean {
    if (!this.localRoutes.delete(family, prefix)) return false;
    this.setPath(family, prefix, this.localSource, undefined);
    return true;
  }

  /** The Adj-RIB-In of a peer (empty table when nothing was received). */
  adjRibIn(address: string): RouteTable<PathAttributes> {
    let t = this.adjIn.get(address);
    if (!t) {
      t = new RouteTable();
      this.adjIn.set(address, t);
    }
    return t;
  }

  /** Adj-RIB-In of a peer if anything was received (never creates one). */
  adjRibInOf(address: string): RouteTable<PathAttributes> | undefined {
    return this.adjIn.get(address);
  }

  /** Paths of the peer that are in the Loc-RIB (PeerStatistics prefixes accepted). */
  acceptedCount(address: string): number {
    return this.accepted.get(address) ?? 0;
  }

  /** Loc-RIB destinations with all their paths (lazy; allocates a view per multi-path-free entry). */
  *destinations(family?: AfiSafi): Generator<[AfiSafi, string, Destination]> {
    for (const [f, prefix, e] of this.loc.entries(family)) yield [f, prefix, view(e)];
  }

  /** Best path of every Loc-RIB destination of `family` (lazy, no allocation per prefix). */
  *bestPaths(family: AfiSafi): Generator<[string, RibPath]> {
    for (const [, prefix, e] of this.loc.entries(family)) {
      const best = e instanceof MultiPath ? e.best : e;
      if (best) yield [prefix, best];
    }
  }

  /** Best path of one destination. */
  best(family: AfiSafi, prefix: string): RibPath | undefined {
    const e = this.loc.get(family, prefix);
    return e instanceof MultiPath ? e.best : e;
  }

  /** Loc-RIB destinations over all families. */
  size(): number {
    return this.loc.size();
  }

  /** Replaces (or removes, when `path` is undefined) the path of `source` and re-runs the decision. */
  private setPath(family: AfiSafi, prefix: string, source: PathSource, path: RibPath | undefined): void {
    const e = this.loc.get(family, prefix);
    const before = e instanceof MultiPath ? e.best : e;
    let after: RibPath | undefined;
    if (e === undefined) {
      if (!path) return;
      this.loc.set(family, prefix, path);
      this.count(source.address, 1);
      after = path;
    } else if (!(e instanceof MultiPath)) {
      if (e.source.address === source.address) {
        if (path && e.attrs === path.attrs && e.source === path.source && sameNlriData(e.nlriData, path.nlriData)) return;
        if (path) this.loc.set(family, prefix, path);
        else {
          this.loc.delete(family, prefix);
          this.count(source.address, -1);
        }
        after = path;
      } else {
        if (!path) return;
        const paths = [e, path];
        after = selectBest(paths);
        this.loc.set(family, prefix, new MultiPath(paths, after, medOf(e) === medOf(path)));
        this.count(source.address, 1);
      }
    } else {
      const next = this.updateMulti(e, source, path);
      if (next === null) return;
      after = next;
      if (e.paths.length === 1) this.loc.set(family, prefix, e.paths[0]!);
    }
    if (after !== before) this.onChange({ family, prefix, best: after });
  }

  /**
   * setPath for a destination with several paths: replaces, removes or adds the path of `source`
   * and updates `e.best`, incrementally while every path has the same MED (see MultiPath), else
   * by a full selection. @returns the new best path, or null when nothing changed
   */
  private updateMulti(e: MultiPath, source: PathSource, path: RibPath | undefined): RibPath | undefined | null {
    const paths = e.paths;
    const i = paths.findIndex((p) => p.source.address === source.address);
    const best = e.best;
    let after: RibPath | undefined;
    if (i >= 0) {
      const old = paths[i]!;
      if (path && old.attrs === path.attrs && old.source === path.source && sameNlriData(old.nlriData, path.nlriData)) return null;
      if (path) paths[i] = path;
      else {
        paths.splice(i, 1);
        this.count(source.address, -1);
      }
      const wasUniform = e.uniformMed;
      e.uniformMed = paths.length === 0 || sameMed(paths);
      if (!wasUniform || !e.uniformMed || old === best || !best) after = selectBest(paths);
      else if (!path) after = best;
      else after = comparePaths(path, best) < 0 ? path : best;
    } else {
      if (!path) return null;
      paths.push(path);
      this.count(source.address, 1);
      const uniform = e.uniformMed && medOf(path) === medOf(paths[0]!);
      e.uniformMed = uniform || sameMed(paths);
      after = uniform && best ? (comparePaths(path, best) < 0 ? path : best) : selectBest(paths);
    }
    e.best = after;
    return after;
  }

  private count(address: string, delta: number): void {
    if (address === '') return;
    this.accepted.set(address, (this.accepted.get(address) ?? 0) + delta);
  }
}
