/** MAC mobility rules and duplicate detection (RFC 7432 §15), src/evpn/mobility.ts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicateDetector, best, beats, nextSequence } from '../../../src/evpn/index.js';

const c = (vtep: string, sequence: number, sticky = false) => ({ vtep, sequence, sticky });

test('highest sequence wins; sticky beats any sequence; ties go to the lower VTEP address (numeric)', () => {
  assert.ok(beats(c('10.0.0.9', 2), c('10.0.0.1', 1)));
  assert.ok(beats(c('10.0.0.9', 0, true), c('10.0.0.1', 7)));
  assert.ok(beats(c('10.0.0.9', 1), c('10.0.0.10', 1)), '10.0.0.9 < 10.0.0.10 numerically');
  assert.ok(!beats(c('10.0.0.10', 1), c('10.0.0.9', 1)));
  assert.deepEqual(best([c('10.0.0.3', 1), c('10.0.0.2', 3), c('10.0.0.1', 3)]), c('10.0.0.1', 3));
  assert.equal(best([]), undefined);
});

test('a local re-learn goes one above the remote winner and never below what we sent', () => {
  assert.equal(nextSequence(undefined, undefined), 0);
  assert.equal(nextSequence(c('10.0.0.2', 4), 1), 5);
  assert.equal(nextSequence(c('10.0.0.2', 0), 6), 6);
  assert.equal(nextSequence(undefined, 3), 3);
});

test('N moves within M seconds freeze the MAC; moves outside the window do not count; clear unfreezes', () => {
  const d = new DuplicateDetector({ maxMoves: 3, windowSecs: 10 });
  assert.equal(d.move('m', 0), false);
  assert.equal(d.move('m', 11), false); // the first one left the window
  assert.equal(d.count('m'), 1);
  assert.equal(d.move('m', 12), false);
  assert.equal(d.move('m', 13), true);
  assert.ok(d.isFrozen('m'));
  assert.deepEqual(d.frozen(), [{ id: 'm', moves: 3, since: 13 }]);
  assert.equal(d.move('m', 14), false, 'no double freeze');
  assert.ok(d.clear('m'));
  assert.ok(!d.isFrozen('m'));
  assert.equal(d.count('m'), 0);
});
