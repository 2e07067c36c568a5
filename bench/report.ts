/** The printed report: convergence table with bambud ratios, codec, API, memory, profile. */
import Table from 'cli-table3';
import type { BenchReport } from './run.js';
import type { ConvergenceResult } from './convergence.js';

/** "bambud ÷ other" as "0.52×", or "–" when either side has no figure. */
export function ratio(ours: number | undefined, theirs: number | undefined): string {
  if (ours === undefined || theirs === undefined || theirs <= 0) return '–';
  return `${(ours / theirs).toFixed(2)}×`;
}

const fmt = (x: number | undefined, digits = 1): string => (x === undefined ? '–' : x.toFixed(digits));

/** Prints the report to stdout. */
export function printReport(r: BenchReport): void {
  const out: string[] = [];
  out.push('', `Bambu bench (${r.mode}) ${r.date} — ${r.machine.cpus} cores (${r.machine.cpuModel}), ${r.machine.memoryGiB} GiB, node ${r.machine.node}`);
  out.push(`Convergence: ${r.peers} iBGP tester peers × ${r.prefixes} IPv4 prefixes (${r.updatesPerPeer} UPDATEs each) → target → eBGP monitor`);
  const ours = r.convergence.find((c) => c.target === 'bambud' && c.status === 'ok');
  const t = new Table({
    style: { head: [], border: [] },
    head: ['target', 'version', 'status', 'converge s', 'bambud ÷', 'CPU s', 'bambud ÷', 'peak RSS MiB', 'bambud ÷', 'B/path', 'churn', 'note'],
  });
  for (const c of r.convergence) {
    const okRow = c.status === 'ok';
    t.push([
      c.target,
      c.version ?? '',
      c.status,
      fmt(c.seconds, 2),
      c.target === 'bambud' || !okRow ? '' : ratio(ours?.seconds, c.seconds),
      fmt(c.cpuSeconds, 2),
      c.target === 'bambud' || !okRow ? '' : ratio(ours?.cpuSeconds, c.cpuSeconds),
      fmt(c.peakRssMiB),
      c.target === 'bambud' || !okRow ? '' : ratio(ours?.peakRssMiB, c.peakRssMiB),
      c.bytesPerPath === undefined ? '–' : String(c.bytesPerPath),
      fmt(c.churn, 2),
      noteOf(c),
    ]);
  }
  out.push(t.toString());
  out.push('"bambud ÷" = bambud figure divided by that target\'s (below 1 = bambud better). B/path = (peak RSS − idle RSS) / (peers × prefixes).',
    'churn = prefix announcements the monitor received ÷ prefixes (above 1: intermediate best paths were advertised).');
  if (r.codec) {
    const c = r.codec;
    out.push(
      '',
      `Codec: UPDATE encode ${c.encode.prefixesPerSecond.toLocaleString('en')} prefixes/s (${c.encode.nsPerPrefix} ns/prefix), ` +
        `decode ${c.decode.prefixesPerSecond.toLocaleString('en')} prefixes/s (${c.decode.nsPerPrefix} ns/prefix)`,
      `Attribute interning: hit rate ${(c.interning.updateHitRate * 100).toFixed(1)}% of UPDATEs, ${(c.interning.prefixHitRate * 100).toFixed(1)}% of prefixes ` +
        `(${c.interning.distinctSets} distinct sets over ${c.interning.updates} UPDATEs; ${c.interning.source})`,
    );
  }
  if (r.api) {
    const a = r.api;
    if (a.status === 'failed') out.push('', `API / memory run failed: ${a.reason}`);
    else {
      out.push(
        '',
        `API: ListRoutesStream GLOBAL ${a.listRoutesStream.routes} routes in ${a.listRoutesStream.seconds} s = ${a.listRoutesStream.routesPerSecond.toLocaleString('en')} routes/s`,
        `API: AddRouteStream ${a.addRouteStream.routes} routes: in Loc-RIB ${a.addRouteStream.acceptedSeconds} s = ${a.addRouteStream.acceptedRoutesPerSecond.toLocaleString('en')} routes/s; ` +
          `at the monitor ${a.addRouteStream.advertisedSeconds} s = ${a.addRouteStream.advertisedRoutesPerSecond.toLocaleString('en')} routes/s`,
        `Memory (bambud VmRSS): idle ${a.memory.idleRssMiB} MiB, 1 peer ${a.memory.onePeerRssMiB} MiB, ${r.peers} peers ${a.memory.allPeersRssMiB} MiB → ` +
          `Adj-RIB-In ${a.memory.adjRibInBytesPerPrefixPerPeer} B/prefix/peer, Loc-RIB (+Adj-RIB-Out) ${a.memory.locRibBytesPerPrefix} B/prefix`,
      );
      if (a.profile) {
        out.push('', `bambud CPU profile (${a.profile.seconds} s, idle ${a.profile.idlePercent}%), self time of non-idle samples:`);
        for (const f of a.profile.topFunctions.slice(0, 12)) out.push(`  ${f.percent.toFixed(1).padStart(5)}%  ${f.name}`);
        out.push('  by file:');
        for (const f of a.profile.topFiles.slice(0, 8)) out.push(`  ${f.percent.toFixed(1).padStart(5)}%  ${f.name}`);
      }
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function noteOf(c: ConvergenceResult): string {
  if (c.status !== 'ok') return (c.reason ?? '').slice(0, 80);
  return c.inputSeconds === undefined ? '' : `input written in ${c.inputSeconds.toFixed(1)} s`;
}
