/**
 * bambud API and memory run (one more bambud, after the convergence rows):
 *  - memory per route from VmRSS: idle (sessions up) → tester 0's table in (1 path per prefix) →
 *    every tester's table in (N paths per prefix):
 *      Adj-RIB-In octets per prefix per peer = (RSS_N − RSS_1) / ((N − 1) × M)
 *      Loc-RIB (+ Adj-RIB-Out to the monitor) octets per prefix = (RSS_1 − RSS_idle) / M − Adj-RIB-In
 *    (RSS includes garbage not yet collected: figures are upper bounds, ±GC noise);
 *  - ListRoutesStream GLOBAL: routes/s for the whole Loc-RIB (M routes);
 *  - AddRouteStream: K new /32 routes (100.64.0.0/10) streamed with backpressure; routes/s until
 *    the stream's response (in Loc-RIB) and until the monitor counted all K (sent to a peer);
 *  - optionally a CPU profile of bambud over the whole run (V8 profiler started by a preload,
 *    collected with SIGUSR2 before bambud stops), summarized.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Metadata, type ServiceError } from '@grpc/grpc-js';
import { AddRouteRequest, AsPathSegmentType, ListRoutesRequest, Origin, RibType, type AddRouteStreamResponse } from '../src/gen/bgp.js';
import type { BenchTable } from './gen/table.js';
import { connectPeers, waitUntil, type Peers } from './harness.js';
import { mib, sampleProc } from './lib/proc-stats.js';
import { note, progress } from './lib/progress.js';
import { startBambud, type RunningBambud } from './targets/bambud.js';
import { makeTopology } from './topology.js';
import { round } from './convergence.js';
import { collectProfile, type ProfileSummary } from './profile.js';

/** Figures of the API / memory run. */
export type ApiResult =
  | { readonly status: 'failed'; readonly reason: string }
  | {
      readonly status: 'ok';
      readonly memory: {
        readonly idleRssMiB: number;
        readonly onePeerRssMiB: number;
        readonly allPeersRssMiB: number;
        readonly adjRibInBytesPerPrefixPerPeer: number;
        readonly locRibBytesPerPrefix: number;
        readonly method: string;
      };
      readonly listRoutesStream: { readonly routes: number; readonly seconds: number; readonly routesPerSecond: number };
      readonly addRouteStream: {
        readonly routes: number;
        readonly acceptedSeconds: number;
        readonly acceptedRoutesPerSecond: number;
        readonly advertisedSeconds: number;
        readonly advertisedRoutesPerSecond: number;
      };
      readonly profile?: ProfileSummary;
    };

/** Options of the API / memory run. */
export interface ApiOptions {
  readonly timeoutMs: number;
  readonly profile: boolean;
  readonly maxOldSpaceMiB?: number;
}

/** Waits ~1 s for the RSS to settle and samples it. */
async function settledRss(pid: number): Promise<number> {
  await new Promise((r) => setTimeout(r, 1000));
  const s = sampleProc(pid);
  if (!s) throw new Error('bambud exited');
  return s.rss;
}

/** Counts the routes of ListRoutesStream GLOBAL (never stores them); gRPC deadline `timeoutMs`. */
function listRoutesCount(b: RunningBambud, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const stream = b.started.client.raw.listRoutesStream(ListRoutesRequest.fromPartial({ ribType: RibType.GLOBAL }), { deadline: Date.now() + timeoutMs });
    let n = 0;
    stream.on('data', () => n++);
    stream.on('error', reject);
    stream.on('end', () => resolve(n));
  });
}

/** Streams `count` AddRoute requests with backpressure; resolves the server's response; gRPC deadline `timeoutMs`. */
function addRoutes(b: RunningBambud, count: number, timeoutMs: number): Promise<AddRouteStreamResponse> {
  return new Promise((resolve, reject) => {
    const call = b.started.client.raw.addRouteStream(new Metadata(), { deadline: Date.now() + timeoutMs }, (err: ServiceError | null, res?: AddRouteStreamResponse) => (err ? reject(err) : resolve(res!)));
    let i = 0;
    const base = 100 * 2 ** 24 + 64 * 2 ** 16;
    const pump = (): void => {
      while (i < count) {
        const a = base + i++;
        const req = AddRouteRequest.fromPartial({
          prefix: `${Math.floor(a / 2 ** 24)}.${Math.floor(a / 65536) % 256}.${Math.floor(a / 256) % 256}.${a % 256}/32`,
          nextHop: '192.0.2.250',
          origin: Origin.IGP,
          asPath: [{ segmentType: AsPathSegmentType.AS_SEQUENCE, asns: [64999] }],
        });
        if (!call.write(req)) {
          call.once('drain', pump);
          return;
        }
      }
      call.end();
    };
    pump();
  });
}

/**
 * Runs the API / memory measurements against a fresh bambud.
 * @throws Error when bambud does not start, a session fails, or a step exceeds `timeoutMs`
 */
export async function runApiBench(table: BenchTable, blocks: readonly (readonly Buffer[])[], opts: ApiOptions): Promise<ApiResult> {
  const topo = await makeTopology(table.peers);
  const profDir = opts.profile ? mkdtempSync(join(tmpdir(), 'bambu-bench-prof-')) : undefined;
  const bambud = await startBambud(topo, { cpuProfileDir: profDir, maxOldSpaceMiB: opts.maxOldSpaceMiB });
  let peers: Peers | undefined;
  let stopped = false;
  try {
    peers = await connectPeers(topo, table, blocks, 30_000);
    const p = peers;
    const m = p.monitor;
    const n = table.prefixes.length;
    const step = async (what: string, done: () => boolean): Promise<void> => {
      const t0 = performance.now();
      const r = await waitUntil(bambud, p, done, t0 + opts.timeoutMs, () => {
        const c = m.counts();
        progress(`[bambud api] ${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s, monitor ${c.received}/${n} received, ${c.correct} best, ${c.foreign} added`);
      });
      if (r !== 'ok') throw new Error(`${what}: ${r}`);
    };
    const idle = await settledRss(bambud.pid);
    void p.testers[0]!.send().catch(() => undefined);
    await step('tester 0 table', () => m.counts().received === n);
    const one = await settledRss(bambud.pid);
    for (const t of p.testers.slice(1)) void t.send().catch(() => undefined);
    await step('all tables', () => m.completeAt !== undefined);
    const all = await settledRss(bambud.pid);
    const adjIn = table.peers > 1 ? (all - one) / ((table.peers - 1) * n) : 0;
    const locRib = (one - idle) / n - adjIn;

    note('[bambud api] ListRoutesStream GLOBAL …');
    const l0 = performance.now();
    const listed = await listRoutesCount(bambud, opts.timeoutMs);
    const listSeconds = (performance.now() - l0) / 1000;

    const k = Math.min(n, 100_000);
    note(`[bambud api] AddRouteStream ${k} routes …`);
    const a0 = performance.now();
    const res = await addRoutes(bambud, k, opts.timeoutMs);
    const accepted = (performance.now() - a0) / 1000;
    if (res.count !== k) throw new Error(`AddRouteStream accepted ${res.count} of ${k}: ${res.message}`);
    await step('AddRouteStream routes at the monitor', () => m.counts().foreign >= k);
    const advertised = (performance.now() - a0) / 1000;
    note(`[bambud api] ListRoutesStream ${listed} routes in ${listSeconds.toFixed(2)} s; AddRouteStream ${k} in Loc-RIB ${accepted.toFixed(2)} s, at the monitor ${advertised.toFixed(2)} s`);

    let profile: ProfileSummary | undefined;
    if (profDir) {
      note('[bambud api] collecting the CPU profile …');
      profile = await collectProfile(bambud.pid, profDir, () => bambud.alive());
      if (!profile) note('[bambud api] no CPU profile was written within 120 s');
    }
    peers.close();
    peers = undefined;
    await bambud.stop();
    stopped = true;
    return {
      status: 'ok',
      memory: {
        idleRssMiB: mib(idle),
        onePeerRssMiB: mib(one),
        allPeersRssMiB: mib(all),
        adjRibInBytesPerPrefixPerPeer: Math.round(adjIn),
        locRibBytesPerPrefix: Math.round(locRib),
        method:
          'VmRSS 1 s after each phase: idle → tester 0 only → all testers; Adj-RIB-In = (RSS_all − RSS_one) / ((N−1)·M); Loc-RIB (+ Adj-RIB-Out to the monitor, + 1 Adj-RIB-In path) − Adj-RIB-In = (RSS_one − RSS_idle)/M − Adj-RIB-In',
      },
      listRoutesStream: { routes: listed, seconds: round(listSeconds, 3), routesPerSecond: Math.round(listed / listSeconds) },
      addRouteStream: {
        routes: k,
        acceptedSeconds: round(accepted, 3),
        acceptedRoutesPerSecond: Math.round(k / accepted),
        advertisedSeconds: round(advertised, 3),
        advertisedRoutesPerSecond: Math.round(k / advertised),
      },
      profile,
    };
  } finally {
    peers?.close();
    if (!stopped) await bambud.stop().catch(() => undefined);
    if (profDir) rmSync(profDir, { recursive: true, force: true });
  }
}
