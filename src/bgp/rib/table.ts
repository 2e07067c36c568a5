/**
 * A per-family route table keyed by canonical prefix strings ("10.0.0.0/24"): the RIB key type at
 * every boundary. Used for Adj-RIB-In, Adj-RIB-Out and the locally originated routes.
 *
 * Storage: IPv4 unicast prefixes in canonical dotted-quad form are kept as numbers (address and
 * length) in an {@link Ipv4PrefixMap} — no prefix string is retained per entry and lookups compare
 * integers, not strings; the string is parsed on the way in and formatted again only when
 * entries are listed. Every other family (and any IPv4 text that is not canonical) uses a Map keyed
 * by the string. Iteration order is insertion order, as with a Map.
 */
import type { AfiSafi } from '../types.js';

/** Address family of a canonical prefix string. */
export function familyOf(prefix: string): AfiSafi {
  return prefix.includes(':') ? 'ipv6-unicast' : 'ipv4-unicast';
}

/** Output of {@link parseIpv4Prefix} (module scratch: parsing allocates nothing). */
let parsedAddress = 0;
let parsedLength = 0;
/**
 * The text parsed last and its outcome: one prefix string travels through several tables in a row
 * (Adj-RIB-In, Loc-RIB get and set, every peer's Adj-RIB-Out), so it is parsed once for all.
 */
let lastText: string | undefined;
let lastOk = false;

/**
 * Parses canonical IPv4 prefix text "a.b.c.d/len" (decimal octets 0–255 without leading zeros,
 * len 0–32) into `parsedAddress` (unsigned 32-bit) and `parsedLength`.
 * @returns false when the text is not exactly in that form (then the caller keys it by the string)
 */
function parseIpv4Prefix(s: string): boolean {
  if (s === lastText) return lastOk;
  lastText = s;
  lastOk = parseText(s);
  return lastOk;
}

/** parseIpv4Prefix without the one-entry cache. */
function parseText(s: string): boolean {
  const n = s.length;
  let address = 0;
  let i = 0;
  for (let octet = 0; octet < 4; octet++) {
    const start = i;
    let v = 0;
    while (i < n) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
      i++;
    }
    const digits = i - start;
    if (digits === 0 || digits > 3 || v > 255 || (digits > 1 && s.charCodeAt(start) === 48)) return false;
    address = address * 256 + v;
    if (octet < 3) {
      if (s.charCodeAt(i) !== 46) return false; // '.'
      i++;
    }
  }
  if (s.charCodeAt(i) !== 47) return false; // '/'
  i++;
  const start = i;
  let len = 0;
  while (i < n) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    len = len * 10 + c;
    i++;
  }
  const digits = i - start;
  if (digits === 0 || digits > 2 || len > 32 || (digits > 1 && s.charCodeAt(start) === 48)) return false;
  parsedAddress = address;
  parsedLength = len;
  return true;
}

/** Canonical text of an IPv4 prefix (inverse of parseIpv4Prefix). */
function formatIpv4Prefix(address: number, length: number): string {
  return `${address >>> 24}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}/${length}`;
}

/** Marks a deleted dense slot in `lengths` (valid lengths are 0–32). */
const HOLE = 255;
/**
 * Index cell state word: 0 = empty; -1 = deleted (tombstone); otherwise (dense slot + 1) × 64 +
 * prefix length, so a lookup compares the key inside the cell without touching the dense store.
 */
const TOMBSTONE = -1;
/** Dense slots an index state word can address: (slot + 1) × 64 must stay below 2^31. */
const MAX_SLOTS = 2 ** 25 - 2;

/** 32-bit hash of (address, length). */
function hashOf(address: number, length: number): number {
  let h = Math.imul(address ^ Math.imul(length + 1, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * IPv4 prefix → V, keyed by (address, length) numbers: an insertion-ordered dense store (typed
 * arrays for the keys, one array for the values) plus an open-addressing index (linear probing,
 * load ≤ 1/2) whose cells carry the key (address word, then slot and length in one state word):
 * a lookup in a table of a million prefixes costs one cache miss in the index, not three. Deleted entries leave holes that a rebuild compacts — never while an iteration is
 * running, so iterating stays correct while the map is changed (as a Map's does).
 */
export class Ipv4PrefixMap<V> {
  private addresses = new Uint32Array(8);
  private lengths = new Uint8Array(8);
  private values: (V | undefined)[] = [];
  /** Dense slots used (live entries + holes). */
  private used = 0;
  private live = 0;
  /** Two words per cell: address (as int32), state (see TOMBSTONE). */
  private index = new Int32Array(32);
  private mask = 15;
  /** Iterations in progress: no compaction while > 0. */
  private iterating = 0;

  get size(): number {
    return this.live;
  }

  /** Index position of (address, length), or of the empty cell where it would go when `insert`. */
  private find(address: number, length: number): number {
    const index = this.index;
    const mask = this.mask;
    const a = address | 0;
    let i = hashOf(address, length) & mask;
    for (;;) {
      const state = index[2 * i + 1]!;
      if (state === 0) return -1 - i;
      if (state > 0 && (state & 63) === length && index[2 * i] === a) return i;
      i = (i + 1) & mask;
    }
  }

  /** Dense slot of the live cell at index position `i`. */
  private slotAt(i: number): number {
    return (this.index[2 * i + 1]! >>> 6) - 1;
  }

  get(address: number, length: number): V | undefined {
    const i = this.find(address, length);
    return i < 0 ? undefined : this.values[this.slotAt(i)];
  }

  has(address: number, length: number): boolean {
    return this.find(address, length) >= 0;
  }

  set(address: number, length: number, value: V): void {
    const i = this.find(address, length);
    if (i >= 0) {
      this.values[this.slotAt(i)] = value;
      return;
    }
    if (this.used === this.addresses.length) {
      this.rebuild();
      this.insertNew(address, length, value, -1 - this.find(address, length));
    } else this.insertNew(address, length, value, -1 - i);
  }

  private insertNew(address: number, length: number, value: V, at: number): void {
    if (this.used >= MAX_SLOTS) throw new RangeError(`Ipv4PrefixMap: more than ${MAX_SLOTS} prefixes`);
    const slot = this.used++;
    this.addresses[slot] = address;
    this.lengths[slot] = length;
    if (slot === this.values.length) this.values.push(value);
    else this.values[slot] = value;
    this.index[2 * at] = address | 0;
    this.index[2 * at + 1] = (slot + 1) * 64 + length;
    this.live++;
  }

  /**
   * Sets (`value` defined) or deletes (undefined) in one lookup.
   * @returns the value stored before, if any
   */
  replace(address: number, length: number, value: V | undefined): V | undefined {
    const i = this.find(address, length);
    if (i < 0) {
      if (value !== undefined) this.set(address, length, value);
      return undefined;
    }
    const slot = this.slotAt(i);
    const before = this.values[slot];
    if (value !== undefined) this.values[slot] = value;
    else this.removeAt(i);
    return before;
  }

  /** @returns true when the prefix was present */
  delete(address: number, length: number): boolean {
    const i = this.find(address, length);
    if (i < 0) return false;
    this.removeAt(i);
    return true;
  }

  /** Deletes the entry at index position `i`. */
  private removeAt(i: number): void {
    const slot = this.slotAt(i);
    this.index[2 * i + 1] = TOMBSTONE;
    this.lengths[slot] = HOLE;
    this.values[slot] = undefined;
    this.live--;
  }

  clear(): void {
    this.addresses = new Uint32Array(8);
    this.lengths = new Uint8Array(8);
    this.values = [];
    this.used = 0;
    this.live = 0;
    this.index = new Int32Array(32);
    this.mask = 15;
  }

  /** Entries in insertion order (lazy); changes during the iteration are seen as a Map's would be. */
  *entries(): Generator<[address: number, length: number, value: V]> {
    this.iterating++;
    try {
      for (let slot = 0; slot < this.used; slot++) {
        const length = this.lengths[slot]!;
        if (length !== HOLE) yield [this.addresses[slot]!, length, this.values[slot] as V];
      }
    } finally {
      this.iterating--;
    }
  }

  /**
   * Makes room for one more entry: compacts the holes away (unless an iteration is running) and
   * doubles the dense store when it is more than half live; rebuilds the index for the new size.
   */
  private rebuild(): void {
    const compact = this.iterating === 0;
    const keep = compact ? this.live : this.used;
    const capacity = keep * 2 >= this.addresses.length || !compact ? this.addresses.length * 2 : this.addresses.length;
    const addresses = new Uint32Array(capacity);
    const lengths = new Uint8Array(capacity);
    let values: (V | undefined)[];
    if (compact) {
      values = [];
      let m = 0;
      for (let slot = 0; slot < this.used; slot++) {
        if (this.lengths[slot] === HOLE) continue;
        addresses[m] = this.addresses[slot]!;
        lengths[m] = this.lengths[slot]!;
        values.push(this.values[slot]);
        m++;
      }
      this.used = m;
    } else {
      addresses.set(this.addresses);
      lengths.set(this.lengths);
      values = this.values;
    }
    this.addresses = addresses;
    this.lengths = lengths;
    this.values = values;
    const size = capacity * 2;
    const index = new Int32Array(size * 2);
    const mask = size - 1;
    for (let slot = 0; slot < this.used; slot++) {
      const length = lengths[slot]!;
      if (length === HOLE) continue;
      const address = addresses[slot]!;
      let i = hashOf(address, length) & mask;
      while (index[2 * i + 1] !== 0) i = (i + 1) & mask;
      index[2 * i] = address | 0;
      index[2 * i + 1] = (slot + 1) * 64 + length;
    }
    this.index = index;
    this.mask = mask;
  }
}

const IPV4: AfiSafi = 'ipv4-unicast';

/** Map<family, Map<prefix, V>> with the few operations the RIB needs (IPv4 stored numerically). */
export class RouteTable<V> {
  /** IPv4 unicast prefixes in canonical form. */
  private readonly ipv4 = new Ipv4PrefixMap<V>();
  /** Every other family, and IPv4 prefix text that is not canonical. */
  private readonly families = new Map<AfiSafi, Map<string, V>>();

  /** The string-keyed table of one family (created on first use). */
  private stringTable(family: AfiSafi): Map<string, V> {
    let t = this.families.get(family);
    if (!t) {
      t = new Map();
      this.families.set(family, t);
    }
    return t;
  }

  /**
   * The routes of one family as a Map prefix → value: a snapshot copy (changing it does not
   * change the table).
   */
  family(family: AfiSafi): Map<string, V> {
    const out = new Map<string, V>();
    for (const [, prefix, v] of this.entries(family)) out.set(prefix, v);
    return out;
  }

  /** The value stored for `prefix`, if any. */
  get(family: AfiSafi, prefix: string): V | undefined {
    if (family === IPV4 && parseIpv4Prefix(prefix)) return this.ipv4.get(parsedAddress, parsedLength);
    return this.families.get(family)?.get(prefix);
  }

  /** Stores `value` for `prefix` (replacing any previous one; the position in the order stays). */
  set(family: AfiSafi, prefix: string, value: V): void {
    if (family === IPV4 && parseIpv4Prefix(prefix)) this.ipv4.set(parsedAddress, parsedLength, value);
    else this.stringTable(family).set(prefix, value);
  }

  /**
   * Stores `value` for `prefix`, or deletes the prefix when `value` is undefined, in one lookup.
   * @returns the value stored before, if any
   */
  replace(family: AfiSafi, prefix: string, value: V | undefined): V | undefined {
    if (family === IPV4 && parseIpv4Prefix(prefix)) return this.ipv4.replace(parsedAddress, parsedLength, value);
    const t = value === undefined ? this.families.get(family) : this.stringTable(family);
    if (!t) return undefined;
    const before = t.get(prefix);
    if (value === undefined) t.delete(prefix);
    else t.set(prefix, value);
    return before;
  }

  /** @returns true when the prefix was present */
  delete(family: AfiSafi, prefix: string): boolean {
    if (family === IPV4 && parseIpv4Prefix(prefix)) return this.ipv4.delete(parsedAddress, parsedLength);
    return this.families.get(family)?.delete(prefix) ?? false;
  }

  /**
   * Entries of one family, or of every family when `family` is undefined (lazy). IPv4 first, in
   * insertion order; the prefix strings are formatted afresh (equal to the ones stored, not the
   * same objects).
   */
  *entries(family?: AfiSafi): Generator<[AfiSafi, string, V]> {
    if (family === undefined || family === IPV4) {
      for (const [address, length, v] of this.ipv4.entries()) yield [IPV4, formatIpv4Prefix(address, length), v];
    }
    for (const [f, t] of this.families) {
      if (family !== undefined && f !== family) continue;
      for (const [prefix, v] of t) yield [f, prefix, v];
    }
  }

  /**
   * The entries whose value satisfies `keep` (lazy; same order and change rules as `entries`):
   * prefix text is formatted only for those, so filtering a large table allocates little.
   */
  *entriesWhere(keep: (value: V) => boolean, family?: AfiSafi): Generator<[AfiSafi, string, V]> {
    if (family === undefined || family === IPV4) {
      for (const [address, length, v] of this.ipv4.entries()) if (keep(v)) yield [IPV4, formatIpv4Prefix(address, length), v];
    }
    for (const [f, t] of this.families) {
      if (family !== undefined && f !== family) continue;
      for (const [prefix, v] of t) if (keep(v)) yield [f, prefix, v];
    }
  }

  /** Number of prefixes, over all families or one. */
  size(family?: AfiSafi): number {
    let n = family === undefined || family === IPV4 ? this.ipv4.size : 0;
    for (const [f, t] of this.families) if (family === undefined || f === family) n += t.size;
    return n;
  }

  clear(): void {
    this.ipv4.clear();
    this.families.clear();
  }
}
