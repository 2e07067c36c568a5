/**
 * Border-gateway reconciler (STYLE idea 12; BIRD's kernel sync): observe the dataplane, desire
 * (DesiredState → KernelSpec), diff (pure), apply, report per-object status.
 *
 * Passes run at start-up, after every store change (debounced) and periodically (to repair drift
 * made behind our back). They are serialized: a trigger during a pass schedules exactly one more
 * pass after it, never two applies at once. Errors never escape: a failed op or observe becomes
 * "ERROR: …" in the objects' status and a log line.
 *
 * Control-plane drivers (evpn) hook in through the optional Dataplane.augment (adds learned state
 * to the database's, after observe) and Dataplane.watch (their own activity; asks for passes).
 */
import type { Logger } from '../lib/log.js';
import type { DesiredState, StatusSink } from './model/desired.js';
import type { Dataplane, Observed, Plan, ApplyResult } from './dataplane/types.js';
import { desire } from './dataplane/desire.js';
import { diff } from './dataplane/diff.js';
import { statuses, type ObjectStatus } from './dataplane/status.js';

/** What a reconciler needs. */
export interface ReconcilerOptions {
  dataplane: Dataplane;
  /** Reads the database's desired state (BgwStore.desiredState). */
  desiredState: () => Promise<DesiredState>;
  status: StatusSink;
  log: Logger;
  /** Local VTEP address (l2gw.local_vtep_ip). */
  localVtep: string;
  /** Underlay MTU in octets; default: the MTU of the interface holding localVtep, else 1500. */
  underlayMtu?: number;
  /** Quiet time after a trigger before a pass starts, milliseconds (default 50). */
  debounceMs?: number;
  /** Interval of periodic passes, milliseconds (default 30 000; 0 disables). */
  resyncMs?: number;
}

/** Outcome of one pass. */
export interface PassReport {
  ops: number;
  failed: number;
  errors: number;
}

/**
 * Underlay MTU: the configured value, else the MTU of the link that holds the local VTEP address,
 * else 1500 (Ethernet).
 */
export function underlayMtu(obs: Observed, localVtep: string, configured?: number): number {
  if (configured !== undefined) return configured;
  const dev = obs.addrs.find((a) => a.ip === localVtep)?.dev;
  const mtu = dev === undefined ? undefined : obs.links.find((l) => l.name === dev)?.mtu;
  return mtu && mtu > 0 ? mtu : 1500;
}

/** Serialized, debounced reconcile loop for one dataplane. */
export class Reconciler {
  private timer: NodeJS.Timeout | undefined;
  private resync: NodeJS.Timeout | undefined;
  private loop: Promise<void> | undefined;
  private dirty = false;
  private closed = false;
  private readonly reported = new Map<string, string>();
  private stopWatch: (() => Promise<void>) | undefined;
  /** Number of passes run (for tests and metrics). */
  passes = 0;
  /** Report of the latest pass. */
  last: PassReport | undefined;

  constructor(private readonly opts: ReconcilerOptions) {}

  /** Runs a first pass now and starts the periodic resync. Resolves after the first pass. */
  async start(): Promise<void> {
    this.stopWatch = this.opts.dataplane.watch?.(() => this.trigger());
    const every = this.opts.resyncMs ?? 30_000;
    if (every > 0) {
      this.resync = setInterval(() => this.trigger(), every);
      this.resync.unref();
    }
    await this.reconcileNow();
  }

  /** Schedules a pass after the debounce time (coalescing bursts of store changes). */
  trigger(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.kick();
    }, this.opts.debounceMs ?? 50);
  }

  /** Runs a pass that starts after this call (waiting for a running one first). Never rejects. */
  reconcileNow(): Promise<void> {
    return this.kick();
  }

  private kick(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.dirty = true;
    if (!this.loop) {
      this.loop = (async () => {
        while (this.dirty && !this.closed) {
          this.dirty = false;
          await this.pass();
        }
      })().finally(() => (this.loop = undefined));
    }
    return this.loop;
  }

  /** Stops timers and waits for a running pass. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.resync) clearInterval(this.resync);
    await this.loop;
    const stop = this.stopWatch;
    this.stopWatch = undefined;
    await stop?.();
  }

  /** One observe → desire → diff → apply → status pass. Never throws. */
  private async pass(): Promise<void> {
    const { log } = this.opts;
    this.passes++;
    let state: DesiredState;
    try {
      state = await this.opts.desiredState();
    } catch (err) {
      log.error({ err }, 'l2gw reconcile: cannot read the desired state');
      return;
    }
    let plan: Plan;
    let result: ApplyResult;
    try {
      const obs = await this.opts.dataplane.observe();
      if (this.opts.dataplane.augment) state = this.opts.dataplane.augment(state, obs);
      const spec = desire(state, { localVtep: this.opts.localVtep, underlayMtu: underlayMtu(obs, this.opts.localVtep, this.opts.underlayMtu) });
      plan = diff(obs, spec);
      result = plan.ops.length > 0 ? await this.opts.dataplane.apply(plan.ops) : { failed: [] };
    } catch (err) {
      const message = `dataplane: ${(err as Error).message}`;
      log.error({ err }, 'l2gw reconcile failed');
      plan = { ops: [], errors: [] };
      result = { failed: [] };
      const all = statuses(state, [], result);
      await this.report(new Map([...all].map(([k, s]) => [k, { ...s, status: `ERROR: ${message}`.slice(0, 255) }])));
      this.last = { ops: 0, failed: 0, errors: all.size };
      return;
    }
    for (const e of plan.errors) log.warn({ owners: e.owners }, `l2gw: ${e.message}`);
    for (const f of result.failed) log.error({ op: f.op.op, owners: f.op.owners }, `l2gw kernel: ${f.message}`);
    if (plan.ops.length > 0) log.info({ ops: plan.ops.length, failed: result.failed.length }, 'l2gw dataplane reconciled');
    this.last = { ops: plan.ops.length, failed: result.failed.length, errors: plan.errors.length };
    await this.report(statuses(state, plan.errors, result));
  }

  /** Writes statuses that changed since the last report (a status write may itself trigger a pass). */
  private async report(all: Map<string, ObjectStatus>): Promise<void> {
    for (const [k, s] of all) {
      if (this.reported.get(k) === s.status) continue;
      try {
        await this.opts.status.setStatus(s.kind, s.id, s.status);
        this.reported.set(k, s.status);
      } catch (err) {
        this.opts.log.warn({ err, kind: s.kind, id: s.id }, 'l2gw: cannot store status');
      }
    }
    for (const k of [...this.reported.keys()]) if (!all.has(k)) this.reported.delete(k);
  }
}
