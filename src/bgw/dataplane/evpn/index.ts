/**
 * EVPN driver of the border gateway (config `l2gw.driver: evpn`): the linux driver's kernel
 * realization plus a BGP EVPN control plane (RFC 7432, RFC 8365; ../shared/spec/evpn.md).
 *
 *   reconcile pass: observe (kernel) ─▶ augment: segments → EVIs, scan → local MACs ─▶ EvpnCore
 *                                            ◀── learned remote VTEPs / MACs (origin "evpn") ──┘
 *                   desire ─▶ diff ─▶ apply (flood entries, extern_learn FDB pairs, neighbours)
 *   watch: a periodic scan (scanMs) feeds the core between passes; the core's changes (local
 *          learn/age, received routes, withdrawals, peer-down) ask the reconciler for a pass.
 *
 * Segments are the database's (l2-remote-gateway-connections define the VNIs, as with the linux
 * driver); what EVPN learns is added to them, never stored. Route target of a VNI: a connection's
 * `route_target`, else the configured one (`routeTargets`), else ASN:VNI.
 */
import type { Logger } from '../../../lib/log.js';
import { silentLogger } from '../../../lib/log.js';
import { type DuplicateSettings, EvpnCore, type EvpnSpeaker, type EvpnView } from '../../../evpn/index.js';
import type { DesiredMac, DesiredRemote, DesiredState } from '../../model/desired.js';
import type { ApplyResult, Dataplane, Observed, Op } from '../types.js';
import { localScan } from './scan.js';

export { localScan } from './scan.js';

/** What the EVPN driver needs. */
export interface EvpnDriverOptions {
  /** The kernel adapter (a LinuxDataplane; a fake in unit tests). */
  inner: Dataplane;
  speaker: EvpnSpeaker;
  /** This gateway's VTEP address (l2gw.local_vtep_ip). */
  localVtep: string;
  /** Configured route targets by VNI ("ASN:NN"); others are ASN:VNI. */
  routeTargets?: ReadonlyMap<number, string>;
  /** Interval of the local-MAC scan, milliseconds (default 1000; 0 = only during passes). */
  scanMs?: number;
  duplicate?: DuplicateSettings;
  log?: Logger;
}

/** Adds what EVPN learned to the database's desired state (pure). */
export function withLearned(state: DesiredState, view: EvpnView): DesiredState {
  const first = new Map<number, number>();
  state.segments.forEach((s, i) => {
    if (!first.has(s.vni)) first.set(s.vni, i);
  });
  const remotes = new Map<number, DesiredRemote[]>();
  const macs = new Map<number, DesiredMac[]>();
  for (const v of view.remoteVteps()) {
    const list = remotes.get(v.vni) ?? [];
    list.push({ connectionId: `evpn:${v.vni}:${v.vtep}`, remoteGatewayId: '', vtep: v.vtep, flood: true, origin: 'evpn' });
    remotes.set(v.vni, list);
  }
  for (const m of view.learnedMacs()) {
    const list = macs.get(m.vni) ?? [];
    const base = { connectionId: '', mac: m.mac, vtep: m.vtep, origin: 'evpn' as const };
    if (m.ips.length === 0) list.push({ id: `evpn:${m.vni}:${m.mac}`, ...base });
    for (const ip of m.ips) list.push({ id: `evpn:${m.vni}:${m.mac}:${ip}`, ...base, ip });
    macs.set(m.vni, list);
  }
  return {
    segments: state.segments.map((s, i) =>
      first.get(s.vni) === i ? { ...s, remotes: [...s.remotes, ...(remotes.get(s.vni) ?? [])], macs: [...s.macs, ...(macs.get(s.vni) ?? [])] } : s,
    ),
  };
}

/** The EVPN driver: a Dataplane whose augment/watch run the EVPN core. */
export class EvpnDataplane implements Dataplane {
  /** The control plane (read-only view for the API: learned MACs, remote VTEPs, duplicates). */
  readonly core: EvpnCore;
  private vnis: number[] = [];
  private readonly log: Logger;
  /** Observations are numbered when they start; a scan older than the last one applied is dropped. */
  private observations = 0;
  private lastApplied = 0;
  private readonly started = new WeakMap<Observed, number>();

  constructor(private readonly opts: EvpnDriverOptions) {
    this.log = opts.log ?? silentLogger;
    this.core = new EvpnCore({
      speaker: opts.speaker,
      localVtep: opts.localVtep,
      log: this.log,
      ...(opts.duplicate ? { duplicate: opts.duplicate } : {}),
    });
  }

  /** Reads the kernel (the inner adapter's observe), numbering the observation. */
  async observe(): Promise<Observed> {
    const n = ++this.observations;
    const obs = await this.opts.inner.observe();
    this.started.set(obs, n);
    return obs;
  }

  /**
   * Feeds the local MACs of `obs` to the core unless a newer observation was applied already (the
   * periodic scan and a reconcile pass may overlap; a stale scan would age out a MAC just learned).
   */
  private applyScan(obs: Observed): void {
    const n = this.started.get(obs) ?? ++this.observations;
    if (n < this.lastApplied) return;
    this.lastApplied = n;
    this.core.setLocal(localScan(obs, this.vnis));
  }

  /** Applies ops through the inner adapter. Never throws for a failed op. */
  apply(ops: Op[]): Promise<ApplyResult> {
    return this.opts.inner.apply(ops);
  }

  /** Segments → EVIs, the observed local MACs → the core, then the learned state added. */
  augment(state: DesiredState, obs: Observed): DesiredState {
    const vnis = [...new Set(state.segments.map((s) => s.vni))].sort((a, b) => a - b);
    this.vnis = vnis;
    const rtOf = (vni: number): string | undefined => state.segments.find((s) => s.vni === vni && s.routeTarget !== undefined)?.routeTarget ?? this.opts.routeTargets?.get(vni);
    try {
      this.core.setSegments(
        vnis.map((vni) => {
          const rt = rtOf(vni);
          return rt === undefined ? { vni } : { vni, rt };
        }),
      );
    } catch (err) {
      this.log.error({ err }, 'evpn: segments not applied');
    }
    this.applyScan(obs);
    return withLearned(state, this.core);
  }

  /** Starts the periodic scan and forwards the core's changes. @returns stop (withdraws our routes) */
  watch(onChange: () => void): () => Promise<void> {
    const off = this.core.onChange(onChange);
    let busy = false;
    const every = this.opts.scanMs ?? 1000;
    const timer =
      every > 0
        ? setInterval(() => {
            if (busy || this.vnis.length === 0) return;
            busy = true;
            this.observe()
              .then((obs) => this.applyScan(obs))
              .catch((err: unknown) => this.log.warn({ err }, 'evpn: local MAC scan failed'))
              .finally(() => (busy = false));
          }, every)
        : undefined;
    timer?.unref();
    return async () => {
      if (timer) clearInterval(timer);
      off();
      this.core.close();
    };
  }
}
