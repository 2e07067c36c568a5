/**
 * `npm run bench` harness at smoke size (issue 6): every target (bambud, BIRD, FRR, GoBGP) runs the
 * convergence test and must converge to exactly the expected table; the codec and API steps run.
 * Timings are not asserted (they live in docs/bench.md), only that every step ran correctly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, run } from '../helpers/proc.js';

test('bench --smoke: all four targets converge to the expected table; codec and API steps run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bambu-bench-'));
  try {
    const out = join(dir, 'r.json');
    const r = run(process.execPath, [join(ROOT, 'dist', 'bench', 'index.js'), '--smoke', '--out', out], { cwd: ROOT, timeoutMs: 300_000, check: false });
    assert.equal(r.status, 0, `bench exited ${r.status}: ${r.stderr}\n${r.stdout}`);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    assert.deepEqual(report.convergence.map((c: { target: string }) => c.target), ['bambud', 'bird', 'frr', 'gobgp']);
    for (const c of report.convergence) {
      assert.equal(c.status, 'ok', `${c.target}: ${c.status} ${c.reason ?? ''}`);
      assert.equal(c.correct, c.prefixes, `${c.target}: ${c.correct} of ${c.prefixes} prefixes with the expected path`);
    }
    assert.ok(report.codec.decode.prefixesPerSecond > 0);
    assert.ok(report.codec.encode.prefixesPerSecond > 0);
    assert.equal(report.api.status, 'ok', report.api.reason);
    assert.match(r.stdout, /bambud ÷/, 'the table with ratios is printed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('convergence-profile at smoke size: bambud converges and the profile names the RIB code', () => {
  const r = run(process.execPath, [join(ROOT, 'dist', 'bench', 'convergence-profile.js'), '--peers', '2', '--prefixes', '2000'], { cwd: ROOT, timeoutMs: 180_000, check: false });
  assert.equal(r.status, 0, `convergence-profile exited ${r.status}: ${r.stderr}\n${r.stdout}`);
  assert.match(r.stdout, /^bambud ok in [\d.]+ s/m);
  assert.match(r.stdout, /CPU profile \([\d.]+ s, idle [\d.]+ %\)/);
  assert.match(r.stdout, /src\/bgp\/(rib|wire|instance)\//, 'bambud functions appear among the samples');
});
