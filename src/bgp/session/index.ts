/**
 * BGP sessions: one Peer per neighbour drives the pure FSM (../fsm/) with events from its TCP
 * connections and timers and performs the actions (RFC 4271 §8); Connection frames and decodes
 * the byte stream with the negotiated codec context (RFC 4271 §4.1, RFC 8654); outbound.ts sends
 * the Adj-RIB-Out in MRAI-paced UPDATE batches (§9.2.1.1); collision.ts
 * resolves connection collisions (§6.8); open.ts builds our OPEN with its capabilities (RFC 5492,
 * RFC 4760, RFC 2918, RFC 6793, RFC 8654) and names NOTIFICATIONs (RFC 4486, RFC 8203).
 *
 * Deliberate deviations: one FSM per peer with at most one extra "candidate" connection during
 * a collision (instead of one FSM per connection); ADD-PATH and Graceful Restart are not
 * negotiated (End-of-RIB is still sent after the initial table).
 */
export { Peer, type PeerConfig, type PeerHost } from './peer.js';
export { Connection, unmapIPv4, type ConnectionHandlers } from './connection.js';
export { resolveCollision, bgpIdValue } from './collision.js';
export { buildOpen, describeNotification } from './open.js';
export { Timers } from './timers.js';
export { Outbound, type OutboundSession } from './outbound.js';
export { newCounters, type MessageCounters } from './stats.js';
