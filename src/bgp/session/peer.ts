/**
 * One BGP peer's session: drives the pure FSM (src/bgp/fsm/) with events from its TCP
 * connection(s) and timers, and performs the FSM's actions — connect, send OPEN / KEEPALIVE /
 * NOTIFICATION, drop, announce. Its Adj-RIB-Out and UPDATE pacing live in outbound.ts; the
 * collision candidate (RFC 4271 §6.8) is handled here.
 *
 * Everything that arrives from outside (socket data, timer expiry) is posted to the instance's
 * event queue (`host.post`), so peer state is only ever changed by the one owner, serially.
 * RIB changes caused by received UPDATEs are handed to the host (`onUpdate`).
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import type { Logger } from '../../lib/log.js';
import { COLLISION_RESOLUTION, initialFsmState, OPEN_HOLD_SECS, step, type FsmAction, type FsmConfig, type FsmEvent, type FsmState, type NotificationSpec, type TimerName } from '../fsm/index.js';
import type { AdminStateName, BgpStateName, PeerInfo } from '../instance-api.js';
import type { AdjRibOut } from '../rib/adj-rib-out.js';
import type { PathSource } from '../rib/path.js';
import type { AfiSafi } from '../types.js';
import {
  BgpNotificationError,
  ERROR_CODE,
  PRE_OPEN_CONTEXT,
  encodeMessage,
  negotiate,
  validateOpen,
  type BgpMessage,
  type Negotiated,
  type OpenMessage,
  type RouteRefreshMessage,
  type UpdateMessage,
} from '../wire/index.js';
import { resolveCollision } from './collision.js';
import { Connection, type ConnectionHandlers } from './connection.js';
import { buildOpen, describeNotification } from './open.js';
import { newCounters, type MessageCounters } from './stats.js';
import { Timers } from './timers.js';
import { Outbound } from './outbound.js';

/** Resolved per-peer settings (defaults applied). */
export interface PeerConfig {
  readonly address: string;
  readonly port: number;
  /** Configured remote AS; undefined accepts any AS (unconfigured peers). */
  readonly asn?: number;
  readonly localAddress?: string;
  readonly fsm: FsmConfig;
  readonly minRouteAdvertisementIntervalSecs: number;
  readonly families: readonly AfiSafi[];
  readonly routeReflectorClient: boolean;
  readonly nextHopSelf?: string;
  readonly maxPrefix?: { readonly limit: number; readonly action: 'terminate' | 'discard' };
  readonly configured: boolean;
}

/** What a peer needs from the instance that owns it. */
export interface PeerHost {
  readonly asn: number;
  readonly routerId: string;
  readonly log: Logger;
  /** Runs `fn` on the instance's event queue (serially with every other event). */
  post(fn: () => void): void;
  /** Session Established: fill the Adj-RIB-Out from the Loc-RIB. */
  onEstablished(peer: Peer): void;
  /** Session left Established: withdraw the peer's routes from the Loc-RIB. */
  onSessionDown(peer: Peer, source: PathSource): void;
  /** UPDATE received in Established. */
  onUpdate(peer: Peer, msg: UpdateMessage): void;
  /** FSM state changed. */
  onStateChange(peer: Peer, from: BgpStateName, to: BgpStateName): void;
  /** UPDATE frames sent to the peer (encoded with the session's context). */
  onAdjRibOutSent?(peer: Peer, frames: readonly Buffer[]): void;
}

/** A configured (or accepted) BGP neighbour and its session. */
export class Peer {
  fsm: FsmState;
  adminState: AdminStateName = 'up';
  readonly counters: MessageCounters = newCounters();
  /** Adj-RIB-Out and its UPDATE schedule (outbound.ts). */
  readonly out: Outbound;
  /** Path source of the current session; set while Established. */
  source: PathSource | undefined;
  negotiated: Negotiated | undefined;
  remoteOpen: OpenMessage | undefined;
  /** Learned from OPEN when not configured. */
  remoteAsn: number | undefined;
  lastError: string | undefined;
  /** The last NOTIFICATION sent or received on the current / last session (BMP Peer Down reason). */
  lastNotification: { readonly sent: boolean; readonly code: number; readonly subcode: number; readonly data: Uint8Array } | undefined;
  establishedAt: number | undefined;
  private conn: Connection | undefined;
  private localOpen: OpenMessage | undefined;
  private candidate: { conn: Connection; localOpen: OpenMessage; timer: NodeJS.Timeout } | undefined;
  private readonly timers: Timers;
  private inbound: BgpMessage | undefined;
  private readonly handlers: ConnectionHandlers;

  constructor(
    public config: PeerConfig,
    private readonly host: PeerHost,
  ) {
    this.fsm = initialFsmState(config.fsm);
    this.remoteAsn = config.asn;
    this.timers = new Timers((timer) => host.post(() => this.fire(timerEvent(timer))));
    this.out = new Outbound({
      address: config.address,
      counters: this.counters,
      log: host.log,
      mraiSecs: config.minRouteAdvertisementIntervalSecs,
      establishedConnection: () => (this.fsm.state === 'established' ? this.conn : undefined),
      post: (fn) => host.post(fn),
      onSent: (frames) => host.onAdjRibOutSent?.(this, frames),
    });
    this.handlers = {
      onMessage: (conn, msg) => host.post(() => this.onMessage(conn, msg)),
      onWireError: (conn, err) => host.post(() => this.onWireError(conn, err)),
      onClose: (conn, reason) => host.post(() => this.onClose(conn, reason)),
    };
  }

  get address(): string {
    return this.config.address;
  }

  get state(): BgpStateName {
    return this.fsm.state;
  }

  /** eBGP or iBGP, from the configured or learned remote AS. */
  get kind(): 'ebgp' | 'ibgp' {
    return this.remoteAsn === this.host.asn ? 'ibgp' : 'ebgp';
  }

  /** The OPEN we sent on the current connection (BMP Peer Up). */
  get sentOpen(): OpenMessage | undefined {
    return this.localOpen;
  }

  /** TCP endpoints of the current connection (BMP Peer Up), undefined without one. */
  get endpoints(): { localAddress: string; localPort: number; remotePort: number } | undefined {
    const sock = this.conn?.socket;
    if (!sock) return undefined;
    return { localAddress: this.conn!.localAddress, localPort: sock.localPort ?? 0, remotePort: sock.remotePort ?? 0 };
  }

  /** Families usable on the session: negotiated ones once Established, else the offered ones. */
  get families(): readonly AfiSafi[] {
    return this.negotiated?.families ?? this.config.families;
  }

  /** Our address on the current connection ('' without one). */
  get localAddress(): string {
    return this.conn?.localAddress ?? this.config.localAddress ?? '';
  }

  /** Runs one FSM event and performs its actions (RFC 4271 §8). */
  fire(ev: FsmEvent): void {
    const from = this.fsm.state;
    const { next, actions } = step(this.config.fsm, this.fsm, ev, Date.now());
    this.fsm = next;
    if (from !== next.state) this.host.log.debug({ peer: this.address, from, to: next.state, event: ev.type }, 'BGP FSM transition');
    for (const a of actions) this.perform(a);
    if (from !== next.state) this.host.onStateChange(this, from, next.state);
  }

  /** An accepted TCP connection from this peer's address (RFC 4271 §8.2.2, §6.8). */
  acceptIncoming(socket: Socket): void {
    const st = this.fsm.state;
    if ((st === 'connect' || st === 'active') && !this.candidate) {
      // Our own attempt (if any) becomes the collision candidate: when both sides connect at once,
      // the §6.8 comparison of BGP Identifiers picks the same survivor on both ends.
      const own = this.conn;
      this.conn = new Connection(socket, false, this.handlers);
      if (own) this.makeCandidate(own);
      this.fire({ type: 'TcpConnectionConfirmed' });
      return;
    }
    const collisionPossible = st === 'open-sent' || st === 'open-confirm' || (st === 'established' && this.config.fsm.collisionDetectEstablishedState);
    if (!collisionPossible || this.candidate) {
      // Idle refuses connections; Established keeps the existing one (RFC 4271 §6.8).
      socket.destroy();
      return;
    }
    this.makeCandidate(new Connection(socket, false, this.handlers));
  }

  /**
   * Keeps a second connection to the peer until its OPEN arrives (RFC 4271 §6.8): our OPEN is
   * sent on it as soon as it is connected; it is dropped if no OPEN comes within the OPEN hold time.
   */
  private makeCandidate(conn: Connection): void {
    const timer = setTimeout(() => this.host.post(() => this.dropCandidate()), OPEN_HOLD_SECS * 1000);
    timer.unref();
    const cand = { conn, localOpen: this.ourOpen(), timer };
    this.candidate = cand;
    const sendOpen = () => {
      if (this.candidate !== cand) return;
      cand.conn.send(encodeMessage(cand.localOpen, PRE_OPEN_CONTEXT));
      this.counters.openSent++;
    };
    if (conn.socket.connecting) conn.socket.once('connect', () => this.host.post(sendOpen));
    else sendOpen();
  }

  /**
   * Sends ROUTE-REFRESH for each family (RFC 2918 §3).
   * @returns false when the session is not Established or route refresh was not negotiated
   */
  sendRouteRefresh(families: readonly AfiSafi[]): boolean {
    if (this.fsm.state !== 'established' || !this.conn || !this.negotiated?.routeRefresh) return false;
    for (const family of families) {
      const msg: RouteRefreshMessage = { type: 'route-refresh', family, subtype: 0 };
      this.conn.send(encodeMessage(msg, this.conn.ctx));
      this.counters.routeRefreshSent++;
    }
    return true;
  }

  /** The peer's Adj-RIB-Out. */
  get adjRibOut(): AdjRibOut {
    return this.out.adjRibOut;
  }

  /** Queues pending Adj-RIB-Out changes for sending (see Outbound.scheduleFlush). */
  scheduleFlush(): void {
    this.out.scheduleFlush();
  }

  /** Stops everything (instance shutdown or peer removal): NOTIFICATION if up, close, timers off. */
  async shutdown(notification: NotificationSpec): Promise<void> {
    const stopped = this.manualStop(notification);
    this.timers.stopAll();
    this.dropCandidate();
    this.out.stop();
    await stopped;
  }

  /**
   * ManualStop with `notification` (RFC 4271 §8.2.2 event 2). Resolves once the connection that
   * carried the NOTIFICATION is closed (the NOTIFICATION is flushed before the close).
   */
  async manualStop(notification: NotificationSpec): Promise<void> {
    const conn = this.conn;
    this.fire({ type: 'ManualStop', notification });
    if (conn) await conn.close();
  }

  /** The peer as the API shows it; prefix counts come from the instance. */
  info(prefixes: { received: number; accepted: number }, importPolicies: string[] = [], exportPolicies: string[] = []): PeerInfo {
    const up = this.fsm.state === 'established' && this.establishedAt !== undefined;
    return {
      address: this.address,
      port: this.config.port,
      asn: this.remoteAsn ?? 0,
      state: this.fsm.state,
      adminState: this.adminState,
      configured: this.config.configured,
      importPolicies,
      exportPolicies,
      ...(this.remoteOpen ? { routerId: this.remoteOpen.bgpId } : {}),
      ...(up ? { holdTimeSecs: this.fsm.negotiatedHoldSecs, uptimeSecs: Math.floor((Date.now() - this.establishedAt!) / 1000) } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
      families: [...this.families],
      statistics: {
        ...this.counters,
        prefixesReceived: prefixes.received,
        prefixesAccepted: prefixes.accepted,
        prefixesAdvertised: this.out.adjRibOut.size(),
      },
    };
  }

  private perform(a: FsmAction): void {
    switch (a.type) {
      case 'start-timer':
        this.timers.start(a.timer, a.secs);
        return;
      case 'stop-timer':
        this.timers.stop(a.timer);
        return;
      case 'connect':
        this.connectOut();
        return;
      case 'drop-connection':
        if (this.conn) void this.conn.close();
        this.conn = undefined;
        this.localOpen = undefined;
        return;
      case 'send-open':
        if (!this.conn) return;
        this.localOpen = this.ourOpen();
        this.conn.send(encodeMessage(this.localOpen, PRE_OPEN_CONTEXT));
        this.counters.openSent++;
        return;
      case 'send-keepalive':
        if (this.conn?.send(encodeMessage({ type: 'keepalive' }, this.conn.ctx))) this.counters.keepaliveSent++;
        return;
      case 'send-notification':
        this.sendNotification(this.conn, a.notification);
        return;
      case 'established':
        this.onEstablished();
        return;
      case 'release-resources':
        this.releaseResources();
        return;
      case 'process-update':
        if (this.inbound?.type === 'update') this.host.onUpdate(this, this.inbound);
        return;
      case 'process-route-refresh':
        if (this.inbound?.type === 'route-refresh') this.onRouteRefresh(this.inbound);
        return;
    }
  }

  private ourOpen(): OpenMessage {
    return buildOpen(this.host.asn, this.host.routerId, this.config.fsm.holdTimeSecs, this.config.families);
  }

  private connectOut(): void {
    if (this.config.fsm.passiveMode) return;
    if (this.conn) void this.conn.close();
    let socket: Socket;
    try {
      socket = tcpConnect({ host: this.address, port: this.config.port, ...(this.config.localAddress ? { localAddress: this.config.localAddress } : {}) });
    } catch (err) {
      this.lastError = `connect: ${err instanceof Error ? err.message : String(err)}`;
      setImmediate(() => this.host.post(() => this.fire({ type: 'TcpConnectionFails' })));
      return;
    }
    const conn = new Connection(socket, true, this.handlers);
    this.conn = conn;
    socket.once('connect', () =>
      this.host.post(() => {
        if (this.conn === conn) this.fire({ type: 'Tcp_CR_Acked' });
      }),
    );
  }

  private sendNotification(conn: Connection | undefined, n: NotificationSpec): void {
    if (!conn) return;
    const data = n.data ?? new Uint8Array(0);
    if (conn.send(encodeMessage({ type: 'notification', code: n.code, subcode: n.subcode, data }, conn.ctx))) {
      this.counters.notificationSent++;
      if (conn === this.conn) this.lastNotification = { sent: true, code: n.code, subcode: n.subcode, data };
      this.lastError = `sent ${describeNotification(n.code, n.subcode, data)}`;
      this.host.log.info({ peer: this.address, code: n.code, subcode: n.subcode }, `BGP NOTIFICATION sent: ${this.lastError}`);
    }
  }

  private onEstablished(): void {
    const neg = this.negotiated!;
    this.source = {
      kind: this.kind,
      address: this.address,
      routerId: this.remoteOpen!.bgpId,
      asn: neg.asn,
      routeReflectorClient: this.config.routeReflectorClient,
    };
    this.establishedAt = Date.now();
    this.lastNotification = undefined;
    this.counters.establishedTransitions++;
    this.host.log.info({ peer: this.address, asn: neg.asn, families: neg.families }, 'BGP session established');
    this.host.onEstablished(this);
    // End-of-RIB after the initial table (RFC 4724 §2; harmless without Graceful Restart).
    this.out.sendInitialTable(neg.families);
  }

  private releaseResources(): void {
    const source = this.source;
    this.source = undefined;
    this.establishedAt = undefined;
    this.negotiated = undefined;
    this.out.reset();
    if (source) this.host.onSessionDown(this, source);
  }

  private onRouteRefresh(msg: RouteRefreshMessage): void {
    // RFC 2918 §4: re-advertise the Adj-RIB-Out of that family; an unknown or not negotiated
    // family is ignored (RFC 2918 §4 "MUST ignore").
    const family = msg.family;
    if (family === null || !this.families.includes(family)) return;
    this.out.adjRibOut.markAll(family);
    this.out.scheduleFlush();
  }

  private onMessage(conn: Connection, msg: BgpMessage): void {
    if (this.candidate?.conn === conn) return this.onCandidateMessage(msg);
    if (conn !== this.conn) return;
    switch (msg.type) {
      case 'open':
        this.counters.openReceived++;
        return this.onOpen(msg);
      case 'keepalive':
        this.counters.keepaliveReceived++;
        return this.fire({ type: 'KeepAliveMsg' });
      case 'update':
        this.counters.updateReceived++;
        this.inbound = msg;
        this.fire({ type: 'UpdateMsg' });
        this.inbound = undefined;
        return;
      case 'route-refresh':
        this.counters.routeRefreshReceived++;
        this.inbound = msg;
        this.fire({ type: 'RouteRefreshMsg' });
        this.inbound = undefined;
        return;
      case 'notification':
        this.counters.notificationReceived++;
        this.lastNotification = { sent: false, code: msg.code, subcode: msg.subcode, data: msg.data };
        this.lastError = `received ${describeNotification(msg.code, msg.subcode, msg.data)}`;
        this.host.log.warn({ peer: this.address, code: msg.code, subcode: msg.subcode }, `BGP NOTIFICATION received: ${this.lastError}`);
        // RFC 4271 §8.1.5: NotifMsgVerErr is a NOTIFICATION with "Unsupported Version Number".
        return this.fire({ type: msg.code === ERROR_CODE.OPEN_MESSAGE && msg.subcode === 1 ? 'NotifMsgVerErr' : 'NotifMsg' });
    }
  }

  /** Validates the peer's OPEN, negotiates the codec context, feeds BGPOpen (RFC 4271 §6.2, §8). */
  private onOpen(open: OpenMessage): void {
    try {
      validateOpen(open, { ...(this.config.asn !== undefined ? { asn: this.config.asn } : {}), localBgpId: this.host.routerId });
    } catch (err) {
      if (!(err instanceof BgpNotificationError)) throw err;
      this.lastError = `OPEN rejected: ${err.message}`;
      return this.fire({ type: 'BGPOpenMsgErr', error: err });
    }
    this.remoteOpen = open;
    this.fire({ type: 'BGPOpen', peerHoldTimeSecs: open.holdTime });
    if (this.fsm.state === 'open-confirm' && this.conn && this.localOpen) {
      const neg = negotiate(this.localOpen, open);
      this.negotiated = neg;
      this.remoteAsn = neg.asn;
      this.conn.ctx = { fourOctetAs: neg.fourOctetAs, extendedMessage: neg.extendedMessage, families: neg.families };
    }
  }

  private onWireError(conn: Connection, err: BgpNotificationError): void {
    if (this.candidate?.conn === conn) {
      this.sendNotification(conn, err);
      return this.dropCandidate();
    }
    if (conn !== this.conn) return;
    this.lastError = `malformed message: ${err.message}`;
    this.host.log.warn({ peer: this.address, code: err.code, subcode: err.subcode }, this.lastError);
    const type = err.code === ERROR_CODE.MESSAGE_HEADER ? 'BGPHeaderErr' : err.code === ERROR_CODE.OPEN_MESSAGE ? 'BGPOpenMsgErr' : 'UpdateMsgErr';
    this.fire({ type, error: { code: err.code, subcode: err.subcode, data: err.data } });
  }

  private onClose(conn: Connection, reason: string): void {
    if (this.candidate?.conn === conn) return this.dropCandidate();
    if (conn !== this.conn) return;
    this.conn = undefined;
    // A refused outgoing attempt does not hide the reason an earlier session went down.
    if (this.fsm.state !== 'connect' || this.lastError === undefined) this.lastError = reason;
    this.fire({ type: 'TcpConnectionFails' });
  }

  /** A message on the collision candidate: only its OPEN matters (RFC 4271 §6.8). */
  private onCandidateMessage(msg: BgpMessage): void {
    const cand = this.candidate!;
    if (msg.type !== 'open') return this.dropCandidate();
    this.counters.openReceived++;
    try {
      validateOpen(msg, { ...(this.config.asn !== undefined ? { asn: this.config.asn } : {}), localBgpId: this.host.routerId });
    } catch (err) {
      if (err instanceof BgpNotificationError) this.sendNotification(cand.conn, err);
      return this.dropCandidate();
    }
    const winner = this.conn ? resolveCollision(this.host.routerId, msg.bgpId, this.conn.outgoing, cand.conn.outgoing) : 'candidate';
    if (winner === 'existing') {
      this.sendNotification(cand.conn, COLLISION_RESOLUTION);
      return this.dropCandidate();
    }
    // Dump the existing connection (OpenCollisionDump), then continue on the candidate, which is
    // in OpenSent: our OPEN went out on it when it connected.
    clearTimeout(cand.timer);
    this.candidate = undefined;
    if (this.conn) this.fire({ type: 'OpenCollisionDump' });
    this.timers.stopAll();
    const from = this.fsm.state;
    this.fsm = { ...this.fsm, state: 'open-sent', adminDown: false };
    this.conn = cand.conn;
    this.localOpen = cand.localOpen;
    this.timers.start('Hold', OPEN_HOLD_SECS);
    this.host.onStateChange(this, from, 'open-sent');
    this.onOpen(msg);
  }

  private dropCandidate(): void {
    const cand = this.candidate;
    if (!cand) return;
    this.candidate = undefined;
    clearTimeout(cand.timer);
    void cand.conn.close();
  }
}

function timerEvent(timer: TimerName): FsmEvent {
  switch (timer) {
    case 'ConnectRetry':
      return { type: 'ConnectRetryTimer_Expires' };
    case 'Hold':
      return { type: 'HoldTimer_Expires' };
    case 'Keepalive':
      return { type: 'KeepaliveTimer_Expires' };
    case 'DelayOpen':
      return { type: 'DelayOpenTimer_Expires' };
    case 'IdleHold':
      return { type: 'IdleHoldTimer_Expires' };
  }
}
