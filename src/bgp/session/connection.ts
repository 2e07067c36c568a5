/**
 * One TCP connection of a BGP session: framing (RFC 4271 §4.1) with the codec's frameLength,
 * decoding with the session's current CodecContext, sending, and an orderly close.
 *
 * Every received message or wire error is delivered to the owner's callbacks; nothing thrown by
 * the codec escapes (a bug in the codec becomes a "cease" wire error, never a crash).
 */
import type { Socket } from 'node:net';
import { BgpNotificationError, PRE_OPEN_CONTEXT, decodeMessage, frameLength, type BgpMessage, type CodecContext } from '../wire/index.js';

/** What a Connection reports to its owner. */
export interface ConnectionHandlers {
  /** A decoded message. */
  onMessage(conn: Connection, msg: BgpMessage): void;
  /** The stream or a message was malformed: the NOTIFICATION to send, already shaped. */
  onWireError(conn: Connection, err: BgpNotificationError, messageType: number): void;
  /** The TCP connection ended (peer close, reset, or our own close). */
  onClose(conn: Connection, reason: string): void;
}

let nextId = 1;

/** A framed BGP connection over a socket. */
export class Connection {
  readonly id = nextId++;
  /** Codec context: pre-OPEN until the OPENs are negotiated (RFC 4271 §4.2). */
  ctx: CodecContext = PRE_OPEN_CONTEXT;
  private buf: Buffer = Buffer.alloc(0);
  private closed = false;
  private stopped = false;
  private readonly closedPromise: Promise<void>;

  /**
   * @param socket    a connected socket
   * @param outgoing  true when we initiated it (matters for collision resolution, RFC 4271 §6.8)
   */
  constructor(
    readonly socket: Socket,
    readonly outgoing: boolean,
    private readonly handlers: ConnectionHandlers,
  ) {
    socket.setNoDelay(true);
    this.closedPromise = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    let socketError: string | undefined;
    socket.on('error', (err: NodeJS.ErrnoException) => {
      socketError = err.code ?? err.message; // 'close' follows and reports it
    });
    socket.on('close', (hadError) => {
      if (this.closed) return;
      this.closed = true;
      this.handlers.onClose(this, hadError ? `connection failed (${socketError ?? 'reset'})` : 'connection closed by peer');
    });
  }

  /** Our address on this connection (bare IP, IPv4-mapped form unwrapped). */
  get localAddress(): string {
    return unmapIPv4(this.socket.localAddress ?? '');
  }

  /** Writes one or more encoded messages. @returns false when the connection is closed */
  send(...frames: Buffer[]): boolean {
    if (this.closed || this.socket.destroyed) return false;
    for (const f of frames) this.socket.write(f);
    return true;
  }

  /** Stops delivering received data (after a fatal error, before the close). */
  stopReading(): void {
    this.stopped = true;
    this.buf = Buffer.alloc(0);
  }

  /**
   * Closes after flushing what was written (a NOTIFICATION must reach the peer first); destroys
   * the socket if the peer does not close within 2 s. Resolves when the socket is closed.
   */
  close(): Promise<void> {
    this.stopReading();
    if (!this.closed) {
      this.closed = true;
      this.socket.end();
      const t = setTimeout(() => this.socket.destroy(), 2000);
      t.unref();
    }
    return this.closedPromise;
  }

  private onData(chunk: Buffer): void {
    if (this.stopped) return;
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    let offset = 0;
    while (!this.stopped) {
      let length: number;
      try {
        length = frameLength(this.buf, offset, this.ctx);
      } catch (err) {
        this.fail(err, this.buf[offset + 18] ?? 0);
        return;
      }
      if (length < 0 || this.buf.length - offset < length) break;
      const frame = this.buf.subarray(offset, offset + length);
      offset += length;
      let msg: BgpMessage;
      try {
        msg = decodeMessage(frame, this.ctx);
      } catch (err) {
        this.fail(err, frame[18] ?? 0);
        return;
      }
      this.handlers.onMessage(this, msg);
    }
    if (!this.stopped) this.buf = offset === this.buf.length ? Buffer.alloc(0) : this.buf.subarray(offset);
  }

  private fail(err: unknown, type: number): void {
    this.stopReading();
    const wire =
      err instanceof BgpNotificationError
        ? err
        : // A codec bug must not take the daemon down: reset the session with CEASE (RFC 4486 "Other").
          new BgpNotificationError(6, 0, `internal decode error: ${err instanceof Error ? err.message : String(err)}`);
    this.handlers.onWireError(this, wire, type);
  }
}

/** "::ffff:192.0.2.1" → "192.0.2.1"; anything else unchanged. */
export function unmapIPv4(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
