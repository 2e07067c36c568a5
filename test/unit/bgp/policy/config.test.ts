/**
 * The YAML policy sections (`defined-sets`, `policy-definitions`, per-peer `import-policy` /
 * `export-policy` / `*-default-action`) through the config schema and their translation into
 * policy definitions, which a PolicyStore accepts and evaluates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../../src/config/index.js';
import { assignmentsFromConfig, definedSetsFromConfig, policyFromConfig } from '../../../../src/bgp/policy-config.js';
import { PolicyStore } from '../../../../src/bgp/policy/index.js';
import { ORIGIN } from '../../../../src/bgp/types.js';

const YAML = `defined-sets:
  prefix-sets:
    - name: bogons
      prefixes:
        - prefix: 10.0.0.0/8
          masklength-range: "8..32"
        - prefix: 192.168.0.0/16
  neighbor-sets: [{ name: peers, addresses: [127.0.0.2, 127.1.0.0/16] }]
  as-path-sets: [{ name: via-65001, patterns: ["_65001_"] }]
  community-sets: [{ name: prefer, communities: ["65001:100", no-export] }]
  ext-community-sets: [{ name: rts, ext-communities: ["rt:65000:100"] }]
  large-community-sets: [{ name: lc, large-communities: ["65000:1:2"] }]
policy-definitions:
  - name: in
    statements:
      - conditions:
          match-prefix-set: { set-name: bogons }
        actions: { reject: true }
      - conditions:
          match-community-set: { set-name: prefer, match-option: all }
          match-as-path-set: { set-name: via-65001 }
        actions: { local-pref: 300, med: 1, add-communities: ["65000:9"], remove-communities: ["no-export"], accept: true }
peers:
  - address: 127.0.0.2
    import-policy: [in]
    import-default-action: reject
  - address: 127.0.0.3
    export-policy: []
`;

test('policy YAML parses, translates, loads into a store and evaluates as written', () => {
  const c = parseConfig(YAML, 'p.yaml');
  const sets = definedSetsFromConfig(c['defined-sets']);
  assert.deepEqual(sets.map((s) => [s.path, s.def.type, s.def.name]), [
    ['defined-sets.prefix-sets[0]', 'prefix-set', 'bogons'],
    ['defined-sets.neighbor-sets[0]', 'neighbor-set', 'peers'],
    ['defined-sets.as-path-sets[0]', 'as-path-set', 'via-65001'],
    ['defined-sets.community-sets[0]', 'community-set', 'prefer'],
    ['defined-sets.ext-community-sets[0]', 'ext-community-set', 'rts'],
    ['defined-sets.large-community-sets[0]', 'large-community-set', 'lc'],
  ]);
  assert.deepEqual(sets[0]!.def, { type: 'prefix-set', name: 'bogons', prefixes: [{ prefix: '10.0.0.0/8', masklengthRange: '8..32' }, { prefix: '192.168.0.0/16' }] });
  const store = new PolicyStore();
  for (const s of sets) store.addDefinedSet(s.def, true);
  const policy = policyFromConfig(c['policy-definitions']![0]!);
  assert.deepEqual(policy.statements[1]!.conditions, { matchAsPathSet: { setName: 'via-65001', matchOption: 'any' }, matchCommunitySet: { setName: 'prefer', matchOption: 'all' } });
  store.addPolicy(policy);
  assert.deepEqual(assignmentsFromConfig(c.peers[0]!), [['import', { policyNames: ['in'], defaultAction: 'reject' }]]);
  assert.deepEqual(assignmentsFromConfig(c.peers[1]!), [['export', { policyNames: [], defaultAction: 'accept' }]]);
  for (const [dir, a] of assignmentsFromConfig(c.peers[0]!)) store.setAssignment('127.0.0.2', dir, a);
  const chain = store.chain('127.0.0.2', 'import')!;
  const attrs = { origin: ORIGIN.IGP, asPath: [{ type: 2 as const, asns: [65001] }], atomicAggregate: false, communities: [65001 * 65536 + 100, 0xffffff01] };
  const r = chain({ prefix: '203.0.113.0/24', neighbor: '127.0.0.2', attrs });
  assert.ok(r.accept);
  assert.deepEqual([r.attrs.localPref, r.attrs.med, r.attrs.communities], [300, 1, [65001 * 65536 + 100, 65000 * 65536 + 9]]);
  assert.deepEqual(chain({ prefix: '10.1.0.0/16', neighbor: '127.0.0.2', attrs }), { accept: false });
  assert.deepEqual(chain({ prefix: '203.0.113.0/24', neighbor: '127.0.0.2', attrs: { ...attrs, communities: [65001 * 65536 + 100] } }), { accept: false }, 'default reject');
});

test('policy YAML errors name the key and line', () => {
  assert.throws(() => parseConfig('policy-definitions:\n  - name: x\n    statements:\n      - actions: { accept: true, drop: true }\n', 'p.yaml'), /p\.yaml:4: policy-definitions\[0\]\.statements\[0\]\.actions\.drop: unknown key/);
  assert.throws(() => parseConfig('defined-sets:\n  prefix-sets:\n    - name: a\n      prefixes: [{ prefix: 10.0.0.0/8, range: "8..9" }]\n', 'p.yaml'), /p\.yaml:4: defined-sets\.prefix-sets\[0\]\.prefixes\[0\]\.range: unknown key/);
  assert.throws(() => parseConfig('policy-definitions:\n  - name: x\n    statements:\n      - conditions: { match-prefix-set: { set-name: a, match-option: some } }\n', 'p.yaml'), /match-option/);
  assert.throws(() => parseConfig('policy-definitions:\n  - name: x\n    statements:\n      - actions: { accept: true, reject: true }\n', 'p.yaml'), /exclusive/);
});
