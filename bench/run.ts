/**
 * The whole bench run: sizes per mode, table generation, the steps in order, the report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../test/helpers/proc.js';
import { runConvergence, type ConvergenceResult } from './convergence.js';
import { buildTable, encodePeerUpdates, loadLengthMix, toBlocks } from './gen/table.js';
import { note } from './lib/progress.js';
import { birdTarget } from './targets/bird.js';
import { bambudTarget } from './targets/bambud.js';
import { frrTarget } from './targets/frr.js';
import { gobgpTarget } from './targets/gobgp.js';
import type { Target } from './targets/types.js';
import { runCodecBench, type CodecResult } from './codec.js';
import { runApiBench, type ApiResult } from './api.js';
import { printReport } from './report.js';

/** Options from the command line. */
export interface BenchOptions {
  readonly mode: 'smoke' | 'default' | 'full';
  readonly peers?: number;
  readonly prefixes?: number;
  readonly timeoutSecs?: number;
  readonly targets?: readonly string[];
  readonly codec: boolean;
  readonly api: boolean;
  readonly profile: boolean;
  /** JSON report path; default bench/results/bench-MODE-DATE.json. */
  readonly out?: string;
}

/** Sizes and limits per mode. */
export const MODES = {
  smoke: { peers: 2, prefixes: 1_000, timeoutSecs: 60, maxOldSpaceMiB: undefined },
  default: { peers: 10, prefixes: 100_000, timeoutSecs: 180, maxOldSpaceMiB: undefined },
  full: { peers: 10, prefixes: 1_000_000, timeoutSecs: 1_500, maxOldSpaceMiB: 16_384 },
} as const;

/** Every target, in run order. */
export const TARGETS: readonly Target[] = [bambudTarget, birdTarget, frrTarget, gobgpTarget];

/** Everything one run measured (the JSON file). */
export interface BenchReport {
  readonly date: string;
  readonly mode: BenchOptions['mode'];
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly memoryGiB: number; readonly node: string };
  readonly peers: number;
  readonly prefixes: number;
  readonly updatesPerPeer: number;
  readonly convergence: readonly ConvergenceResult[];
  readonly codec?: CodecResult;
  readonly api?: ApiResult;
}

/**
 * Runs the steps and writes the JSON report (opts.out, default bench/results/bench-MODE-DATE.json).
 * @returns false when some step could not run at all (the report says which)
 */
export async function runBench(opts: BenchOptions): Promise<boolean> {
  const mode = MODES[opts.mode];
  const peers = opts.peers ?? mode.peers;
  const prefixes = opts.prefixes ?? mode.prefixes;
  const timeoutMs = (opts.timeoutSecs ?? mode.timeoutSecs) * 1000;
  const unknown = (opts.targets ?? []).filter((t) => !TARGETS.some((x) => x.name === t));
  if (unknown.length > 0) throw new Error(`unknown target(s) ${unknown.join(', ')}: choose from ${TARGETS.map((t) => t.name).join(', ')}`);
  const targets = opts.targets ? TARGETS.filter((t) => opts.targets!.includes(t.name)) : TARGETS;

  note(`bench ${opts.mode}: ${peers} peers × ${prefixes} prefixes; generating the table …`);
  const t0 = performance.now();
  const table = buildTable(peers, prefixes, loadLengthMix(ROOT));
  const messages = Array.from({ length: peers }, (_, p) => encodePeerUpdates(table, p));
  const blocks = messages.map((m) => toBlocks(m));
  note(`table: ${table.prefixes.length} prefixes, ${messages[0]!.length} UPDATEs per peer, ${table.originPaths.length} origin paths (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  let ok = true;
  let codec: CodecResult | undefined;
  if (opts.codec) {
    note('codec micro-benchmarks …');
    codec = runCodecBench(table, messages);
  }
  const convergence: ConvergenceResult[] = [];
  for (const target of targets) {
    convergence.push(await runConvergence(target, table, blocks, { timeoutMs, setupMs: 30_000, start: { maxOldSpaceMiB: mode.maxOldSpaceMiB } }));
  }
  let api: ApiResult | undefined;
  if (opts.api) {
    note('bambud API and memory run …');
    try {
      api = await runApiBench(table, blocks, { timeoutMs, profile: opts.profile, maxOldSpaceMiB: mode.maxOldSpaceMiB });
    } catch (err) {
      ok = false;
      note(`API / memory run failed: ${(err as Error).message}`);
      api = { status: 'failed', reason: (err as Error).message.slice(0, 600) };
    }
  }
  const report: BenchReport = {
    date: new Date().toISOString(),
    mode: opts.mode,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    peers,
    prefixes: table.prefixes.length,
    updatesPerPeer: messages[0]!.length,
    convergence,
    codec,
    api,
  };
  printReport(report);
  const file = opts.out ?? join(ROOT, 'bench', 'results', `bench-${opts.mode}-${report.date.replace(/[:.]/g, '-')}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  note(`results written to ${file}`);
  return ok;
}
