/**
 * The contract between the EVPN core (this folder) and a BGP speaker carrying L2VPN EVPN
 * (AFI 25 / SAFI 70, RFC 7432, RFC 8365), plus an in-memory speaker fabric for tests.
 *
 * Routes are named by their route key (src/bgp/wire/nlri/evpn.ts: RD, Ethernet Tag, MAC, IP —
 * never the label); the label(s) and ESI travel beside the key as NlriData, the rest as ordinary
 * PathAttributes (next hop = the originating VTEP, EXTENDED_COMMUNITIES raw 8-octet values,
 * PMSI_TUNNEL raw). What the engine must do to implement EvpnSpeaker is in docs/evpn.md.
 */
import type { NlriData } from '../bgp/wire/index.js';
import type { AsPathSegment, PathAttributes } from '../bgp/types.js';

/** One EVPN route as a speaker carries it. */
export interface EvpnRoute {
  /** Route key (parseEvpnKey / formatEvpnKey). */
  readonly key: string;
  /** Labels (VNI for VXLAN), ESI, gateway IP: the NLRI fields outside the key. */
  readonly data?: NlriData;
  /**
   * Path attributes. On advertise: origin, nextHop (the local VTEP), extCommunities, pmsiTunnel;
   * asPath empty — the speaker prepends its AS towards external peers and sets LOCAL_PREF towards
   * internal ones. On receive: as received from the peer (after import policy).
   */
  readonly attributes: PathAttributes;
}

/** What a speaker reports about routes received from one peer (its Adj-RIB-In, post-policy). */
export type EvpnEvent =
  /** A route was received or replaced (same key) from `peer`. */
  | { readonly kind: 'update'; readonly peer: string; readonly route: EvpnRoute }
  /** A route was withdrawn by `peer` (MP_UNREACH_NLRI, or treat-as-withdraw, RFC 7606 §2). */
  | { readonly kind: 'withdraw'; readonly peer: string; readonly key: string }
  /** The session with `peer` left Established: every route received from it is gone (RFC 4271 §8). */
  | { readonly kind: 'peer-down'; readonly peer: string };

/** A BGP speaker as the EVPN core sees it. */
export interface EvpnSpeaker {
  /** Our AS number (routes whose AS_PATH contains it are dropped, RFC 4271 §9.1.2). */
  readonly localAs: number;
  /** BGP Identifier, dotted quad (RD `router-id:index`, RFC 7432 §7.9). */
  readonly routerId: string;
  /** Announces or replaces (same key) a locally originated route to every EVPN peer. */
  advertise(route: EvpnRoute): void;
  /** Withdraws a locally originated route (no-op for an unknown key). */
  withdraw(key: string): void;
  /**
   * Subscribes to received routes. A new subscriber is first sent an `update` for every route
   * currently held from every peer. @returns an unsubscribe function
   */
  onRoute(cb: (ev: EvpnEvent) => void): () => void;
}

/** True when `asPath` contains `asn` (AS loop, RFC 4271 §9.1.2). */
export function asPathContains(asPath: readonly AsPathSegment[], asn: number): boolean {
  return asPath.some((s) => s.asns.includes(asn));
}

/**
 * In-memory stand-in for a set of BGP speakers in a full mesh of EVPN sessions: what one speaker
 * advertises reaches every other connected one as an `update` from it (with its AS prepended
 * when the ASes differ, as eBGP would), withdrawals likewise; disconnecting two speakers sends
 * each a `peer-down` for the other, reconnecting replays the routes. Deliveries are asynchronous
 * (setImmediate), in order. For tests of two or more gateways without a BGP session.
 */
export class InMemoryEvpnFabric {
  private readonly speakers = new Map<string, FabricSpeaker>();
  private readonly cut = new Set<string>();

  /** Creates a speaker named `name` (also its peer name at the others), connected to every other one. */
  speaker(name: string, opts: { asn: number; routerId: string }): EvpnSpeaker {
    const s = new FabricSpeaker(this, name, opts.asn, opts.routerId);
    this.speakers.set(name, s);
    // A new session with every existing speaker: it receives their current routes.
    for (const other of this.speakers.values()) if (other !== s) for (const r of other.originated.values()) this.send(other, s, r);
    return s;
  }

  private pair(a: string, b: string): string {
    return a < b ? `${a}|${b}` : `${b}|${a}`;
  }

  /** True when the two speakers have a session. */
  connected(a: string, b: string): boolean {
    return a !== b && !this.cut.has(this.pair(a, b));
  }

  /** Ends the session between `a` and `b` (each gets peer-down). */
  disconnect(a: string, b: string): void {
    if (!this.connected(a, b)) return;
    this.cut.add(this.pair(a, b));
    this.speakers.get(a)?.deliver({ kind: 'peer-down', peer: b });
    this.speakers.get(b)?.deliver({ kind: 'peer-down', peer: a });
  }

  /** Re-establishes the session: each side receives the other's current routes. */
  connect(a: string, b: string): void {
    if (this.connected(a, b)) return;
    this.cut.delete(this.pair(a, b));
    const sa = this.speakers.get(a);
    const sb = this.speakers.get(b);
    if (!sa || !sb) return;
    for (const r of sa.originated.values()) this.send(sa, sb, r);
    for (const r of sb.originated.values()) this.send(sb, sa, r);
  }

  /** @internal */
  send(from: FabricSpeaker, to: FabricSpeaker, route: EvpnRoute): void {
    const ebgp = from.localAs !== to.localAs;
    const attrs: PathAttributes = ebgp
      ? { ...route.attributes, asPath: [{ type: 2, asns: [from.localAs] }, ...route.attributes.asPath] }
      : { ...route.attributes, localPref: route.attributes.localPref ?? 100 };
    to.deliver({ kind: 'update', peer: from.name, route: { ...route, attributes: attrs } });
  }

  /** @internal */
  fanOut(from: FabricSpeaker, ev: { route: EvpnRoute } | { key: string }): void {
    for (const to of this.speakers.values()) {
      if (!this.connected(from.name, to.name)) continue;
      if ('route' in ev) this.send(from, to, ev.route);
      else to.deliver({ kind: 'withdraw', peer: from.name, key: ev.key });
    }
  }
}

class FabricSpeaker implements EvpnSpeaker {
  readonly originated = new Map<string, EvpnRoute>();
  /** Routes held from each peer (for replay to new subscribers). */
  private readonly received = new Map<string, Map<string, EvpnRoute>>();
  private readonly subscribers = new Set<(ev: EvpnEvent) => void>();

  constructor(
    private readonly fabric: InMemoryEvpnFabric,
    readonly name: string,
    readonly localAs: number,
    readonly routerId: string,
  ) {}

  advertise(route: EvpnRoute): void {
    this.originated.set(route.key, route);
    this.fabric.fanOut(this, { route });
  }

  withdraw(key: string): void {
    if (!this.originated.delete(key)) return;
    this.fabric.fanOut(this, { key });
  }

  onRoute(cb: (ev: EvpnEvent) => void): () => void {
    this.subscribers.add(cb);
    for (const [peer, routes] of this.received) for (const route of routes.values()) cb({ kind: 'update', peer, route });
    return () => this.subscribers.delete(cb);
  }

  /** Queues an event for this speaker's subscribers (asynchronous, in order). */
  deliver(ev: EvpnEvent): void {
    setImmediate(() => {
      if (ev.kind === 'update') {
        let m = this.received.get(ev.peer);
        if (!m) this.received.set(ev.peer, (m = new Map()));
        m.set(ev.route.key, ev.route);
      } else if (ev.kind === 'withdraw') this.received.get(ev.peer)?.delete(ev.key);
      else this.received.delete(ev.peer);
      for (const cb of this.subscribers) cb(ev);
    });
  }
}
