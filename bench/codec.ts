/**
 * Codec micro-benchmarks (in this process, src/bgp/wire): UPDATE encode (encodeUpdates) and
 * decode (decodeMessage) in prefixes/s and ns/prefix over tester 0's table, and the attribute
 * interning hit rate of the RIB's interner (src/bgp/rib/intern.ts) over every tester's UPDATEs.
 * bambud does not expose interning counters, so the rate is measured here by feeding the decoded
 * attribute sets to a fresh AttrInterner — the same work the Adj-RIB-In does per UPDATE.
 */
import { decodeMessage, encodeUpdates } from '../src/bgp/wire/index.js';
import { AttrInterner } from '../src/bgp/rib/intern.js';
import type { PathAttributes } from '../src/bgp/types.js';
import { BENCH_CONTEXT, chunkAttributes, type BenchTable } from './gen/table.js';
import { round } from './convergence.js';

/** Throughput of one codec direction. */
export interface Throughput {
  readonly prefixes: number;
  readonly seconds: number;
  readonly prefixesPerSecond: number;
  readonly nsPerPrefix: number;
}

/** Codec figures. */
export interface CodecResult {
  readonly encode: Throughput;
  readonly decode: Throughput;
  readonly interning: {
    /** UPDATEs whose attribute set was already in the table. */
    readonly updateHitRate: number;
    /** Prefixes whose attribute set was already in the table (weighted by NLRI count). */
    readonly prefixHitRate: number;
    readonly distinctSets: number;
    readonly updates: number;
    readonly source: string;
  };
}

/** Repeats `pass` (which returns prefixes handled) until ≥ 1 s or 50 passes, after one warm-up pass. */
function measure(pass: () => number): Throughput {
  pass();
  let prefixes = 0;
  let passes = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (passes < 50 && elapsed < 1000) {
    prefixes += pass();
    passes++;
    elapsed = performance.now() - t0;
  }
  const seconds = elapsed / 1000;
  return { prefixes, seconds: round(seconds, 3), prefixesPerSecond: Math.round(prefixes / seconds), nsPerPrefix: round((elapsed * 1e6) / prefixes, 1) };
}

/**
 * Runs the three measurements.
 * @param messages per tester, its encoded UPDATEs (tester 0's are decoded; all feed the interner,
 *        at most 20,000 UPDATEs per tester)
 */
export function runCodecBench(table: BenchTable, messages: readonly (readonly Buffer[])[]): CodecResult {
  const attrs = table.chunks.map((c) => chunkAttributes(table, c, 0));
  const encode = measure(() => {
    let n = 0;
    table.chunks.forEach((c, i) => {
      encodeUpdates('ipv4-unicast', c.prefixes, attrs[i]!, BENCH_CONTEXT);
      n += c.prefixes.length;
    });
    return n;
  });
  const decode = measure(() => {
    let n = 0;
    for (const m of messages[0]!) {
      const u = decodeMessage(m, BENCH_CONTEXT);
      if (u.type === 'update') n += u.nlri.length;
    }
    return n;
  });
  const interner = new AttrInterner();
  const keep: PathAttributes[] = [];
  let updates = 0;
  let hits = 0;
  let prefixes = 0;
  let prefixHits = 0;
  for (const peer of messages) {
    for (const m of peer.slice(0, 20_000)) {
      const u = decodeMessage(m, BENCH_CONTEXT);
      if (u.type !== 'update' || u.attributes === null) continue;
      const before = interner.size;
      keep.push(interner.intern(u.attributes));
      updates++;
      prefixes += u.nlri.length;
      if (interner.size === before) {
        hits++;
        prefixHits += u.nlri.length;
      }
    }
  }
  return {
    encode,
    decode,
    interning: {
      updateHitRate: round(hits / Math.max(1, updates), 4),
      prefixHitRate: round(prefixHits / Math.max(1, prefixes), 4),
      distinctSets: interner.size,
      updates,
      source: 'AttrInterner fed in-process with the decoded UPDATEs of every tester (bambud exposes no interning counters)',
    },
  };
}
