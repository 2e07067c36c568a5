/**
 * `bambu demo two-sites`: runs end to end (the ping crosses both ways, exit 0), prints its steps,
 * and leaves no namespace behind. (The refusal without root: test/unit/bgw-dataplane/demo.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BAMBU, run } from '../../helpers/proc.js';

test('demo two-sites: ping crosses both ways, everything cleaned up', () => {
  const r = run(process.execPath, [BAMBU, 'demo', 'two-sites'], { check: false, timeoutMs: 120_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  for (const step of ['[1/6]', '[4/6]', '[5/6]', '[6/6] done']) assert.ok(r.stdout.includes(step), `step ${step} printed`);
  assert.match(r.stdout, /hostA → hostB: OK, the ping crossed/);
  assert.match(r.stdout, /hostB → hostA: OK, the ping crossed/);
  assert.match(r.stdout, /\$ bambu l2-remote-mac-create 52:54:00:00:00:02 [0-9a-f-]{36} --ipaddr=10\.100\.0\.2/);
  const tag = /namespaces (bambu-demo-\d+)-/.exec(r.stdout)?.[1];
  assert.ok(tag, 'namespace prefix printed');
  assert.equal(run('ip', ['netns', 'list']).stdout.includes(tag), false, 'no namespace left');
});
