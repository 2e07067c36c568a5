/**
 * A per-family route table keyed by canonical prefix strings ("10.0.0.0/24"): the compact RIB key
 * (one string per prefix, no per-route wrapper objects). Used for Adj-RIB-In, Adj-RIB-Out and the
 * locally originated routes.
 */
import type { AfiSafi } from '../types.js';

/** Address family of a canonical prefix string. */
export function familyOf(prefix: string): AfiSafi {
  return prefix.includes(':') ? 'ipv6-unicast' : 'ipv4-unicast';
}

/** Map<family, Map<prefix, V>> with the few operations the RIB needs. */
export class RouteTable<V> {
  private readonly families = new Map<AfiSafi, Map<string, V>>();

  /** The table of one family (created on first use). */
  family(family: AfiSafi): Map<string, V> {
    let t = this.families.get(family);
    if (!t) {
      t = new Map();
      this.families.set(family, t);
    }
    return t;
  }

  get(family: AfiSafi, prefix: string): V | undefined {
    return this.families.get(family)?.get(prefix);
  }

  set(family: AfiSafi, prefix: string, value: V): void {
    this.family(family).set(prefix, value);
  }

  /** @returns true when the prefix was present */
  delete(family: AfiSafi, prefix: string): boolean {
    return this.families.get(family)?.delete(prefix) ?? false;
  }

  /** Entries of one family, or of every family when `family` is undefined (lazy). */
  *entries(family?: AfiSafi): Generator<[AfiSafi, string, V]> {
    for (const [f, t] of this.families) {
      if (family !== undefined && f !== family) continue;
      for (const [prefix, v] of t) yield [f, prefix, v];
    }
  }

  /** Number of prefixes, over all families or one. */
  size(family?: AfiSafi): number {
    let n = 0;
    for (const [f, t] of this.families) if (family === undefined || f === family) n += t.size;
    return n;
  }

  clear(): void {
    this.families.clear();
  }
}
