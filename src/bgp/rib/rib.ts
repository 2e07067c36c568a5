/**
 * Adj-RIBs-In and Loc-RIB (RFC 4271 §3.2, §9.1).
 *
 * - Adj-RIB-In per peer: the attributes as received (after RFC 7606 handling, before any policy),
 *   kept unmodified so a soft reconfiguration can re-run the import later. It is not a table of
 *   its own: a received route that enters the Loc-RIB unchanged (the common case) IS its
 *   Loc-RIB path, found in the destination record with the other peers' paths, so one lookup
 *   serves both RIBs. Only routes whose Loc-RIB form differs — rejected by import policy,
 *   ineligible (phase 1) or rewritten by import policy — are held in a per-peer side table with
 *   their received attributes. A per-peer counter gives the Adj-RIB-In size.
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
 * NLRI data (EVPN labels, ESI) is kept per route beside the key: on the route's own RibPath (such
 * paths are not shared between prefixes), or with the held route.
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
     * The MED every path carries (absent = 0), NaN when they differ. While they share one, the
     * MED rule removes nothing and the decision is a lexicographic minimum, so a path added or
     * changed is simply compared with the current best (decision.ts comparePaths) instead of
     * re-running the whole selection.
     */
    public med: number,
  ) {}
}

/** MED as the decision process reads it (absent = 0, RFC 4271 §9.1.2.2 c). */
const medOf = (p: RibPath): number => p.attrs.med ?? 0;

/** The MED every path carries, NaN when they differ. */
function sharedMed(paths: readonly RibPath[]): number {
  const m = medOf(paths[0]!);
  for (let i = 1; i < paths.length; i++) if (medOf(paths[i]!) !== m) return NaN;
  return m;
}
type Entry = RibPath | MultiPath;

/** The listing view of a stored entry. */
function view(e: Entry): Destination {
  return e instanceof MultiPath ? e : { paths: [e], best: e };
}

/** A received route whose Loc-RIB form differs from what was received (see the module comment). */
interface HeldRoute {
  readonly attrs: PathAttributes;
  readonly nlriData?: NlriData;
}

/** Read view of one peer's Adj-RIB-In (received attributes, before import policy). */
export interface AdjRibInView {
  /** Routes received and not withdrawn. */
  size(): number;
  /** The attributes received for `prefix`, if any. */
  get(family: AfiSafi, prefix: string): PathAttributes | undefined;
  /** Every received route (lazy): family, prefix, attributes, NLRI data. */
  entries(family?: AfiSafi): Generator<[AfiSafi, string, PathAttributes, NlriData | undefined]>;
}

/** The path of the peer at `address` in a stored entry, if any. */
function pathFrom(e: Entry, address: string): RibPath | undefined {
  if (!(e instanceof MultiPath)) return e.source.address === address ? e : undefined;
  for (const p of e.paths) if (p.source.address === address) return p;
  return undefined;
}

/** Same source, same interned attributes, same NLRI data. */
function samePath(a: RibPath, b: RibPath): boolean {
  return a.attrs === b.attrs && a.source === b.source && sameNlriData(a.nlriData, b.nlriData);
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
  /** Per peer address: received routes whose Loc-RIB form differs (see the module comment). */
  private readonly held = new Map<string, RouteTable<HeldRoute>>();
  /** Per peer address: Adj-RIB-In size (present once anything was received, until dropPeer). */
  private readonly received = new Map<string, number>();
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
   * the Loc-RIB when eligible and accepted by import policy. `attrs` need not be interned yet.
   * @returns the interned attributes stored
   */
  learn(source: PathSource, family: AfiSafi, prefix: string, attrs: PathAttributes, data?: NlriData): PathAttributes {
    const shared = this.interner.intern(attrs);
    this.store(source, family, prefix, shared, data);
    return shared;
  }

  /** learn with interned attributes; also re-runs the import of a route already received. */
  private store(source: PathSource, family: AfiSafi, prefix: string, shared: PathAttributes, data: NlriData | undefined): void {
    const address = source.address;
    const path = this.imported(source, family, prefix, shared, data);
    const held = this.held.get(address);
    let had = held !== undefined && held.delete(family, prefix);
    if (!path || path.attrs !== shared) this.heldOf(address).set(family, prefix, data ? { attrs: shared, nlriData: data } : { attrs: shared });
    if (this.setPath(family, prefix, source, path)) had = true;
    if (!had) this.received.set(address, (this.received.get(address) ?? 0) + 1);
  }

  /** The held-route table of a peer (created on first use). */
  private heldOf(address: string): RouteTable<HeldRoute> {
    let t = this.held.get(address);
    if (!t) {
      t = new RouteTable();
      this.held.set(address, t);
    }
    return t;
  }

  /**
   * NLRI data received from `address` with route `key` (EVPN labels), if any.
   * @param family the route's family (NLRI data exists for L2VPN EVPN only, the default)
   */
  adjInNlriData(address: string, key: string, family: AfiSafi = 'l2vpn-evpn'): NlriData | undefined {
    return this.receivedRoute(address, family, key)?.nlriData;
  }

  /** What `address` sent for `prefix`: its held route, else its (unchanged) Loc-RIB path. */
  private receivedRoute(address: string, family: AfiSafi, prefix: string): HeldRoute | RibPath | undefined {
    const h = this.held.get(address)?.get(family, prefix);
    if (h) return h;
    const e = this.loc.get(family, prefix);
    return e === undefined ? undefined : pathFrom(e, address);
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
    const routes = [...this.adjInEntries(source.address)];
    for (const [family, prefix, attrs, data] of routes) this.store(source, family, prefix, attrs, data);
  }

  /** A withdrawn route (RFC 4271 §3.1): removed from the peer's Adj-RIB-In and the Loc-RIB. */
  withdraw(source: PathSource, family: AfiSafi, prefix: string): void {
    const address = source.address;
    let had = this.held.get(address)?.delete(family, prefix) ?? false;
    if (this.setPath(family, prefix, source, undefined)) had = true;
    if (had) this.received.set(address, (this.received.get(address) ?? 1) - 1);
  }

  /** Session down: every route of the peer is withdrawn (RFC 4271 §8.2.2 "deletes all routes"). */
  dropPeer(source: PathSource): void {
    const address = source.address;
    if (!this.received.has(address)) return;
    // Changing the table while iterating it is allowed (RouteTable), and setPath never adds keys.
    const mine = (e: Entry) => pathFrom(e, address) !== undefined;
    for (const [family, prefix] of this.loc.entriesWhere(mine)) this.setPath(family, prefix, source, undefined);
    this.held.delete(address);
    this.received.delete(address);
    this.accepted.delete(address);
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

  /** The Adj-RIB-In of a peer (empty when nothing was received). */
  adjRibIn(address: string): AdjRibInView {
    return {
      size: () => this.received.get(address) ?? 0,
      get: (family, prefix) => this.receivedRoute(address, family, prefix)?.attrs,
      entries: (family) => this.adjInEntries(address, family),
    };
  }

  /** Adj-RIB-In of a peer if anything was received since its session came up. */
  adjRibInOf(address: string): AdjRibInView | undefined {
    return this.received.has(address) ? this.adjRibIn(address) : undefined;
  }

  /** Received routes of a peer (lazy): its unchanged Loc-RIB paths, then its held routes. */
  private *adjInEntries(address: string, family?: AfiSafi): Generator<[AfiSafi, string, PathAttributes, NlriData | undefined]> {
    const held = this.held.get(address);
    const anyHeld = held !== undefined && held.size() > 0;
    for (const [f, prefix, e] of this.loc.entriesWhere((x) => pathFrom(x, address) !== undefined, family)) {
      const p = pathFrom(e, address);
      if (p && !(anyHeld && held.get(f, prefix))) yield [f, prefix, p.attrs, p.nlriData];
    }
    if (held) for (const [f, prefix, h] of held.entries(family)) yield [f, prefix, h.attrs, h.nlriData];
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

  /**
   * Replaces (or removes, when `path` is undefined) the path of `source` for one destination and
   * re-runs the decision; a best-path change is reported to onChange.
   * @returns true when `source` had a path for the destination before
   */
  private setPath(family: AfiSafi, prefix: string, source: PathSource, path: RibPath | undefined): boolean {
    const e = this.loc.get(family, prefix);
    if (e === undefined) {
      if (!path) return false;
      this.loc.set(family, prefix, path);
      this.count(source.address, 1);
      this.onChange({ family, prefix, best: path });
      return false;
    }
    if (!(e instanceof MultiPath)) {
      if (e.source.address === source.address) {
        if (path && samePath(e, path)) return true;
        if (path) this.loc.set(family, prefix, path);
        else {
          this.loc.delete(family, prefix);
          this.count(source.address, -1);
        }
        this.onChange({ family, prefix, best: path });
        return true;
      }
      if (!path) return false;
      const paths = [e, path];
      const best = selectBest(paths);
      this.loc.set(family, prefix, new MultiPath(paths, best, sharedMed(paths)));
      this.count(source.address, 1);
      if (best !== e) this.onChange({ family, prefix, best });
      return false;
    }
    const before = e.best;
    const had = this.updateMulti(e, source, path);
    if (e.paths.length === 1) this.loc.set(family, prefix, e.paths[0]!);
    if (e.best !== before) this.onChange({ family, prefix, best: e.best });
    return had;
  }

  /**
   * setPath for a destination with several paths: replaces, removes or adds the path of `source`
   * and updates `e.best`, incrementally while every path has the same MED (see MultiPath.med), else
   * by a full selection. @returns true when `source` had a path here before
   */
  private updateMulti(e: MultiPath, source: PathSource, path: RibPath | undefined): boolean {
    const paths = e.paths;
    const address = source.address;
    let i = paths.length - 1;
    while (i >= 0 && paths[i]!.source.address !== address) i--;
    const best = e.best;
    if (i >= 0) {
      const old = paths[i]!;
      if (path && samePath(old, path)) return true;
      if (path) paths[i] = path;
      else {
        paths.splice(i, 1);
        this.count(source.address, -1);
      }
      const wasUniform = !Number.isNaN(e.med);
      e.med = sharedMed(paths);
      if (!wasUniform || Number.isNaN(e.med) || old === best || !best) e.best = selectBest(paths);
      else if (path) e.best = comparePaths(path, best) < 0 ? path : best;
      return true;
    }
    if (!path) return false;
    paths.push(path);
    this.count(source.address, 1);
    const uniform = medOf(path) === e.med; // false when e.med is NaN
    if (!uniform) e.med = NaN;
    e.best = uniform && best ? (comparePaths(path, best) < 0 ? path : best) : selectBest(paths);
    return false;
  }

  private count(address: string, delta: number): void {
    if (address === '') return;
    this.accepted.set(address, (this.accepted.get(address) ?? 0) + delta);
  }
}
