/**
 * Convergence in the bgperf shape (one target): N testers send the same M prefixes, each with its
 * own paths, the target runs its decision process and advertises the best paths to the monitor.
 * Time to converge = first UPDATE handed to a tester socket → the monitor holds every prefix with
 * its expected best path. Peak RSS (VmHWM) and CPU seconds (utime+stime, during the load) of the
 * target process come from /proc.
 */
import type { BenchTable } from './gen/table.js';
import { connectPeers, waitUntil, type Peers } from './harness.js';
import { mib, sampleProc } from './lib/proc-stats.js';
import { note, progress } from './lib/progress.js';
import type { RunningTarget, StartOptions, Target } from './targets/types.js';
import { makeTopology } from './topology.js';

/** Result row of one target. */
export interface ConvergenceResult {
  readonly target: string;
  readonly version?: string;
  readonly status: 'ok' | 'missing' | 'failed' | 'timeout';
  readonly reason?: string;
  readonly peers: number;
  readonly prefixes: number;
  /** First UPDATE sent → monitor complete, seconds. */
  readonly seconds?: number;
  /** First UPDATE sent → every tester's last octet accepted by its socket, seconds. */
  readonly inputSeconds?: number;
  /** CPU seconds of the target during the load (user + system, all threads). */
  readonly cpuSeconds?: number;
  /** VmRSS before the load, MiB. */
  readonly idleRssMiB?: number;
  /** VmHWM at the end, MiB. */
  readonly peakRssMiB?: number;
  /** (peak RSS − idle RSS) / (peers × prefixes): octets per path received. */
  readonly bytesPerPath?: number;
  /** UPDATE messages the monitor received. */
  readonly monitorUpdates?: number;
  /** Prefix announcements the monitor received ÷ table prefixes (1 = no intermediate best paths sent). */
  readonly churn?: number;
  /** Table prefixes at the monitor / with the expected path, at the end. */
  readonly received?: number;
  readonly correct?: number;
}

/** Options of one convergence run. */
export interface ConvergenceOptions {
  /** Limit from the first UPDATE to completion, milliseconds. */
  readonly timeoutMs: number;
  /** Limit for start-up and sessions, milliseconds. */
  readonly setupMs: number;
  readonly start?: StartOptions;
  /** Called once the run is over, before the peers disconnect and the target stops (profiling). */
  readonly beforeStop?: (running: RunningTarget) => Promise<void>;
}

/**
 * Runs `target` against the table; never throws: a missing binary, a failed start, a session
 * reset, a crash or the timeout become the row's status and reason.
 * @param blocks per tester, its pre-encoded UPDATEs in blocks
 */
export async function runConvergence(target: Target, table: BenchTable, blocks: readonly (readonly Buffer[])[], opts: ConvergenceOptions): Promise<ConvergenceResult> {
  const base = { target: target.name, peers: table.peers, prefixes: table.prefixes.length };
  const missing = target.missing();
  if (missing) {
    note(`[${target.name}] missing: ${missing}`);
    return { ...base, status: 'missing', reason: missing };
  }
  const version = target.version();
  const topo = await makeTopology(table.peers);
  note(`[${target.name}] starting ${version ?? ''} on ${topo.address}:${topo.port}`);
  let running: RunningTarget | undefined;
  let peers: Peers | undefined;
  try {
    running = await target.start(topo, opts.start ?? {});
    peers = await connectPeers(topo, table, blocks, opts.setupMs);
    await new Promise((r) => setTimeout(r, 500));
    const idle = sampleProc(running.pid);
    if (!idle) throw new Error(`no /proc/${running.pid}: target exited: ${running.output().slice(-400)}`);
    const total = peers.testers.reduce((s, t) => s + t.totalOctets, 0);
    const t0 = performance.now();
    const sending = peers.testers.map((t) => t.send().catch(() => undefined));
    void Promise.all(sending);
    const m = peers.monitor;
    const n = table.prefixes.length;
    const p = peers;
    const r = running;
    const outcome = await waitUntil(r, p, () => m.completeAt !== undefined, t0 + opts.timeoutMs, () => {
      const c = m.counts();
      const sent = p.testers.reduce((s, t) => s + t.sentOctets, 0);
      const s = sampleProc(r.pid);
      progress(
        `[${target.name}] ${((performance.now() - t0) / 1000).toFixed(1)} s  input ${Math.round((sent / total) * 100)}%  ` +
          `monitor ${c.received}/${n} received, ${c.correct} best  rss ${s ? mib(s.rss) : '?'} MiB  cpu ${s ? (s.cpu - idle.cpu).toFixed(1) : '?'} s`,
      );
    });
    const end = sampleProc(running.pid);
    const c = m.counts();
    const doneTimes = peers.testers.map((t) => t.doneAt);
    const inputSeconds = doneTimes.every((d) => d !== undefined) ? (Math.max(...(doneTimes as number[])) - t0) / 1000 : undefined;
    const figures = {
      inputSeconds,
      cpuSeconds: end ? round(end.cpu - idle.cpu, 2) : undefined,
      idleRssMiB: mib(idle.rss),
      peakRssMiB: end ? mib(end.hwm) : undefined,
      bytesPerPath: end ? Math.round((end.hwm - idle.rss) / (table.peers * n)) : undefined,
      monitorUpdates: c.updates,
      churn: round(c.announcements / n, 2),
      received: c.received,
      correct: c.correct,
    };
    if (outcome === 'ok') {
      const seconds = round((m.completeAt! - t0) / 1000, 2);
      note(`[${target.name}] converged in ${seconds} s, cpu ${figures.cpuSeconds} s, peak rss ${figures.peakRssMiB} MiB`);
      return { ...base, version, status: 'ok', seconds, ...figures };
    }
    const status = outcome === 'timeout' ? 'timeout' : 'failed';
    const reason = outcome === 'timeout' ? `not converged within ${opts.timeoutMs / 1000} s (${c.correct}/${n} best paths)` : outcome;
    note(`[${target.name}] ${status}: ${reason}`);
    return { ...base, version, status, reason, ...figures };
  } catch (err) {
    const reason = (err as Error).message.slice(0, 600);
    note(`[${target.name}] failed: ${reason}`);
    return { ...base, version, status: 'failed', reason };
  } finally {
    if (running?.alive()) await opts.beforeStop?.(running).catch(() => undefined);
    peers?.close();
    await running?.stop().catch(() => undefined);
  }
}

/** Rounds to `digits` decimals. */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
