/**
 * Peers around one running target: the monitor (eBGP) and the testers (iBGP), connected to the
 * target's listener; helpers to wait on the monitor with a bound in time.
 */
import type { BenchTable } from './gen/table.js';
import { Monitor } from './peers/monitor.js';
import { Tester } from './peers/tester.js';
import type { RunningTarget, Topology } from './targets/types.js';

/** Connected peers of one run. */
export interface Peers {
  readonly monitor: Monitor;
  readonly testers: readonly Tester[];
  /** Closes every session. */
  close(): void;
}

/**
 * Connects the monitor, then every tester (in parallel).
 * @param blocks per tester, its UPDATEs in blocks (gen/table.ts toBlocks)
 * @throws Error when a session is not Established within `timeoutMs`
 */
export async function connectPeers(topo: Topology, table: BenchTable, blocks: readonly (readonly Buffer[])[], timeoutMs: number): Promise<Peers> {
  const monitor = new Monitor(table);
  const testers = blocks.map((b) => new Tester(b));
  const close = (): void => {
    monitor.close();
    for (const t of testers) t.close();
  };
  try {
    await monitor.connect({ host: topo.address, port: topo.port, localAddress: topo.monitor.address, asn: topo.monitor.asn, routerId: '10.255.0.2', holdTime: topo.holdTime }, timeoutMs);
    await Promise.all(
      testers.map((t, i) =>
        t.connect({ host: topo.address, port: topo.port, localAddress: topo.testers[i]!, asn: topo.asn, routerId: `10.255.1.${i + 1}`, holdTime: topo.holdTime }, timeoutMs),
      ),
    );
  } catch (err) {
    close();
    throw err;
  }
  return { monitor, testers, close };
}

/** Why a run must stop now (target died, a session ended), or undefined. */
export function failure(target: RunningTarget, peers: Peers): string | undefined {
  if (!target.alive()) return `target exited: ${target.output().slice(-400)}`;
  if (peers.monitor.error) return `monitor session: ${peers.monitor.error}`;
  const t = peers.testers.find((x) => x.error);
  return t ? `tester session: ${t.error}` : undefined;
}

/**
 * Polls `done` every 100 ms until true, a failure, or `deadline` (performance.now() ms).
 * @param tick called at each poll (progress display)
 * @returns 'ok', 'timeout', or the failure text
 */
export async function waitUntil(target: RunningTarget, peers: Peers, done: () => boolean, deadline: number, tick: () => void): Promise<'ok' | 'timeout' | string> {
  for (;;) {
    if (done()) return 'ok';
    const f = failure(target, peers);
    if (f) return f;
    if (performance.now() > deadline) return 'timeout';
    tick();
    await new Promise((r) => setTimeout(r, 100));
  }
}
