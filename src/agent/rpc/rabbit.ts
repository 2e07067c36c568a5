/**
 * oslo.messaging-compatible RPC over RabbitMQ (amqplib), following ../shared/spec/oslo-rabbit-wire.md,
 * which was observed against oslo.messaging 14 (`_drivers/impl_rabbit.py`, `amqpdriver.py`).
 *
 * Broker objects (names with control exchange `hyperagent`, topic T, server S):
 *   exchange `hyperagent`            topic,  durable=false auto_delete=false  (servers and callers)
 *   queue    T, T.S                  durable=false auto_delete=false, no args, bound with key = name
 *   exchange T_fanout                fanout, durable=false auto_delete=true
 *   queue    T_fanout_<hex>          durable=false auto_delete=false, x-expires 1800000 ms, key T
 *   queue    reply_<hex>             durable=false auto_delete=false, x-expires 1800000 ms, reached via ""
 * Every publish: content_type application/json, content_encoding utf-8, delivery_mode 2; requests
 * carry `expiration` = call timeout (ms); replies go to "" with key `_reply_q`, mandatory.
 * Requests are acked before dispatch (oslo: at-most-once); duplicate `_unique_id`s are dropped.
 *
 * Connection loss: amqplib's recovery reconnects with backoff; `setup` re-declares the reply queue
 * and every server's queues on the new connection; calls in flight fail with RpcTimeoutError.
 * A request with `_timeout` (oslo call monitoring) gets `ending: false` keep-alives every
 * int(_timeout)/2 s while its method runs; our own calls do not ask for them.
 * Deviation: only the first host of a multi-host URL is used.
 */
import amqp, { type Channel, type ChannelModel, type ConsumeMessage, type Options, type RecoveringChannelModel } from 'amqplib';
import type { Logger } from '../../lib/log.js';
import { BambuError, invalidArgument } from '../../lib/errors.js';
import { dispatch } from './dispatcher.js';
import { decodeFailure, RpcTimeoutError } from './failure.js';
import { buildReply, buildRequest, decodeEnvelope, encodeEnvelope, newHexId, parseReply, parseRequest, UniqueIdCache } from './oslo/envelope.js';
import type { CallOptions, RpcEndpoint, RpcServer, RpcTarget, RpcTransport } from './types.js';

/** x-expires of reply and fanout queues (oslo `rabbit_transient_queues_ttl` 1800 s), in ms. */
export const TRANSIENT_QUEUE_TTL_MS = 1_800_000;

/** Settings of a RabbitMQ transport. */
export interface RabbitOptions {
  /** `rabbit://user:pass@host:port/vhost[?heartbeat=N]`. */
  url: string;
  /** oslo `control_exchange`. */
  exchange: string;
  /** Default call timeout, seconds. */
  timeoutSecs: number;
  log: Logger;
  /** Connection attempts before giving up at start (default 3). */
  initialRetries?: number;
}

/**
 * Converts an oslo transport URL to an amqplib URL: `rabbit://u:p@h:5672/vh` → `amqp://u:p@h:5672/vh`.
 * Only the first of several comma-separated hosts is kept. Heartbeat defaults to 60 s.
 * @throws BambuError INVALID_ARGUMENT naming `transport_url` when the URL is not rabbit://
 */
export function rabbitUrlToAmqp(url: string): string {
  const m = /^rabbit:\/\/([^/?]*)(\/[^?]*)?(\?.*)?$/.exec(url);
  if (!m) throw invalidArgument('transport_url', `not a rabbit:// URL: ${url}`);
  const hostPart = m[1]!.split(',')[0]!;
  if (!hostPart) throw invalidArgument('transport_url', `no host in ${url}`);
  const query = new URLSearchParams(m[3]?.slice(1) ?? '');
  if (!query.has('heartbeat')) query.set('heartbeat', '60');
  return `amqp://${hostPart}${m[2] ?? '/'}?${query.toString()}`;
}

const PUBLISH_PROPS: Options.Publish = { contentType: 'application/json', contentEncoding: 'utf-8', deliveryMode: 2, priority: 0, headers: {} };

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  result: unknown;
}

interface ServerReg {
  topic: string;
  server: string;
  endpoint: RpcEndpoint;
  fanoutQueue: string;
  consumerTags: string[];
  closed: boolean;
}

/** The oslo.messaging RabbitMQ transport. Create with `RabbitTransport.connect`. */
export class RabbitTransport implements RpcTransport {
  readonly kind = 'rabbit';
  private channel: Channel | undefined;
  private model: ChannelModel | undefined;
  private readonly servers: ServerReg[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly seen = new UniqueIdCache();
  private readonly replyQueue = `reply_${newHexId()}`;
  private closing = false;
  /** Between a connection loss and the next successful setup. */
  private disconnected = false;
  private ready: Promise<void> = Promise.resolve();

  private constructor(
    private readonly opts: RabbitOptions,
    private conn: RecoveringChannelModel | undefined,
  ) {}

  /**
   * Connects to the broker (retrying `initialRetries` times) and sets up the reply queue.
   * @throws BambuError UNAVAILABLE when the broker cannot be reached
   */
  static async connect(opts: RabbitOptions): Promise<RabbitTransport> {
    const t = new RabbitTransport(opts, undefined);
    const amqpUrl = rabbitUrlToAmqp(opts.url);
    try {
      t.conn = await amqp.connect(amqpUrl, {
        recovery: {
          initialMaxRetries: opts.initialRetries ?? 3,
          initialDelay: 200,
          maxDelay: 10_000,
          setup: (model: ChannelModel) => t.setup(model),
        },
      });
    } catch (err) {
      throw new BambuError('UNAVAILABLE', `transport_url: cannot connect to RabbitMQ at ${opts.url.replace(/\/\/[^@/]*@/, '//***@')}: ${(err as Error).message}`);
    }
    t.conn.on('disconnect', (err: Error) => {
      t.disconnected = true;
      if (!t.closing) opts.log.warn({ err: err?.message }, 'rabbit: connection lost, reconnecting');
      t.channel = undefined;
      t.failPending('connection to RabbitMQ lost');
    });
    t.conn.on('error', (err: Error) => opts.log.warn({ err: err.message }, 'rabbit: connection error'));
    await t.ready;
    return t;
  }

  /** (Re)creates the channel on a fresh connection and declares the reply queue and all servers. */
  private async setup(model: ChannelModel): Promise<void> {
    this.model = model;
    this.disconnected = false;
    const run = async () => {
      await this.openChannel(model);
      for (const s of this.servers) if (!s.closed) await this.declareServer(s);
    };
    this.ready = run();
    await this.ready;
  }

  private async openChannel(model: ChannelModel): Promise<void> {
    const ch = await model.createChannel();
    ch.on('error', (err: Error) => this.opts.log.warn({ err: err.message }, 'rabbit: channel error'));
    ch.on('return', (msg: ConsumeMessage) => this.opts.log.warn({ routingKey: msg.fields.routingKey }, 'rabbit: reply returned (caller gone)'));
    ch.on('close', () => {
      if (this.channel !== ch) return;
      this.channel = undefined;
      if (this.closing || this.model !== model) return;
      // A channel-level error (e.g. 404/406) closed it: reopen on the same connection.
      this.ready = this.openChannel(model)
        .then(async () => {
          for (const s of this.servers) if (!s.closed) await this.declareServer(s);
        })
        .catch((err: Error) => {
          // after a connection loss the recovery's setup() opens the channel again
          if (!this.disconnected) this.opts.log.error({ err: err.message }, 'rabbit: cannot reopen channel');
        });
    });
    await ch.assertQueue(this.replyQueue, { durable: false, autoDelete: false, arguments: { 'x-expires': TRANSIENT_QUEUE_TTL_MS } });
    await ch.consume(this.replyQueue, (msg) => msg && this.onReply(msg), { noAck: true });
    this.channel = ch;
  }

  private async getChannel(): Promise<Channel> {
    await this.ready;
    if (!this.channel) throw new BambuError('UNAVAILABLE', 'rabbit: not connected');
    return this.channel;
  }

  /** Declares the exchange, the topic/server/fanout queues of one server and consumes them. */
  private async declareServer(s: ServerReg): Promise<void> {
    const ch = this.channel!;
    const ex = this.opts.exchange;
    await ch.assertExchange(ex, 'topic', { durable: false, autoDelete: false });
    const tags: string[] = [];
    for (const q of [s.topic, `${s.topic}.${s.server}`]) {
      await ch.assertQueue(q, { durable: false, autoDelete: false });
      await ch.bindQueue(q, ex, q);
      tags.push((await ch.consume(q, (m) => m && this.onRequest(ch, s, m), { noAck: false })).consumerTag);
    }
    const fanoutEx = `${s.topic}_fanout`;
    await ch.assertExchange(fanoutEx, 'fanout', { durable: false, autoDelete: true });
    await ch.assertQueue(s.fanoutQueue, { durable: false, autoDelete: false, arguments: { 'x-expires': TRANSIENT_QUEUE_TTL_MS } });
    await ch.bindQueue(s.fanoutQueue, fanoutEx, s.topic);
    tags.push((await ch.consume(s.fanoutQueue, (m) => m && this.onRequest(ch, s, m), { noAck: false })).consumerTag);
    s.consumerTags = tags;
  }

  /** {@inheritDoc RpcTransport.serve} */
  async serve(topic: string, server: string, endpoint: RpcEndpoint): Promise<RpcServer> {
    const s: ServerReg = { topic, server, endpoint, fanoutQueue: `${topic}_fanout_${newHexId()}`, consumerTags: [], closed: false };
    await this.getChannel();
    await this.declareServer(s);
    this.servers.push(s);
    return {
      close: async () => {
        if (s.closed) return;
        s.closed = true;
        const ch = this.channel;
        if (ch) for (const tag of s.consumerTags) await ch.cancel(tag).catch(() => undefined);
      },
    };
  }

  /** Handles one request: ack, decode, drop duplicates, dispatch, reply if it was a call. */
  private onRequest(ch: Channel, s: ServerReg, msg: ConsumeMessage): void {
    try {
      ch.ack(msg);
    } catch {
      // channel already closed: the message will be redelivered to someone else
      return;
    }
    let req;
    try {
      req = parseRequest(decodeEnvelope(msg.content));
    } catch (err) {
      this.opts.log.warn({ err: (err as Error).message, queue: msg.fields.routingKey }, 'rabbit: undecodable request dropped');
      return;
    }
    if (this.seen.seen(req.uniqueId)) return;
    if (s.closed) return;
    // Call monitoring (oslo rpc/dispatcher.py): when the caller set `_timeout`, send an
    // `ending: false` keep-alive every int(_timeout)/2 s until the reply goes out.
    let keepAlive: NodeJS.Timeout | undefined;
    const monitor = Math.trunc(req.timeout ?? 0);
    if (req.msgId && req.replyQ && monitor > 0) {
      const [msgId, replyQ] = [req.msgId, req.replyQ];
      keepAlive = setInterval(() => {
        try {
          this.channel?.publish('', replyQ, encodeEnvelope(buildReply(msgId, null, null, false)), { ...PUBLISH_PROPS, mandatory: true });
        } catch {
          // channel gone: the caller's monitor will time out
        }
      }, (monitor * 1000) / 2);
    }
    void dispatch(s.endpoint, req.method, req.args, req.ctxt, req.version, req.namespace).then(({ result, failure }) => {
      clearInterval(keepAlive);
      if (!req.msgId || !req.replyQ) return;
      if (failure) this.opts.log.info({ method: req.method, failure: JSON.parse(failure).message }, 'rpc: call failed');
      const body = encodeEnvelope(buildReply(req.msgId, result, failure));
      try {
        this.channel?.publish('', req.replyQ, body, { ...PUBLISH_PROPS, mandatory: true });
      } catch (err) {
        this.opts.log.warn({ err: (err as Error).message }, 'rabbit: cannot publish reply');
      }
    });
  }

  /** Routes a reply to its waiting call by `_msg_id`. */
  private onReply(msg: ConsumeMessage): void {
    let reply;
    try {
      reply = parseReply(decodeEnvelope(msg.content));
    } catch (err) {
      this.opts.log.warn({ err: (err as Error).message }, 'rabbit: undecodable reply dropped');
      return;
    }
    if (!reply || this.seen.seen(reply.uniqueId)) return;
    const p = this.pending.get(reply.msgId);
    if (!p) {
      this.opts.log.debug({ msgId: reply.msgId }, 'rabbit: reply for unknown call dropped');
      return;
    }
    if (reply.failure !== null && reply.failure !== undefined) {
      this.settle(reply.msgId);
      p.reject(decodeFailure(reply.failure));
    } else if (reply.ending) {
      this.settle(reply.msgId);
      p.resolve(reply.result ?? p.result);
    } else if (reply.result !== null) {
      p.result = reply.result; // old two-message style: result first, then an empty ending
    }
  }

  private settle(msgId: string): void {
    const p = this.pending.get(msgId);
    if (p) clearTimeout(p.timer);
    this.pending.delete(msgId);
  }

  private failPending(reason: string): void {
    for (const [id, p] of this.pending) {
      this.settle(id);
      p.reject(new RpcTimeoutError(`${reason} while waiting for a reply to message ID ${id}`));
    }
  }

  private routingKey(target: RpcTarget): string {
    return target.server ? `${target.topic}.${target.server}` : target.topic;
  }

  /** {@inheritDoc RpcTransport.call} */
  async call(target: RpcTarget, method: string, args: Record<string, unknown>, opts: CallOptions = {}): Promise<unknown> {
    if (target.fanout) throw new BambuError('INVALID_ARGUMENT', 'a call cannot be fanout');
    const ch = await this.getChannel();
    const timeoutMs = Math.round((opts.timeoutSecs ?? this.opts.timeoutSecs) * 1000);
    const msgId = newHexId();
    const body = encodeEnvelope(buildRequest({ method, args, version: opts.version, ctxt: opts.ctxt ?? {}, msgId, replyQ: this.replyQueue, timeout: null }));
    await ch.assertExchange(this.opts.exchange, 'topic', { durable: false, autoDelete: false });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(msgId);
        reject(new RpcTimeoutError(`Timed out waiting for a reply to message ID ${msgId} (${method} on ${this.routingKey(target)})`));
      }, timeoutMs);
      this.pending.set(msgId, { resolve, reject, timer, result: null });
      ch.publish(this.opts.exchange, this.routingKey(target), body, { ...PUBLISH_PROPS, expiration: String(timeoutMs) });
    });
  }

  /** {@inheritDoc RpcTransport.cast} */
  async cast(target: RpcTarget, method: string, args: Record<string, unknown>, opts: CallOptions = {}): Promise<void> {
    const ch = await this.getChannel();
    const body = encodeEnvelope(buildRequest({ method, args, version: opts.version, ctxt: opts.ctxt ?? {} }));
    if (target.fanout) {
      const fanoutEx = `${target.topic}_fanout`;
      await ch.assertExchange(fanoutEx, 'fanout', { durable: false, autoDelete: true });
      ch.publish(fanoutEx, target.topic, body, PUBLISH_PROPS);
      return;
    }
    await ch.assertExchange(this.opts.exchange, 'topic', { durable: false, autoDelete: false });
    const timeoutMs = Math.round((opts.timeoutSecs ?? this.opts.timeoutSecs) * 1000);
    ch.publish(this.opts.exchange, this.routingKey(target), body, { ...PUBLISH_PROPS, expiration: String(timeoutMs) });
  }

  /** {@inheritDoc RpcTransport.close} */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const s of this.servers) s.closed = true;
    this.failPending('transport closed');
    await this.conn?.close().catch(() => undefined);
  }
}
