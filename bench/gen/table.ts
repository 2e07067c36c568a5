/**
 * Synthetic IPv4 routing tables for the benchmarks: M distinct prefixes with the length mix of
 * ../shared/data/prefix-length-mix.csv, grouped in chunks of ~100 prefixes that share one
 * attribute set (so each chunk is one UPDATE), realistic AS paths and communities, one table per
 * tester peer. Deterministic: the same sizes give the same octets on every run.
 *
 * The best path of every chunk is decided at the AS_PATH-length step of the decision process
 * (RFC 4271 §9.1.2.2): the chunk's winner peer sends the origin path behind its upstream AS, every
 * other peer sends it one AS longer. The monitor recognises the winner by the upstream AS.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { encodeUpdates, type CodecContext } from '../../src/bgp/wire/index.js';
import { AS_PATH_SEGMENT, ORIGIN, type PathAttributes } from '../../src/bgp/types.js';

/** Codec context of every bench session: 4-octet AS, 4096-octet messages, IPv4 unicast. */
export const BENCH_CONTEXT: CodecContext = Object.freeze({ fourOctetAs: true, extendedMessage: false, families: Object.freeze(['ipv4-unicast']) as readonly ['ipv4-unicast'] });

/** Prefixes per UPDATE (per attribute-set chunk). */
export const PREFIXES_PER_UPDATE = 100;

/** Upstream (transit) ASNs of tester peers 0, 1, …; beyond the list, 4-octet ASNs 4200000000+i. */
const UPSTREAMS = [174, 1299, 2914, 3257, 3356, 3491, 6453, 6461, 6762, 6939, 7018, 9002, 12956, 1273, 5511, 6830];

/** Upstream AS of tester `peer`. */
export function upstreamAs(peer: number): number {
  return UPSTREAMS[peer] ?? 4_200_000_000 + peer;
}

/** IPv4 length mix: [length, share 0..1], from the CSV (falls back to its 2025 figures when missing). */
export function loadLengthMix(root: string): [number, number][] {
  const file = join(root, '..', 'shared', 'data', 'prefix-length-mix.csv');
  const rows: [number, number][] = [];
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^ipv4,(\d+),([\d.]+)/.exec(line.trim());
      if (m) rows.push([Number(m[1]), Number(m[2]) / 100]);
    }
  }
  if (rows.length === 0) {
    rows.push([16, 0.015], [19, 0.03], [20, 0.05], [21, 0.06], [22, 0.122], [23, 0.109], [24, 0.614]);
  }
  const total = rows.reduce((s, [, p]) => s + p, 0);
  return rows.map(([l, p]) => [l, p / total]);
}

/** Deterministic PRNG (mulberry32): uniform in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const usable = (firstOctet: number): boolean => firstOctet >= 1 && firstOctet <= 223 && firstOctet !== 10 && firstOctet !== 127;

/**
 * `count` distinct canonical IPv4 prefixes following `mix` (lengths whose share exceeds the space
 * available give the surplus to /24), shuffled so lengths interleave as in a real table.
 * @param seed offsets the permutation and the shuffle (same seed, same list)
 */
export function generatePrefixes(count: number, mix: [number, number][], seed = 1): string[] {
  const counts = new Map<number, number>();
  let assigned = 0;
  for (const [len, share] of mix) {
    const space = Math.floor(2 ** len * (210 / 256));
    const n = Math.min(Math.round(count * share), space);
    counts.set(len, n);
    assigned += n;
  }
  counts.set(24, (counts.get(24) ?? 0) + (count - assigned));
  const out: string[] = [];
  for (const [len, n] of counts) {
    if (n <= 0) continue;
    const size = 2 ** len;
    // An odd stride permutes 0..size-1: i·stride mod size visits every value once.
    const stride = (Math.floor(size * 0.6180339887) | 1) % size || 1;
    let produced = 0;
    for (let i = 0; produced < n && i < size; i++) {
      const v = (i * stride + seed * 7919) % size;
      const addr = len === 0 ? 0 : v * 2 ** (32 - len);
      const a = Math.floor(addr / 16777216);
      if (!usable(a)) continue;
      out.push(`${a}.${Math.floor(addr / 65536) % 256}.${Math.floor(addr / 256) % 256}.${addr % 256}/${len}`);
      produced++;
    }
  }
  const rnd = prng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out.slice(0, count);
}

/** One chunk of the table: prefixes sharing an attribute set, and the peer whose path wins. */
export interface Chunk {
  readonly prefixes: readonly string[];
  /** Index into the origin-path pool. */
  readonly origin: number;
  /** Tester index whose path is shortest. */
  readonly winner: number;
}

/** The generated input of one run. */
export interface BenchTable {
  readonly peers: number;
  readonly prefixes: readonly string[];
  readonly chunks: readonly Chunk[];
  /** AS paths behind the upstream AS (2–6 ASNs), shared by several chunks like real origin ASes. */
  readonly originPaths: readonly (readonly number[])[];
}

/**
 * Builds the table: `prefixCount` prefixes in chunks of PREFIXES_PER_UPDATE, origin paths from a
 * pool of about one per three chunks (so attribute sets repeat, as they do in real tables).
 */
export function buildTable(peers: number, prefixCount: number, mix: [number, number][]): BenchTable {
  const prefixes = generatePrefixes(prefixCount, mix);
  const rnd = prng(42);
  const nChunks = Math.ceil(prefixes.length / PREFIXES_PER_UPDATE);
  const pool = Math.max(1, Math.ceil(nChunks / 3));
  const upstream = new Set(Array.from({ length: peers }, (_, i) => upstreamAs(i)));
  const originPaths: number[][] = [];
  for (let i = 0; i < pool; i++) {
    const len = 2 + Math.floor(rnd() * 5);
    const path: number[] = [];
    while (path.length < len) {
      // Mostly 2-octet ASNs, a quarter 4-octet (RFC 6793), never an upstream AS.
      const asn = rnd() < 0.75 ? 1000 + Math.floor(rnd() * 60000) : 200000 + Math.floor(rnd() * 200000);
      if (!upstream.has(asn) && !path.includes(asn)) path.push(asn);
    }
    originPaths.push(path);
  }
  const chunks: Chunk[] = [];
  for (let c = 0; c < nChunks; c++) {
    chunks.push({ prefixes: prefixes.slice(c * PREFIXES_PER_UPDATE, (c + 1) * PREFIXES_PER_UPDATE), origin: c % pool, winner: c % peers });
  }
  return { peers, prefixes, chunks, originPaths };
}

/** Attributes tester `peer` announces `chunk` with (iBGP: LOCAL_PREF 100, NEXT_HOP 192.0.2.peer+1). */
export function chunkAttributes(table: BenchTable, chunk: Chunk, peer: number): PathAttributes {
  const up = upstreamAs(peer);
  const originPath = table.originPaths[chunk.origin]!;
  // Losers prepend their upstream once more: one AS longer than the winner.
  const asns = chunk.winner === peer ? [up, ...originPath] : [up, up, ...originPath];
  const originAs = originPath[originPath.length - 1]!;
  const communities = [((up & 0xffff) << 16) >>> 0 | (1000 + (chunk.origin % 7)), ((up & 0xffff) << 16) >>> 0 | 2000];
  if (originAs <= 0xffff && chunk.origin % 2 === 0) communities.push(((originAs << 16) >>> 0) | 100);
  return {
    origin: chunk.origin % 11 === 0 ? ORIGIN.INCOMPLETE : ORIGIN.IGP,
    asPath: [{ type: AS_PATH_SEGMENT.AS_SEQUENCE, asns }],
    nextHop: `192.0.2.${(peer % 250) + 1}`,
    localPref: 100,
    atomicAggregate: false,
    communities,
  };
}

/** The UPDATE messages (framed octets) tester `peer` sends: one per chunk. */
export function encodePeerUpdates(table: BenchTable, peer: number): Buffer[] {
  const out: Buffer[] = [];
  for (const chunk of table.chunks) {
    for (const b of encodeUpdates('ipv4-unicast', chunk.prefixes, chunkAttributes(table, chunk, peer), BENCH_CONTEXT)) out.push(b);
  }
  return out;
}

/** Concatenates messages into blocks of about `size` octets (fewer socket writes). */
export function toBlocks(messages: readonly Buffer[], size = 256 * 1024): Buffer[] {
  const blocks: Buffer[] = [];
  let batch: Buffer[] = [];
  let len = 0;
  for (const m of messages) {
    batch.push(m);
    len += m.length;
    if (len >= size) {
      blocks.push(Buffer.concat(batch, len));
      batch = [];
      len = 0;
    }
  }
  if (len > 0) blocks.push(Buffer.concat(batch, len));
  return blocks;
}
