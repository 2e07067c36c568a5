/**
 * Attribute interning (BIRD `rt-attr` idea): identical PathAttributes are one frozen object,
 * shared by every prefix and every RIB that carries them. A million prefixes learned with ten
 * distinct attribute sets cost ten attribute objects.
 *
 * The table maps a canonical key (every field, in a fixed order) to a WeakRef of the object; a
 * FinalizationRegistry drops keys whose object was collected, so no manual refcounting is needed.
 * Identity comparison (`a === b`) of interned sets is then attribute equality — the Adj-RIB-Out
 * uses it to group prefixes into UPDATEs and to skip unchanged announcements.
 */
import type { PathAttributes } from '../types.js';

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/** Canonical text of an attribute set: equal sets give equal keys (field order fixed). */
export function attrsKey(a: PathAttributes): string {
  const parts: string[] = [
    String(a.origin),
    a.asPath.map((s) => `${s.type}:${s.asns.join(',')}`).join(' '),
    a.nextHop ?? '',
    a.nextHopLinkLocal ?? '',
    a.med === undefined ? '' : String(a.med),
    a.localPref === undefined ? '' : String(a.localPref),
    a.atomicAggregate ? '1' : '0',
    a.aggregator ? `${a.aggregator.asn}@${a.aggregator.address}` : '',
    a.communities ? a.communities.join(',') : '',
    a.extCommunities ? a.extCommunities.map(hex).join(',') : '',
    a.largeCommunities ? a.largeCommunities.map((l) => `${l.globalAdmin}:${l.localData1}:${l.localData2}`).join(',') : '',
    a.originatorId ?? '',
    a.clusterList ? a.clusterList.join(',') : '',
    a.pmsiTunnel ? hex(a.pmsiTunnel) : '',
    a.unknown ? a.unknown.map((u) => `${u.flags}/${u.type}/${hex(u.value)}`).join(',') : '',
  ];
  return parts.join('|');
}

/** Deep-freezes an attribute set (arrays and nested objects) so sharing is safe. */
function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o) && !ArrayBuffer.isView(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

/** Interning table for PathAttributes. */
export class AttrInterner {
  private readonly table = new Map<string, WeakRef<PathAttributes>>();
  /** Objects this table handed out: interning them again is a no-op without building a key. */
  private readonly shared = new WeakSet<PathAttributes>();
  /**
   * Inputs seen before → their shared object, so an input object handed in again (e.g. a policy
   * chain's memoized result) costs one WeakMap lookup instead of a key build.
   */
  private readonly aliases = new WeakMap<PathAttributes, PathAttributes>();
  private readonly registry = new FinalizationRegistry<string>((key) => {
    const ref = this.table.get(key);
    if (ref && ref.deref() === undefined) this.table.delete(key);
  });

  /**
   * Returns the shared frozen object equal to `attrs` (which becomes that object if it is new).
   * Never mutate the input afterwards; copy, change and intern again.
   */
  intern(attrs: PathAttributes): PathAttributes {
    if (this.shared.has(attrs)) return attrs;
    const alias = this.aliases.get(attrs);
    if (alias) return alias;
    const key = attrsKey(attrs);
    const existing = this.table.get(key)?.deref();
    if (existing) {
      this.aliases.set(attrs, existing);
      return existing;
    }
    const frozen = deepFreeze({ ...attrs });
    this.shared.add(frozen);
    this.aliases.set(attrs, frozen);
    this.table.set(key, new WeakRef(frozen));
    this.registry.register(frozen, key);
    return frozen;
  }

  /** Distinct attribute sets currently known (live or not yet collected). */
  get size(): number {
    return this.table.size;
  }
}
