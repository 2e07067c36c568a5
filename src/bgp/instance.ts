/**
 * The BGP instance: the one owner of peers and RIBs (STYLE idea 8). Implements BgpInstanceApi.
 *
 * Data flow:
 *
 *   TCP listener ──accept──┐                       ┌── API calls (gRPC handlers, config, EVPN)
 *   peer sockets ──data────┤                       │        addPeer, addLocalRoute, resetPeer …
 *   FSM timers ───expire───┴─▶ EventQueue.post ─▶ Peer (session/peer.ts: FSM step + actions)
 *                                                   │ UPDATE            │ Established / down
 *                                                   ▼                   ▼
 *                      Adj-RIB-In ─▶ import policy ─▶ decision process (rib/) ─▶ Loc-RIB change
 *                          │         (policy/, per peer)                   │  onRibChange listeners
 *                          │ monitors (BMP: pre-policy)                    ▼
 *                          ▼       export per update group (instance/out.ts, rib/export.ts)
 *                     src/bmp/                                              ▼ export policy (per peer)
 *                    Adj-RIB-Out (per peer) ──MRAI batch──▶ encodeUpdates ─▶ socket
 *
 * A policy change (defined set, policy, assignment) re-imports the affected peers' unmodified
 * Adj-RIB-In and recomputes their Adj-RIB-Out (soft reconfiguration; no session reset).
 *
 * Sockets and timers never touch state directly: they post to the queue, which runs events one
 * at a time. API calls run synchronously (JavaScript's run-to-completion keeps them atomic).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { BambuError, invalidArgument, notFound } from '../lib/errors.js';
import { canonicalIP, canonicalPrefix } from '../lib/ip.js';
import type { Logger } from '../lib/log.js';
import { ERROR_CODE, CEASE_SUBCODE, type UpdateMessage } from './wire/index.js';
import { shutdownCommunication, type NotificationSpec } from './fsm/index.js';
import type { BgpInstanceApi, BgpStateName, ListedRoute, PeerInfo, PeerSettings, ResetKind, RibName } from './instance-api.js';
import { Rib, type RibChange } from './rib/rib.js';
import { familyOf } from './rib/table.js';
import type { PathSource } from './rib/path.js';
import { Peer, type PeerHost } from './session/peer.js';
import { unmapIPv4 } from './session/connection.js';
import type { AfiSafi, PathAttributes } from './types.js';
import type { RibPath } from './rib/path.js';
import { parseEvpnKey, formatEvpnKey, type NlriData } from './wire/index.js';
import { EventQueue } from './instance/queue.js';
import { resolvePeerConfig } from './instance/settings.js';
import { buildExportGroups, fillAdjRibOut, refreshAdjRibOut, type ExportGroup } from './instance/out.js';
import { applyUpdate } from './instance/updates.js';
import { listAdjIn, listAdjOut, listGlobal } from './instance/listing.js';
import type { MonitoredPeer, MonitorListener, PeerDownReason } from './instance/monitor.js';
import { PolicyStore, type AssignmentDef, type DefinedSetDef, type Direction, type PolicyChain, type PolicyDef, type SetType } from './policy/index.js';

/** Options of createBgpInstance (config file top-level keys). */
export interface BgpInstanceOptions {
  asn: number;
  routerId: string;
  listenAddress: string;
  /** 0 = ephemeral (tests). */
  listenPort: number;
  holdTimeSecs: number;
  connectRetrySecs: number;
  acceptUnconfiguredPeers: boolean;
  log: Logger;
}

/** A peer state change as reported to listeners (EVPN, BMP). */
export interface PeerStateEvent {
  readonly address: string;
  readonly from: BgpStateName;
  readonly to: BgpStateName;
}

/** The instance: the API plus lifecycle and event hooks. */
export interface BgpInstance extends BgpInstanceApi {
  /** Our AS number. */
  readonly asn: number;
  /** Our BGP Identifier (dotted quad). */
  readonly routerId: string;
  /** Binds the BGP listener. @throws BambuError UNAVAILABLE (message carries the errno code) */
  start(): Promise<void>;
  /** CEASE to every peer, closes sockets and the listener. Idempotent. */
  close(): Promise<void>;
  /** Loc-RIB best-path changes (best undefined = withdrawn). @returns unsubscribe */
  onRibChange(listener: (change: RibChange) => void): () => void;
  /** Peer FSM state changes. @returns unsubscribe */
  onPeerState(listener: (event: PeerStateEvent) => void): () => void;
  /**
   * Subscribes a monitor (BMP). @returns the sessions Established right now (for the initial
   * dump; later ones arrive through peerUp) and the unsubscribe function
   */
  monitor(listener: MonitorListener): { peers: MonitoredPeer[]; unsubscribe: () => void };
  /**
   * Originates or replaces an L2VPN EVPN route (RFC 7432) keyed by its route key, with its NLRI
   * data (labels = VNI, ESI) kept beside it; it enters the Loc-RIB like any local route.
   * @throws BambuError INVALID_ARGUMENT for text that is not an EVPN route key or a bad next hop
   */
  addLocalEvpnRoute(key: string, attrs: PathAttributes, data?: NlriData): void;
  /** Withdraws a locally originated EVPN route. @returns false when there was none */
  removeLocalEvpnRoute(key: string): boolean;
  /** Loc-RIB best paths of L2VPN EVPN (route key, path with nlriData), lazily. */
  evpnBestPaths(): Iterable<[string, RibPath]>;
}

/**
 * Creates a BGP instance; call start() to listen, addPeer() to configure neighbours.
 * @throws BambuError INVALID_ARGUMENT for a bad asn / routerId
 */
export function createBgpInstance(opts: BgpInstanceOptions): BgpInstance {
  return new Instance(opts);
}

class Instance implements BgpInstance, PeerHost {
  readonly asn: number;
  readonly routerId: string;
  readonly log: Logger;
  private readonly queue: EventQueue;
  private readonly rib: Rib;
  private readonly peers = new Map<string, Peer>();
  private readonly ribListeners = new Set<(c: RibChange) => void>();
  private readonly peerListeners = new Set<(e: PeerStateEvent) => void>();
  private readonly monitors = new Set<MonitorListener>();
  /** Monitor view of each Established session. */
  private readonly monitored = new Map<Peer, MonitoredPeer>();
  /** Peers being removed (BMP Peer Down reason 5). */
  private readonly removing = new WeakSet<Peer>();
  private readonly policy = new PolicyStore();
  /** The chains each peer's RIBs were last computed with (to re-evaluate only what changed). */
  private readonly appliedChains = new WeakMap<Peer, { import: PolicyChain | undefined; export: PolicyChain | undefined }>();
  /** Established peers grouped by export rules (instance/out.ts); rebuilt after any change of them. */
  private groups: ExportGroup[] | undefined;
  private server: Server | undefined;
  private bound: { address: string; port: number } | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly opts: BgpInstanceOptions) {
    if (!Number.isInteger(opts.asn) || opts.asn < 1 || opts.asn > 0xffffffff) throw invalidArgument('asn', `must be 1..4294967295, got ${opts.asn}`);
    this.asn = opts.asn;
    this.routerId = canonicalIP(opts.routerId, 'router_id');
    if (this.routerId.includes(':')) throw invalidArgument('router_id', 'must be a dotted-quad IPv4 address (RFC 4271 §4.2 BGP Identifier)');
    this.log = opts.log;
    this.queue = new EventQueue(opts.log);
    this.rib = new Rib({ asn: this.asn, routerId: this.routerId }, (c) => this.onLocRibChange(c));
    this.rib.importFilter = (source, _family, prefix, attrs) => {
      const chain = this.policy.chain(source.address, 'import');
      if (!chain) return attrs;
      const r = chain({ prefix, neighbor: source.address, attrs });
      return r.accept ? r.attrs : undefined;
    };
  }

  // ── lifecycle ────────────────────────────────────────────────────────────────────────────────

  async start(): Promise<void> {
    const server = createServer((socket) => this.post(() => this.onAccept(socket)));
    server.on('error', (err) => this.log.error({ err }, 'BGP listener error'));
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => {
        reject(new BambuError('UNAVAILABLE', `BGP listen ${this.opts.listenAddress}:${this.opts.listenPort}: ${err.code ?? ''} ${err.message}`.trim()));
      };
      server.once('error', onError);
      server.listen(this.opts.listenPort, this.opts.listenAddress, () => {
        server.off('error', onError);
        resolve();
      });
    });
    this.server = server;
    const a = server.address();
    if (a && typeof a === 'object') this.bound = { address: unmapIPv4(a.address), port: a.port };
    this.log.info({ listen: this.bound }, 'BGP listener bound');
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      const stops = [...this.peers.values()].map((p) => p.shutdown({ code: ERROR_CODE.CEASE, subcode: CEASE_SUBCODE.ADMINISTRATIVE_SHUTDOWN }));
      await Promise.all(stops);
      this.peers.clear();
      const server = this.server;
      this.server = undefined;
      if (server) await new Promise<void>((r) => server.close(() => r()));
    })();
    return this.closing;
  }

  onRibChange(listener: (change: RibChange) => void): () => void {
    this.ribListeners.add(listener);
    return () => this.ribListeners.delete(listener);
  }

  onPeerState(listener: (event: PeerStateEvent) => void): () => void {
    this.peerListeners.add(listener);
    return () => this.peerListeners.delete(listener);
  }

  monitor(listener: MonitorListener): { peers: MonitoredPeer[]; unsubscribe: () => void } {
    this.monitors.add(listener);
    return { peers: [...this.monitored.values()], unsubscribe: () => this.monitors.delete(listener) };
  }

  // ── BgpInstanceApi: peers ───────────────────────────────────────────────────────────────────

  addPeer(address: string, port: number, settings: PeerSettings): void {
    const config = resolvePeerConfig(address, port, settings, this.opts);
    if (this.peers.has(config.address)) throw new BambuError('ALREADY_EXISTS', `peer ${config.address} already exists`);
    if (config.address === this.routerId && config.port === this.bound?.port) throw invalidArgument('address', 'a peer cannot be this speaker itself');
    const peer = new Peer(config, this);
    this.peers.set(config.address, peer);
    this.regroup();
    this.log.info({ peer: config.address, port, asn: config.asn }, 'BGP peer added');
    peer.fire({ type: 'ManualStart' });
  }

  async removePeer(address: string): Promise<void> {
    const peer = this.peer(address);
    this.peers.delete(peer.address);
    this.removing.add(peer);
    this.policy.clearPeer(peer.address);
    this.regroup();
    await peer.shutdown({ code: ERROR_CODE.CEASE, subcode: CEASE_SUBCODE.PEER_DECONFIGURED });
    this.log.info({ peer: peer.address }, 'BGP peer removed');
  }

  async disablePeer(address: string, shutdownMessage?: string): Promise<void> {
    const peer = this.peer(address);
    peer.adminState = 'down';
    const n: NotificationSpec = {
      code: ERROR_CODE.CEASE,
      subcode: CEASE_SUBCODE.ADMINISTRATIVE_SHUTDOWN,
      ...(shutdownMessage ? { data: shutdownCommunication(shutdownMessage) } : {}),
    };
    await peer.manualStop(n);
  }

  enablePeer(address: string): void {
    const peer = this.peer(address);
    peer.adminState = 'up';
    peer.fire({ type: 'ManualStart' });
  }

  async resetPeer(address: string, kind: ResetKind, family?: AfiSafi): Promise<void> {
    const peer = this.peer(address);
    if (kind === 'hard') {
      // RFC 4486 subcode 4: Administrative Reset, then start again.
      await peer.manualStop({ code: ERROR_CODE.CEASE, subcode: CEASE_SUBCODE.ADMINISTRATIVE_RESET });
      // A hard reset also ends a max-prefix shutdown (PREFIX_LIMIT_EXCEEDED), not an admin DOWN.
      if (peer.adminState === 'prefix-limit-exceeded') peer.adminState = 'up';
      if (this.peers.get(peer.address) === peer && peer.adminState === 'up') peer.fire({ type: 'ManualStart' });
      return;
    }
    if (peer.state !== 'established') throw new BambuError('FAILED_PRECONDITION', `peer ${peer.address} is not established (state ${peer.state})`);
    const families = family ? [family] : [...peer.families];
    if (family && !peer.families.includes(family)) throw invalidArgument('afi', `${family} is not negotiated with ${peer.address}`);
    if (kind === 'soft-in' || kind === 'soft') {
      if (!peer.sendRouteRefresh(families)) {
        throw new BambuError('FAILED_PRECONDITION', `peer ${peer.address} did not negotiate ROUTE-REFRESH (RFC 2918)`);
      }
    }
    if (kind === 'soft-out' || kind === 'soft') {
      for (const f of families) peer.adjRibOut.markAll(f);
      peer.scheduleFlush();
    }
  }

  listPeers(): PeerInfo[] {
    return [...this.peers.values()].map((p) => this.info(p));
  }

  getPeer(address: string): PeerInfo {
    return this.info(this.peer(address));
  }

  // ── BgpInstanceApi: routes ──────────────────────────────────────────────────────────────────

  addLocalRoute(prefix: string, attrs: PathAttributes): void {
    const p = canonicalPrefix(prefix, 'prefix');
    if (attrs.nextHop !== undefined) canonicalIP(attrs.nextHop, 'next_hop');
    this.rib.addLocal(familyOf(p), p, attrs);
  }

  addLocalEvpnRoute(key: string, attrs: PathAttributes, data?: NlriData): void {
    const k = formatEvpnKey(parseEvpnKey(key, 'route_key'));
    if (attrs.nextHop !== undefined) canonicalIP(attrs.nextHop, 'next_hop');
    this.rib.addLocal('l2vpn-evpn', k, attrs, data);
  }

  removeLocalEvpnRoute(key: string): boolean {
    return this.rib.removeLocal('l2vpn-evpn', formatEvpnKey(parseEvpnKey(key, 'route_key')));
  }

  evpnBestPaths(): Iterable<[string, RibPath]> {
    return this.rib.bestPaths('l2vpn-evpn');
  }

  removeLocalRoute(prefix: string): void {
    const p = canonicalPrefix(prefix, 'prefix');
    if (!this.rib.removeLocal(familyOf(p), p)) throw notFound('route', p);
  }

  listRoutes(rib: RibName, peerAddress?: string, family?: AfiSafi): Iterable<ListedRoute> {
    if (rib === 'global') return listGlobal(this.rib, family);
    if (!peerAddress) throw invalidArgument('peer_address', `required for ${rib === 'adj-in' ? 'ADJ_IN' : 'ADJ_OUT'}`);
    const peer = this.peer(peerAddress);
    return rib === 'adj-in' ? listAdjIn(this.rib, peer.address, family) : listAdjOut(peer.adjRibOut, peer.address, family);
  }

  numRoutes(): number {
    return this.rib.size();
  }

  listenAddress(): { address: string; port: number } {
    return this.bound ?? { address: this.opts.listenAddress, port: this.opts.listenPort };
  }

  // ── BgpInstanceApi: routing policy ──────────────────────────────────────────────────────────

  addDefinedSet(def: DefinedSetDef, replace: boolean): void {
    this.policy.addDefinedSet(def, replace);
    this.regroup();
    this.applyPolicies();
  }

  removeDefinedSet(type: SetType, name: string, all: boolean): void {
    this.policy.removeDefinedSet(type, name, all);
    this.regroup();
  }

  listDefinedSets(type?: SetType, name?: string): DefinedSetDef[] {
    return this.policy.listDefinedSets(type, name);
  }

  addPolicy(def: PolicyDef): void {
    this.policy.addPolicy(def);
    this.regroup();
    this.applyPolicies();
  }

  removePolicy(name: string): void {
    this.policy.removePolicy(name);
    this.regroup();
  }

  listPolicies(name?: string): PolicyDef[] {
    return this.policy.listPolicies(name);
  }

  setPolicyAssignment(peerAddress: string, direction: Direction, assignment: AssignmentDef): void {
    const peer = this.peer(peerAddress);
    this.policy.setAssignment(peer.address, direction, assignment);
    this.regroup();
    this.applyPolicies();
  }

  /**
   * Soft reconfiguration after a policy change: for each Established peer whose compiled import
   * chain changed, its unmodified Adj-RIB-In goes through import again (Loc-RIB changes reach
   * every peer as usual); whose export chain changed, its Adj-RIB-Out is recomputed.
   */
  private applyPolicies(): void {
    for (const peer of this.peers.values()) {
      if (peer.state !== 'established' || !peer.source) continue;
      const before = this.appliedChains.get(peer);
      const now = { import: this.policy.chain(peer.address, 'import'), export: this.policy.chain(peer.address, 'export') };
      this.appliedChains.set(peer, now);
      if (before?.import !== now.import) this.rib.reimport(peer.source);
      if (before?.export !== now.export) {
        refreshAdjRibOut(peer, this.rib, this, now.export);
        peer.scheduleFlush();
      }
    }
  }

  // ── PeerHost: called by peers on the event queue ────────────────────────────────────────────

  post(fn: () => void): void {
    this.queue.post(fn);
  }

  onEstablished(peer: Peer): void {
    this.regroup();
    if (peer.adminState === 'prefix-limit-exceeded') peer.adminState = 'up';
    const chains = { import: this.policy.chain(peer.address, 'import'), export: this.policy.chain(peer.address, 'export') };
    this.appliedChains.set(peer, chains);
    fillAdjRibOut(peer, this.rib, this, chains.export);
    const view = this.monitorView(peer);
    if (view) {
      this.monitored.set(peer, view);
      for (const m of this.monitors) m.peerUp(view);
    }
  }

  onSessionDown(peer: Peer, source: PathSource): void {
    // RFC 4271 §8.2.2 "deletes all routes associated with this connection": withdrawn from the
    // Loc-RIB, which sends withdrawals to every other peer that had them.
    this.regroup();
    this.rib.dropPeer(source);
    this.log.info({ peer: peer.address, reason: peer.lastError }, 'BGP session down');
    const view = this.monitored.get(peer);
    if (view) {
      this.monitored.delete(peer);
      const reason = this.downReason(peer);
      for (const m of this.monitors) m.peerDown(view, reason);
    }
  }

  onUpdate(peer: Peer, msg: UpdateMessage): void {
    if (!peer.source) return;
    if (msg.errors?.length) this.log.warn({ peer: peer.address, errors: msg.errors.map((e) => e.reason) }, 'UPDATE errors handled per RFC 7606');
    const view = this.monitored.get(peer);
    if (view) for (const m of this.monitors) m.update(view, msg);
    // Max-prefix TERMINATE stops the session through the FSM's AutomaticStop event, which only
    // exists when allow_automatic_stop is set (RFC 4271 §8.1.1); otherwise the limit discards.
    const limit = peer.config.maxPrefix;
    const canStop = peer.config.fsm.allowAutomaticStop;
    const effective = limit && limit.action === 'terminate' && !canStop ? { limit: limit.limit, action: 'discard' as const } : limit;
    const out = applyUpdate(this.rib, peer.source, peer.families, msg, effective);
    if (out.limitExceeded && limit) {
      // CEASE/Maximum Number of Prefixes Reached (RFC 4486 §4). The peer stays down
      // (PREFIX_LIMIT_EXCEEDED, no IdleHold restart) until EnablePeer or a HARD reset: restarting
      // would only hit the limit again.
      peer.adminState = 'prefix-limit-exceeded';
      this.log.warn({ peer: peer.address, limit: limit.limit }, 'max-prefix limit exceeded: session terminated, peer stays down until EnablePeer');
      peer.fire({
        type: 'AutomaticStop',
        stayDown: true,
        notification: { code: ERROR_CODE.CEASE, subcode: CEASE_SUBCODE.MAXIMUM_PREFIXES_REACHED, data: maxPrefixData(msg, limit.limit) },
      });
    }
  }

  onAdjRibOutSent(peer: Peer, frames: readonly Buffer[]): void {
    const view = this.monitored.get(peer);
    if (view) for (const m of this.monitors) m.adjRibOutSent?.(view, frames);
  }

  onStateChange(peer: Peer, from: BgpStateName, to: BgpStateName): void {
    this.regroup();
    const lost = to === 'idle' || (to === 'active' && from !== 'idle' && from !== 'connect');
    if (!peer.config.configured && lost && this.peers.get(peer.address) === peer) {
      // An accepted unconfigured peer exists only while its session does (its policy assignments too).
      this.peers.delete(peer.address);
      this.policy.clearPeer(peer.address);
      void peer.shutdown({ code: ERROR_CODE.CEASE, subcode: CEASE_SUBCODE.PEER_DECONFIGURED });
      this.log.info({ peer: peer.address }, 'unconfigured BGP peer removed');
    }
    for (const l of this.peerListeners) l({ address: peer.address, from, to });
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────

  private onLocRibChange(change: RibChange): void {
    const groups = (this.groups ??= buildExportGroups(this.peers.values(), (p) => this.policy.chain(p.address, 'export')));
    for (const g of groups) g.apply(change.family, change.prefix, change.best, this, this.rib.interner);
    for (const l of this.ribListeners) l(change);
  }

  /** Export rules or membership may have changed: the groups are rebuilt on the next change. */
  private regroup(): void {
    this.groups = undefined;
  }

  private onAccept(socket: Socket): void {
    const remote = unmapIPv4(socket.remoteAddress ?? '');
    let peer = this.peers.get(remote);
    if (!peer && this.opts.acceptUnconfiguredPeers && remote !== '' && !this.closing) {
      // Unconfigured peer (accept_unconfigured_peers): passive, any AS, learned from its OPEN.
      const config = resolvePeerConfig(remote, socket.remotePort ?? 179, { passiveMode: true }, this.opts, false);
      peer = new Peer(config, this);
      this.peers.set(remote, peer);
      peer.fire({ type: 'ManualStart' });
      this.log.info({ peer: remote }, 'accepted unconfigured BGP peer');
    }
    if (!peer || this.closing) {
      this.log.debug({ remote }, 'BGP connection from unknown address refused');
      socket.destroy();
      return;
    }
    peer.acceptIncoming(socket);
  }

  private peer(address: string): Peer {
    let key: string;
    try {
      key = canonicalIP(address, 'address');
    } catch {
      throw notFound('peer', address);
    }
    const p = this.peers.get(key);
    if (!p) throw notFound('peer', address);
    return p;
  }

  private info(p: Peer): PeerInfo {
    return p.info(
      { received: this.rib.adjRibInOf(p.address)?.size() ?? 0, accepted: this.rib.acceptedCount(p.address) },
      [...(this.policy.assignment(p.address, 'import')?.policyNames ?? [])],
      [...(this.policy.assignment(p.address, 'export')?.policyNames ?? [])],
    );
  }

  /** A monitor snapshot of a just-Established session (undefined if its OPENs are missing). */
  private monitorView(peer: Peer): MonitoredPeer | undefined {
    const sent = peer.sentOpen;
    const received = peer.remoteOpen;
    const ep = peer.endpoints;
    if (!sent || !received || !ep || !peer.source) return undefined;
    const rib = this.rib;
    const address = peer.address;
    return {
      address,
      asn: peer.source.asn,
      bgpId: received.bgpId,
      localAddress: ep.localAddress,
      localPort: ep.localPort,
      remotePort: ep.remotePort,
      sentOpen: sent,
      receivedOpen: received,
      families: [...peer.families],
      establishedAt: peer.establishedAt ?? Date.now(),
      adjRibIn: () => rib.adjRibInOf(address)?.entries() ?? [],
      adjRibOut: () => peer.adjRibOut.entries(),
      fourOctetAs: peer.negotiated?.fourOctetAs ?? true,
      counts: () => ({ adjRibIn: rib.adjRibInOf(address)?.size() ?? 0, locRib: rib.acceptedCount(address) }),
    };
  }

  /** RFC 7854 §4.9 reason of a session that just went down. */
  private downReason(peer: Peer): PeerDownReason {
    if (this.removing.has(peer)) return { kind: 'deconfigured' };
    const n = peer.lastNotification;
    if (n) return { kind: n.sent ? 'local-notification' : 'remote-notification', code: n.code, subcode: n.subcode, data: n.data };
    return peer.lastError?.startsWith('connection') ? { kind: 'remote-closed' } : { kind: 'local-no-notification' };
  }
}

/** RFC 4486 §4 data for Maximum Number of Prefixes Reached: AFI (2), SAFI (1), limit (4). */
function maxPrefixData(msg: UpdateMessage, limit: number): Uint8Array {
  const v6 = msg.mpReach?.family === 'ipv6-unicast';
  const b = Buffer.alloc(7);
  b.writeUInt16BE(v6 ? 2 : 1, 0);
  b.writeUInt8(1, 2);
  b.writeUInt32BE(limit >>> 0, 3);
  return b;
}

export type { RibChange };
