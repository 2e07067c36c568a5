/**
 * Policies compiled into evaluation functions, once per configuration change (never re-parsed per
 * route). A chain (a peer's policies for one direction plus the default action) evaluates as in
 * GoBGP / OpenConfig routing-policy:
 *   for each policy, for each statement in order: when every condition holds, its modifications
 *   apply to the working attributes; `accept` / `reject` then end the evaluation; a statement
 *   with neither goes on to the next statement (and the next policy) with the modified route;
 *   when no statement decided, the chain's default action does.
 */
import { invalidArgument } from '../../lib/errors.js';
import { parsePrefix, formatPrefix, type Prefix } from '../../lib/ip.js';
import type { LargeCommunity, PathAttributes } from '../types.js';
import { compileRegex, formatExt, formatLarge, formatStandard, parseCommunityValue } from './community.js';
import { parseLoose, PrefixTrie } from './prefix-trie.js';
import type { CompiledSet, PolicyRoute } from './sets.js';
import { CONDITION_SET_TYPE, type ActionsDef, type DefaultAction, type PolicyDef, type SetConditionKey, type SetType, type StatementDef } from './types.js';

type Condition = (r: PolicyRoute) => boolean;
type Mutable = { -readonly [K in keyof PathAttributes]: PathAttributes[K] };
type Modifier = (a: Mutable) => void;

/** A compiled statement. */
interface CompiledStatement {
  readonly conditions: readonly Condition[];
  readonly modifiers: readonly Modifier[];
  readonly decision: 'accept' | 'reject' | undefined;
}

/** A compiled policy. */
export interface CompiledPolicy {
  readonly name: string;
  readonly statements: readonly CompiledStatement[];
}

/** Outcome of a chain: accepted with (possibly new, not interned) attributes, or rejected. */
export type PolicyResult = { readonly accept: true; readonly attrs: PathAttributes } | { readonly accept: false };

/**
 * A compiled chain for one peer and direction. `prefix` is the RIB key: a CIDR prefix, or another
 * NLRI key (EVPN) that prefix conditions never match.
 */
export type PolicyChain = (route: { prefix: string; neighbor: string; attrs: PathAttributes }) => PolicyResult;

/** Resolves a set reference; throws NOT_FOUND when missing. */
export type SetLookup = (type: SetType, name: string, field: string) => CompiledSet;

function compileConditions(st: StatementDef, lookup: SetLookup, field: string): Condition[] {
  const out: Condition[] = [];
  const c = st.conditions;
  for (const key of Object.keys(CONDITION_SET_TYPE) as SetConditionKey[]) {
    const ref = c[key];
    if (!ref) continue;
    const set = lookup(CONDITION_SET_TYPE[key], ref.setName, `${field}.conditions.${key}`);
    switch (ref.matchOption) {
      case 'any':
        out.push((r) => set.any(r));
        break;
      case 'all':
        out.push((r) => set.all(r));
        break;
      case 'invert':
        out.push((r) => !set.any(r));
        break;
      default:
        throw invalidArgument(`${field}.conditions.${key}.match_option`, `must be any, all or invert, got ${JSON.stringify(ref.matchOption)}`);
    }
  }
  if (c.prefix !== undefined) {
    const want = parsePrefix(c.prefix, `${field}.conditions.prefix`);
    const text = formatPrefix(want.bytes, want.length);
    out.push((r) => r.prefix !== undefined && r.prefix.length === want.length && r.prefix.afi === want.afi && formatPrefix(r.prefix.bytes, r.prefix.length) === text);
  }
  if (c.neighbor !== undefined) {
    const p = parseLoose(c.neighbor);
    if (!p) throw invalidArgument(`${field}.conditions.neighbor`, `not an IP address or CIDR: ${JSON.stringify(c.neighbor)}`);
    const trie = new PrefixTrie();
    const bits = p.afi === 4 ? 32 : 128;
    trie.insert(p, { min: bits, max: bits });
    out.push((r) => r.neighbor !== '' && trie.matchesText(r.neighbor));
  }
  return out;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;
const sameLarge = (a: LargeCommunity, b: LargeCommunity) => a.globalAdmin === b.globalAdmin && a.localData1 === b.localData1 && a.localData2 === b.localData2;

function compileActions(a: ActionsDef, field: string): { modifiers: Modifier[]; decision: 'accept' | 'reject' | undefined } {
  if (a.accept && a.reject) throw invalidArgument(`${field}.actions`, 'accept and reject are exclusive');
  const mods: Modifier[] = [];
  // RFC 1997 / 8092 / 4360: removal before addition, so "remove X, add X" keeps X.
  a.removeCommunities.forEach((text, i) => {
    const v = parseCommunityValue(text);
    if (v?.kind === 'standard') mods.push((m) => (m.communities = m.communities?.filter((c) => c !== v.value)));
    else if (v?.kind === 'large') mods.push((m) => (m.largeCommunities = m.largeCommunities?.filter((l) => !sameLarge(l, v.value))));
    else if (v?.kind === 'ext') mods.push((m) => (m.extCommunities = m.extCommunities?.filter((e) => !sameBytes(e, v.value))));
    else {
      const re = compileRegex(text, `${field}.actions.remove_communities[${i}]`);
      mods.push((m) => {
        m.communities = m.communities?.filter((c) => !re.test(formatStandard(c)));
        m.largeCommunities = m.largeCommunities?.filter((l) => !re.test(formatLarge(l)));
        m.extCommunities = m.extCommunities?.filter((e) => !re.test(formatExt(e)));
      });
    }
  });
  a.addCommunities.forEach((text, i) => {
    const v = parseCommunityValue(text);
    if (!v) throw invalidArgument(`${field}.actions.add_communities[${i}]`, `not a community ("A:B", well-known name), large community ("GA:LD1:LD2") or extended community ("rt:ASN:N", "soo:…", hex): ${JSON.stringify(text)}`);
    if (v.kind === 'standard') mods.push((m) => (m.communities = m.communities?.includes(v.value) ? m.communities : [...(m.communities ?? []), v.value]));
    else if (v.kind === 'large') mods.push((m) => (m.largeCommunities = m.largeCommunities?.some((l) => sameLarge(l, v.value)) ? m.largeCommunities : [...(m.largeCommunities ?? []), v.value]));
    else mods.push((m) => (m.extCommunities = m.extCommunities?.some((e) => sameBytes(e, v.value)) ? m.extCommunities : [...(m.extCommunities ?? []), v.value]));
  });
  if (a.localPref !== undefined) mods.push((m) => (m.localPref = a.localPref));
  if (a.med !== undefined) mods.push((m) => (m.med = a.med));
  return { modifiers: mods, decision: a.accept ? 'accept' : a.reject ? 'reject' : undefined };
}

/**
 * Compiles a policy definition against the current sets.
 * @throws BambuError INVALID_ARGUMENT (bad condition or action), NOT_FOUND (unknown set)
 */
export function compilePolicy(def: PolicyDef, lookup: SetLookup): CompiledPolicy {
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(def.name)) throw invalidArgument('name', `policy names are 1..64 of A-Z a-z 0-9 _ . : -, got ${JSON.stringify(def.name)}`);
  const statements = def.statements.map((st, i) => {
    const field = `statements[${i}]`;
    return { conditions: compileConditions(st, lookup, field), ...compileActions(st.actions, field) };
  });
  return { name: def.name, statements };
}

/** Drops empty community lists so interning keys stay canonical. */
function tidy(m: Mutable): PathAttributes {
  if (m.communities?.length === 0) delete m.communities;
  if (m.largeCommunities?.length === 0) delete m.largeCommunities;
  if (m.extCommunities?.length === 0) delete m.extCommunities;
  return m;
}

/**
 * Builds the evaluation function of a chain of compiled policies. Modified attributes are
 * memoized per (input attribute set, statements applied): many prefixes share an interned input
 * set, and they then get one and the same result object (cheap to intern again).
 */
export function compileChain(policies: readonly CompiledPolicy[], defaultAction: DefaultAction): PolicyChain {
  const statements = policies.flatMap((p) => p.statements);
  const memo = new WeakMap<PathAttributes, Map<string, PathAttributes>>();
  const result = (input: PathAttributes, working: Mutable | undefined, applied: string): PathAttributes => {
    if (!working) return input;
    let byApplied = memo.get(input);
    if (!byApplied) memo.set(input, (byApplied = new Map()));
    let out = byApplied.get(applied);
    if (!out) byApplied.set(applied, (out = tidy(working)));
    return out;
  };
  return (route) => {
    let prefix: Prefix | undefined | null = null; // null: not parsed yet
    let working: Mutable | undefined;
    let applied = '';
    for (let i = 0; i < statements.length; i++) {
      const st = statements[i]!;
      if (st.conditions.length > 0) {
        if (prefix === null) prefix = parseLoose(route.prefix);
        const v: PolicyRoute = { prefix, neighbor: route.neighbor, attrs: working ?? route.attrs };
        if (!st.conditions.every((c) => c(v))) continue;
      }
      if (st.modifiers.length > 0) {
        working ??= { ...route.attrs };
        for (const m of st.modifiers) m(working);
        applied += `${i},`;
      }
      if (st.decision === 'reject') return { accept: false };
      if (st.decision === 'accept') return { accept: true, attrs: result(route.attrs, working, applied) };
    }
    if (defaultAction === 'reject') return { accept: false };
    return { accept: true, attrs: result(route.attrs, working, applied) };
  };
}
