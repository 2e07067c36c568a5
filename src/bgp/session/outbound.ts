/**
 * Out-processing of one session (RFC 4271 §9.2): the peer's Adj-RIB-Out, the per-session export
 * cache, and UPDATE batches paced by the MinRouteAdvertisementIntervalTimer (§9.2.1.1): the first
 * change after a quiet period leaves on the next turn of the event loop, later ones wait for the
 * interval and leave together, packed per attribute set with encodeUpdates.
 */
import type { Logger } from '../../lib/log.js';
import { AdjRibOut } from '../rib/adj-rib-out.js';
import type { AfiSafi } from '../types.js';
import { encodeEndOfRib, encodeUpdates, encodeWithdrawals } from '../wire/index.js';
import type { Connection } from './connection.js';
import type { MessageCounters } from './stats.js';

/** What the outbound side needs from its session. */
export interface OutboundSession {
  readonly address: string;
  readonly counters: MessageCounters;
  readonly log: Logger;
  /** The Established session's connection, undefined otherwise. */
  establishedConnection(): Connection | undefined;
  /** MinRouteAdvertisementInterval in seconds (0 = no pacing). */
  readonly mraiSecs: number;
  /** Runs `fn` on the instance's event queue. */
  post(fn: () => void): void;
  /** UPDATE frames just sent (post-policy Adj-RIB-Out, for BMP RFC 8671 monitoring). */
  onSent?(frames: readonly Buffer[]): void;
}

/** Adj-RIB-Out plus its sending schedule. */
export class Outbound {
  readonly adjRibOut = new AdjRibOut();
  private mraiTimer: NodeJS.Timeout | undefined;
  private flushQueued = false;

  constructor(private readonly session: OutboundSession) {}

  /** Queues the pending Adj-RIB-Out changes for sending, paced by MinRouteAdvertisementInterval. */
  scheduleFlush(): void {
    if (this.flushQueued || this.mraiTimer || !this.adjRibOut.hasPending() || !this.session.establishedConnection()) return;
    this.flushQueued = true;
    setImmediate(() =>
      this.session.post(() => {
        this.flushQueued = false;
        this.flush();
        this.startMrai();
      }),
    );
  }

  /** Sends the initial table and End-of-RIB per family (RFC 4724 §2), then starts the interval. */
  sendInitialTable(families: readonly AfiSafi[]): void {
    this.flush();
    const conn = this.session.establishedConnection();
    const eors: Buffer[] = [];
    for (const family of families) {
      const eor = conn ? encodeEndOfRib(family, conn.ctx) : undefined;
      if (eor && conn?.send(eor)) {
        this.session.counters.updateSent++;
        eors.push(eor);
      }
    }
    if (eors.length > 0) this.session.onSent?.(eors);
    this.startMrai();
  }

  /** Encodes and sends every pending change now, packing prefixes per attribute set. */
  flush(): void {
    const conn = this.session.establishedConnection();
    if (!conn) return;
    for (const batch of this.adjRibOut.drain()) {
      const frames: Buffer[] = [];
      if (batch.withdrawn.length > 0) frames.push(...encodeWithdrawals(batch.family, batch.withdrawn, conn.ctx));
      for (const [attrs, prefixes] of batch.announced) {
        try {
          frames.push(...encodeUpdates(batch.family, prefixes, attrs, conn.ctx, { nlriData: (k) => this.adjRibOut.nlriDataOf(k) }));
        } catch (err) {
          // An attribute set the codec cannot encode for this session: skip it, keep the rest.
          this.session.log.error({ peer: this.session.address, err, prefixes: prefixes.length }, 'UPDATE not encodable; routes not advertised');
        }
      }
      this.session.counters.updateSent += frames.length;
      conn.send(...frames);
      if (frames.length > 0) this.session.onSent?.(frames);
    }
  }

  /** Session down: nothing advertised, nothing pending, no timer. */
  reset(): void {
    this.adjRibOut.clear();
    this.flushQueued = false;
    this.stop();
  }

  /** Stops the interval timer. */
  stop(): void {
    if (this.mraiTimer) clearTimeout(this.mraiTimer);
    this.mraiTimer = undefined;
  }

  private startMrai(): void {
    const secs = this.session.mraiSecs;
    if (secs <= 0 || this.mraiTimer || !this.session.establishedConnection()) return;
    this.mraiTimer = setTimeout(
      () =>
        this.session.post(() => {
          this.mraiTimer = undefined;
          this.scheduleFlush();
        }),
      secs * 1000,
    );
    this.mraiTimer.unref();
  }
}
