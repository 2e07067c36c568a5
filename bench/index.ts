/**
 * `npm run bench` entry (compiled to dist/bench/index.js):
 *   node dist/bench/index.js [--smoke | --full] [--peers N] [--prefixes M] [--timeout SECS]
 *                            [--targets bambud,bird,frr,gobgp] [--no-codec] [--no-api]
 *                            [--no-profile] [--out FILE] [--no-evpn] [--evpn-macs N]
 * Runs the codec micro-benchmarks, convergence against every target one after another, and the
 * bambud API / memory run; prints a table and writes JSON to bench/results/. Then (not with
 * --smoke) the EVPN scale step, bench/evpn.ts in a child process: N MACs (default 10,000) learned
 * at one gateway until they are in the other's kernel FDB.
 * Exit status: 0 when every step ran (a missing or failed target is a row, not an error),
 * 1 when the harness itself failed, 2 for bad options.
 */
import { Command, InvalidArgumentError } from 'commander';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runBench } from './run.js';

/** Runs bench/evpn.ts (compiled) with `macs`, its report on our stdout. @returns true when it converged */
function runEvpnStep(macs: number): Promise<boolean> {
  const script = fileURLToPath(new URL('./evpn.js', import.meta.url));
  process.stderr.write(`EVPN scale step: ${macs} MACs …\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--enable-source-maps', script, '--macs', String(macs)], { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code === 0));
    child.on('error', () => resolve(false));
  });
}

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
  .option('--out <file>', 'write the JSON report to FILE instead of bench/results/bench-MODE-DATE.json')
  .option('--no-evpn', 'skip the EVPN scale step (never run with --smoke)')
  .option('--evpn-macs <n>', 'MACs of the EVPN scale step (default 10000)', int('--evpn-macs'));

program.parse();
const o = program.opts<{ smoke?: boolean; full?: boolean; peers?: number; prefixes?: number; timeout?: number; targets?: string; codec: boolean; api: boolean; profile: boolean; out?: string; evpn: boolean; evpnMacs?: number }>();
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
  async (ok) => process.exit(ok && (o.smoke || !o.evpn || (await runEvpnStep(o.evpnMacs ?? 10_000))) ? 0 : 1),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
