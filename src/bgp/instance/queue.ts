/**
 * The instance's event queue (STYLE idea 8, "one owner of state"): socket data, timer expiries and
 * deferred work are posted here and run one at a time, in order. Posting while idle runs the
 * event at once (synchronously), so a decoded OPEN updates the codec context before the next
 * frame of the same TCP segment is decoded; posting from inside an event appends to the queue.
 * A throwing event is logged and does not stop the queue: the daemon never crashes on input.
 */
import type { Logger } from '../../lib/log.js';

/** Serial executor of instance events. */
export class EventQueue {
  private readonly queue: (() => void)[] = [];
  private running = false;

  constructor(private readonly log: Logger) {}

  /** Runs `fn` now if idle, else after the events already queued. */
  post(fn: () => void): void {
    this.queue.push(fn);
    if (this.running) return;
    this.running = true;
    try {
      for (let fn1 = this.queue.shift(); fn1; fn1 = this.queue.shift()) {
        try {
          fn1();
        } catch (err) {
          this.log.error({ err }, 'BGP event failed');
        }
      }
    } finally {
      this.running = false;
    }
  }
}
