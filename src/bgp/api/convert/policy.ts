/**
 * Policy messages (bgp-api.md "Policy Management") ↔ the policy domain types (src/bgp/policy/).
 * The oneof case of DefinedSetConfig / DefinedSetInfo follows `set_type`, one row per type.
 */
import type { ActionsConfig, ConditionsConfig, DefinedSetConfig, DefinedSetInfo, MatchSetRef, StatementConfig } from '../../../gen/bgp.js';
import { invalidArgument } from '../../../lib/errors.js';
import { CONDITION_SET_TYPE, SET_TYPES, type ActionsDef, type ConditionsDef, type DefinedSetDef, type MatchOption, type MatchSetRefDef, type SetConditionKey, type SetType, type StatementDef } from '../../policy/index.js';

type SetCase = NonNullable<DefinedSetConfig['config']>['$case'];

/** set_type string → the oneof case carrying its data and that message's list field. */
const SET_ROWS: Record<SetType, { case: SetCase; list: string }> = {
  'prefix-set': { case: 'prefixSet', list: 'prefixes' },
  'neighbor-set': { case: 'neighborSet', list: 'addresses' },
  'as-path-set': { case: 'asPathSet', list: 'patterns' },
  'community-set': { case: 'communitySet', list: 'communities' },
  'ext-community-set': { case: 'extCommunitySet', list: 'extCommunities' },
  'large-community-set': { case: 'largeCommunitySet', list: 'largeCommunities' },
};

/** Checks a set_type string. @throws INVALID_ARGUMENT naming `field` */
export function setTypeOf(text: string, field = 'set_type'): SetType {
  if (!(SET_TYPES as readonly string[]).includes(text)) throw invalidArgument(field, `must be one of ${SET_TYPES.join(', ')}, got ${JSON.stringify(text)}`);
  return text as SetType;
}

/** DefinedSetConfig → DefinedSetDef. @throws INVALID_ARGUMENT (set_type, name, oneof mismatch) */
export function definedSetFromProto(c: DefinedSetConfig | undefined): DefinedSetDef {
  if (!c) throw invalidArgument('set', 'required');
  const type = setTypeOf(c.setType, 'set.set_type');
  if (!c.name) throw invalidArgument('set.name', 'required');
  const row = SET_ROWS[type];
  const data = c.config;
  if (data && data.$case !== row.case) throw invalidArgument('set', `set_type ${type} carries its data in ${row.case}, not ${data.$case}`);
  if (type === 'prefix-set') {
    const prefixes = data?.$case === 'prefixSet' ? data.value.prefixes : [];
    return { type, name: c.name, prefixes: prefixes.map((p) => ({ prefix: p.prefix, ...(p.masklengthRange ? { masklengthRange: p.masklengthRange } : {}) })) };
  }
  const members = data ? ((data.value as unknown as Record<string, string[]>)[row.list] ?? []) : [];
  return { type, name: c.name, members: [...members] };
}

/** DefinedSetDef → DefinedSetInfo. */
export function definedSetToProto(d: DefinedSetDef): DefinedSetInfo {
  const row = SET_ROWS[d.type];
  const value = d.type === 'prefix-set' ? { prefixes: d.prefixes.map((p) => ({ prefix: p.prefix, masklengthRange: p.masklengthRange })) } : { [row.list]: [...d.members] };
  return { setType: d.type, name: d.name, setData: { $case: row.case, value } as DefinedSetInfo['setData'] };
}

const OPTIONS: readonly MatchOption[] = ['any', 'all', 'invert'];

function refFromProto(r: MatchSetRef, field: string): MatchSetRefDef {
  if (!r.setName) throw invalidArgument(`${field}.set_name`, 'required');
  const opt = (r.matchOption || 'any').toLowerCase();
  if (!(OPTIONS as readonly string[]).includes(opt)) throw invalidArgument(`${field}.match_option`, `must be any, all or invert, got ${JSON.stringify(r.matchOption)}`);
  return { setName: r.setName, matchOption: opt as MatchOption };
}

/** StatementConfig → StatementDef. @throws INVALID_ARGUMENT */
export function statementFromProto(s: StatementConfig, field: string): StatementDef {
  const c: ConditionsConfig = s.conditions ?? {};
  const conditions: Record<string, unknown> = {};
  for (const key of Object.keys(CONDITION_SET_TYPE) as SetConditionKey[]) {
    const r = c[key];
    if (r) conditions[key] = refFromProto(r, `${field}.conditions.${key}`);
  }
  if (c.prefix) conditions.prefix = c.prefix;
  if (c.neighbor) conditions.neighbor = c.neighbor;
  const a: Partial<ActionsConfig> = s.actions ?? {};
  const actions: ActionsDef = {
    ...(a.accept !== undefined ? { accept: a.accept } : {}),
    ...(a.reject !== undefined ? { reject: a.reject } : {}),
    ...(a.localPref !== undefined ? { localPref: a.localPref } : {}),
    ...(a.med !== undefined ? { med: a.med } : {}),
    addCommunities: [...(a.addCommunities ?? [])],
    removeCommunities: [...(a.removeCommunities ?? [])],
  };
  return { conditions: conditions as ConditionsDef, actions };
}

/** StatementDef → StatementConfig / StatementInfo. */
export function statementToProto(s: StatementDef): { conditions: ConditionsConfig; actions: ActionsConfig } {
  const conditions: ConditionsConfig = {};
  for (const key of Object.keys(CONDITION_SET_TYPE) as SetConditionKey[]) {
    const r = s.conditions[key];
    if (r) conditions[key] = { setName: r.setName, matchOption: r.matchOption };
  }
  if (s.conditions.prefix !== undefined) conditions.prefix = s.conditions.prefix;
  if (s.conditions.neighbor !== undefined) conditions.neighbor = s.conditions.neighbor;
  const a = s.actions;
  return {
    conditions,
    actions: { accept: a.accept, reject: a.reject, localPref: a.localPref, med: a.med, addCommunities: [...a.addCommunities], removeCommunities: [...a.removeCommunities] },
  };
}
