/**
 * BGP finite state machine (RFC 4271 §8, RFC 6608 FSM error subcodes, RFC 4486 CEASE subcodes,
 * RFC 8203 shutdown communication). Pure: `step(config, state, event, now)` returns the next state
 * and the actions; src/bgp/session/ owns sockets and timers.
 */
export * from './types.js';
export { step, initialFsmState, keepaliveSecs, negotiateHoldTime, OPEN_HOLD_SECS, STABLE_SECS } from './step.js';
export * from './notifications.js';
