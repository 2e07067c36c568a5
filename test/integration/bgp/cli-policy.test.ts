/**
 * `bambu bmp …`, `bambu defined-set …` and `bambu policy …` (dist/src/bin/bambu.js) against a real
 * bambud: add / list / remove as tables and JSON, policies from options and from a statements
 * file, assignment shown on the peer, and refusals (referenced set, unknown policy) as the gRPC
 * status message on stderr with exit status 1.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BAMBU, run } from '../../helpers/proc.js';
import { startTestBambud, type TestBambud } from '../../helpers/grpc.js';

let d: TestBambud;
const dir = mkdtempSync(join(tmpdir(), 'bambu-cli5-'));

before(async () => {
  d = await startTestBambud('peers:\n  - address: 127.0.0.2:17960\n    asn: 65060\n');
});
after(async () => {
  await d?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function bambu(args: string[]) {
  return run(process.execPath, [BAMBU, ...args], { check: false, env: { ...process.env, BAMBU_GRPC: d.grpc } });
}

function ok(args: string[]): string {
  const r = bambu(args);
  assert.equal(r.status, 0, `bambu ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

test('bmp add / list / remove', () => {
  assert.match(ok(['bmp', 'add', '127.0.0.1:9', '--statistics-timeout', '30']), /BMP server 127\.0\.0\.1:9 added/);
  assert.match(ok(['bmp', 'list']), /127\.0\.0\.1:9/);
  assert.deepEqual(JSON.parse(ok(['bmp', 'list', '--json'])), [{ address: '127.0.0.1:9' }]);
  assert.match(ok(['bmp', 'remove', '127.0.0.1:9']), /removed/);
  const r = bambu(['bmp', 'remove', '127.0.0.1:9']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^bambu: .*not found.*\(NOT_FOUND\)/);
});

test('defined-set add (members, ranges, --replace) / list / remove', () => {
  ok(['defined-set', 'add', 'prefix-set', 'bogons', '10.0.0.0/8,8..32', '192.168.0.0/16']);
  ok(['defined-set', 'add', 'prefix-set', 'bogons', '172.16.0.0/12,..24']);
  ok(['defined-set', 'add', 'community-set', 'prefer', '65060:100', 'no-export']);
  const sets = JSON.parse(ok(['defined-set', 'list', '--json']));
  assert.deepEqual(sets, [
    { set_type: 'prefix-set', name: 'bogons', members: ['10.0.0.0/8,8..32', '192.168.0.0/16', '172.16.0.0/12,..24'] },
    { set_type: 'community-set', name: 'prefer', members: ['65060:100', 'no-export'] },
  ]);
  ok(['defined-set', 'add', 'community-set', 'prefer', '65060:200', '--replace']);
  assert.match(ok(['defined-set', 'list', '--type', 'community-set']), /prefer\s*│\s*65060:200\s/);
  const bad = bambu(['defined-set', 'add', 'prefix-set', 'x', '10.0.0.0/8,4..8']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /masklength_range.*\(INVALID_ARGUMENT\)/);
});

test('policy add from options and from a file / list / assign / remove; refusals', () => {
  ok(['policy', 'add', 'drop-bogons', '--match-prefix-set', 'bogons', '--reject']);
  writeFileSync(join(dir, 'st.yaml'), 'statements:\n  - conditions:\n      match-community-set: { set-name: prefer, match-option: invert }\n    actions: { local-pref: 50, add-communities: ["65060:1:2"], accept: true }\n');
  ok(['policy', 'add', 'demote', '--file', join(dir, 'st.yaml')]);
  const table = ok(['policy', 'list']);
  assert.match(table, /drop-bogons\s*│\s*1\s*│\s*IF prefix-set bogons THEN reject/);
  assert.match(table, /IF community-set prefer \(invert\) THEN local-pref 50, add 65060:1:2, accept/);
  const listed = JSON.parse(ok(['policy', 'list', 'demote', '--json']));
  assert.equal(listed[0].statements[0].actions.localPref, 50);
  assert.match(ok(['policy', 'assign', '127.0.0.2', 'import', 'drop-bogons', 'demote', '--default', 'reject']), /import policies of 127\.0\.0\.2: \[drop-bogons, demote\], default reject/);
  const peers = JSON.parse(ok(['peer', 'list', '--json']));
  assert.deepEqual(peers.find((p: { address: string }) => p.address === '127.0.0.2').import_policies, ['drop-bogons', 'demote']);
  const inUse = bambu(['defined-set', 'remove', 'prefix-set', 'bogons']);
  assert.equal(inUse.status, 1);
  assert.match(inUse.stderr, /referenced by policy drop-bogons.*\(FAILED_PRECONDITION\)/);
  const unknown = bambu(['policy', 'assign', '127.0.0.2', 'export', 'nope']);
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /nope.*\(NOT_FOUND\)/);
  ok(['policy', 'assign', '127.0.0.2', 'import']);
  ok(['policy', 'remove', 'drop-bogons']);
  ok(['policy', 'remove', 'demote']);
  ok(['defined-set', 'remove', 'prefix-set', '--all']);
  assert.deepEqual(JSON.parse(ok(['defined-set', 'list', '--type', 'prefix-set', '--json'])), []);
});
