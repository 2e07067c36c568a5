#!/usr/bin/env node
// Runs the compiled test suite with Node's built-in test runner.
// Usage: node scripts/run-tests.mjs [test/sub/dir ...]   (paths relative to the project root; default: test)
// Files run one at a time: many start daemons, namespaces and brokers, and CI has 2 cores.
// Expects `npm run build` to have compiled test/**/*.test.ts into dist/test/**/*.test.js.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const roots = (process.argv.slice(2).length ? process.argv.slice(2) : ['test']).map((p) => join(root, 'dist', p));

/** Recursively collects *.test.js files under dir, sorted for a stable order. */
function collect(dir) {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return dir.endsWith('.test.js') ? [dir] : [];
  return readdirSync(dir).sort().flatMap((name) => collect(join(dir, name)));
}

const files = roots.flatMap(collect);
if (files.length === 0) {
  console.error(`run-tests: no compiled test files under ${roots.map((r) => relative(root, r)).join(', ')} — did the build run?`);
  process.exit(1);
}
console.log(`run-tests: ${files.length} test files`);
const res = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files.map((f) => relative(root, f))], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, BAMBU_ROOT: root },
});
process.exit(res.status ?? 1);
