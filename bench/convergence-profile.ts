/**
 * Where bambud's convergence time goes (compiled to dist/bench/convergence-profile.js):
 *   node dist/bench/convergence-profile.js [--peers N] [--prefixes M] [--top K] [--timeout SECS]
 * One convergence run of bambud alone (the table and topology of `npm run bench`, default
 * 10 × 1,000,000) with the V8 CPU profiler on from start-up to convergence (1 ms sampling; the
 * profiler costs some 10–25 % of the time), then the top self-time functions and files.
 * Unlike the API run's profile (bench/api.ts), it covers nothing but receiving, deciding and
 * advertising the tables. Exit status 0 when bambud converged and a profile was collected.
 */
import { Command, InvalidArgumentError } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConvergence } from './convergence.js';
import { buildTable, encodePeerUpdates, loadLengthMix, toBlocks } from './gen/table.js';
import { note } from './lib/progress.js';
import { collectProfile, type ProfileSummary } from './profile.js';
import { bambudTarget } from './targets/bambud.js';
import { ROOT } from '../test/helpers/proc.js';

const int = (name: string) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
  return n;
};

const o = new Command('convergence-profile')
  .description('CPU profile of bambud over one convergence run (receive, decide, advertise)')
  .option('--peers <n>', 'tester peers', int('--peers'), 10)
  .option('--prefixes <n>', 'prefixes per tester', int('--prefixes'), 1_000_000)
  .option('--top <n>', 'functions and files listed', int('--top'), 25)
  .option('--timeout <secs>', 'convergence limit, seconds', int('--timeout'), 600)
  .parse()
  .opts<{ peers: number; prefixes: number; top: number; timeout: number }>();

const dir = mkdtempSync(join(tmpdir(), 'bambu-conv-prof-'));
let profile: ProfileSummary | undefined;
note(`convergence profile: ${o.peers} peers × ${o.prefixes} prefixes; generating the table …`);
const table = buildTable(o.peers, o.prefixes, loadLengthMix(ROOT));
const blocks = Array.from({ length: o.peers }, (_, p) => toBlocks(encodePeerUpdates(table, p)));
const res = await runConvergence(bambudTarget, table, blocks, {
  timeoutMs: o.timeout * 1000,
  setupMs: 30_000,
  start: { cpuProfileDir: dir, maxOldSpaceMiB: 16_384 },
  // Collected at convergence, before the peers disconnect (their session teardown is not in it).
  beforeStop: async (r) => {
    profile = await collectProfile(r.pid, dir, () => r.alive(), o.top);
  },
});
rmSync(dir, { recursive: true, force: true });
const out: string[] = [`bambud ${res.status}${res.seconds !== undefined ? ` in ${res.seconds} s` : ''}${res.cpuSeconds !== undefined ? `, ${res.cpuSeconds} CPU s` : ''}${res.reason ? `: ${res.reason}` : ''}`];
if (profile) {
  out.push(`CPU profile (${profile.seconds} s, idle ${profile.idlePercent} %), self time of non-idle samples:`);
  for (const f of profile.topFunctions) out.push(`  ${f.percent.toFixed(1).padStart(5)}%  ${f.name}`);
  out.push('by file:');
  for (const f of profile.topFiles) out.push(`  ${f.percent.toFixed(1).padStart(5)}%  ${f.name}`);
}
process.stdout.write(`${out.join('\n')}\n`);
process.exit(res.status === 'ok' && profile ? 0 : 1);
