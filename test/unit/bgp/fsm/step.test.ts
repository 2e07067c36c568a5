/**
 * Drives the pure FSM (RFC 4271 §8.2.2) through its transitions and checks states and actions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  step,
  initialFsmState,
  OPEN_HOLD_SECS,
  STABLE_SECS,
  type FsmAction,
  type FsmConfig,
  type FsmEvent,
  type FsmState,
} from '../../../../src/bgp/fsm/index.js';

const base: FsmConfig = {
  holdTimeSecs: 90,
  connectRetrySecs: 30,
  idleHoldTimeSecs: 5,
  dampPeerOscillations: false,
  allowAutomaticStop: true,
  passiveMode: false,
  delayOpenTimeSecs: 0,
  sendNotificationWithoutOpen: false,
  collisionDetectEstablishedState: false,
};

/** Runs events in order from `s`, returning the final state and every action. */
function run(config: FsmConfig, s: FsmState, events: FsmEvent[], now = 0): { s: FsmState; actions: FsmAction[] } {
  const actions: FsmAction[] = [];
  for (const ev of events) {
    const r = step(config, s, ev, now);
    s = r.next;
    actions.push(...r.actions);
  }
  return { s, actions };
}

const types = (a: FsmAction[]) => a.map((x) => x.type);
const notifications = (a: FsmAction[]) => a.flatMap((x) => (x.type === 'send-notification' ? [[x.notification.code, x.notification.subcode]] : []));
const started = (a: FsmAction[]) => a.flatMap((x) => (x.type === 'start-timer' ? [`${x.timer}:${x.secs}`] : []));

/** Brings a peer to Established over an outgoing connection. */
function established(config: FsmConfig = base): FsmState {
  const r = run(config, initialFsmState(config), [{ type: 'ManualStart' }, { type: 'Tcp_CR_Acked' }, { type: 'BGPOpen', peerHoldTimeSecs: 180 }, { type: 'KeepAliveMsg' }]);
  assert.equal(r.s.state, 'established');
  return r.s;
}

test('ManualStart: Idle → Connect, ConnectRetryTimer started, TCP connection initiated', () => {
  const r = step(base, initialFsmState(base), { type: 'ManualStart' });
  assert.equal(r.next.state, 'connect');
  assert.equal(r.next.adminDown, false);
  assert.deepEqual(started([...r.actions]), ['ConnectRetry:30']);
  assert.ok(types([...r.actions]).includes('connect'));
});

test('events other than start are ignored in Idle', () => {
  const s = initialFsmState(base);
  for (const ev of [{ type: 'KeepAliveMsg' }, { type: 'HoldTimer_Expires' }, { type: 'TcpConnectionConfirmed' }, { type: 'ManualStop' }] as FsmEvent[]) {
    const r = step(base, s, ev);
    assert.equal(r.next, s);
    assert.deepEqual(r.actions, []);
  }
});

test('full handshake: Connect → OpenSent (large hold) → OpenConfirm (negotiated timers) → Established', () => {
  let s = step(base, initialFsmState(base), { type: 'ManualStart' }).next;
  let r = step(base, s, { type: 'Tcp_CR_Acked' });
  assert.equal(r.next.state, 'open-sent');
  assert.ok(types([...r.actions]).includes('send-open'));
  assert.deepEqual(started([...r.actions]), [`Hold:${OPEN_HOLD_SECS}`]);
  s = r.next;
  r = step(base, s, { type: 'BGPOpen', peerHoldTimeSecs: 180 });
  assert.equal(r.next.state, 'open-confirm');
  assert.equal(r.next.negotiatedHoldSecs, 90, 'hold time = min(90, 180)');
  assert.ok(types([...r.actions]).includes('send-keepalive'));
  assert.deepEqual(started([...r.actions]), ['Keepalive:30', 'Hold:90']);
  r = step(base, r.next, { type: 'KeepAliveMsg' }, 1000);
  assert.equal(r.next.state, 'established');
  assert.equal(r.next.establishedAt, 1000);
  assert.deepEqual(types([...r.actions]), ['start-timer', 'established']);
});

test('hold time 0 negotiated: no Keepalive or Hold timers (RFC 4271 §4.2)', () => {
  const s = run(base, initialFsmState(base), [{ type: 'ManualStart' }, { type: 'Tcp_CR_Acked' }]).s;
  const r = step(base, s, { type: 'BGPOpen', peerHoldTimeSecs: 0 });
  assert.equal(r.next.negotiatedHoldSecs, 0);
  assert.deepEqual(started([...r.actions]), []);
});

test('Established: KEEPALIVE and UPDATE restart the HoldTimer; UPDATE is processed', () => {
  const s = established();
  assert.deepEqual(started([...step(base, s, { type: 'KeepAliveMsg' }).actions]), ['Hold:90']);
  const r = step(base, s, { type: 'UpdateMsg' });
  assert.deepEqual(types([...r.actions]), ['start-timer', 'process-update']);
  const k = step(base, s, { type: 'KeepaliveTimer_Expires' });
  assert.deepEqual(types([...k.actions]), ['send-keepalive', 'start-timer']);
});

test('HoldTimer_Expires in OpenSent, OpenConfirm and Established sends NOTIFICATION 4/0 and goes Idle', () => {
  const opens = run(base, initialFsmState(base), [{ type: 'ManualStart' }, { type: 'Tcp_CR_Acked' }]).s;
  const confirm = step(base, opens, { type: 'BGPOpen', peerHoldTimeSecs: 90 }).next;
  for (const s of [opens, confirm, established()]) {
    const r = step(base, s, { type: 'HoldTimer_Expires' });
    assert.equal(r.next.state, 'idle');
    assert.deepEqual(notifications([...r.actions]), [[4, 0]]);
    assert.ok(types([...r.actions]).includes('release-resources'));
    assert.ok(types([...r.actions]).includes('drop-connection'));
    assert.deepEqual(started([...r.actions]), ['IdleHold:5'], 'automatic restart armed');
    assert.equal(r.next.connectRetryCounter, s.connectRetryCounter + 1);
  }
});

test('ManualStop in Established: CEASE with the given data, admin down, no automatic restart', () => {
  const data = new Uint8Array([3, 0x61, 0x62, 0x63]);
  const r = step(base, established(), { type: 'ManualStop', notification: { code: 6, subcode: 2, data } });
  assert.equal(r.next.state, 'idle');
  assert.equal(r.next.adminDown, true);
  assert.equal(r.next.connectRetryCounter, 0);
  const n = r.actions.find((a) => a.type === 'send-notification');
  assert.deepEqual(n, { type: 'send-notification', notification: { code: 6, subcode: 2, data } });
  assert.deepEqual(started([...r.actions]), []);
  // IdleHoldTimer_Expires after a ManualStop must not restart the peer.
  assert.equal(step(base, r.next, { type: 'IdleHoldTimer_Expires' }).next.state, 'idle');
});

test('ManualStop without notification defaults to CEASE/Administrative Shutdown (RFC 4486)', () => {
  const r = step(base, established(), { type: 'ManualStop' });
  assert.deepEqual(notifications([...r.actions]), [[6, 2]]);
});

test('IdleHoldTimer_Expires after an error restarts the peer (AutomaticStart)', () => {
  const idle = step(base, established(), { type: 'NotifMsg' }).next;
  assert.equal(idle.state, 'idle');
  const r = step(base, idle, { type: 'IdleHoldTimer_Expires' });
  assert.equal(r.next.state, 'connect');
  assert.ok(types([...r.actions]).includes('connect'));
});

test('damp_peer_oscillations doubles IdleHoldTime at each flap, capped; a stable session resets it', () => {
  const cfg = { ...base, dampPeerOscillations: true };
  let s = established(cfg);
  const holds: number[] = [];
  for (let i = 0; i < 10; i++) {
    const r = step(cfg, s, { type: 'NotifMsg' }, 0);
    holds.push(Number(started([...r.actions])[0]!.split(':')[1]));
    s = run(cfg, r.next, [{ type: 'IdleHoldTimer_Expires' }, { type: 'Tcp_CR_Acked' }, { type: 'BGPOpen', peerHoldTimeSecs: 90 }, { type: 'KeepAliveMsg' }], 0).s;
  }
  assert.deepEqual(holds, [5, 10, 20, 40, 80, 160, 320, 320, 320, 320]);
  // Established for STABLE_SECS: back to the base value.
  const r = step(cfg, s, { type: 'NotifMsg' }, STABLE_SECS * 1000);
  assert.deepEqual(started([...r.actions]), ['IdleHold:5']);
});

test('without damping IdleHoldTime stays at the configured value', () => {
  let s = established();
  for (let i = 0; i < 3; i++) {
    const r = step(base, s, { type: 'TcpConnectionFails' });
    assert.deepEqual(started([...r.actions]), ['IdleHold:5']);
    s = run(base, r.next, [{ type: 'IdleHoldTimer_Expires' }, { type: 'Tcp_CR_Acked' }, { type: 'BGPOpen', peerHoldTimeSecs: 90 }, { type: 'KeepAliveMsg' }]).s;
  }
});

test('passive mode: ManualStart → Active, never initiates TCP, accepts incoming', () => {
  const cfg = { ...base, passiveMode: true };
  let r = step(cfg, initialFsmState(cfg), { type: 'ManualStart' });
  assert.equal(r.next.state, 'active');
  assert.ok(!types([...r.actions]).includes('connect'));
  r = step(cfg, r.next, { type: 'ConnectRetryTimer_Expires' });
  assert.equal(r.next.state, 'active');
  assert.ok(!types([...r.actions]).includes('connect'));
  r = step(cfg, r.next, { type: 'TcpConnectionConfirmed' });
  assert.equal(r.next.state, 'open-sent');
});

test('ConnectRetryTimer_Expires in Connect and Active retries the connection', () => {
  const s = step(base, initialFsmState(base), { type: 'ManualStart' }).next;
  let r = step(base, s, { type: 'ConnectRetryTimer_Expires' });
  assert.equal(r.next.state, 'connect');
  assert.ok(types([...r.actions]).includes('connect'));
  const active = step(base, s, { type: 'TcpConnectionFails' }).next;
  assert.equal(active.state, 'active');
  r = step(base, active, { type: 'ConnectRetryTimer_Expires' });
  assert.equal(r.next.state, 'connect');
  assert.ok(types([...r.actions]).includes('connect'));
});

test('DelayOpen: TCP up starts DelayOpenTimer instead of sending OPEN; expiry sends OPEN', () => {
  const cfg = { ...base, delayOpenTimeSecs: 7 };
  const s = run(cfg, initialFsmState(cfg), [{ type: 'ManualStart' }, { type: 'TcpConnectionConfirmed' }]).s;
  assert.equal(s.state, 'connect');
  assert.equal(s.delayOpenRunning, true);
  const r = step(cfg, s, { type: 'DelayOpenTimer_Expires' });
  assert.equal(r.next.state, 'open-sent');
  assert.ok(types([...r.actions]).includes('send-open'));
});

test('DelayOpen: BGPOpen with DelayOpenTimer running answers OPEN + KEEPALIVE → OpenConfirm', () => {
  const cfg = { ...base, delayOpenTimeSecs: 7 };
  const s = run(cfg, initialFsmState(cfg), [{ type: 'ManualStart' }, { type: 'TcpConnectionConfirmed' }]).s;
  const r = step(cfg, s, { type: 'BGPOpen', peerHoldTimeSecs: 60 });
  assert.equal(r.next.state, 'open-confirm');
  const t = types([...r.actions]);
  assert.ok(t.indexOf('send-open') < t.indexOf('send-keepalive'));
  assert.equal(r.next.negotiatedHoldSecs, 60);
});

test('send_notification_without_open: OPEN error before our OPEN gets a NOTIFICATION only when set', () => {
  const error = { code: 2, subcode: 2 };
  for (const flag of [false, true]) {
    const cfg = { ...base, delayOpenTimeSecs: 7, sendNotificationWithoutOpen: flag };
    const s = run(cfg, initialFsmState(cfg), [{ type: 'ManualStart' }, { type: 'TcpConnectionConfirmed' }]).s;
    const r = step(cfg, s, { type: 'BGPOpenMsgErr', error });
    assert.equal(r.next.state, 'idle');
    assert.deepEqual(notifications([...r.actions]), flag ? [[2, 2]] : []);
  }
});

test('OPEN error in OpenSent is answered with its NOTIFICATION', () => {
  const s = run(base, initialFsmState(base), [{ type: 'ManualStart' }, { type: 'Tcp_CR_Acked' }]).s;
  const r = step(base, s, { type: 'BGPOpenMsgErr', error: { code: 2, subcode: 6 } });
  assert.deepEqual(notifications([...r.actions]), [[2, 6]]);
  assert.equal(r.next.state, 'idle');
});

test('unexpected messages: FSM Error with the RFC 6608 subcode of the state', () => {
  const opens = run(base, initialFsmState(base), [{ type: 'ManualStart' }, { type: 'Tcp_CR_Acked' }]).s;
  assert.deepEqual(notifications([...step(base, opens, { type: 'KeepAliveMsg' }).actions]), [[5, 1]]);
  const confirm = step(base, opens, { type: 'BGPOpen', peerHoldTimeSecs: 90 }).next;
  assert.deepEqual(notifications([...step(base, confirm, { type: 'UpdateMsg' }).actions]), [[5, 2]]);
  assert.deepEqual(notifications([...step(base, established(), { type: 'BGPOpen', peerHoldTimeSecs: 90 }).actions]), [[5, 3]]);
});

test('UpdateMsgErr in Established: NOTIFICATION with the UPDATE error, routes released', () => {
  const r = step(base, established(), { type: 'UpdateMsgErr', error: { code: 3, subcode: 1 } });
  assert.deepEqual(notifications([...r.actions]), [[3, 1]]);
  assert.ok(types([...r.actions]).includes('release-resources'));
});

test('OpenCollisionDump: CEASE/7 in OpenSent and OpenConfirm; in Established only with collision_detect_established_state', () => {
  const opens = run(base, initialFsmState(base), [{ type: 'ManualStart' }, { type: 'Tcp_CR_Acked' }]).s;
  assert.deepEqual(notifications([...step(base, opens, { type: 'OpenCollisionDump' }).actions]), [[6, 7]]);
  const confirm = step(base, opens, { type: 'BGPOpen', peerHoldTimeSecs: 90 }).next;
  assert.deepEqual(notifications([...step(base, confirm, { type: 'OpenCollisionDump' }).actions]), [[6, 7]]);
  const est = established();
  assert.equal(step(base, est, { type: 'OpenCollisionDump' }).next.state, 'established');
  const cfg = { ...base, collisionDetectEstablishedState: true };
  const r = step(cfg, established(cfg), { type: 'OpenCollisionDump' });
  assert.equal(r.next.state, 'idle');
  assert.deepEqual(notifications([...r.actions]), [[6, 7]]);
});

test('allow_automatic_stop: AutomaticStop honoured only when set', () => {
  const ev: FsmEvent = { type: 'AutomaticStop', notification: { code: 6, subcode: 1 } };
  const off = { ...base, allowAutomaticStop: false };
  assert.equal(step(off, established(off), ev).next.state, 'established');
  const r = step(base, established(), ev);
  assert.equal(r.next.state, 'idle');
  assert.deepEqual(notifications([...r.actions]), [[6, 1]]);
  assert.equal(r.next.adminDown, false, 'automatic stop is not an administrative stop');
});

test('TcpConnectionFails in OpenSent: back to Active, ConnectRetryTimer restarted', () => {
  const s = run(base, initialFsmState(base), [{ type: 'ManualStart' }, { type: 'Tcp_CR_Acked' }]).s;
  const r = step(base, s, { type: 'TcpConnectionFails' });
  assert.equal(r.next.state, 'active');
  assert.deepEqual(started([...r.actions]), ['ConnectRetry:30']);
});

test('NotifMsgVerErr does not count as a flap (no damping, counter unchanged) in OpenSent', () => {
  const cfg = { ...base, dampPeerOscillations: true };
  const s = run(cfg, initialFsmState(cfg), [{ type: 'ManualStart' }, { type: 'Tcp_CR_Acked' }]).s;
  const r = step(cfg, s, { type: 'NotifMsgVerErr' });
  assert.equal(r.next.connectRetryCounter, s.connectRetryCounter);
  assert.equal(r.next.idleHoldSecs, s.idleHoldSecs);
});

test('replay of a whole session lifecycle: exact states and actions (golden trace)', () => {
  const events: FsmEvent[] = [
    { type: 'ManualStart' },
    { type: 'Tcp_CR_Acked' },
    { type: 'BGPOpen', peerHoldTimeSecs: 30 },
    { type: 'KeepAliveMsg' },
    { type: 'UpdateMsg' },
    { type: 'KeepaliveTimer_Expires' },
    { type: 'NotifMsg' },
    { type: 'IdleHoldTimer_Expires' },
  ];
  let s = initialFsmState(base);
  const trace: string[] = [];
  for (const ev of events) {
    const r = step(base, s, ev, 0);
    s = r.next;
    const acts = r.actions.map((a) =>
      a.type === 'start-timer' ? `start ${a.timer} ${a.secs}` : a.type === 'stop-timer' ? `stop ${a.timer}` : a.type === 'send-notification' ? `notify ${a.notification.code}/${a.notification.subcode}` : a.type,
    );
    trace.push(`${ev.type} -> ${s.state}: ${acts.join(', ')}`);
  }
  assert.deepEqual(trace, [
    'ManualStart -> connect: stop IdleHold, start ConnectRetry 30, connect',
    'Tcp_CR_Acked -> open-sent: stop ConnectRetry, stop DelayOpen, send-open, start Hold 240',
    'BGPOpen -> open-confirm: stop DelayOpen, stop ConnectRetry, send-keepalive, start Keepalive 10, start Hold 30',
    'KeepAliveMsg -> established: start Hold 30, established',
    'UpdateMsg -> established: start Hold 30, process-update',
    'KeepaliveTimer_Expires -> established: send-keepalive, start Keepalive 10',
    'NotifMsg -> idle: stop ConnectRetry, stop Hold, stop Keepalive, stop DelayOpen, stop IdleHold, release-resources, drop-connection, start IdleHold 5',
    'IdleHoldTimer_Expires -> connect: stop IdleHold, start ConnectRetry 30, connect',
  ]);
});
