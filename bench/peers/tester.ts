/**
 * A tester peer: an iBGP session to the target that sends a pre-encoded table as fast as the
 * target reads it (TCP backpressure), then stays up. iBGP so that the target does not advertise
 * the testers' routes back to the other testers (RFC 4271 §9.2.1: no iBGP-to-iBGP without route
 * reflection) — only the monitor gets the table, the same for every target.
 */
import { BenchSession, type SessionOptions } from './session.js';

/** One tester with its blocks of UPDATEs. */
export class Tester {
  private session: BenchSession | undefined;
  /** Octets handed to the socket so far. */
  sentOctets = 0;
  /** performance.now() when the last block was accepted by the socket. */
  doneAt: number | undefined;

  constructor(
    /** UPDATE messages, concatenated into blocks. */
    private readonly blocks: readonly Buffer[],
  ) {}

  /** Total octets of the table. */
  get totalOctets(): number {
    return this.blocks.reduce((s, b) => s + b.length, 0);
  }

  /** Opens the session (see BenchSession.open). */
  async connect(opts: Omit<SessionOptions, 'onUpdate'>, timeoutMs: number): Promise<void> {
    this.session = await BenchSession.open(opts, timeoutMs);
  }

  /** Session error, if it ended. */
  get error(): string | undefined {
    return this.session?.error;
  }

  /**
   * Sends every block; resolves when the last one is written, rejects when the session ends.
   * Bounded: exactly blocks.length writes.
   */
  async send(): Promise<void> {
    const s = this.session;
    if (!s) throw new Error('tester not connected');
    for (const b of this.blocks) {
      await s.write(b);
      this.sentOctets += b.length;
    }
    this.doneAt = performance.now();
  }

  /** Closes the session. */
  close(): void {
    this.session?.close();
  }
}
