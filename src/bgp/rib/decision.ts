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
import type { PathSource, RibPath } from './path.js';

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

/** A comparable address key: a number for IPv4 (and ''), a bigint for IPv6 (`<` orders both kinds). */
type AddressKey = number | bigint;

/** Parses a dotted quad or IPv6 text into its numeric value (numeric order of the addresses). */
function parseAddressKey(address: string): AddressKey {
  if (address === '') return 0;
  if (!address.includes(':')) return address.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

/**
 * Parsed keys of the addresses seen (router ids, ORIGINATOR_IDs, peer addresses): a handful of
 * distinct strings per speaker, each parsed once instead of once per comparison. Bounded: the
 * cache is emptied when it reaches ADDRESS_CACHE_MAX entries.
 */
const addressCache = new Map<string, AddressKey>();
const ADDRESS_CACHE_MAX = 4096;

/** Dotted-quad or IPv6 address as a comparable key (numeric order), cached per address text. */
function addressKey(address: string): AddressKey {
  let k = addressCache.get(address);
  if (k === undefined) {
    if (addressCache.size >= ADDRESS_CACHE_MAX) addressCache.clear();
    k = parseAddressKey(address);
    addressCache.set(address, k);
  }
  return k;
}

// Per-step keys, each "lower is better" (so every step keeps the minimum).
const localPrefKey = (p: RibPath): number => -(p.attrs.localPref ?? DEFAULT_LOCAL_PREF);
const localKey = (p: RibPath): number => (p.source.kind === 'local' ? 0 : 1);
const asPathKey = (p: RibPath): number => asPathLength(p.attrs);
const originKey = (p: RibPath): number => p.attrs.origin;
const ebgpKey = (p: RibPath): number => (p.source.kind === 'ebgp' ? 0 : 1);
const identifierKey = (p: RibPath): AddressKey => addressKey(p.attrs.originatorId ?? p.source.routerId);
const clusterKey = (p: RibPath): number => p.attrs.clusterList?.length ?? 0;
const peerAddressKey = (p: RibPath): AddressKey => addressKey(p.source.address);
/**
 * Steps 1–4 (LOCAL_PREF, local origination, AS_PATH length, ORIGIN) folded into one number, lower
 * = better: exact because every field has a bounded width (LOCAL_PREF 32 bits, 1 bit, AS_PATH
 * length 16 bits, ORIGIN 2 bits = 51 bits < 2^53). NaN when a value is outside those widths (the
 * caller then runs the steps one by one). Computed once per shared RibPath (Rib.pathOf) and kept
 * in its `rank`, so a comparison reads a number instead of walking the AS_PATH.
 * @param source where the path was learned (local origination is step 2)
 * @param a      its attributes
 */
export function pathRank(source: PathSource, a: PathAttributes): number {
  const lp = a.localPref ?? DEFAULT_LOCAL_PREF;
  const len = asPathLength(a);
  const origin = a.origin;
  if (!(lp >= 0 && lp <= 0xffffffff && len <= 0xffff && origin >= 0 && origin <= 3)) return NaN;
  return (((0xffffffff - lp) * 2 + (source.kind === 'local' ? 0 : 1)) * 0x10000 + len) * 4 + origin;
}

/** The folded rank of a path: its precomputed `rank` (see RibPath) or computed now. */
function preMedRank(p: RibPath): number {
  return p.rank ?? pathRank(p.source, p.attrs);
}

/** Steps after the MED rule, in order. */
const AFTER_MED = [ebgpKey, identifierKey, clusterKey, peerAddressKey] as const;
const BEFORE_MED = [localPrefKey, localKey, asPathKey, originKey] as const;

/**
 * Pairwise preference of two paths: negative when `a` is preferred, positive for `b`, 0 when every
 * step ties. For exactly two candidates this is the elimination of the module header (the MED
 * rule only compares the two when they share the neighbour AS). Among candidates that all carry
 * the same MED the MED rule removes nothing and the remaining steps are lexicographic, so the
 * best of such a set is also its minimum under this comparison (the RIB relies on that to update
 * a best path incrementally).
 */
export function comparePaths(a: RibPath, b: RibPath): number {
  const ra = preMedRank(a);
  const rb = preMedRank(b);
  if (ra < rb) return -1;
  if (rb < ra) return 1;
  if (ra === rb) return compareFromMed(a, b);
  for (const key of BEFORE_MED) {
    const x = key(a);
    const y = key(b);
    if (x !== y) return x < y ? -1 : 1;
  }
  return compareFromMed(a, b);
}

/** `compare` from the MED rule on (steps 1–4 tie). */
function compareFromMed(a: RibPath, b: RibPath): number {
  const ma = a.attrs.med ?? 0;
  const mb = b.attrs.med ?? 0;
  if (ma !== mb && neighbourAs(a.attrs) === neighbourAs(b.attrs)) return ma < mb ? -1 : 1;
  for (const key of AFTER_MED) {
    const x = key(a);
    const y = key(b);
    if (x < y) return -1;
    if (y < x) return 1;
  }
  return 0;
}

/** Reused candidate and key arrays (selectBest is synchronous and not re-entrant). */
const cand: RibPath[] = [];
const keys: AddressKey[] = [];
const medRemoved: boolean[] = [];
const neighbourAses: number[] = [];
const meds: number[] = [];

/** Keeps the first `n` candidates with the minimum key, in place, order kept; returns their count. */
function keepMin(n: number, key: (p: RibPath) => AddressKey): number {
  let best = key(cand[0]!);
  keys[0] = best;
  for (let i = 1; i < n; i++) {
    const k = key(cand[i]!);
    keys[i] = k;
    if (k < best) best = k;
  }
  let m = 0;
  for (let i = 0; i < n; i++) if (!(keys[i]! > best)) cand[m++] = cand[i]!;
  return m;
}

/** §9.1.2.2 c over the first `n` candidates, in place: drops a path when another from the same neighbour AS has a lower MED. */
function medRule(n: number): number {
  // Common case first: every candidate has the same MED (typically none = 0), nothing to remove.
  const first = cand[0]!.attrs.med ?? 0;
  let same = 1;
  while (same < n && (cand[same]!.attrs.med ?? 0) === first) same++;
  if (same === n) return n;
  for (let i = 0; i < n; i++) {
    neighbourAses[i] = neighbourAs(cand[i]!.attrs);
    meds[i] = cand[i]!.attrs.med ?? 0;
  }
  let any = false;
  for (let i = 0; i < n; i++) {
    let removed = false;
    for (let j = 0; j < n && !removed; j++) removed = j !== i && meds[j]! < meds[i]! && neighbourAses[j] === neighbourAses[i];
    medRemoved[i] = removed;
    any ||= removed;
  }
  if (!any) return n;
  let m = 0;
  for (let i = 0; i < n; i++) if (!medRemoved[i]) cand[m++] = cand[i]!;
  return m;
}

/**
 * Selects the best path (RFC 4271 §9.1.2.2 as listed in the module header). Allocation-free: two
 * candidates are compared pairwise, more are narrowed in a reused array; address keys are parsed
 * once per address text.
 * @param paths the feasible paths of one destination (phase-1 filtered)
 * @returns the best path, or undefined when `paths` is empty; among full ties the first in `paths`
 */
export function selectBest(paths: readonly RibPath[]): RibPath | undefined {
  const count = paths.length;
  if (count <= 1) return paths[0];
  if (count === 2) return comparePaths(paths[0]!, paths[1]!) <= 0 ? paths[0] : paths[1];
  // Steps 1–4 in one pass over the folded rank (step by step only for out-of-range values).
  let best = Infinity;
  let exact = true;
  for (let i = 0; i < count; i++) {
    const p = paths[i]!;
    cand[i] = p;
    const r = preMedRank(p);
    keys[i] = r;
    if (r < best) best = r;
    else if (r !== r) exact = false; // NaN
  }
  let n = count;
  if (exact) {
    n = 0;
    for (let i = 0; i < count; i++) if (keys[i] === best) cand[n++] = cand[i]!;
  } else {
    for (const key of BEFORE_MED) {
      n = keepMin(n, key);
      if (n === 1) break;
    }
  }
  if (n > 1) n = medRule(n);
  if (n > 1) for (const key of AFTER_MED) {
    n = keepMin(n, key);
    if (n === 1) break;
  }
  return cand[0]; // (the scratch arrays keep a few stale references until the next call: harmless)
}
