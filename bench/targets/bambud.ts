/**
 * bambud (dist/src/bin/bambud.js) as a target, started through the tests' launcher
 * (test/helpers/grpc.ts startBambudFromYaml). Node flags (CPU-profile preload, heap limit) travel
 * in NODE_OPTIONS of the child.
 */
import { existsSync } from 'node:fs';
import { startBambudFromYaml, type StartedBambud } from '../../test/helpers/grpc.js';
import { BAMBUD } from '../../test/helpers/proc.js';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RunningTarget, StartOptions, Target, Topology } from './types.js';

/** The compiled CPU-profile preload (bench/lib/cpu-profile-preload.ts). */
const PRELOAD = fileURLToPath(new URL('../lib/cpu-profile-preload.js', import.meta.url));

/** The bambud YAML for `topo`: every peer passive, testers iBGP, monitor eBGP. */
export function bambudConfig(topo: Topology): string {
  const peers = topo.testers
    .map((a) => `  - address: ${a}\n    asn: ${topo.asn}\n    passive_mode: true\n    local_address: ${topo.address}`)
    .concat(`  - address: ${topo.monitor.address}\n    asn: ${topo.monitor.asn}\n    passive_mode: true\n    local_address: ${topo.address}`);
  return `asn: ${topo.asn}\nrouter_id: ${topo.routerId}\nlisten_addr: ${topo.address}:${topo.port}\nlog_level: warn\nhold_time_secs: ${topo.holdTime}\npeers:\n${peers.join('\n')}\n`;
}

/** A started bambud with its gRPC client (the API benchmarks use it). */
export interface RunningBambud extends RunningTarget {
  readonly started: StartedBambud;
}

/** Starts bambud for `topo` (see Target.start). */
export async function startBambud(topo: Topology, opts: StartOptions = {}): Promise<RunningBambud> {
  const flags: string[] = [];
  // --cpu-prof is not allowed in NODE_OPTIONS: a preload starts the profiler instead.
  if (opts.cpuProfileDir) flags.push(`--import=${pathToFileURL(PRELOAD).href}`);
  if (opts.maxOldSpaceMiB) flags.push(`--max-old-space-size=${opts.maxOldSpaceMiB}`);
  const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, BAMBU_BENCH_CPU_PROFILE_DIR: process.env.BAMBU_BENCH_CPU_PROFILE_DIR };
  process.env.NODE_OPTIONS = [saved.NODE_OPTIONS ?? '', ...flags].join(' ').trim();
  if (opts.cpuProfileDir) process.env.BAMBU_BENCH_CPU_PROFILE_DIR = opts.cpuProfileDir;
  let started: StartedBambud;
  try {
    started = await startBambudFromYaml(bambudConfig(topo));
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const child = started.daemon.child;
  return {
    started,
    pid: child.pid!,
    alive: () => child.exitCode === null && child.signalCode === null,
    output: () => started.daemon.output(),
    stop: () => started.stop(),
  };
}

/** bambud as a convergence target. */
export const bambudTarget: Target = {
  name: 'bambud',
  version: () => `node ${process.version}`,
  missing: () => (existsSync(BAMBUD) ? undefined : `${BAMBUD} not built (npm run build)`),
  start: (topo, opts) => startBambud(topo, opts),
};
