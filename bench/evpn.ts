/**
 * EVPN scale benchmark (issue 7, Done when 3; not a timed test):
 *   node dist/bench/evpn.js [--macs N] [--timeout SECS] [--out FILE]
 *
 * Two bambuds with `l2gw.driver: evpn` in namespaces, iBGP over the underlay veth (the topology of
 * test/interop/evpn/two-bambuds.test.ts). N MACs (default 10,000) are learned at site A at once —
 * dynamic FDB entries on its host port, added with one `bridge -batch` — and the clock runs until
 * all N are extern_learn entries towards A's VTEP in site B's kernel FDB. Reports the convergence
 * time and MACs per second (JSON on stdout, a line on stderr). Run as root. Exit 0 when converged,
 * 1 on timeout or failure, 2 for bad options.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { VTEP_A, VTEP_B, buildTwoSites } from '../test/integration/bgw-dataplane/topology.js';
import { VNI, hasFlood, startSite, type Site } from '../test/interop/evpn/site.js';
import { waitFor } from '../test/helpers/wait.js';

const int = (name: string) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new InvalidArgumentError(`${name} must be an integer in 1..1000000`);
  return n;
};

const o = new Command('bench-evpn')
  .description('EVPN scale: N MACs learned at one site until they are in the other site kernel FDB')
  .option('--macs <n>', 'MACs learned at site A', int('--macs'), 10_000)
  .option('--timeout <secs>', 'convergence limit, seconds', int('--timeout'), 600)
  .option('--out <file>', 'also write the JSON report to FILE')
  .parse()
  .opts<{ macs: number; timeout: number; out?: string }>();

/** The i-th benchmark MAC: locally administered unicast 02:be:xx:xx:xx:xx. */
function macOf(i: number): string {
  const b = [2, 0xbe, (i >>> 24) & 0xff, (i >>> 16) & 0xff, (i >>> 8) & 0xff, i & 0xff];
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/**
 * MACs of the benchmark set installed on B's VXLAN device towards A (extern_learn self entries).
 * Reads the FDB with a large output buffer (10k MACs are megabytes of JSON).
 * @throws Error when `bridge` fails
 */
function installedAtB(B: Site, wanted: Set<string>): number {
  const r = spawnSync('ip', ['netns', 'exec', B.ns.name, 'bridge', '-j', 'fdb', 'show', 'dev', `bvx${VNI}`], { encoding: 'utf8', maxBuffer: 512 * 2 ** 20, timeout: 60_000 });
  if (r.status !== 0) throw new Error(`bridge fdb show: ${r.error?.message ?? r.stderr}`);
  const fdb = JSON.parse(r.stdout || '[]') as { mac: string; dst?: string; flags?: string[] }[];
  let n = 0;
  for (const e of fdb) if (e.dst === VTEP_A && e.flags?.includes('extern_learn') && wanted.has(e.mac)) n++;
  return n;
}

async function main(): Promise<boolean> {
  const t = buildTwoSites('bv');
  const dir = mkdtempSync(join(tmpdir(), 'bambu-bench-evpn-'));
  let A: Site | undefined;
  let B: Site | undefined;
  // Ctrl-C / SIGTERM: stop the daemons (they live on after us otherwise), then exit, which
  // deletes the namespaces (test/helpers/netns.ts removes them on exit).
  const interrupted = (signal: NodeJS.Signals) => {
    process.stderr.write(`evpn bench: ${signal}, cleaning up\n`);
    void Promise.allSettled([A?.stop(), B?.stop()]).then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const started = await Promise.allSettled([
      startSite(t.bgwA, { asn: 65000, vtep: VTEP_A, peers: [{ address: VTEP_B, asn: 65000 }], ports: ['hst0'], remoteVtep: VTEP_B }),
      startSite(t.bgwB, { asn: 65000, vtep: VTEP_B, peers: [{ address: VTEP_A, asn: 65000 }], ports: ['hst0'], remoteVtep: VTEP_A }),
    ]);
    // Both assigned before any rethrow, so the after/finally stops whichever came up.
    if (started[0].status === 'fulfilled') A = started[0].value;
    if (started[1].status === 'fulfilled') B = started[1].value;
    for (const r of started) if (r.status === 'rejected') throw r.reason;
    const a = A!;
    const b = B!;
    await waitFor('EVPN up (flood entries from type 3 routes)', () => hasFlood(a.fdb(), VTEP_B) && hasFlood(b.fdb(), VTEP_A), 60_000);
    const macs = Array.from({ length: o.macs }, (_, i) => macOf(i));
    const wanted = new Set(macs);
    const batch = join(dir, 'fdb.batch');
    writeFileSync(batch, macs.map((m) => `fdb add ${m} dev hst0 master dynamic`).join('\n') + '\n');
    process.stderr.write(`evpn bench: ${o.macs} MACs → site A bridge, waiting for site B FDB …\n`);
    const t0 = performance.now();
    t.bgwA.exec('bridge', ['-batch', batch], { timeoutMs: 120_000 });
    const learnedMs = performance.now() - t0;
    let last = 0;
    let lastLog = t0;
    await waitFor(
      `${o.macs} MACs in site B FDB`,
      () => {
        try {
          last = installedAtB(b, wanted);
        } catch (err) {
          process.stderr.write(`  ${(err as Error).message}\n`);
          throw err;
        }
        const now = performance.now();
        if (now - lastLog > 5000) {
          process.stderr.write(`  ${((now - t0) / 1000).toFixed(1)} s: ${last}/${o.macs}\n`);
          lastLog = now;
        }
        return last === o.macs;
      },
      o.timeout * 1000,
    );
    const ms = performance.now() - t0;
    const report = {
      benchmark: 'evpn-mac-convergence',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, memGiB: Math.round(totalmem() / 2 ** 30) },
      macs: o.macs,
      bridgeAddMs: Math.round(learnedMs),
      convergenceSecs: Number((ms / 1000).toFixed(2)),
      macsPerSec: Math.round(o.macs / (ms / 1000)),
      vni: VNI,
    };
    const text = JSON.stringify(report, null, 2);
    process.stdout.write(`${text}\n`);
    if (o.out) writeFileSync(o.out, `${text}\n`);
    process.stderr.write(`evpn bench: ${o.macs} MACs converged in ${report.convergenceSecs} s (${report.macsPerSec} MACs/s)\n`);
    return true;
  } catch (err) {
    process.stderr.write(`evpn bench failed: ${(err as Error).message}\n${A?.daemon.output().slice(-2000) ?? ''}\n${B?.daemon.output().slice(-2000) ?? ''}\n`);
    return false;
  } finally {
    await A?.stop();
    await B?.stop();
    t.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err: unknown) => {
    process.stderr.write(`evpn bench failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
