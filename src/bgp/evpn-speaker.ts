/**
 * The BGP engine as an EvpnSpeaker (src/evpn/speaker.ts, docs/evpn.md): the EVPN core of a border
 * gateway originates and receives L2VPN EVPN routes (RFC 7432, RFC 8365) through the instance.
 *
 * - advertise / withdraw = locally originated Loc-RIB routes of family `l2vpn-evpn` (route key,
 *   attributes, labels as NlriData beside the key); the export rules prepend our AS towards eBGP
 *   peers, set LOCAL_PREF towards iBGP ones and keep the next hop (the VTEP).
 * - onRoute is fed from the Loc-RIB best path of each route key (after AS-loop and import policy):
 *   best set → `update`, best gone (withdrawal, session loss) → `withdraw`, all under one constant
 *   peer name (BGP_PEER) so that a best path moving between peers is a replacement for the core.
 *   Our own originated routes are never reported back. Events are delivered in order on a
 *   microtask, so a subscriber may call advertise/withdraw from its callback.
 */
import type { EvpnEvent, EvpnRoute, EvpnSpeaker } from '../evpn/speaker.js';
import type { BgpInstance } from './instance.js';
import type { RibPath } from './rib/path.js';

/** The peer name of every event this speaker reports. */
export const BGP_PEER = 'bgp';

/** EvpnSpeaker over a BGP instance. close() unsubscribes from the instance. */
export class BgpEvpnSpeaker implements EvpnSpeaker {
  readonly localAs: number;
  readonly routerId: string;
  private readonly subscribers = new Set<(ev: EvpnEvent) => void>();
  private readonly pending: EvpnEvent[] = [];
  private scheduled = false;
  private readonly off: () => void;

  constructor(private readonly bgp: BgpInstance) {
    this.localAs = bgp.asn;
    this.routerId = bgp.routerId;
    this.off = bgp.onRibChange((c) => {
      if (c.family !== 'l2vpn-evpn') return;
      const ev = eventOf(c.prefix, c.best);
      if (ev) this.emit(ev);
    });
  }

  /** Originates or replaces `route` (Loc-RIB local route). @throws BambuError INVALID_ARGUMENT for a bad key */
  advertise(route: EvpnRoute): void {
    this.bgp.addLocalEvpnRoute(route.key, route.attributes, route.data);
  }

  /** Withdraws an originated route; unknown keys are ignored. */
  withdraw(key: string): void {
    this.bgp.removeLocalEvpnRoute(key);
  }

  /** Subscribes; the current received best paths are replayed first (as updates). */
  onRoute(cb: (ev: EvpnEvent) => void): () => void {
    for (const [key, best] of this.bgp.evpnBestPaths()) {
      const ev = eventOf(key, best);
      if (ev?.kind === 'update') cb(ev);
    }
    this.subscribers.add(cb);
    return () => this.subscribers.delete(cb);
  }

  /** Stops listening to the instance. */
  close(): void {
    this.off();
    this.subscribers.clear();
  }

  private emit(ev: EvpnEvent): void {
    this.pending.push(ev);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      const batch = this.pending.splice(0);
      for (const e of batch) for (const cb of this.subscribers) cb(e);
    });
  }
}

/** The event a best-path change of `key` means to the core (a local best = nothing received). */
function eventOf(key: string, best: RibPath | undefined): EvpnEvent | undefined {
  if (!best || best.source.kind === 'local') return { kind: 'withdraw', peer: BGP_PEER, key };
  return { kind: 'update', peer: BGP_PEER, route: { key, attributes: best.attrs, ...(best.nlriData ? { data: best.nlriData } : {}) } };
}
