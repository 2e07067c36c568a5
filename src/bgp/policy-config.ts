/**
 * The YAML policy sections (`defined-sets`, `policy-definitions`, per-peer `import-policy` /
 * `export-policy`; src/config/bgp.ts) → policy domain definitions (src/bgp/policy/). The config
 * schema has checked shapes; the policy compiler checks values when the instance loads them.
 */
import type { DefinedSetsYaml, PeerConfigYaml, PolicyDefinitionYaml } from '../config/bgp.js';
import type { AssignmentDef, ConditionsDef, DefinedSetDef, Direction, MatchOption, PolicyDef, SetConditionKey } from './policy/index.js';

/** YAML list key → set type and the key of its members. */
const SET_SECTIONS = [
  ['neighbor-sets', 'neighbor-set', 'addresses'],
  ['as-path-sets', 'as-path-set', 'patterns'],
  ['community-sets', 'community-set', 'communities'],
  ['ext-community-sets', 'ext-community-set', 'ext-communities'],
  ['large-community-sets', 'large-community-set', 'large-communities'],
] as const;

/** Every set of the `defined-sets` section, prefix sets first. */
export function definedSetsFromConfig(y: DefinedSetsYaml | undefined): { path: string; def: DefinedSetDef }[] {
  if (!y) return [];
  const out: { path: string; def: DefinedSetDef }[] = [];
  (y['prefix-sets'] ?? []).forEach((s, i) =>
    out.push({
      path: `defined-sets.prefix-sets[${i}]`,
      def: { type: 'prefix-set', name: s.name, prefixes: s.prefixes.map((p) => ({ prefix: p.prefix, ...(p['masklength-range'] ? { masklengthRange: p['masklength-range'] } : {}) })) },
    }),
  );
  for (const [section, type, key] of SET_SECTIONS) {
    const list = (y[section] ?? []) as { name: string; [k: string]: unknown }[];
    list.forEach((s, i) => out.push({ path: `defined-sets.${section}[${i}]`, def: { type, name: s.name, members: [...((s[key] as string[] | undefined) ?? [])] } }));
  }
  return out;
}

/** YAML condition key → domain condition key. */
const CONDITION_KEYS: Record<string, SetConditionKey> = {
  'match-prefix-set': 'matchPrefixSet',
  'match-neighbor-set': 'matchNeighborSet',
  'match-as-path-set': 'matchAsPathSet',
  'match-community-set': 'matchCommunitySet',
  'match-ext-community-set': 'matchExtCommunitySet',
  'match-large-community-set': 'matchLargeCommunitySet',
};

/** One `policy-definitions[]` entry as a PolicyDef. */
export function policyFromConfig(p: PolicyDefinitionYaml): PolicyDef {
  return {
    name: p.name,
    statements: p.statements.map((st) => {
      const c: Record<string, unknown> = {};
      for (const [yk, dk] of Object.entries(CONDITION_KEYS)) {
        const ref = st.conditions[yk as keyof typeof st.conditions] as { 'set-name': string; 'match-option': MatchOption } | undefined;
        if (ref) c[dk] = { setName: ref['set-name'], matchOption: ref['match-option'] };
      }
      if (st.conditions.prefix !== undefined) c.prefix = st.conditions.prefix;
      if (st.conditions.neighbor !== undefined) c.neighbor = st.conditions.neighbor;
      const a = st.actions;
      return {
        conditions: c as ConditionsDef,
        actions: {
          ...(a.accept !== undefined ? { accept: a.accept } : {}),
          ...(a.reject !== undefined ? { reject: a.reject } : {}),
          ...(a['local-pref'] !== undefined ? { localPref: a['local-pref'] } : {}),
          ...(a.med !== undefined ? { med: a.med } : {}),
          addCommunities: [...a['add-communities']],
          removeCommunities: [...a['remove-communities']],
        },
      };
    }),
  };
}

/** A `peers[]` entry's assignments (only the directions it configures). */
export function assignmentsFromConfig(p: PeerConfigYaml): [Direction, AssignmentDef][] {
  const out: [Direction, AssignmentDef][] = [];
  if (p['import-policy'] || p['import-default-action']) out.push(['import', { policyNames: p['import-policy'] ?? [], defaultAction: p['import-default-action'] ?? 'accept' }]);
  if (p['export-policy'] || p['export-default-action']) out.push(['export', { policyNames: p['export-policy'] ?? [], defaultAction: p['export-default-action'] ?? 'accept' }]);
  return out;
}
