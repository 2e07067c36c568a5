/**
 * The EVPN core of one border gateway: owns its EVIs, local MACs and the routes received through an
 * EvpnSpeaker, and decides what to advertise and what to install (RFC 7432 §9–§15, RFC 8365).
 *
 *   setSegments(VNIs) ──▶ EVIs ──▶ type 3 per VNI ─────────────────────────┐
 *   setLocal(scan)    ──▶ learn / age edges ──▶ MAC mobility ──▶ type 2 ──┼──▶ speaker.advertise/withdraw
 *   speaker.onRoute   ──▶ received routes per peer ─▶ parseReceived ─┐      │
 *                                                                    └──▶ installs(): floods + MACs ──▶ onChange
 *
 * Install decisions (../shared/spec/evpn.md): a type 3 from VTEP X → a flood entry towards X; a
 * type 2 → the MAC behind X (the dataplane writes the `extern_learn` FDB pair); a MAC+IP → also a
 * neighbour entry on the bridge. A remote MAC is installed unless a local one wins (mobility.ts).
 * Withdrawals and peer-down remove what the routes installed. Synchronous; the clock is injected.
 */
import type { Logger } from '../lib/log.js';
import { silentLogger } from '../lib/log.js';
import { type Evi, type ReceivedRoute, deriveEvi, parseReceived, type2Route, type3Route } from './routes.js';
import { DEFAULT_DUPLICATE, type DuplicateSettings, DuplicateDetector, best, beats, nextSequence } from './mobility.js';
import type { EvpnEvent, EvpnRoute, EvpnSpeaker } from './speaker.js';

/** A segment the gateway serves, with an optional configured route target. */
export interface EvpnSegment {
  readonly vni: number;
  readonly rt?: string;
}

/** Local MACs of one scan: VNI → MAC → IPs known for it (neighbour table). */
export type LocalScan = ReadonlyMap<number, ReadonlyMap<string, ReadonlySet<string>>>;

/** A remote MAC the core wants installed. */
export interface LearnedMac {
  readonly vni: number;
  readonly mac: string;
  /** IPs from MAC+IP routes of the winning VTEP, sorted. */
  readonly ips: readonly string[];
  readonly vtep: string;
  /** BGP peer the winning route came from. */
  readonly peer: string;
  readonly sequence: number;
  readonly sticky: boolean;
}

/** A remote VTEP of a segment (from its type 3 route). */
export interface RemoteVtep {
  readonly vni: number;
  readonly vtep: string;
  readonly peer: string;
}

/** A MAC this gateway advertises. */
export interface LocalMacState {
  readonly vni: number;
  readonly mac: string;
  readonly ips: readonly string[];
  readonly sequence: number;
  /** False when a remote claim won (the MAC moved away) and it is not advertised. */
  readonly advertised: boolean;
}

/** A duplicate MAC (RFC 7432 §15.1), frozen. */
export interface DuplicateMac {
  readonly vni: number;
  readonly mac: string;
  readonly moves: number;
  /** Seconds (core clock) it froze at. */
  readonly since: number;
}

/** View for the API: learned MACs, remote VTEPs, duplicates (read-only), and clearing a duplicate. */
export interface EvpnView {
  learnedMacs(): LearnedMac[];
  remoteVteps(): RemoteVtep[];
  duplicateMacs(): DuplicateMac[];
  localMacs(): LocalMacState[];
  /** The operator's corrective action for a frozen MAC (RFC 7432 §15.1). @returns whether it was frozen */
  clearDuplicate?(vni: number, mac: string): boolean;
}

/** Options of the core. */
export interface EvpnCoreOptions {
  speaker: EvpnSpeaker;
  /** Our VTEP address (next hop and PMSI endpoint of what we originate). */
  localVtep: string;
  duplicate?: DuplicateSettings;
  /** Seconds, monotonic enough for the duplicate window (default: Date.now() / 1000). */
  now?: () => number;
  log?: Logger;
}

interface Local {
  vni: number;
  mac: string;
  ips: Set<string>;
  present: boolean;
  advertised: boolean;
  sequence: number | undefined;
  /** Keys we advertise for this MAC. */
  keys: Set<string>;
}

type Remote2 = Extract<ReceivedRoute, { type: 2 }> & { peer: string };

const macId = (vni: number, mac: string): string => `${vni}|${mac}`;

/** The EVPN control plane of one gateway. */
export class EvpnCore implements EvpnView {
  private evis = new Map<number, Evi>();
  private readonly rdIndex = new Map<number, number>();
  /** Raw routes per peer, re-interpreted when the EVIs change. */
  private readonly raw = new Map<string, Map<string, EvpnRoute>>();
  /** Interpreted type 2 routes by MAC id → "peer|key" → route. */
  private readonly remote2 = new Map<string, Map<string, Remote2>>();
  /** "peer|key" of each interpreted type 2 route → its MAC id (for incremental withdrawal). */
  private readonly macOfRoute = new Map<string, string>();
  /** Interpreted type 3 routes: "peer|key" → VTEP. */
  private readonly remote3 = new Map<string, RemoteVtep>();
  private readonly locals = new Map<string, Local>();
  private readonly dup: DuplicateDetector;
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: () => void;
  private readonly now: () => number;
  private readonly log: Logger;
  private closed = false;

  constructor(private readonly opts: EvpnCoreOptions) {
    this.dup = new DuplicateDetector(opts.duplicate ?? DEFAULT_DUPLICATE);
    this.now = opts.now ?? (() => Date.now() / 1000);
    this.log = opts.log ?? silentLogger;
    this.unsubscribe = opts.speaker.onRoute((ev) => this.onRoute(ev));
  }

  /** Calls `cb` after anything that may change installs() or the view. @returns unsubscribe */
  onChange(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private changed(): void {
    for (const cb of this.listeners) cb();
  }

  /** Stops listening to the speaker and withdraws everything we originated. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const l of this.locals.values()) for (const k of l.keys) this.opts.speaker.withdraw(k);
    for (const evi of this.evis.values()) this.opts.speaker.withdraw(type3Route(evi, this.opts.localVtep).key);
  }

  /**
   * Sets the segments served (one EVI each): type 3 routes are advertised for new VNIs and withdrawn
   * for removed ones (with their MACs); received routes are re-imported by route target.
   * @throws BambuError INVALID_ARGUMENT for a bad configured route target
   */
  setSegments(segments: readonly EvpnSegment[]): void {
    const next = new Map<number, Evi>();
    const used = new Set<number>();
    for (const [vni, i] of this.rdIndex) if (segments.some((s) => s.vni === vni)) used.add(i);
    for (const s of [...segments].sort((a, b) => a.vni - b.vni)) {
      if (next.has(s.vni)) continue;
      let index = this.rdIndex.get(s.vni);
      if (index === undefined) {
        index = s.vni <= 0xffff && !used.has(s.vni) ? s.vni : 1;
        while (used.has(index)) index++;
        used.add(index);
        this.rdIndex.set(s.vni, index);
      }
      next.set(s.vni, deriveEvi(s.vni, { routerId: this.opts.speaker.routerId, asn: this.opts.speaker.localAs, index, ...(s.rt !== undefined ? { rt: s.rt } : {}) }));
    }
    const same = next.size === this.evis.size && [...next].every(([vni, e]) => {
      const o = this.evis.get(vni);
      return o !== undefined && o.rd === e.rd && o.rt === e.rt;
    });
    if (same) return;
    const old = this.evis;
    this.evis = next;
    for (const [vni, e] of old) {
      const n = next.get(vni);
      if (n && n.rd === e.rd && n.rt === e.rt) continue;
      this.opts.speaker.withdraw(type3Route(e, this.opts.localVtep).key);
      for (const l of this.locals.values()) if (l.vni === vni) this.withdrawLocal(l);
      if (!n) for (const [id, l] of this.locals) if (l.vni === vni) this.locals.delete(id);
      if (!n) this.rdIndex.delete(vni);
    }
    for (const [vni, e] of next) {
      const o = old.get(vni);
      if (o && o.rd === e.rd && o.rt === e.rt) continue;
      this.opts.speaker.advertise(type3Route(e, this.opts.localVtep));
      for (const l of this.locals.values()) if (l.vni === vni && l.present) this.learn(l, false);
    }
    this.reimport();
    this.changed();
  }

  /** The current EVIs, by VNI. */
  eviList(): Evi[] {
    return [...this.evis.values()];
  }

  /**
   * Feeds one scan of the local MACs (bridge FDB entries learned on local ports, IPs from the
   * neighbour table). MACs that appeared are learned (advertised with the mobility sequence), MACs
   * that vanished are withdrawn; VNIs without an EVI are ignored.
   */
  setLocal(scan: LocalScan): void {
    let touched = false;
    const seen = new Set<string>();
    for (const [vni, macs] of scan) {
      if (!this.evis.has(vni)) continue;
      for (const [mac, ips] of macs) {
        const id = macId(vni, mac);
        seen.add(id);
        let l = this.locals.get(id);
        if (!l) this.locals.set(id, (l = { vni, mac, ips: new Set(), present: false, advertised: false, sequence: undefined, keys: new Set() }));
        const ipsChanged = l.ips.size !== ips.size || [...ips].some((ip) => !l.ips.has(ip));
        l.ips = new Set(ips);
        if (!l.present) {
          l.present = true;
          this.learn(l, true);
          touched = true;
        } else if (ipsChanged && l.advertised && !this.dup.isFrozen(id)) {
          this.advertiseLocal(l);
          touched = true;
        }
      }
    }
    for (const [id, l] of this.locals) {
      if (seen.has(id) || !l.present) continue;
      l.present = false;
      if (!this.dup.isFrozen(id)) this.withdrawLocal(l);
      touched = true;
    }
    if (touched) this.changed();
  }

  /** A local learn edge: advertise unless a sticky remote or a frozen state forbids it. */
  private learn(l: Local, edge: boolean): void {
    const id = macId(l.vni, l.mac);
    if (this.dup.isFrozen(id)) return;
    const remote = best(this.remote2.get(id)?.values() ?? []);
    if (remote?.sticky) {
      this.log.warn({ vni: l.vni, mac: l.mac, vtep: remote.vtep }, 'evpn: MAC learned locally is a sticky MAC of a remote VTEP; not advertised (RFC 7432 §15.2)');
      return;
    }
    if (remote !== undefined && edge) {
      if (this.dup.move(id, this.now())) return this.freeze(l, remote.vtep);
    }
    l.sequence = nextSequence(remote, l.sequence);
    l.advertised = true;
    this.advertiseLocal(l);
  }

  private freeze(l: Local, vtep: string): void {
    this.log.error({ vni: l.vni, mac: l.mac, vtep }, 'evpn: duplicate MAC (RFC 7432 §15.1): moved too often; frozen, its routes are no longer sent or processed');
  }

  /** (Re-)advertises MAC-only and MAC+IP routes of a local MAC; withdraws keys no longer wanted. */
  private advertiseLocal(l: Local): void {
    const evi = this.evis.get(l.vni);
    if (!evi) return;
    const routes = [type2Route(evi, this.opts.localVtep, l.mac, { sequence: l.sequence ?? 0 })];
    for (const ip of [...l.ips].sort()) routes.push(type2Route(evi, this.opts.localVtep, l.mac, { ip, sequence: l.sequence ?? 0 }));
    const keys = new Set(routes.map((r) => r.key));
    for (const k of l.keys) if (!keys.has(k)) this.opts.speaker.withdraw(k);
    for (const r of routes) this.opts.speaker.advertise(r);
    l.keys = keys;
  }

  private withdrawLocal(l: Local): void {
    for (const k of l.keys) this.opts.speaker.withdraw(k);
    l.keys = new Set();
    l.advertised = false;
  }

  /**
   * Handles one speaker event (also the entry point for tests driving a fake speaker). An update or
   * withdrawal re-interprets only its own route (O(1) per event, so a table of N routes costs O(N));
   * a peer-down re-interprets everything.
   */
  onRoute(ev: EvpnEvent): void {
    if (this.closed) return;
    if (ev.kind === 'peer-down') {
      if (!this.raw.delete(ev.peer)) return;
      this.reimport();
      this.changed();
      return;
    }
    const affected = new Set<string>();
    if (ev.kind === 'withdraw') {
      if (!this.raw.get(ev.peer)?.delete(ev.key)) return;
      const old = this.unindex(`${ev.peer}|${ev.key}`);
      if (old !== undefined) affected.add(old);
    } else {
      let m = this.raw.get(ev.peer);
      if (!m) this.raw.set(ev.peer, (m = new Map()));
      m.set(ev.route.key, ev.route);
      const old = this.unindex(`${ev.peer}|${ev.route.key}`);
      if (old !== undefined) affected.add(old);
      const now = this.index(ev.peer, ev.route, [...this.evis.values()]);
      if (now !== undefined) affected.add(now);
    }
    for (const id of affected) this.resolve(id);
    this.changed();
  }

  /** Interprets one raw route into remote2 / remote3. @returns the MAC id of a type 2 route */
  private index(peer: string, r: EvpnRoute, evis: readonly Evi[]): string | undefined {
    const p = parseReceived(r, evis, this.opts.speaker.localAs, this.opts.localVtep);
    if ('ignored' in p) return undefined;
    const pk = `${peer}|${r.key}`;
    if (p.type === 3) {
      this.remote3.set(pk, { vni: p.vni, vtep: p.vtep, peer });
      return undefined;
    }
    const id = macId(p.vni, p.mac);
    let m = this.remote2.get(id);
    if (!m) this.remote2.set(id, (m = new Map()));
    m.set(pk, { ...p, peer });
    this.macOfRoute.set(pk, id);
    return id;
  }

  /** Removes the interpretation of route "peer|key". @returns the MAC id it was a type 2 of */
  private unindex(pk: string): string | undefined {
    this.remote3.delete(pk);
    const id = this.macOfRoute.get(pk);
    if (id === undefined) return undefined;
    this.macOfRoute.delete(pk);
    const m = this.remote2.get(id);
    m?.delete(pk);
    if (m?.size === 0) this.remote2.delete(id);
    return id;
  }

  /** Re-interprets every raw route and applies the mobility rules to the MACs it touches. */
  private reimport(): void {
    const evis = [...this.evis.values()];
    const before = new Set(this.remote2.keys());
    this.remote2.clear();
    this.remote3.clear();
    this.macOfRoute.clear();
    for (const [peer, routes] of this.raw) for (const r of routes.values()) this.index(peer, r, evis);
    for (const id of new Set([...before, ...this.remote2.keys()])) this.resolve(id);
  }

  /**
   * A remote claim that beats our advertised MAC: the MAC moved away (RFC 7432 §15.1); a local MAC
   * that lost and whose remote claims are all gone is advertised again.
   */
  private resolve(id: string): void {
    const l = this.locals.get(id);
    if (!l || this.dup.isFrozen(id)) return;
    const remote = best(this.remote2.get(id)?.values() ?? []);
    if (!l.advertised) {
      // Still present locally and no remote claim any more (it was withdrawn): ours again.
      if (l.present && remote === undefined) this.learn(l, false);
      return;
    }
    if (remote === undefined) return;
    if (beats(remote, { vtep: this.opts.localVtep, sequence: l.sequence ?? 0, sticky: false })) {
      this.log.info({ vni: l.vni, mac: l.mac, vtep: remote.vtep, sequence: remote.sequence }, 'evpn: MAC moved to a remote VTEP');
      this.withdrawLocal(l);
      l.sequence = Math.max(l.sequence ?? 0, remote.sequence); // a later re-learn goes above it
      if (this.dup.move(id, this.now())) this.freeze(l, remote.vtep);
    }
  }

  /** True when the local MAC is advertised and not beaten by `remote`. */
  private localHolds(id: string): boolean {
    const l = this.locals.get(id);
    return l !== undefined && l.advertised;
  }

  /** Remote MACs to install: per MAC the winning claim, unless our own advertisement holds it. */
  learnedMacs(): LearnedMac[] {
    const out: LearnedMac[] = [];
    for (const [id, routes] of this.remote2) {
      if (this.localHolds(id)) continue;
      const win = best(routes.values());
      if (!win) continue;
      const ips = new Set<string>();
      for (const r of routes.values()) if (r.vtep === win.vtep && r.ip !== undefined) ips.add(r.ip);
      out.push({ vni: win.vni, mac: win.mac, ips: [...ips].sort(), vtep: win.vtep, peer: win.peer, sequence: win.sequence, sticky: win.sticky });
    }
    return out.sort((a, b) => a.vni - b.vni || (a.mac < b.mac ? -1 : a.mac > b.mac ? 1 : 0));
  }

  /** Remote VTEPs per segment (type 3 routes), deduplicated, sorted. */
  remoteVteps(): RemoteVtep[] {
    const m = new Map<string, RemoteVtep>();
    for (const v of this.remote3.values()) m.set(`${v.vni}|${v.vtep}`, v);
    return [...m.values()].sort((a, b) => a.vni - b.vni || (a.vtep < b.vtep ? -1 : 1));
  }

  duplicateMacs(): DuplicateMac[] {
    return this.dup.frozen().map((f) => {
      const [vni, mac] = f.id.split('|');
      return { vni: Number(vni), mac: mac!, moves: f.moves, since: f.since };
    });
  }

  localMacs(): LocalMacState[] {
    return [...this.locals.values()]
      .filter((l) => l.present)
      .map((l) => ({ vni: l.vni, mac: l.mac, ips: [...l.ips].sort(), sequence: l.sequence ?? 0, advertised: l.advertised }))
      .sort((a, b) => a.vni - b.vni || (a.mac < b.mac ? -1 : 1));
  }

  /**
   * Operator's corrective action for a duplicate MAC: unfreezes it and re-runs the procedure.
   * @returns whether it was frozen
   */
  clearDuplicate(vni: number, mac: string): boolean {
    const id = macId(vni, mac);
    if (!this.dup.clear(id)) return false;
    const l = this.locals.get(id);
    if (l?.present) this.learn(l, false);
    this.resolve(id);
    this.changed();
    return true;
  }
}
