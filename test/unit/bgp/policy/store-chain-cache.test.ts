/**
 * PolicyStore.chain's per-route cache (src/bgp/policy/store.ts): the answer for a peer and
 * direction — including "no policy" — follows every assignment, policy and peer change, and the
 * two directions of one peer are cached independently.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PolicyStore } from '../../../../src/bgp/policy/index.js';
import type { PolicyResult } from '../../../../src/bgp/policy/compile.js';
import { ORIGIN, type PathAttributes } from '../../../../src/bgp/types.js';

const BASE: PathAttributes = { origin: ORIGIN.IGP, asPath: [{ type: 2, asns: [65001] }], nextHop: '192.0.2.1', atomicAggregate: false };
/** MED of an accepted result (fails the test for a rejection). */
function medOf(r: PolicyResult): number | undefined {
  assert.ok(r.accept, 'accepted');
  return r.attrs.med;
}

const route = { prefix: '192.0.2.0/24', neighbor: '127.0.0.2', attrs: BASE };

function storeWithPolicies(): PolicyStore {
  const s = new PolicyStore();
  s.addPolicy({ name: 'med', statements: [{ conditions: {}, actions: { addCommunities: [], removeCommunities: [], med: 7 } }] });
  s.addPolicy({ name: 'drop', statements: [{ conditions: {}, actions: { addCommunities: [], removeCommunities: [], reject: true } }] });
  return s;
}

test('chain: "no policy" is cached yet replaced as soon as an assignment appears, and back after it is cleared', () => {
  const s = storeWithPolicies();
  assert.equal(s.chain('127.0.0.2', 'import'), undefined);
  assert.equal(s.chain('127.0.0.2', 'import'), undefined);
  s.setAssignment('127.0.0.2', 'import', { policyNames: ['med'], defaultAction: 'accept' });
  const c = s.chain('127.0.0.2', 'import');
  assert.ok(c);
  assert.equal(medOf(c(route)), 7);
  assert.equal(s.chain('127.0.0.2', 'export'), undefined, 'the other direction has no policy');
  assert.equal(s.chain('127.0.0.3', 'import'), undefined, 'another peer has no policy');
  s.setAssignment('127.0.0.2', 'import', { policyNames: [], defaultAction: 'accept' });
  assert.equal(s.chain('127.0.0.2', 'import'), undefined);
});

test('chain: directions and peers are independent; clearPeer forgets both directions', () => {
  const s = storeWithPolicies();
  s.setAssignment('127.0.0.2', 'import', { policyNames: ['med'], defaultAction: 'accept' });
  s.setAssignment('127.0.0.2', 'export', { policyNames: ['drop'], defaultAction: 'accept' });
  s.setAssignment('127.0.0.3', 'import', { policyNames: ['drop'], defaultAction: 'accept' });
  assert.equal(s.chain('127.0.0.2', 'import')!(route).accept, true);
  assert.equal(s.chain('127.0.0.2', 'export')!(route).accept, false);
  assert.equal(s.chain('127.0.0.3', 'import')!(route).accept, false);
  s.clearPeer('127.0.0.2');
  assert.equal(s.chain('127.0.0.2', 'import'), undefined);
  assert.equal(s.chain('127.0.0.2', 'export'), undefined);
  assert.equal(s.chain('127.0.0.3', 'import')!(route).accept, false, 'the other peer keeps its chain');
});

test('chain: a replaced policy takes effect on the next call for every peer using it', () => {
  const s = storeWithPolicies();
  s.setAssignment('127.0.0.2', 'import', { policyNames: ['med'], defaultAction: 'accept' });
  assert.equal(medOf(s.chain('127.0.0.2', 'import')!(route)), 7);
  s.addPolicy({ name: 'med', statements: [{ conditions: {}, actions: { addCommunities: [], removeCommunities: [], med: 9 } }] });
  assert.equal(medOf(s.chain('127.0.0.2', 'import')!(route)), 9);
});
