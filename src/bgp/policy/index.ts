/**
 * Routing policy (bgp-api.md "Policy Management"; semantics after GoBGP / OpenConfig
 * routing-policy): defined sets, policies, assignments (store.ts), compiled once per change into
 * per-peer chains (compile.ts) that the instance runs between Adj-RIB-In and Loc-RIB (import) and
 * before the Adj-RIB-Out (export).
 */
export * from './types.js';
export { PolicyStore } from './store.js';
export type { PolicyChain, PolicyResult } from './compile.js';
export { compileSet, asPathText, type CompiledSet, type PolicyRoute } from './sets.js';
export { parseMasklengthRange, PrefixTrie } from './prefix-trie.js';
export { parseCommunityValue, parseExtCommunity, parseLargeCommunity, parseStandardCommunity, formatExt } from './community.js';
