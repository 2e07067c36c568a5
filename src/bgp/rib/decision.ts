/**
 * The BGP decision process, phase 2 (RFC 4271 §9.1.2): choose the best path of a destination.
 *
 * Candidates are narrowed step by step as RFC 4271 §9.1.2.2 prescribes (elimination, not a
 * pairwise sort — that is what keeps the MED rule correct, because "lower MED" only compares paths
 * from the same neighbour AS and is not transitive):
 *   1. highest degree of preference = LOCAL_PREF (100 when absent) .................. §9.1.2.1
 *   2. locally originated routes (AddRoute) over learned ones ....... common practice (FRR, GoBGP)
 *   3. shortest AS_PATH; an AS_SET counts 1, confederation segments 0 ..... §9.1.2.2 a, RFC 5065
 *   4. lowest ORIGIN (IGP < EGP < INCOMPLETE) ......................................... §9.1.2.2 b
 *   5. lowest MED among paths from the same neighbour AS; missing MED = 0 ............ §9.1.2.2 c
 *   6. eBGP-learned over iBGP-learned ................................................ §9.1.2.2 d
 *      (§9.1.2.2 e, interior cost to the NEXT_HOP, is skipped: no IGP, every next hop costs 0)
 *   7. lowest BGP Identifier, using ORIGINATOR_ID when present ..... §9.1.2.2 f, RFC 4456 §9
 *   8. shortest CLUSTER_LIST ................................................... RFC 4456 §9
 *   9. lowest peer address ........................................................ §9.1.2.2 g
 * Phase 1 filters (AS_PATH loop, ORIGINATOR_ID / CLUSTER_LIST loop) run before paths get here.
 */
import { AS_PATH_SEGMENT, type PathAttributes } from '../types.js';
import type { RibPath } from './path.js';

const DEFAULT_LOCAL_PREF = 100;

/** AS_PATH length for §9.1.2.2 a: AS_SEQUENCE counts its ASNs, AS_SET 1, confed segments 0. */
export function asPathLength(attrs: PathAttributes): number {
  let n = 0;
  for (const seg of attrs.asPath) {
    if (seg.type === AS_PATH_SEGMENT.AS_SEQUENCE) n += seg.asns.length;
    else if (seg.type === AS_PATH_SEGMENT.AS_SET) n += 1;
  }
  return n;
}

/** Neighbour AS for the MED rule: the first AS of the first AS_SEQUENCE; 0 for local/iBGP-originated paths. */
export function neighbourAs(attrs: PathAttributes): number {
  for (const seg of attrs.asPath) {
    if (seg.type === AS_PATH_SEGMENT.AS_SEQUENCE && seg.asns.length > 0) return seg.asns[0]!;
    if (seg.type === AS_PATH_SEGMENT.AS_SET) return 0;
  }
  return 0;
}

/** Dotted-quad or IPv6 address as a comparable key (numeric order). */
function addressKey(address: string): bigint {
  if (address === '') return 0n;
  if (!address.includes(':')) return BigInt(address.split('.').reduce((acc, o) => acc * 256 + Number(o), 0));
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

/** Keeps the candidates with the minimum (or maximum) of `key`. */
function keepBest<T>(paths: T[], key: (p: T) => number | bigint, highest = false): T[] {
  if (paths.length < 2) return paths;
  let best = key(paths[0]!);
  for (const p of paths) {
    const k = key(p);
    if (highest ? k > best : k < best) best = k;
  }
  return paths.filter((p) => key(p) === best);
}

/**
 * Selects the best path (RFC 4271 §9.1.2.2 as listed in the module header).
 * @param paths the feasible paths of one destination (phase-1 filtered)
 * @returns the best path, or undefined when `paths` is empty
 */
export function selectBest(paths: readonly RibPath[]): RibPath | undefined {
  if (paths.length <= 1) return paths[0];
  let c = keepBest([...paths], (p) => p.attrs.localPref ?? DEFAULT_LOCAL_PREF, true);
  c = keepBest(c, (p) => (p.source.kind === 'local' ? 1 : 0), true);
  c = keepBest(c, (p) => asPathLength(p.attrs));
  c = keepBest(c, (p) => p.attrs.origin);
  if (c.length > 1) {
    // §9.1.2.2 c: remove a path if another from the same neighbour AS has a lower MED.
    c = c.filter((p) => {
      const as = neighbourAs(p.attrs);
      const med = p.attrs.med ?? 0;
      return !c.some((q) => q !== p && neighbourAs(q.attrs) === as && (q.attrs.med ?? 0) < med);
    });
  }
  c = keepBest(c, (p) => (p.source.kind === 'ebgp' ? 1 : 0), true);
  c = keepBest(c, (p) => addressKey(p.attrs.originatorId ?? p.source.routerId));
  c = keepBest(c, (p) => p.attrs.clusterList?.length ?? 0);
  c = keepBest(c, (p) => addressKey(p.source.address));
  return c[0];
}
