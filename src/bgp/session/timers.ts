/**
 * The peer's FSM timers (RFC 4271 §8.1.3 / §10) as named Node timeouts. Expiry calls back into the
 * owner, which turns it into an FSM event (ConnectRetryTimer_Expires …) on its event queue.
 */
import type { TimerName } from '../fsm/index.js';

/** A set of named one-shot timers. */
export class Timers {
  private readonly running = new Map<TimerName, NodeJS.Timeout>();

  /** @param onExpire called with the timer's name when it fires */
  constructor(private readonly onExpire: (timer: TimerName) => void) {}

  /** (Re)starts `timer` for `secs` seconds (0 fires on the next turn of the event loop). */
  start(timer: TimerName, secs: number): void {
    this.stop(timer);
    const t = setTimeout(() => {
      this.running.delete(timer);
      this.onExpire(timer);
    }, secs * 1000);
    t.unref();
    this.running.set(timer, t);
  }

  stop(timer: TimerName): void {
    const t = this.running.get(timer);
    if (t) clearTimeout(t);
    this.running.delete(timer);
  }

  isRunning(timer: TimerName): boolean {
    return this.running.has(timer);
  }

  stopAll(): void {
    for (const t of this.running.values()) clearTimeout(t);
    this.running.clear();
  }
}
