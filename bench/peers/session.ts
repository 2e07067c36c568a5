/**
 * A minimal BGP-4 speaker end for the benchmarks (RFC 4271 §4, §8 reduced to what a load
 * generator needs): connects from a chosen loopback address, sends OPEN (4-octet AS, IPv4
 * unicast, route refresh), waits for the peer's OPEN and KEEPALIVE, then exchanges KEEPALIVEs
 * every holdTime/3 s. Incoming UPDATEs go to a callback as framed octets; a NOTIFICATION or a
 * closed socket is recorded in `error`.
 */
import { connect, type Socket } from 'node:net';
import { decodeMessage, encodeMessage, frameLength, PRE_OPEN_CONTEXT } from '../../src/bgp/wire/index.js';
import { BENCH_CONTEXT } from '../gen/table.js';

const TYPE_OPEN = 1;
const TYPE_UPDATE = 2;
const TYPE_NOTIFICATION = 3;
const TYPE_KEEPALIVE = 4;

/** Where and who to connect as. */
export interface SessionOptions {
  /** Target address and BGP port. */
  readonly host: string;
  readonly port: number;
  /** Our loopback source address (the target's configured neighbour address). */
  readonly localAddress: string;
  readonly asn: number;
  readonly routerId: string;
  /** Hold Time we propose, seconds. */
  readonly holdTime: number;
  /** Called with every framed UPDATE received (octets, header included). */
  readonly onUpdate?: (msg: Buffer) => void;
}

/** One established session. */
export class BenchSession {
  /** Why the session ended, when it did (NOTIFICATION text or socket error). */
  error: string | undefined;
  private keepalive: NodeJS.Timeout | undefined;
  private pending: Buffer | null = null;
  private established = false;

  private constructor(
    private readonly socket: Socket,
    private readonly opts: SessionOptions,
  ) {}

  /**
   * Connects and completes the OPEN exchange, retrying the TCP connect every 500 ms.
   * @param timeoutMs overall limit, milliseconds
   * @throws Error when not Established within `timeoutMs` (last reason included)
   */
  static async open(opts: SessionOptions, timeoutMs: number): Promise<BenchSession> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        return await BenchSession.attempt(opts, Math.max(1000, deadline - Date.now()));
      } catch (err) {
        last = (err as Error).message;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    throw new Error(`session ${opts.localAddress} → ${opts.host}:${opts.port} not Established within ${timeoutMs} ms: ${last}`);
  }

  private static attempt(opts: SessionOptions, timeoutMs: number): Promise<BenchSession> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: opts.host, port: opts.port, localAddress: opts.localAddress });
      socket.setNoDelay(true);
      const s = new BenchSession(socket, opts);
      let settled = false;
      const fail = (why: string): void => {
        s.error ??= why;
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          socket.destroy();
          reject(new Error(why));
        }
      };
      const timer = setTimeout(() => fail('OPEN exchange timed out'), timeoutMs);
      socket.on('error', (err) => fail(err.message));
      socket.on('close', () => {
        s.stopKeepalive();
        fail('connection closed');
      });
      socket.on('connect', () => {
        const open = encodeMessage(
          {
            type: 'open',
            version: 4,
            myAs: opts.asn > 0xffff ? 23456 : opts.asn,
            holdTime: opts.holdTime,
            bgpId: opts.routerId,
            capabilities: [{ code: 'multiprotocol', family: 'ipv4-unicast' }, { code: 'route-refresh' }, { code: 'four-octet-as', asn: opts.asn }],
          },
          PRE_OPEN_CONTEXT,
        );
        socket.write(open);
      });
      let gotOpen = false;
      let holdTime = opts.holdTime;
      s.onMessage = (type, msg) => {
        if (type === TYPE_OPEN) {
          const m = decodeMessage(msg, PRE_OPEN_CONTEXT);
          if (m.type === 'open') {
            gotOpen = true;
            holdTime = Math.min(holdTime, m.holdTime);
            if (!m.capabilities.some((c) => c.code === 'four-octet-as')) fail('peer lacks the 4-octet AS capability');
            socket.write(encodeMessage({ type: 'keepalive' }, PRE_OPEN_CONTEXT));
          }
        } else if (type === TYPE_KEEPALIVE && gotOpen && !s.established) {
          s.established = true;
          settled = true;
          clearTimeout(timer);
          if (holdTime > 0) {
            const ka = encodeMessage({ type: 'keepalive' }, PRE_OPEN_CONTEXT);
            s.keepalive = setInterval(() => socket.write(ka), Math.max(1, Math.floor(holdTime / 3)) * 1000);
            s.keepalive.unref();
          }
          resolve(s);
        } else if (type === TYPE_NOTIFICATION) {
          const m = decodeMessage(msg, BENCH_CONTEXT);
          fail(m.type === 'notification' ? `NOTIFICATION ${m.code}/${m.subcode} from the target` : 'NOTIFICATION');
        } else if (type === TYPE_UPDATE) {
          opts.onUpdate?.(msg);
        }
      };
      socket.on('data', (d: Buffer) => {
        try {
          s.feed(d);
        } catch (err) {
          fail(`bad message from the target: ${(err as Error).message}`);
        }
      });
    });
  }

  /** Message handler set by `attempt` (type, framed octets). */
  private onMessage: (type: number, msg: Buffer) => void = () => {};

  /** Splits the stream into messages (RFC 4271 §4.1 framing). */
  private feed(d: Buffer): void {
    const buf = this.pending === null ? d : Buffer.concat([this.pending, d]);
    let off = 0;
    for (;;) {
      const len = frameLength(buf, off, BENCH_CONTEXT);
      if (len === -1 || buf.length - off < len) break;
      this.onMessage(buf[off + 18]!, buf.subarray(off, off + len));
      off += len;
    }
    this.pending = off === buf.length ? null : Buffer.from(buf.subarray(off));
  }

  /** Writes `block`, resolving when the socket accepts more (backpressure). */
  write(block: Buffer): Promise<void> {
    if (this.error !== undefined) return Promise.reject(new Error(this.error));
    if (this.socket.write(block)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onDrain = (): void => {
        this.socket.off('close', onClose);
        resolve();
      };
      const onClose = (): void => {
        this.socket.off('drain', onDrain);
        reject(new Error(this.error ?? 'connection closed'));
      };
      this.socket.once('drain', onDrain);
      this.socket.once('close', onClose);
    });
  }

  private stopKeepalive(): void {
    if (this.keepalive) clearInterval(this.keepalive);
    this.keepalive = undefined;
  }

  /** Closes the TCP connection (no NOTIFICATION: the target is stopped next anyway). */
  close(): void {
    this.stopKeepalive();
    this.socket.destroy();
  }
}
