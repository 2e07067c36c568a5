/**
 * Routing policy domain types (../shared/spec/bgp-api.md "Policy Management"): defined sets,
 * policies made of statements (conditions + actions), and per-peer assignments. API- and
 * YAML-independent: the gRPC handlers and the config loader translate into these.
 */

/** The six set kinds, spelled as the API's `set_type` strings. */
export const SET_TYPES = ['prefix-set', 'neighbor-set', 'as-path-set', 'community-set', 'ext-community-set', 'large-community-set'] as const;
export type SetType = (typeof SET_TYPES)[number];

/** One prefix-set entry: a prefix and an optional masklength range ("exact", "21..24", "..24", "21.."). */
export interface PrefixMatchDef {
  readonly prefix: string;
  readonly masklengthRange?: string;
}

/**
 * A defined set as configured. `prefixes` is used by prefix-set, `members` by every other type
 * (neighbor IP/CIDR, AS-path regexes, community / ext-community / large-community specs).
 */
export type DefinedSetDef =
  | { readonly type: 'prefix-set'; readonly name: string; readonly prefixes: readonly PrefixMatchDef[] }
  | { readonly type: Exclude<SetType, 'prefix-set'>; readonly name: string; readonly members: readonly string[] };

/** How a set condition matches (MatchSetRef.match_option). */
export type MatchOption = 'any' | 'all' | 'invert';

/** A reference from a condition to a defined set. */
export interface MatchSetRefDef {
  readonly setName: string;
  readonly matchOption: MatchOption;
}

/** Which set type each set condition references, table-driven (condition key → set type). */
export const CONDITION_SET_TYPE = {
  matchPrefixSet: 'prefix-set',
  matchNeighborSet: 'neighbor-set',
  matchAsPathSet: 'as-path-set',
  matchCommunitySet: 'community-set',
  matchExtCommunitySet: 'ext-community-set',
  matchLargeCommunitySet: 'large-community-set',
} as const satisfies Record<string, SetType>;
export type SetConditionKey = keyof typeof CONDITION_SET_TYPE;

/** Conditions of a statement: all present ones must hold (logical AND). */
export type ConditionsDef = { readonly [K in SetConditionKey]?: MatchSetRefDef } & {
  /** A direct prefix condition: the route's prefix equals this one. */
  readonly prefix?: string;
  /** A direct neighbor condition: the route's source peer is this IP (or inside this CIDR). */
  readonly neighbor?: string;
};

/** Actions of a statement. Without accept/reject the modifications apply and evaluation goes on. */
export interface ActionsDef {
  readonly accept?: boolean;
  readonly reject?: boolean;
  readonly localPref?: number;
  readonly med?: number;
  /** "65001:100", well-known names, "GA:LD1:LD2" (large), "rt:…"/"soo:…"/hex (extended). */
  readonly addCommunities: readonly string[];
  /** The same forms, or a regular expression over "A:B" / "GA:LD1:LD2" text. */
  readonly removeCommunities: readonly string[];
}

export interface StatementDef {
  readonly conditions: ConditionsDef;
  readonly actions: ActionsDef;
}

export interface PolicyDef {
  readonly name: string;
  readonly statements: readonly StatementDef[];
}

/** Policy direction relative to the RIBs: import (Adj-RIB-In → Loc-RIB), export (→ Adj-RIB-Out). */
export type Direction = 'import' | 'export';

/** What happens to a route no statement accepted or rejected. */
export type DefaultAction = 'accept' | 'reject';

/** A peer's policy chain for one direction. */
export interface AssignmentDef {
  readonly policyNames: readonly string[];
  readonly defaultAction: DefaultAction;
}
