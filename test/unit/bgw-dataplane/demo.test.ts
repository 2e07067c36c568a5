/** `bambu demo two-sites` refuses to run without root, before creating anything. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runTwoSites } from '../../../src/cli/demo/two-sites.js';

test('demo two-sites without root: clear error, no output, nothing created', async () => {
  const lines: string[] = [];
  await assert.rejects(runTwoSites({ vni: 5000, keep: false, out: (l) => lines.push(l), uid: 1000 }), /needs root to create network namespaces: run it with sudo/);
  assert.deepEqual(lines, []);
});
