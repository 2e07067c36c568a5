/**
 * One BMP collector connection (RFC 7854 §3.3: the monitored router connects to the station).
 *
 * On connect: Initiation, then for every Established peer a Peer Up followed by Route Monitoring
 * of its pre-policy Adj-RIB-In and End-of-RIB (§5 initial dump); afterwards live Route Monitoring
 * for each received UPDATE (with `adjRibOut`, RFC 8671: also the post-policy Adj-RIB-Out, dumped
 * after Peer Up and then every UPDATE as sent to the peer), Peer Up / Peer Down as sessions come and go, and a Statistics Report
 * per peer every `statisticsTimeoutSecs` (0 = none). Removal sends Termination (§4.5) and closes.
 * A lost connection is retried with exponential backoff (1 s doubling to 30 s by default) and
 * starts over with a full dump.
 *
 * Back-pressure: messages go to the socket only while its buffered bytes stay under
 * `maxQueueBytes`; beyond that they are dropped and counted (`drops`), so a slow collector never
 * blocks BGP processing. After drops the collector's view is incomplete: the connection is reset
 * once the backlog has drained, which triggers a fresh dump on reconnect.
 */
import { connect, type Socket } from 'node:net';
import type { Logger } from '../lib/log.js';
import type { MonitoredPeer, MonitorListener, PeerDownReason } from '../bgp/instance/monitor.js';
import { encodeMessage, PRE_OPEN_CONTEXT } from '../bgp/wire/index.js';
import {
  encodeInitiation,
  encodePeerDown,
  encodePeerUp,
  encodeRouteMonitoring,
  encodeStatisticsReport,
  encodeTermination,
  PEER_DOWN_REASON,
  STAT_TYPE,
  TERM_REASON,
  PEER_FLAG,
  type BmpPeer,
} from './wire/messages.js';

/** RFC 8671: Adj-RIB-Out (O) after policy (L). */
const ADJ_RIB_OUT_FLAGS = PEER_FLAG.O_ADJ_RIB_OUT | PEER_FLAG.L_POST_POLICY;
import { dumpPdus, updatePdus } from './updates.js';

/** What a session needs from the BGP instance. */
export interface MonitorSource {
  monitor(listener: MonitorListener): { peers: MonitoredPeer[]; unsubscribe: () => void };
}

/** Options of one collector session. */
export interface BmpSessionOptions {
  readonly address: string;
  readonly port: number;
  /** Seconds between Statistics Reports; 0 = none. */
  readonly statisticsTimeoutSecs: number;
  readonly sysName: string;
  readonly sysDescr: string;
  readonly log: Logger;
  /** Socket backlog (octets) beyond which messages are dropped. Default 64 MiB. */
  readonly maxQueueBytes?: number;
  /** First reconnect delay and cap (seconds). Defaults 1 and 30. */
  readonly backoffSecs?: { readonly initial: number; readonly max: number };
  /** Also monitor the post-policy Adj-RIB-Out (RFC 8671): dump after Peer Up, then what is sent. */
  readonly adjRibOut?: boolean;
}

const BMP_DEFAULTS = { maxQueueBytes: 64 << 20, backoff: { initial: 1, max: 30 } };

/** A collector connection with reconnects. */
export class BmpSession {
  /** Messages dropped because the collector was too slow. */
  drops = 0;
  /** Messages handed to the socket. */
  sent = 0;
  private socket: Socket | undefined;
  private connected = false;
  private unsubscribe: (() => void) | undefined;
  private peers = new Set<MonitoredPeer>();
  private statsTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private backoff: number;
  private stopped = false;
  private dropsAtReset = 0;

  constructor(
    private readonly source: MonitorSource,
    readonly opts: BmpSessionOptions,
  ) {
    this.backoff = opts.backoffSecs?.initial ?? BMP_DEFAULTS.backoff.initial;
  }

  /** Starts connecting (returns at once; failures are retried). */
  start(): void {
    this.connect();
  }

  /** Sends Termination (administratively closed), closes, and stops reconnecting. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const sock = this.socket;
    if (sock && this.connected) {
      sock.write(encodeTermination(TERM_REASON.ADMIN_CLOSE, 'BMP session removed by configuration'));
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          sock.destroy();
          resolve();
        }, 2000);
        sock.once('close', () => {
          clearTimeout(t);
          resolve();
        });
        sock.end();
      });
    } else sock?.destroy();
    this.teardown();
  }

  private connect(): void {
    if (this.stopped) return;
    const sock = connect({ host: this.opts.address, port: this.opts.port });
    this.socket = sock;
    sock.setNoDelay(true);
    sock.on('connect', () => this.onConnect(sock));
    sock.on('error', (err: NodeJS.ErrnoException) => this.opts.log.debug({ bmp: this.name, err: err.code ?? err.message }, 'BMP connection error'));
    sock.on('close', () => this.onClose(sock));
    // A collector does not send anything after its connection (RFC 7854 §3.3): discard input.
    sock.on('data', () => undefined);
  }

  private get name(): string {
    return `${this.opts.address}:${this.opts.port}`;
  }

  private onConnect(sock: Socket): void {
    if (sock !== this.socket) return;
    this.connected = true;
    this.backoff = this.opts.backoffSecs?.initial ?? BMP_DEFAULTS.backoff.initial;
    this.opts.log.info({ bmp: this.name }, 'BMP collector connected');
    this.enqueue(encodeInitiation(this.opts.sysName, this.opts.sysDescr));
    const listener: MonitorListener = {
      peerUp: (p) => this.onPeerUp(p),
      peerDown: (p, reason) => this.onPeerDown(p, reason),
      update: (p, msg) => {
        if (!this.peers.has(p)) return;
        const now = Date.now();
        for (const pdu of updatePdus(msg, p.families)) this.enqueue(encodeRouteMonitoring(bmpPeer(p), now, pdu));
      },
      ...(this.opts.adjRibOut
        ? {
            adjRibOutSent: (p: MonitoredPeer, frames: readonly Buffer[]) => {
              if (!this.peers.has(p)) return;
              const now = Date.now();
              const flags = ADJ_RIB_OUT_FLAGS | (p.fourOctetAs ? 0 : PEER_FLAG.A_TWO_OCTET_AS);
              for (const f of frames) this.enqueue(encodeRouteMonitoring(bmpPeer(p), now, f, flags));
            },
          }
        : {}),
    };
    const { peers, unsubscribe } = this.source.monitor(listener);
    this.unsubscribe = unsubscribe;
    for (const p of peers) this.onPeerUp(p);
    const secs = this.opts.statisticsTimeoutSecs;
    if (secs > 0) {
      this.statsTimer = setInterval(() => this.sendStatistics(), secs * 1000);
      this.statsTimer.unref();
    }
  }

  private onPeerUp(p: MonitoredPeer): void {
    this.peers.add(p);
    const peer = bmpPeer(p);
    const sent = encodeMessage(p.sentOpen, PRE_OPEN_CONTEXT);
    const received = encodeMessage(p.receivedOpen, PRE_OPEN_CONTEXT);
    this.enqueue(encodePeerUp(peer, p.establishedAt, { address: p.localAddress, port: p.localPort, remotePort: p.remotePort }, sent, received));
    const now = Date.now();
    for (const pdu of dumpPdus(p.adjRibIn(), p.families)) this.enqueue(encodeRouteMonitoring(peer, now, pdu));
    if (this.opts.adjRibOut) for (const pdu of dumpPdus(p.adjRibOut(), p.families)) this.enqueue(encodeRouteMonitoring(peer, now, pdu, ADJ_RIB_OUT_FLAGS));
  }

  private onPeerDown(p: MonitoredPeer, reason: PeerDownReason): void {
    if (!this.peers.delete(p)) return;
    const now = Date.now();
    switch (reason.kind) {
      case 'local-notification':
      case 'remote-notification': {
        const pdu = encodeMessage({ type: 'notification', code: reason.code, subcode: reason.subcode, data: reason.data }, PRE_OPEN_CONTEXT);
        this.enqueue(encodePeerDown(bmpPeer(p), now, reason.kind === 'local-notification' ? PEER_DOWN_REASON.LOCAL_NOTIFICATION : PEER_DOWN_REASON.REMOTE_NOTIFICATION, pdu));
        return;
      }
      case 'local-no-notification':
        // FSM event code 0: none specific (RFC 7854 §4.9 reason 2 carries two octets).
        this.enqueue(encodePeerDown(bmpPeer(p), now, PEER_DOWN_REASON.LOCAL_NO_NOTIFICATION, Buffer.alloc(2)));
        return;
      case 'remote-closed':
        this.enqueue(encodePeerDown(bmpPeer(p), now, PEER_DOWN_REASON.REMOTE_NO_NOTIFICATION));
        return;
      case 'deconfigured':
        this.enqueue(encodePeerDown(bmpPeer(p), now, PEER_DOWN_REASON.DECONFIGURED));
        return;
    }
  }

  private sendStatistics(): void {
    const now = Date.now();
    for (const p of this.peers) {
      const c = p.counts();
      this.enqueue(encodeStatisticsReport(bmpPeer(p), now, [[STAT_TYPE.ADJ_RIB_IN_ROUTES, c.adjRibIn], [STAT_TYPE.LOC_RIB_ROUTES, c.locRib]]));
    }
  }

  /** Writes unless the backlog is over the bound (then counts a drop). */
  private enqueue(msg: Buffer): void {
    const sock = this.socket;
    if (!sock || !this.connected) return;
    const max = this.opts.maxQueueBytes ?? BMP_DEFAULTS.maxQueueBytes;
    if (sock.writableLength + msg.length > max) {
      if (this.drops === this.dropsAtReset) {
        this.opts.log.warn({ bmp: this.name, backlog: sock.writableLength }, 'BMP collector too slow: dropping messages; the session restarts with a full dump once the backlog drains');
        sock.once('drain', () => sock.destroy());
      }
      this.drops++;
      return;
    }
    sock.write(msg);
    this.sent++;
  }

  private onClose(sock: Socket): void {
    if (sock !== this.socket) return;
    const was = this.connected;
    this.teardown();
    this.dropsAtReset = this.drops;
    if (this.stopped) return;
    if (was) this.opts.log.warn({ bmp: this.name }, 'BMP collector connection lost');
    const delay = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.opts.backoffSecs?.max ?? BMP_DEFAULTS.backoff.max);
    this.retryTimer = setTimeout(() => this.connect(), delay * 1000);
    this.retryTimer.unref();
  }

  private teardown(): void {
    this.connected = false;
    this.socket = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.peers = new Set();
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.statsTimer = undefined;
  }
}

function bmpPeer(p: MonitoredPeer): BmpPeer {
  return { address: p.address, asn: p.asn, bgpId: p.bgpId };
}
