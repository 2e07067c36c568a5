/**
 * Hyper Switch scheduling (`choose_hyper_switch`, ../shared/spec/hyper-agent.md): pure functions over
 * the states Hyper Switch agents report. A node is live while its last heartbeat is at most
 * `downTimeSecs` old (Neutron's `agent_down_time` idea); among live nodes with free capacity (and in
 * the requested availability zone, if any) the least loaded wins: lowest vif_count/capacity, then
 * lowest vif_count, then id (deterministic).
 */
import { z } from 'zod';
import { BambuError, invalidArgument } from '../lib/errors.js';

/** What a Hyper Switch agent reports about itself on every heartbeat. */
export const hyperSwitchStateSchema = z
  .object({
    id: z.string().min(1),
    host: z.string().min(1),
    /** Tunnel endpoint IP of the node ("" when not configured). */
    ip: z.string().default(''),
    /** Most VIFs the node takes. */
    capacity: z.number().int().min(1),
    /** VIFs plugged now. */
    vif_count: z.number().int().min(0),
    availability_zone: z.string().min(1),
  })
  .passthrough();

export type HyperSwitchState = z.infer<typeof hyperSwitchStateSchema>;

/** A reported state and when it was received (receiver's clock, seconds since the epoch). */
export interface HyperSwitchRecord {
  state: HyperSwitchState;
  heartbeatAt: number;
}

/**
 * Validates a reported state.
 * @throws BambuError INVALID_ARGUMENT naming the key (`state.capacity: …`)
 */
export function parseHyperSwitchState(value: unknown): HyperSwitchState {
  const r = hyperSwitchStateSchema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw invalidArgument(['state', ...i.path.map(String)].join('.'), i.message);
  }
  return r.data;
}

/** True when the record's heartbeat is at most `downTimeSecs` old at `nowSecs`. */
export function isAlive(rec: HyperSwitchRecord, nowSecs: number, downTimeSecs: number): boolean {
  return nowSecs - rec.heartbeatAt <= downTimeSecs;
}

/**
 * Picks the Hyper Switch for a new VM.
 * @param records     every known node with its last heartbeat
 * @param nowSecs     current time, seconds since the epoch
 * @param downTimeSecs heartbeat age after which a node is dead
 * @param availabilityZone only nodes of this zone, if given
 * @returns the chosen node's state
 * @throws BambuError UNAVAILABLE listing why each known node was skipped when none fits
 */
export function chooseHyperSwitch(records: Iterable<HyperSwitchRecord>, nowSecs: number, downTimeSecs: number, availabilityZone?: string): HyperSwitchState {
  const skipped: string[] = [];
  const fit: HyperSwitchState[] = [];
  for (const r of records) {
    const s = r.state;
    if (!isAlive(r, nowSecs, downTimeSecs)) skipped.push(`${s.id} dead (last heartbeat ${Math.round(nowSecs - r.heartbeatAt)} s ago)`);
    else if (availabilityZone && s.availability_zone !== availabilityZone) skipped.push(`${s.id} in zone ${s.availability_zone}`);
    else if (s.vif_count >= s.capacity) skipped.push(`${s.id} full (${s.vif_count}/${s.capacity})`);
    else fit.push(s);
  }
  if (fit.length === 0) {
    const zone = availabilityZone ? ` in availability zone ${availabilityZone}` : '';
    const why = skipped.length ? `: ${skipped.join('; ')}` : ' (no Hyper Switch has reported)';
    throw new BambuError('UNAVAILABLE', `no live Hyper Switch with free capacity${zone}${why}`);
  }
  fit.sort((a, b) => a.vif_count / a.capacity - b.vif_count / b.capacity || a.vif_count - b.vif_count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return fit[0]!;
}

/** In-memory registry of Hyper Switch heartbeats (each agent keeps one, fed by fanout `report_state`). */
export class HyperSwitchRegistry {
  private readonly records = new Map<string, HyperSwitchRecord>();

  constructor(private readonly now: () => number = () => Date.now() / 1000) {}

  /** Records a heartbeat received now. */
  report(state: HyperSwitchState): void {
    this.records.set(state.id, { state, heartbeatAt: this.now() });
  }

  /** Every known node. */
  list(): HyperSwitchRecord[] {
    return [...this.records.values()];
  }

  /** {@link chooseHyperSwitch} over the registry at the current time. */
  choose(downTimeSecs: number, availabilityZone?: string): HyperSwitchState {
    return chooseHyperSwitch(this.records.values(), this.now(), downTimeSecs, availabilityZone);
  }
}
