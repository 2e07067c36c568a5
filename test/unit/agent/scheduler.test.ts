/** choose_hyper_switch (src/agent/scheduler.ts): issue 4, done-when 4 (pure part). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chooseHyperSwitch, HyperSwitchRegistry, parseHyperSwitchState, type HyperSwitchRecord } from '../../../src/agent/scheduler.js';

const rec = (id: string, vif_count: number, capacity: number, heartbeatAt: number, az = 'nova'): HyperSwitchRecord => ({
  state: { id, host: `host-${id}`, ip: '', capacity, vif_count, availability_zone: az },
  heartbeatAt,
});

describe('chooseHyperSwitch', () => {
  const now = 1_000_000;

  it('picks the least-loaded live node (by fill ratio, then count, then id)', () => {
    assert.equal(chooseHyperSwitch([rec('a', 5, 10, now), rec('b', 2, 10, now), rec('c', 3, 10, now)], now, 30).id, 'b');
    assert.equal(chooseHyperSwitch([rec('a', 5, 100, now), rec('b', 2, 10, now)], now, 30).id, 'a', '5 % beats 20 %');
    assert.equal(chooseHyperSwitch([rec('b', 0, 10, now), rec('a', 0, 10, now)], now, 30).id, 'a', 'tie → id');
  });

  it('skips a node whose heartbeat lapsed, even if it is the least loaded', () => {
    const recs = [rec('busy', 8, 10, now - 5), rec('idle', 0, 10, now - 31)];
    assert.equal(chooseHyperSwitch(recs, now, 30).id, 'busy');
    assert.equal(chooseHyperSwitch(recs, now - 10, 30).id, 'idle', 'alive at an earlier time');
  });

  it('skips full nodes and other availability zones', () => {
    assert.equal(chooseHyperSwitch([rec('full', 10, 10, now), rec('ok', 9, 10, now)], now, 30).id, 'ok');
    assert.equal(chooseHyperSwitch([rec('a', 0, 10, now, 'az1'), rec('b', 5, 10, now, 'az2')], now, 30, 'az2').id, 'b');
  });

  it('none fits → UNAVAILABLE naming why each node was skipped', () => {
    assert.throws(
      () => chooseHyperSwitch([rec('dead', 0, 10, now - 100), rec('full', 4, 4, now)], now, 30),
      (e: Error & { code?: string }) => e.code === 'UNAVAILABLE' && /no live Hyper Switch with free capacity: dead dead \(last heartbeat 100 s ago\); full full \(4\/4\)/.test(e.message),
    );
    assert.throws(() => chooseHyperSwitch([], now, 30), /no live Hyper Switch with free capacity \(no Hyper Switch has reported\)/);
    assert.throws(() => chooseHyperSwitch([rec('a', 0, 1, now, 'az1')], now, 30, 'az9'), /in availability zone az9: a in zone az1/);
  });
});

describe('HyperSwitchRegistry', () => {
  it('times heartbeats with its own clock and forgets nothing', () => {
    let t = 100;
    const reg = new HyperSwitchRegistry(() => t);
    reg.report(parseHyperSwitchState({ id: 'a', host: 'h', capacity: 10, vif_count: 1, availability_zone: 'nova' }));
    t = 110;
    reg.report(parseHyperSwitchState({ id: 'b', host: 'h', capacity: 10, vif_count: 5, availability_zone: 'nova' }));
    assert.equal(reg.choose(30), reg.list()[0]!.state);
    t = 135; // a: 35 s old (dead), b: 25 s
    assert.equal(reg.choose(30).id, 'b');
    t = 150;
    assert.throws(() => reg.choose(30), /a dead .*; b dead/);
  });

  it('rejects malformed reports naming the key', () => {
    assert.throws(() => parseHyperSwitchState({ id: 'a', host: 'h', capacity: 0, vif_count: 0, availability_zone: 'z' }), /^.*state\.capacity:/);
    assert.throws(() => parseHyperSwitchState({ id: 'a', capacity: 1, vif_count: 0, availability_zone: 'z' }), /state\.host:/);
  });
});
