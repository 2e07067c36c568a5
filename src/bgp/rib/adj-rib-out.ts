/**
 * Adj-RIB-Out of one peer (RFC 4271 §3.2, §9.2): the routes we advertise to it, plus the set of
 * prefixes changed since the last UPDATE batch. The session layer drains the batch when the
 * MinRouteAdvertisementIntervalTimer allows (RFC 4271 §9.2.1.1) and packs prefixes that share one
 * interned attribute set into as few UPDATEs as possible.
 */
import type { AfiSafi, PathAttributes } from '../types.js';
import type { NlriData } from '../wire/index.js';
import { sameNlriData } from './path.js';
import { RouteTable } from './table.js';

/** One family's share of a drained batch. */
export interface OutBatch {
  readonly family: AfiSafi;
  readonly withdrawn: string[];
  /** Interned attribute set → prefixes advertised with it. */
  readonly announced: Map<PathAttributes, string[]>;
}

/** Adj-RIB-Out with pending-change tracking. */
export class AdjRibOut {
  private readonly table = new RouteTable<PathAttributes>();
  private readonly pending = new Map<AfiSafi, Set<string>>();
  /** Route key → NLRI data advertised with it (EVPN labels); keys of the IP families have none. */
  private readonly data = new Map<string, NlriData>();

  /**
   * Sets what the peer should have for `prefix` (undefined = withdrawn). `attrs` must be interned:
   * an identical object (and equal `data`) means no change and nothing is queued.
   * @param data NLRI data sent with the route (EVPN labels, ESI)
   * @returns true when the advertisement changed
   */
  set(family: AfiSafi, prefix: string, attrs: PathAttributes | undefined, data?: NlriData): boolean {
    const before = this.table.replace(family, prefix, attrs);
    if (before === attrs && (!attrs || sameNlriData(this.data.get(prefix), data))) return false;
    if (attrs && data) this.data.set(prefix, data);
    else this.data.delete(prefix);
    this.mark(family, prefix);
    return true;
  }

  /** NLRI data advertised with route key `prefix` (for encodeUpdates' `nlriData`). */
  nlriDataOf(prefix: string): NlriData | undefined {
    return this.data.get(prefix);
  }

  /** Queues every advertised prefix again (ROUTE-REFRESH received, SOFT_OUT reset). */
  markAll(family?: AfiSafi): void {
    for (const [f, prefix] of this.table.entries(family)) this.mark(f, prefix);
  }

  /** True when a batch is waiting. */
  hasPending(): boolean {
    for (const s of this.pending.values()) if (s.size > 0) return true;
    return false;
  }

  /** Takes the pending changes, grouped per family and attribute set. */
  drain(): OutBatch[] {
    const out: OutBatch[] = [];
    for (const [family, prefixes] of this.pending) {
      if (prefixes.size === 0) continue;
      const batch: OutBatch = { family, withdrawn: [], announced: new Map() };
      for (const prefix of prefixes) {
        const attrs = this.table.get(family, prefix);
        if (!attrs) batch.withdrawn.push(prefix);
        else {
          const list = batch.announced.get(attrs);
          if (list) list.push(prefix);
          else batch.announced.set(attrs, [prefix]);
        }
      }
      out.push(batch);
    }
    this.pending.clear();
    return out;
  }

  /** Advertised routes (lazy). */
  entries(family?: AfiSafi): Generator<[AfiSafi, string, PathAttributes]> {
    return this.table.entries(family);
  }

  size(family?: AfiSafi): number {
    return this.table.size(family);
  }

  /** Session down: nothing is advertised any more, nothing pending. */
  clear(): void {
    this.table.clear();
    this.pending.clear();
    this.data.clear();
  }

  private mark(family: AfiSafi, prefix: string): void {
    let s = this.pending.get(family);
    if (!s) {
      s = new Set();
      this.pending.set(family, s);
    }
    s.add(prefix);
  }
}
