/**
 * The monitor peer: an eBGP session to the target that counts what the target advertises. For
 * every prefix of the generated table it remembers which tester's path it currently holds (found
 * by that tester's upstream AS in the AS_PATH); the table is complete when every prefix carries its
 * chunk's winner — the target's decision process has then seen every tester's UPDATEs. Prefixes
 * outside the table (AddRouteStream routes) are counted separately.
 */
import { decodeMessage } from '../../src/bgp/wire/index.js';
import { BENCH_CONTEXT, upstreamAs, type BenchTable } from '../gen/table.js';
import { BenchSession, type SessionOptions } from './session.js';

/** Counts of a monitor at one moment. */
export interface MonitorCounts {
  /** Table prefixes currently announced (any path). */
  readonly received: number;
  /** Table prefixes whose current path is the expected best path. */
  readonly correct: number;
  /** Distinct prefixes outside the table currently announced. */
  readonly foreign: number;
  /** UPDATE messages received. */
  readonly updates: number;
  /** Prefix announcements received (table and foreign; a prefix announced again counts again). */
  readonly announcements: number;
}

/** A monitor session plus its per-prefix state. */
export class Monitor {
  /** 0 = not announced, else 1 + tester index of the path held. */
  private readonly state: Uint8Array;
  private readonly expected: Uint8Array;
  private readonly index = new Map<string, number>();
  private readonly upstreamToPeer = new Map<number, number>();
  private readonly foreignSet = new Set<string>();
  private received = 0;
  private correct = 0;
  private updates = 0;
  private announcements = 0;
  /** performance.now() when `correct` reached the table size, else undefined. */
  completeAt: number | undefined;
  /** performance.now() of the last UPDATE. */
  lastUpdateAt = 0;
  private session: BenchSession | undefined;

  constructor(private readonly table: BenchTable) {
    const n = table.prefixes.length;
    this.state = new Uint8Array(n);
    this.expected = new Uint8Array(n);
    let i = 0;
    for (const chunk of table.chunks) {
      for (const p of chunk.prefixes) {
        this.index.set(p, i);
        this.expected[i] = chunk.winner + 1;
        i++;
      }
    }
    for (let p = 0; p < table.peers; p++) this.upstreamToPeer.set(upstreamAs(p), p);
  }

  /** Opens the session (see BenchSession.open). */
  async connect(opts: Omit<SessionOptions, 'onUpdate'>, timeoutMs: number): Promise<void> {
    this.session = await BenchSession.open({ ...opts, onUpdate: (m) => this.onUpdate(m) }, timeoutMs);
  }

  /** Session error, if it ended. */
  get error(): string | undefined {
    return this.session?.error;
  }

  /** Current counts. */
  counts(): MonitorCounts {
    return { received: this.received, correct: this.correct, foreign: this.foreignSet.size, updates: this.updates, announcements: this.announcements };
  }

  private set(i: number, v: number): void {
    const old = this.state[i]!;
    if (old === v) return;
    const exp = this.expected[i]!;
    if (old === 0) this.received++;
    if (v === 0) this.received--;
    if (old === exp) this.correct--;
    if (v === exp) this.correct++;
    this.state[i] = v;
  }

  private onUpdate(buf: Buffer): void {
    this.updates++;
    this.lastUpdateAt = performance.now();
    const msg = decodeMessage(buf, BENCH_CONTEXT);
    if (msg.type !== 'update') return;
    for (const p of msg.withdrawn) {
      const i = this.index.get(p);
      if (i === undefined) this.foreignSet.delete(p);
      else this.set(i, 0);
    }
    if (msg.nlri.length === 0) return;
    let peer = 255;
    for (const seg of msg.attributes?.asPath ?? []) {
      for (const asn of seg.asns) {
        const p = this.upstreamToPeer.get(asn);
        if (p !== undefined) {
          peer = p;
          break;
        }
      }
      if (peer !== 255) break;
    }
    const withdraw = msg.treatAsWithdraw !== undefined;
    if (!withdraw) this.announcements += msg.nlri.length;
    for (const p of msg.nlri) {
      const i = this.index.get(p);
      if (i === undefined) {
        if (withdraw) this.foreignSet.delete(p);
        else this.foreignSet.add(p);
      } else this.set(i, withdraw ? 0 : peer + 1);
    }
    if (this.completeAt === undefined && this.correct === this.state.length) this.completeAt = performance.now();
  }

  /** Closes the session. */
  close(): void {
    this.session?.close();
  }
}
