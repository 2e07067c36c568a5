/**
 * `npm run bench` entry (compiled to dist/bench/index.js):
 *   node dist/bench/index.js [--smoke | --full] [--peers N] [--prefixes M] [--timeout SECS]
 *                            [--targets bambud,bird,frr,gobgp] [--no-codec] [--no-api]
 *                            [--no-profile] [--out FILE]
 * Runs the codec micro-benchmarks, convergence against every target one after another, and the
 * bambud API / memory run; prints a table and writes JSON to bench/results/.
 * Exit status: 0 when every step ran (a missing or failed target is a row, not an error),
 * 1 when the harness itself failed, 2 for bad options.
 */
import { Command, InvalidArgumentError } from 'commander';
import { runBench } from './run.js';

const int = (name: string) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer`);
  return n;
};

const program = new Command('bench')
  .description('Bambu benchmarks: convergence vs BIRD, FRR and GoBGP; codec; API; memory per route')
  .option('--smoke', 'tiny sizes (2 × 1000) for CI: exercises every step quickly')
  .option('--full', 'full sizes (10 × 1,000,000)')
  .option('--peers <n>', 'tester peers (overrides the mode)', int('--peers'))
  .option('--prefixes <n>', 'prefixes per tester (overrides the mode)', int('--prefixes'))
  .option('--timeout <secs>', 'per-target convergence limit, seconds', int('--timeout'))
  .option('--targets <list>', 'comma-separated subset of bambud,bird,frr,gobgp')
  .option('--no-codec', 'skip the codec micro-benchmarks')
  .option('--no-api', 'skip the bambud API / memory run')
  .option('--no-profile', 'do not CPU-profile bambud in the API / memory run')
  .option('--out <file>', 'write the JSON report to FILE instead of bench/results/bench-MODE-DATE.json');

program.parse();
const o = program.opts<{ smoke?: boolean; full?: boolean; peers?: number; prefixes?: number; timeout?: number; targets?: string; codec: boolean; api: boolean; profile: boolean; out?: string }>();
if (o.smoke && o.full) {
  process.stderr.write('bench: --smoke and --full exclude each other\n');
  process.exit(2);
}

runBench({
  mode: o.smoke ? 'smoke' : o.full ? 'full' : 'default',
  peers: o.peers,
  prefixes: o.prefixes,
  timeoutSecs: o.timeout,
  targets: o.targets?.split(',').map((s) => s.trim()).filter(Boolean),
  codec: o.codec,
  api: o.api,
  profile: o.profile,
  out: o.out,
}).then(
  (ok) => process.exit(ok ? 0 : 1),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
