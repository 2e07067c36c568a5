/**
 * Policy evaluation and the policy store: statement order, accept / reject / no decision, default
 * action, every action (local_pref, med, add / remove standard, large and extended communities,
 * regex removal), direct prefix / neighbor conditions, AND of conditions, and the store's rules
 * (merge vs replace, references, FAILED_PRECONDITION, chains compiled once per change).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PolicyStore, type PolicyDef, type StatementDef } from '../../../../src/bgp/policy/index.js';
import { BambuError } from '../../../../src/lib/errors.js';
import { ORIGIN, type PathAttributes } from '../../../../src/bgp/types.js';

const BASE: PathAttributes = { origin: ORIGIN.IGP, asPath: [{ type: 2, asns: [65001] }], nextHop: '192.0.2.1', atomicAggregate: false };
const C = (a: number, b: number) => a * 65536 + b;

function stmt(conditions: StatementDef['conditions'], actions: Partial<StatementDef['actions']>): StatementDef {
  return { conditions, actions: { addCommunities: [], removeCommunities: [], ...actions } };
}

function store(): PolicyStore {
  const s = new PolicyStore();
  s.addDefinedSet({ type: 'prefix-set', name: 'bogons', prefixes: [{ prefix: '10.0.0.0/8', masklengthRange: '8..32' }] }, false);
  s.addDefinedSet({ type: 'community-set', name: 'pref', members: ['65001:100'] }, false);
  s.addDefinedSet({ type: 'neighbor-set', name: 'peer-a', members: ['127.0.0.2'] }, false);
  return s;
}

function run(s: PolicyStore, policy: PolicyDef, route: { prefix: string; neighbor?: string; attrs?: Partial<PathAttributes> }, defaultAction: 'accept' | 'reject' = 'accept') {
  s.addPolicy(policy);
  s.setAssignment('127.0.0.2', 'import', { policyNames: [policy.name], defaultAction });
  return s.chain('127.0.0.2', 'import')!({ prefix: route.prefix, neighbor: route.neighbor ?? '127.0.0.2', attrs: { ...BASE, ...route.attrs } });
}

const IMPORT: PolicyDef = {
  name: 'in',
  statements: [stmt({ matchPrefixSet: { setName: 'bogons', matchOption: 'any' } }, { reject: true }), stmt({ matchCommunitySet: { setName: 'pref', matchOption: 'any' } }, { localPref: 200, accept: true })],
};

test('statements run in order: the first deciding one wins; a match sets local_pref and accepts', () => {
  const s = store();
  assert.deepEqual(run(s, IMPORT, { prefix: '10.1.0.0/16', attrs: { communities: [C(65001, 100)] } }), { accept: false });
  const r = run(s, IMPORT, { prefix: '203.0.113.0/24', attrs: { communities: [C(65001, 100)] } });
  assert.equal(r.accept && r.attrs.localPref, 200);
  const plain = { ...BASE, communities: [C(65001, 7)] };
  const untouched = s.chain('127.0.0.2', 'import')!({ prefix: '203.0.113.0/24', neighbor: '127.0.0.2', attrs: plain });
  assert.ok(untouched.accept && untouched.attrs === plain, 'no statement matched: default accept, the same object (nothing to re-intern)');
});

test('default action reject drops what no statement accepted; a statement without decision modifies and continues', () => {
  const s = store();
  const p: PolicyDef = { name: 'tag', statements: [stmt({}, { med: 5 }), stmt({ matchNeighborSet: { setName: 'peer-a', matchOption: 'any' } }, { addCommunities: ['65000:1'], accept: true })] };
  const r = run(s, p, { prefix: '203.0.113.0/24' }, 'reject');
  assert.ok(r.accept);
  assert.equal(r.attrs.med, 5);
  assert.deepEqual(r.attrs.communities, [C(65000, 1)]);
  assert.deepEqual(run(s, p, { prefix: '203.0.113.0/24', neighbor: '127.0.0.9' }, 'reject'), { accept: false }, 'modified but never accepted');
});

test('conditions are ANDed; invert negates; direct prefix and neighbor conditions', () => {
  const s = store();
  const p: PolicyDef = {
    name: 'and',
    statements: [stmt({ matchPrefixSet: { setName: 'bogons', matchOption: 'invert' }, matchNeighborSet: { setName: 'peer-a', matchOption: 'any' }, prefix: '198.51.100.0/24' }, { accept: true })],
  };
  assert.equal(run(s, p, { prefix: '198.51.100.0/24' }, 'reject').accept, true);
  assert.equal(run(s, p, { prefix: '198.51.100.0/25' }, 'reject').accept, false, 'direct prefix is exact');
  assert.equal(run(s, p, { prefix: '198.51.100.0/24', neighbor: '127.0.0.3' }, 'reject').accept, false);
  const n: PolicyDef = { name: 'n', statements: [stmt({ neighbor: '127.0.0.0/30' }, { reject: true })] };
  assert.equal(run(s, n, { prefix: '198.51.100.0/24', neighbor: '127.0.0.3' }).accept, false);
  assert.equal(run(s, n, { prefix: '198.51.100.0/24', neighbor: '127.0.0.4' }).accept, true);
});

test('community actions: add standard / large / extended without duplicates, remove exact and by regex, remove before add', () => {
  const s = store();
  const p: PolicyDef = {
    name: 'comm',
    statements: [
      stmt({}, {
        removeCommunities: ['65001:.*', 'no-export', '65000:9:9', 'rt:65000:1'],
        addCommunities: ['65000:1:2', '65002:7', 'soo:65000:3', 'NO_ADVERTISE', '65002:7', '65001:100'],
        accept: true,
      }),
    ],
  };
  const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
  const r = run(s, p, {
    prefix: '203.0.113.0/24',
    attrs: {
      communities: [C(65001, 100), C(65001, 200), 0xffffff01, C(65003, 1)],
      largeCommunities: [{ globalAdmin: 65000, localData1: 9, localData2: 9 }],
      extCommunities: [hex('0002fde800000001'), hex('0002fde800000002')],
    },
  });
  assert.ok(r.accept);
  assert.deepEqual(r.attrs.communities, [C(65003, 1), C(65002, 7), 0xffffff02, C(65001, 100)]);
  assert.deepEqual(r.attrs.largeCommunities, [{ globalAdmin: 65000, localData1: 1, localData2: 2 }]);
  assert.deepEqual(r.attrs.extCommunities?.map((e) => Buffer.from(e).toString('hex')), ['0002fde800000002', '0003fde800000003']);
});

test('removing every community drops the attribute (canonical attribute sets for interning)', () => {
  const s = store();
  const r = run(s, { name: 'strip', statements: [stmt({}, { removeCommunities: ['.*'] })] }, { prefix: '203.0.113.0/24', attrs: { communities: [C(1, 1)] } });
  assert.ok(r.accept);
  assert.equal('communities' in r.attrs, false);
});

test('several policies in a chain: evaluation goes on into the next policy until a decision', () => {
  const s = store();
  s.addPolicy({ name: 'a', statements: [stmt({}, { med: 1 })] });
  s.addPolicy({ name: 'b', statements: [stmt({ matchPrefixSet: { setName: 'bogons', matchOption: 'any' } }, { reject: true }), stmt({}, { localPref: 50, accept: true })] });
  s.addPolicy({ name: 'c', statements: [stmt({}, { reject: true })] });
  s.setAssignment('127.0.0.5', 'export', { policyNames: ['a', 'b', 'c'], defaultAction: 'reject' });
  const chain = s.chain('127.0.0.5', 'export')!;
  const r = chain({ prefix: '203.0.113.0/24', neighbor: '', attrs: BASE });
  assert.ok(r.accept && r.attrs.med === 1 && r.attrs.localPref === 50);
  assert.deepEqual(chain({ prefix: '10.9.0.0/16', neighbor: '', attrs: BASE }), { accept: false });
});

test('store: a change rebuilds only the chains it affects (the instance re-evaluates only those peers)', () => {
  const s = store();
  s.addPolicy(IMPORT);
  s.addPolicy({ name: 'other', statements: [stmt({ matchNeighborSet: { setName: 'peer-a', matchOption: 'any' } }, { med: 1 })] });
  s.setAssignment('127.0.0.2', 'import', { policyNames: ['in'], defaultAction: 'accept' });
  s.setAssignment('127.0.0.3', 'import', { policyNames: ['other'], defaultAction: 'accept' });
  const [in1, other1] = [s.chain('127.0.0.2', 'import'), s.chain('127.0.0.3', 'import')];
  s.addDefinedSet({ type: 'community-set', name: 'pref', members: ['65001:200'] }, false);
  assert.notEqual(s.chain('127.0.0.2', 'import'), in1, 'policy "in" uses the changed set');
  assert.equal(s.chain('127.0.0.3', 'import'), other1, 'policy "other" does not');
  s.addDefinedSet({ type: 'as-path-set', name: 'unused', members: ['_1_'] }, false);
  assert.equal(s.chain('127.0.0.3', 'import'), other1);
  s.setAssignment('127.0.0.3', 'import', { policyNames: ['other'], defaultAction: 'reject' });
  assert.notEqual(s.chain('127.0.0.3', 'import'), other1, 'default action changed');
});

test('store: chains are compiled once per change and rebuilt after one; a set change applies to policies using it', () => {
  const s = store();
  s.addPolicy(IMPORT);
  s.setAssignment('127.0.0.2', 'import', { policyNames: ['in'], defaultAction: 'accept' });
  const c1 = s.chain('127.0.0.2', 'import');
  assert.equal(s.chain('127.0.0.2', 'import'), c1, 'cached until something changes');
  const route = { prefix: '192.0.2.0/24', neighbor: '127.0.0.2', attrs: BASE };
  assert.equal(c1!(route).accept, true);
  s.addDefinedSet({ type: 'prefix-set', name: 'bogons', prefixes: [{ prefix: '192.0.2.0/24' }] }, false); // merge
  const c2 = s.chain('127.0.0.2', 'import');
  assert.notEqual(c2, c1);
  assert.equal(c2!(route).accept, false, 'merged member applies');
  assert.equal(c2!({ ...route, prefix: '10.1.0.0/16' }).accept, false, 'old members kept by a merge');
  s.addDefinedSet({ type: 'prefix-set', name: 'bogons', prefixes: [{ prefix: '192.0.2.0/24' }] }, true); // replace
  assert.equal(s.chain('127.0.0.2', 'import')!({ ...route, prefix: '10.1.0.0/16' }).accept, true, 'replace drops old members');
  assert.equal(s.listDefinedSets('prefix-set', 'bogons').length, 1);
});

test('store errors: invalid sets change nothing; referenced sets and assigned policies cannot go; unknown names NOT_FOUND', () => {
  const s = store();
  s.addPolicy(IMPORT);
  const code = (fn: () => unknown, c: string, re?: RegExp) => assert.throws(fn, (e: unknown) => e instanceof BambuError && e.code === c && (!re || re.test(e.message)));
  code(() => s.addDefinedSet({ type: 'prefix-set', name: 'bogons', prefixes: [{ prefix: 'nope' }] }, true), 'INVALID_ARGUMENT', /set\.prefix_set\.prefixes\[0\]\.prefix/);
  assert.deepEqual(s.listDefinedSets('prefix-set')[0], { type: 'prefix-set', name: 'bogons', prefixes: [{ prefix: '10.0.0.0/8', masklengthRange: '8..32' }] }, 'unchanged');
  code(() => s.removeDefinedSet('prefix-set', 'bogons', false), 'FAILED_PRECONDITION', /policy in/);
  code(() => s.removeDefinedSet('community-set', '', true), 'FAILED_PRECONDITION');
  s.removeDefinedSet('neighbor-set', 'peer-a', false);
  code(() => s.removeDefinedSet('neighbor-set', 'peer-a', false), 'NOT_FOUND');
  code(() => s.addPolicy({ name: 'x', statements: [stmt({ matchAsPathSet: { setName: 'missing', matchOption: 'any' } }, {})] }), 'NOT_FOUND', /as-path-set "missing"/);
  code(() => s.addPolicy({ name: 'x', statements: [stmt({}, { accept: true, reject: true })] }), 'INVALID_ARGUMENT', /exclusive/);
  code(() => s.setAssignment('127.0.0.2', 'import', { policyNames: ['nope'], defaultAction: 'accept' }), 'NOT_FOUND');
  s.setAssignment('127.0.0.2', 'import', { policyNames: ['in'], defaultAction: 'accept' });
  code(() => s.removePolicy('in'), 'FAILED_PRECONDITION');
  s.clearPeer('127.0.0.2');
  assert.equal(s.chain('127.0.0.2', 'import'), undefined);
  s.removePolicy('in');
  s.removeDefinedSet('prefix-set', 'bogons', false);
  assert.deepEqual(s.listPolicies(), []);
});

test('routes whose key is not an IP prefix (EVPN NLRI): prefix conditions never match, other conditions still apply', () => {
  const s = store();
  const chain = (defaultAction: 'accept' | 'reject') => {
    s.setAssignment('127.0.0.2', 'import', { policyNames: ['in'], defaultAction });
    return s.chain('127.0.0.2', 'import')!;
  };
  s.addPolicy(IMPORT);
  const evpn = { prefix: '[2][65000:100][0][48][aa:bb:cc:dd:ee:ff][0][]', neighbor: '127.0.0.2', attrs: { ...BASE, communities: [C(65001, 100)] } };
  const r = chain('reject')(evpn);
  assert.ok(r.accept && r.attrs.localPref === 200, 'the prefix-set statement is skipped, the community one applies');
  s.addPolicy({ name: 'p', statements: [stmt({ prefix: '10.0.0.0/8' }, { reject: true })] });
  s.setAssignment('127.0.0.2', 'import', { policyNames: ['p'], defaultAction: 'accept' });
  assert.equal(s.chain('127.0.0.2', 'import')!(evpn).accept, true);
});
