/**
 * The BGP finite state machine of RFC 4271 §8.2.2 as a pure function:
 * `step(config, state, event, now) → { next, actions }`. No sockets, no timers, no clock reads:
 * the session layer feeds events (timer expiries included) and performs the actions in order.
 *
 * Deliberate choices (all within RFC 4271 §8's "optional" latitude):
 * - One FSM per peer. Connection collisions (§6.8) are resolved by the session layer, which
 *   feeds OpenCollisionDump to the connection that loses.
 * - Every transition into Idle stops all timers; after an error (not ManualStop) the FSM starts
 *   the IdleHoldTimer and restarts itself on IdleHoldTimer_Expires (AutomaticStart, §8.1.1).
 *   With DampPeerOscillations the IdleHoldTime doubles at each flap up to 64 × the base
 *   (at most 1 hour), and returns to the base once a session stayed Established ≥ STABLE_SECS.
 * - PassiveTcpEstablishment: ManualStart/AutomaticStart go to Active and ConnectRetryTimer
 *   expiry never initiates a connection.
 * - The FSM error NOTIFICATION carries the RFC 6608 subcode of the state.
 * - Connect + TcpConnectionFails (our outgoing attempt refused) without DelayOpen goes to Active
 *   and keeps listening until ConnectRetryTimer expires (BIRD/GoBGP behaviour), instead of Idle:
 *   a peer that is not up yet is retried at the ConnectRetry pace, not damped.
 */
import { ADMIN_SHUTDOWN, COLLISION_RESOLUTION, FSM_ERROR_SUBCODE, HOLD_TIMER_EXPIRED } from './notifications.js';
import { ERROR_CODE } from '../wire/iana.js';
import type { FsmAction, FsmConfig, FsmEvent, FsmState, FsmStep, NotificationSpec, TimerName } from './types.js';

/** "Large value" for the HoldTimer while waiting for the peer's OPEN (RFC 4271 §8.2.2 suggests 4 min). */
export const OPEN_HOLD_SECS = 240;
/** A session Established this long resets the damped IdleHoldTime to its base value. */
export const STABLE_SECS = 300;
const MAX_DAMP_FACTOR = 64;
const MAX_IDLE_HOLD_SECS = 3600;
const ALL_TIMERS: readonly TimerName[] = ['ConnectRetry', 'Hold', 'Keepalive', 'DelayOpen', 'IdleHold'];

/** The state of a newly configured peer: Idle, administratively stopped until ManualStart. */
export function initialFsmState(config: FsmConfig): FsmState {
  return {
    state: 'idle',
    connectRetryCounter: 0,
    delayOpenRunning: false,
    idleHoldSecs: config.idleHoldTimeSecs,
    negotiatedHoldSecs: 0,
    adminDown: true,
  };
}

/** KeepaliveTime for a hold time: one third, at least 1 s (RFC 4271 §4.4, §10). */
export function keepaliveSecs(holdSecs: number): number {
  return Math.max(1, Math.floor(holdSecs / 3));
}

/** Negotiated Hold Time: the smaller of both offers (RFC 4271 §4.2). */
export function negotiateHoldTime(localSecs: number, peerSecs: number): number {
  return Math.min(localSecs, peerSecs);
}

/**
 * Runs one FSM event.
 * @param config the peer's session attributes
 * @param s      current state
 * @param ev     the event (RFC 4271 §8.1 names)
 * @param now    caller's clock in ms (only used to time Established sessions for damping)
 * @returns the next state and the actions to perform, in order
 */
export function step(config: FsmConfig, s: FsmState, ev: FsmEvent, now = 0): FsmStep {
  switch (s.state) {
    case 'idle':
      return idle(config, s, ev);
    case 'connect':
    case 'active':
      return connectOrActive(config, s, ev, now);
    case 'open-sent':
      return openSent(config, s, ev, now);
    case 'open-confirm':
      return openConfirm(config, s, ev, now);
    case 'established':
      return established(config, s, ev, now);
  }
}

const stay = (s: FsmState, actions: FsmAction[] = []): FsmStep => ({ next: s, actions });

/** Idle (RFC 4271 §8.2.2 "Idle state"): only start events do anything; the rest are ignored. */
function idle(config: FsmConfig, s: FsmState, ev: FsmEvent): FsmStep {
  switch (ev.type) {
    case 'ManualStart':
      return start(config, { ...s, adminDown: false, connectRetryCounter: 0, idleHoldSecs: config.idleHoldTimeSecs });
    case 'AutomaticStart':
    case 'IdleHoldTimer_Expires':
      return s.adminDown ? stay(s) : start(config, s);
    default:
      return stay(s);
  }
}

/** ManualStart/AutomaticStart from Idle: ConnectRetryTimer, then Connect (or Active if passive). */
function start(config: FsmConfig, s: FsmState): FsmStep {
  const actions: FsmAction[] = [
    { type: 'stop-timer', timer: 'IdleHold' },
    { type: 'start-timer', timer: 'ConnectRetry', secs: config.connectRetrySecs },
  ];
  if (config.passiveMode) return { next: { ...s, state: 'active', delayOpenRunning: false }, actions };
  actions.push({ type: 'connect' });
  return { next: { ...s, state: 'connect', delayOpenRunning: false }, actions };
}

/** Connect and Active share most transitions (RFC 4271 §8.2.2 "Connect State", "Active State"). */
function connectOrActive(config: FsmConfig, s: FsmState, ev: FsmEvent, now: number): FsmStep {
  switch (ev.type) {
    case 'ManualStart':
    case 'AutomaticStart':
    case 'IdleHoldTimer_Expires':
    case 'Tcp_CR_Invalid':
    case 'TcpConnection_Valid':
      return stay(s);
    case 'ManualStop': {
      // Active: NOTIFICATION only if DelayOpen runs and SendNOTIFICATIONwithoutOPEN is set.
      const notify = s.delayOpenRunning && config.sendNotificationWithoutOpen ? (ev.notification ?? ADMIN_SHUTDOWN) : undefined;
      return toIdle(config, s, { notify, manual: true, now });
    }
    case 'ConnectRetryTimer_Expires': {
      const actions: FsmAction[] = [
        { type: 'stop-timer', timer: 'DelayOpen' },
        { type: 'start-timer', timer: 'ConnectRetry', secs: config.connectRetrySecs },
      ];
      if (config.passiveMode) return { next: { ...s, state: 'active', delayOpenRunning: false }, actions };
      return { next: { ...s, state: 'connect', delayOpenRunning: false }, actions: [{ type: 'drop-connection' }, ...actions, { type: 'connect' }] };
    }
    case 'DelayOpenTimer_Expires':
      return sendOpen(s, [{ type: 'stop-timer', timer: 'ConnectRetry' }]);
    case 'Tcp_CR_Acked':
    case 'TcpConnectionConfirmed':
      if (config.delayOpenTimeSecs > 0) {
        return {
          next: { ...s, delayOpenRunning: true },
          actions: [
            { type: 'stop-timer', timer: 'ConnectRetry' },
            { type: 'start-timer', timer: 'DelayOpen', secs: config.delayOpenTimeSecs },
          ],
        };
      }
      return sendOpen(s, [{ type: 'stop-timer', timer: 'ConnectRetry' }]);
    case 'TcpConnectionFails':
      if (s.state === 'connect' && s.delayOpenRunning) {
        return {
          next: { ...s, state: 'active', delayOpenRunning: false },
          actions: [
            { type: 'stop-timer', timer: 'DelayOpen' },
            { type: 'drop-connection' },
            { type: 'start-timer', timer: 'ConnectRetry', secs: config.connectRetrySecs },
          ],
        };
      }
      if (s.state === 'connect') {
        // Our outgoing attempt failed: keep listening in Active until ConnectRetryTimer expires.
        return { next: { ...s, state: 'active' }, actions: [{ type: 'drop-connection' }] };
      }
      return toIdle(config, s, { now });
    case 'BGPOpen':
      if (!s.delayOpenRunning) return toIdle(config, s, { now });
      // "BGPOpen with DelayOpenTimer running" (event 20): answer OPEN + KEEPALIVE, go to OpenConfirm.
      return toOpenConfirm(s, ev.peerHoldTimeSecs, config, [
        { type: 'stop-timer', timer: 'ConnectRetry' },
        { type: 'stop-timer', timer: 'DelayOpen' },
        { type: 'send-open' },
      ]);
    case 'BGPHeaderErr':
    case 'BGPOpenMsgErr':
      return toIdle(config, s, { notify: config.sendNotificationWithoutOpen ? ev.error : undefined, now });
    case 'NotifMsgVerErr':
      return toIdle(config, s, { countRetry: !s.delayOpenRunning, damp: !s.delayOpenRunning, now });
    default:
      return toIdle(config, s, { now });
  }
}

/** OpenSent (RFC 4271 §8.2.2 "OpenSent State"). */
function openSent(config: FsmConfig, s: FsmState, ev: FsmEvent, now: number): FsmStep {
  switch (ev.type) {
    case 'ManualStart':
    case 'AutomaticStart':
    case 'IdleHoldTimer_Expires':
    case 'TcpConnection_Valid':
    case 'Tcp_CR_Acked':
    case 'TcpConnectionConfirmed':
    case 'Tcp_CR_Invalid':
      return stay(s); // a second connection is a collision candidate, tracked by the session layer
    case 'ManualStop':
      return toIdle(config, s, { notify: ev.notification ?? ADMIN_SHUTDOWN, manual: true, now });
    case 'AutomaticStop':
      if (!config.allowAutomaticStop) return stay(s);
      return toIdle(config, s, { notify: ev.notification ?? ADMIN_SHUTDOWN, now, stayDown: ev.stayDown ?? false });
    case 'HoldTimer_Expires':
      return toIdle(config, s, { notify: HOLD_TIMER_EXPIRED, now });
    case 'TcpConnectionFails':
      return {
        next: { ...s, state: 'active' },
        actions: [
          { type: 'drop-connection' },
          { type: 'stop-timer', timer: 'Hold' },
          { type: 'start-timer', timer: 'ConnectRetry', secs: config.connectRetrySecs },
        ],
      };
    case 'BGPOpen':
      return toOpenConfirm(s, ev.peerHoldTimeSecs, config, [
        { type: 'stop-timer', timer: 'DelayOpen' },
        { type: 'stop-timer', timer: 'ConnectRetry' },
      ]);
    case 'BGPHeaderErr':
    case 'BGPOpenMsgErr':
      return toIdle(config, s, { notify: ev.error, now });
    case 'OpenCollisionDump':
      return toIdle(config, s, { notify: COLLISION_RESOLUTION, now });
    case 'NotifMsgVerErr':
      return toIdle(config, s, { countRetry: false, damp: false, now });
    default:
      return toIdle(config, s, { notify: fsmError(s), now });
  }
}

/**
 * Events OpenConfirm and Established treat alike once both OPENs are exchanged (RFC 4271 §8.2.2):
 * start events and connection events of the same connection are ignored, ManualStop and
 * AutomaticStop send CEASE, HoldTimer_Expires sends a Hold Timer Expired NOTIFICATION,
 * KeepaliveTimer_Expires sends a KEEPALIVE and restarts the timer.
 * @returns the step, or undefined for events the state handles itself
 */
function sessionUp(config: FsmConfig, s: FsmState, ev: FsmEvent, now: number): FsmStep | undefined {
  switch (ev.type) {
    case 'ManualStart':
    case 'AutomaticStart':
    case 'IdleHoldTimer_Expires':
    case 'TcpConnection_Valid':
    case 'Tcp_CR_Acked':
    case 'TcpConnectionConfirmed':
    case 'Tcp_CR_Invalid':
      return stay(s);
    case 'ManualStop':
      return toIdle(config, s, { notify: ev.notification ?? ADMIN_SHUTDOWN, manual: true, now });
    case 'AutomaticStop':
      if (!config.allowAutomaticStop) return stay(s);
      return toIdle(config, s, { notify: ev.notification ?? ADMIN_SHUTDOWN, now, stayDown: ev.stayDown ?? false });
    case 'HoldTimer_Expires':
      return toIdle(config, s, { notify: HOLD_TIMER_EXPIRED, now });
    case 'KeepaliveTimer_Expires':
      return stay(s, [{ type: 'send-keepalive' }, { type: 'start-timer', timer: 'Keepalive', secs: keepaliveSecs(s.negotiatedHoldSecs) }]);
    default:
      return undefined;
  }
}

/** OpenConfirm (RFC 4271 §8.2.2 "OpenConfirm State"). */
function openConfirm(config: FsmConfig, s: FsmState, ev: FsmEvent, now: number): FsmStep {
  const common = sessionUp(config, s, ev, now);
  if (common) return common;
  switch (ev.type) {
    case 'TcpConnectionFails':
    case 'NotifMsg':
      return toIdle(config, s, { now });
    case 'NotifMsgVerErr':
      return toIdle(config, s, { countRetry: false, damp: false, now });
    case 'BGPHeaderErr':
    case 'BGPOpenMsgErr':
      return toIdle(config, s, { notify: ev.error, now });
    case 'OpenCollisionDump':
      return toIdle(config, s, { notify: COLLISION_RESOLUTION, now });
    case 'KeepAliveMsg': {
      const actions: FsmAction[] = [];
      if (s.negotiatedHoldSecs > 0) actions.push({ type: 'start-timer', timer: 'Hold', secs: s.negotiatedHoldSecs });
      actions.push({ type: 'established' });
      return { next: { ...s, state: 'established', establishedAt: now }, actions };
    }
    default:
      // Includes a second BGPOpen on the same connection (RFC 4271 §8.2.2 event 19 in OpenConfirm
      // without collision): an FSM error.
      return toIdle(config, s, { notify: fsmError(s), now });
  }
}

/** Established (RFC 4271 §8.2.2 "Established State"). */
function established(config: FsmConfig, s: FsmState, ev: FsmEvent, now: number): FsmStep {
  const common = sessionUp(config, s, ev, now);
  if (common) return common;
  const restartHold: FsmAction[] = s.negotiatedHoldSecs > 0 ? [{ type: 'start-timer', timer: 'Hold', secs: s.negotiatedHoldSecs }] : [];
  switch (ev.type) {
    case 'OpenCollisionDump':
      // Only fed when CollisionDetectEstablishedState is set (RFC 4271 §6.8).
      return config.collisionDetectEstablishedState ? toIdle(config, s, { notify: COLLISION_RESOLUTION, now }) : stay(s);
    case 'TcpConnectionFails':
    case 'NotifMsgVerErr':
    case 'NotifMsg':
      return toIdle(config, s, { now });
    case 'KeepAliveMsg':
      return stay(s, restartHold);
    case 'UpdateMsg':
      return stay(s, [...restartHold, { type: 'process-update' }]);
    case 'RouteRefreshMsg':
      return stay(s, [...restartHold, { type: 'process-route-refresh' }]);
    case 'UpdateMsgErr':
    // RFC 4271 §8.2.2 lists events 21/22 under "any other event" (FSM Error) here, but §6.1/§6.2
    // require the Message Header / OPEN error NOTIFICATION; §6 wins, as in FRR and BIRD.
    case 'BGPHeaderErr':
    case 'BGPOpenMsgErr':
      return toIdle(config, s, { notify: ev.error, now });
    default:
      return toIdle(config, s, { notify: fsmError(s), now });
  }
}

/** Send our OPEN and wait for the peer's with the large HoldTimer (→ OpenSent). */
function sendOpen(s: FsmState, pre: FsmAction[]): FsmStep {
  return {
    next: { ...s, state: 'open-sent', delayOpenRunning: false },
    actions: [...pre, { type: 'stop-timer', timer: 'DelayOpen' }, { type: 'send-open' }, { type: 'start-timer', timer: 'Hold', secs: OPEN_HOLD_SECS }],
  };
}

/** Valid OPEN received: KEEPALIVE, negotiated timers (none when hold time is 0) → OpenConfirm. */
function toOpenConfirm(s: FsmState, peerHoldSecs: number, config: FsmConfig, pre: FsmAction[]): FsmStep {
  const hold = negotiateHoldTime(config.holdTimeSecs, peerHoldSecs);
  const actions: FsmAction[] = [...pre, { type: 'send-keepalive' }];
  if (hold > 0) {
    actions.push({ type: 'start-timer', timer: 'Keepalive', secs: keepaliveSecs(hold) }, { type: 'start-timer', timer: 'Hold', secs: hold });
  } else {
    actions.push({ type: 'stop-timer', timer: 'Keepalive' }, { type: 'stop-timer', timer: 'Hold' });
  }
  return { next: { ...s, state: 'open-confirm', delayOpenRunning: false, negotiatedHoldSecs: hold }, actions };
}

/** FSM Error NOTIFICATION for an unexpected event in this state (RFC 4271 §6.6, RFC 6608). */
function fsmError(s: FsmState): NotificationSpec {
  const subcode = s.state === 'open-sent' || s.state === 'open-confirm' || s.state === 'established' ? FSM_ERROR_SUBCODE[s.state] : 0;
  return { code: ERROR_CODE.FSM, subcode };
}

interface ToIdleOptions {
  notify?: NotificationSpec;
  /** ManualStop: ConnectRetryCounter = 0, admin down, no automatic restart. */
  manual?: boolean;
  /** Stay Idle without arming the IdleHoldTimer (AutomaticStop with stayDown), like ManualStop. */
  stayDown?: boolean;
  /** Increment ConnectRetryCounter (default true unless manual). */
  countRetry?: boolean;
  /** Apply peer oscillation damping (default true unless manual). */
  damp?: boolean;
  now: number;
}

/**
 * Any transition into Idle: optional NOTIFICATION, stop every timer, delete the peer's routes,
 * drop the connection, then (unless ManualStop) arm the IdleHoldTimer for the automatic restart.
 */
function toIdle(config: FsmConfig, s: FsmState, o: ToIdleOptions): FsmStep {
  const actions: FsmAction[] = [];
  if (o.notify) actions.push({ type: 'send-notification', notification: o.notify });
  for (const timer of ALL_TIMERS) actions.push({ type: 'stop-timer', timer });
  actions.push({ type: 'release-resources' }, { type: 'drop-connection' });
  const base = { ...s, state: 'idle' as const, delayOpenRunning: false, negotiatedHoldSecs: 0, establishedAt: undefined };
  if (o.manual || o.stayDown) {
    return { next: { ...base, adminDown: true, connectRetryCounter: 0, idleHoldSecs: config.idleHoldTimeSecs }, actions };
  }
  let idleHoldSecs = s.idleHoldSecs;
  if (s.establishedAt !== undefined && o.now - s.establishedAt >= STABLE_SECS * 1000) idleHoldSecs = config.idleHoldTimeSecs;
  const countRetry = o.countRetry ?? true;
  if (!s.adminDown) actions.push({ type: 'start-timer', timer: 'IdleHold', secs: idleHoldSecs });
  if (config.dampPeerOscillations && (o.damp ?? true)) {
    const base1 = Math.max(1, config.idleHoldTimeSecs);
    idleHoldSecs = Math.min(Math.max(idleHoldSecs * 2, base1), base1 * MAX_DAMP_FACTOR, MAX_IDLE_HOLD_SECS);
  }
  return { next: { ...base, connectRetryCounter: s.connectRetryCounter + (countRetry ? 1 : 0), idleHoldSecs }, actions };
}
