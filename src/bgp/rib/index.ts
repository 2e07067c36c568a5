/**
 * Routing information bases (RFC 4271 §3.2, §9): Adj-RIB-In per peer, Loc-RIB with the decision
 * process (§9.1.2), Adj-RIB-Out per peer with the eBGP/iBGP export rules (§9.1.3, RFC 1997,
 * RFC 4456), attribute interning and compact per-family tables keyed by canonical prefix strings.
 * Pure data structures: no sockets, no timers.
 */
export { Rib, type AdjRibInView, type Destination, type RibChange, type RibIdentity } from './rib.js';
export { AdjRibOut, type OutBatch } from './adj-rib-out.js';
export { exportPath, prependAs, type ExportTarget, type ExportIdentity } from './export.js';
export { selectBest, asPathLength, neighbourAs } from './decision.js';
export { AttrInterner, attrsKey } from './intern.js';
export { RouteTable, familyOf } from './table.js';
export type { PathSource, RibPath } from './path.js';
