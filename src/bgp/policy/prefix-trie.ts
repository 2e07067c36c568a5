/**
 * Prefix sets as a binary trie (one per address family): each node is a prefix bit position and
 * holds the masklength ranges of the set entries ending there. Matching walks the route's prefix
 * bits once — O(prefix length), independent of the set size — checking the ranges on the way.
 *
 * Masklength ranges (bgp-api.md PrefixMatch, GoBGP / OpenConfig spelling):
 *   absent or "exact" → only the prefix's own length;
 *   "21..24"          → lengths 21 to 24;
 *   "..24"            → the prefix's length to 24;
 *   "21.."            → 21 to the family maximum (32 / 128).
 */
import { invalidArgument } from '../../lib/errors.js';
import { parsePrefix, type Prefix } from '../../lib/ip.js';

/** An inclusive masklength range. */
export interface LengthRange {
  readonly min: number;
  readonly max: number;
}

/**
 * Parses a masklength range for a prefix of length `len` in a family of `bits` bits.
 * @throws BambuError INVALID_ARGUMENT naming `field` for bad syntax, min > max, min < len, max > bits
 */
export function parseMasklengthRange(range: string | undefined, len: number, bits: number, field: string): LengthRange {
  if (range === undefined || range === '' || range === 'exact') return { min: len, max: len };
  const m = /^(\d{0,3})\.\.(\d{0,3})$/.exec(range);
  if (!m || (m[1] === '' && m[2] === '')) throw invalidArgument(field, `masklength_range must be "exact", "MIN..MAX", "..MAX" or "MIN..", got ${JSON.stringify(range)}`);
  const min = m[1] === '' ? len : Number(m[1]);
  const max = m[2] === '' ? bits : Number(m[2]);
  if (min > max) throw invalidArgument(field, `masklength_range ${range}: minimum ${min} is above maximum ${max}`);
  if (min < len) throw invalidArgument(field, `masklength_range ${range}: minimum ${min} is shorter than the prefix length /${len}`);
  if (max > bits) throw invalidArgument(field, `masklength_range ${range}: maximum ${max} exceeds /${bits}`);
  return { min, max };
}

interface Node {
  zero?: Node;
  one?: Node;
  ranges?: LengthRange[];
}

const bit = (bytes: Uint8Array, i: number): number => (bytes[i >> 3]! >> (7 - (i & 7))) & 1;

/** A set of (prefix, masklength range) entries of both families. */
export class PrefixTrie {
  private readonly roots = { 4: {} as Node, 6: {} as Node };
  private count = 0;

  /** Adds an entry. `p` is a parsed prefix; `range` from parseMasklengthRange. */
  insert(p: Prefix, range: LengthRange): void {
    let n = this.roots[p.afi];
    for (let i = 0; i < p.length; i++) {
      const b = bit(p.bytes, i);
      n = b ? (n.one ??= {}) : (n.zero ??= {});
    }
    (n.ranges ??= []).push(range);
    this.count++;
  }

  /** Number of entries. */
  get size(): number {
    return this.count;
  }

  /** True when some entry covers `p` (its bits start with the entry's and its length is in range). */
  matches(p: Prefix): boolean {
    let n: Node | undefined = this.roots[p.afi];
    for (let i = 0; n; i++) {
      if (n.ranges) for (const r of n.ranges) if (p.length >= r.min && p.length <= r.max) return true;
      if (i >= p.length) return false;
      n = bit(p.bytes, i) ? n.one : n.zero;
    }
    return false;
  }

  /** Same as matches() for a canonical prefix (or address) string; a malformed one never matches. */
  matchesText(text: string): boolean {
    const p = parseLoose(text);
    return p !== undefined && this.matches(p);
  }
}

/** Parses "a/len" or a bare address (as /32 or /128); undefined when malformed. */
export function parseLoose(text: string): Prefix | undefined {
  try {
    if (text.includes('/')) return parsePrefix(text);
    return parsePrefix(`${text}/${text.includes(':') ? 128 : 32}`);
  } catch {
    return undefined;
  }
}
