/**
 * The policy configuration of one BGP instance: defined sets, policies, and per-peer assignments,
 * with their compiled forms. Every mutation validates and compiles first and changes nothing on
 * error; compiled chains are rebuilt once per change and cached until the next one.
 *
 * Rules (bgp-api.md): set names are unique per set type; AddDefinedSet without `replace` merges
 * members into an existing set (GoBGP), with `replace` swaps it; a set referenced by a policy
 * cannot be removed (FAILED_PRECONDITION), nor a policy assigned to a peer; AddPolicy replaces a
 * policy of the same name (its users are re-evaluated).
 */
import { BambuError, invalidArgument, notFound } from '../../lib/errors.js';
import { compileChain, compilePolicy, type CompiledPolicy, type PolicyChain } from './compile.js';
import { compileSet, type CompiledSet } from './sets.js';
import { CONDITION_SET_TYPE, SET_TYPES, type AssignmentDef, type DefinedSetDef, type Direction, type PolicyDef, type SetConditionKey, type SetType } from './types.js';

const key = (type: SetType, name: string) => `${type}\u0000${name}`;

/** A `chain` answer (undefined = no policy) valid while the store's version is `version`. */
interface HotChain {
  readonly chain: PolicyChain | undefined;
  readonly version: number;
}

/** Defined sets, policies and assignments, validated and compiled. */
export class PolicyStore {
  private readonly sets = new Map<string, { def: DefinedSetDef; compiled: CompiledSet }>();
  private readonly policies = new Map<string, { def: PolicyDef; compiled: CompiledPolicy }>();
  private readonly assignments = new Map<string, AssignmentDef>();
  /** Compiled chains with what they were built from: reused while those are unchanged. */
  private readonly chains = new Map<string, { chain: PolicyChain; from: readonly CompiledPolicy[]; defaultAction: string }>();
  /**
   * The per-route fast path of `chain`: peer → direction → the answer (chain or "no policy") as of
   * `version`. Keyed by the peer string itself (no key string built per route).
   */
  private readonly hot = new Map<string, { import?: HotChain; export?: HotChain }>();
  /** Bumped by every mutation: a chain checked at the current version is returned without a look. */
  private version = 0;

  // ── defined sets ───────────────────────────────────────────────────────────────────────────

  /**
   * Adds a set, merges members into an existing one (replace = false) or replaces it.
   * @throws BambuError INVALID_ARGUMENT (type, name, members)
   */
  addDefinedSet(def: DefinedSetDef, replace: boolean): void {
    if (!SET_TYPES.includes(def.type)) throw invalidArgument('set_type', `must be one of ${SET_TYPES.join(', ')}, got ${JSON.stringify(def.type)}`);
    const k = key(def.type, def.name);
    const old = this.sets.get(k)?.def;
    const merged = old && !replace ? mergeSets(old, def) : def;
    const compiled = compileSet(merged, fieldOf(def.type));
    // Only the policies using this set are recompiled; the others (and their chains) stay as they are.
    const policies = this.recompilePolicies(new Map([[k, compiled]]), (p) => this.uses(p, def.type, def.name));
    this.sets.set(k, { def: merged, compiled });
    for (const [n, p] of policies) this.policies.set(n, p);
    this.version++;
  }

  /**
   * Removes one set, or every set of `type` when `all`.
   * @throws BambuError NOT_FOUND, FAILED_PRECONDITION (still referenced by a policy)
   */
  removeDefinedSet(type: SetType, name: string, all: boolean): void {
    if (!SET_TYPES.includes(type)) throw invalidArgument('set_type', `must be one of ${SET_TYPES.join(', ')}, got ${JSON.stringify(type)}`);
    const victims = all ? [...this.sets.values()].filter((s) => s.def.type === type).map((s) => s.def.name) : [name];
    for (const n of victims) {
      if (!this.sets.has(key(type, n))) throw notFound(`defined set (${type})`, n);
      const user = this.policyUsing(type, n);
      if (user) throw new BambuError('FAILED_PRECONDITION', `${type} ${n} is referenced by policy ${user}; remove or change the policy first`);
    }
    for (const n of victims) this.sets.delete(key(type, n));
    this.version++;
  }

  /** Sets, optionally filtered by type and name, in insertion order. */
  listDefinedSets(type?: SetType, name?: string): DefinedSetDef[] {
    return [...this.sets.values()].map((s) => s.def).filter((d) => (type === undefined || d.type === type) && (name === undefined || d.name === name));
  }

  // ── policies ────────────────────────────────────────────────────────────────────────────────

  /**
   * Adds or replaces a policy.
   * @throws BambuError INVALID_ARGUMENT, NOT_FOUND (a referenced set does not exist)
   */
  addPolicy(def: PolicyDef): void {
    const compiled = compilePolicy(def, (t, n, f) => this.lookup(t, n, f));
    this.policies.set(def.name, { def, compiled });
    this.version++;
  }

  /** @throws BambuError NOT_FOUND, FAILED_PRECONDITION (assigned to a peer) */
  removePolicy(name: string): void {
    if (!this.policies.has(name)) throw notFound('policy', name);
    for (const [k, a] of this.assignments) {
      if (a.policyNames.includes(name)) throw new BambuError('FAILED_PRECONDITION', `policy ${name} is assigned to peer ${k.replace('\u0000', ' (')})`);
    }
    this.policies.delete(name);
    this.version++;
  }

  listPolicies(name?: string): PolicyDef[] {
    return [...this.policies.values()].map((p) => p.def).filter((d) => name === undefined || d.name === name);
  }

  // ── assignments ─────────────────────────────────────────────────────────────────────────────

  /**
   * Sets (or clears, with no names and default accept) a peer's chain for one direction.
   * @param peer bare IP of the peer (the caller checks it exists)
   * @throws BambuError NOT_FOUND for an unknown policy
   */
  setAssignment(peer: string, direction: Direction, a: AssignmentDef): void {
    for (const n of a.policyNames) if (!this.policies.has(n)) throw notFound('policy', n);
    const k = `${peer}\u0000${direction}`;
    if (a.policyNames.length === 0 && a.defaultAction === 'accept') this.assignments.delete(k);
    else this.assignments.set(k, { policyNames: [...a.policyNames], defaultAction: a.defaultAction });
    this.version++;
  }

  /** The peer's assignment for `direction`, if any. */
  assignment(peer: string, direction: Direction): AssignmentDef | undefined {
    return this.assignments.get(`${peer}\u0000${direction}`);
  }

  /** Forgets a removed peer's assignments. */
  clearPeer(peer: string): void {
    this.assignments.delete(`${peer}\u0000import`);
    this.assignments.delete(`${peer}\u0000export`);
    this.hot.delete(peer);
    this.version++;
  }

  /**
   * The compiled chain of a peer and direction; undefined = no policy (accept everything
   * unchanged). The same function object is returned until one of its policies, its default
   * action or its assignment changes, so callers can tell which peers a change affects.
   */
  chain(peer: string, direction: Direction): PolicyChain | undefined {
    const hot = this.hot.get(peer)?.[direction];
    if (hot !== undefined && hot.version === this.version) return hot.chain; // the per-route path: one Map lookup
    const chain = this.resolveChain(peer, direction);
    let slot = this.hot.get(peer);
    if (!slot) {
      slot = {};
      this.hot.set(peer, slot);
    }
    slot[direction] = { chain, version: this.version };
    return chain;
  }

  /** `chain` without the fast path: reuses the compiled chain while its inputs are unchanged. */
  private resolveChain(peer: string, direction: Direction): PolicyChain | undefined {
    const k = `${peer}\u0000${direction}`;
    const a = this.assignments.get(k);
    if (!a) {
      this.chains.delete(k);
      return undefined;
    }
    const from = a.policyNames.map((n) => this.policies.get(n)!.compiled);
    const cached = this.chains.get(k);
    if (cached && cached.defaultAction === a.defaultAction && cached.from.length === from.length && cached.from.every((p, i) => p === from[i])) return cached.chain;
    const chain = compileChain(from, a.defaultAction);
    this.chains.set(k, { chain, from, defaultAction: a.defaultAction });
    return chain;
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────

  private lookup(type: SetType, name: string, field: string, override?: Map<string, CompiledSet>): CompiledSet {
    const s = override?.get(key(type, name)) ?? this.sets.get(key(type, name))?.compiled;
    if (!s) throw new BambuError('NOT_FOUND', `${field}: ${type} ${JSON.stringify(name)} not found`, field);
    return s;
  }

  /** Recompiles the policies `which` selects against the sets with `override` applied (nothing is stored yet). */
  private recompilePolicies(override: Map<string, CompiledSet>, which: (p: PolicyDef) => boolean): Map<string, { def: PolicyDef; compiled: CompiledPolicy }> {
    const out = new Map<string, { def: PolicyDef; compiled: CompiledPolicy }>();
    for (const [n, p] of this.policies) {
      if (which(p.def)) out.set(n, { def: p.def, compiled: compilePolicy(p.def, (t, nm, f) => this.lookup(t, nm, f, override)) });
    }
    return out;
  }

  /** True when a statement of `p` references the set. */
  private uses(p: PolicyDef, type: SetType, name: string): boolean {
    return p.statements.some((st) => Object.entries(CONDITION_SET_TYPE).some(([k, t]) => t === type && st.conditions[k as SetConditionKey]?.setName === name));
  }

  private policyUsing(type: SetType, name: string): string | undefined {
    for (const p of this.policies.values()) if (this.uses(p.def, type, name)) return p.def.name;
    return undefined;
  }
}

function mergeSets(old: DefinedSetDef, add: DefinedSetDef): DefinedSetDef {
  if (old.type === 'prefix-set' && add.type === 'prefix-set') {
    const seen = new Set(old.prefixes.map((p) => `${p.prefix} ${p.masklengthRange ?? ''}`));
    return { ...old, prefixes: [...old.prefixes, ...add.prefixes.filter((p) => !seen.has(`${p.prefix} ${p.masklengthRange ?? ''}`))] };
  }
  if ('members' in old && 'members' in add) return { ...old, members: [...new Set([...old.members, ...add.members])] } as DefinedSetDef;
  return add;
}

/** Request field of a set's members, for error messages. */
function fieldOf(type: SetType): string {
  const table: Record<SetType, string> = {
    'prefix-set': 'set.prefix_set.prefixes',
    'neighbor-set': 'set.neighbor_set.addresses',
    'as-path-set': 'set.as_path_set.patterns',
    'community-set': 'set.community_set.communities',
    'ext-community-set': 'set.ext_community_set.ext_communities',
    'large-community-set': 'set.large_community_set.large_communities',
  };
  return table[type];
}
