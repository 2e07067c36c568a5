/**
 * Broker-less RPC for a single host: HTTP over Unix domain sockets in one run directory.
 *
 * URL `unix:DIR` (or `unix://DIR`). Each RPC server listens (fastify) on `DIR/<topic>.<server>.sock`,
 * so the file system plays the broker's routing role:
 *   to one server      → POST to `DIR/<topic>.<server>.sock`
 *   to any server      → the topic's sockets in random order, first one that accepts
 *   fanout cast        → every socket of the topic
 * `POST /rpc` carries exactly the oslo.messaging body (envelope + inner request, see oslo/envelope.ts);
 * a call is answered with the oslo reply body (same `result` / `failure` / `ending`), a cast with 202
 * before the method runs. Errors therefore have the same shape on both transports.
 * A call to a server with no socket fails at once with RpcTimeoutError (oslo would time out later).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { request } from 'node:http';
import { connect } from 'node:net';
import { existsSync, mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../lib/log.js';
import { BambuError, invalidArgument } from '../../lib/errors.js';
import { dispatch } from './dispatcher.js';
import { decodeFailure, RpcTimeoutError } from './failure.js';
import { buildReply, buildRequest, decodeEnvelope, encodeEnvelope, newHexId, parseReply, parseRequest } from './oslo/envelope.js';
import type { CallOptions, RpcEndpoint, RpcServer, RpcTarget, RpcTransport } from './types.js';

/** Longest Unix socket path Linux accepts (sun_path is 108 octets including the NUL). */
const MAX_SOCKET_PATH = 107;
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** Settings of a Unix-socket transport. */
export interface UnixOptions {
  /** `unix:DIR`. */
  url: string;
  timeoutSecs: number;
  log: Logger;
}

/**
 * Extracts the run directory from `unix:DIR` / `unix://DIR`.
 * @throws BambuError INVALID_ARGUMENT naming `transport_url`
 */
export function unixUrlToDir(url: string): string {
  const m = /^unix:(?:\/\/)?(\/.*)$/.exec(url);
  if (!m) throw invalidArgument('transport_url', `not a unix:/ABSOLUTE/DIR URL: ${url}`);
  return m[1]!.replace(/\/+$/, '') || '/';
}

/** Error codes meaning "nobody listens on this socket". */
function isNoListener(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'ECONNREFUSED' || code === 'ENOENT';
}

/** POSTs `body` to a socket; resolves with status and body text. */
function post(socketPath: string, body: Buffer, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { socketPath, path: '/rpc', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(body);
  });
}

/** True when something accepts connections on the socket. */
function socketAlive(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(path);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** The broker-less transport. */
export class UnixTransport implements RpcTransport {
  readonly kind = 'unix';
  private readonly dir: string;
  private readonly apps = new Set<FastifyInstance>();
  private closed = false;

  constructor(private readonly opts: UnixOptions) {
    this.dir = unixUrlToDir(opts.url);
  }

  private socketPath(topic: string, server: string): string {
    for (const [k, v] of [['topic', topic], ['server', server]] as const) {
      if (!NAME_RE.test(v)) throw invalidArgument(k, `must be letters, digits, "_", ".", ":", "-": ${JSON.stringify(v)}`);
    }
    const p = join(this.dir, `${topic}.${server}.sock`);
    if (p.length > MAX_SOCKET_PATH) throw invalidArgument('transport_url', `socket path too long (${p.length} > ${MAX_SOCKET_PATH}): ${p}`);
    return p;
  }

  /** Sockets of every server of `topic` currently in the run directory. */
  private topicSockets(topic: string): string[] {
    if (!existsSync(this.dir)) return [];
    const prefix = `${topic}.`;
    return readdirSync(this.dir)
      .filter((f) => f.startsWith(prefix) && f.endsWith('.sock') && !f.slice(prefix.length, -5).includes('/'))
      .map((f) => join(this.dir, f));
  }

  /**
   * {@inheritDoc RpcTransport.serve}
   * @throws BambuError ALREADY_EXISTS when a live server already owns `topic.server`
   */
  async serve(topic: string, server: string, endpoint: RpcEndpoint): Promise<RpcServer> {
    const path = this.socketPath(topic, server);
    mkdirSync(this.dir, { recursive: true });
    if (existsSync(path)) {
      if (await socketAlive(path)) throw new BambuError('ALREADY_EXISTS', `an RPC server ${topic}.${server} is already listening on ${path}`);
      unlinkSync(path); // stale socket of a dead process
    }
    const app = Fastify({ logger: false, bodyLimit: 16 << 20 });
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    app.post('/rpc', async (req, reply) => {
      let r;
      try {
        r = parseRequest(decodeEnvelope(req.body as Buffer));
      } catch (err) {
        return reply.code(400).send({ error: (err as Error).message });
      }
      const run = dispatch(endpoint, r.method, r.args, r.ctxt, r.version, r.namespace);
      if (!r.msgId) {
        void run.then(({ failure }) => failure && this.opts.log.info({ method: r.method, failure }, 'rpc: cast failed'));
        return reply.code(202).send();
      }
      const { result, failure } = await run;
      if (failure) this.opts.log.info({ method: r.method, failure: JSON.parse(failure).message }, 'rpc: call failed');
      return reply.code(200).header('content-type', 'application/json').send(encodeEnvelope(buildReply(r.msgId, result, failure)));
    });
    await app.listen({ path });
    this.apps.add(app);
    return {
      close: async () => {
        if (!this.apps.delete(app)) return;
        await app.close();
      },
    };
  }

  /** {@inheritDoc RpcTransport.call} */
  async call(target: RpcTarget, method: string, args: Record<string, unknown>, opts: CallOptions = {}): Promise<unknown> {
    if (target.fanout) throw new BambuError('INVALID_ARGUMENT', 'a call cannot be fanout');
    const timeoutMs = Math.round((opts.timeoutSecs ?? this.opts.timeoutSecs) * 1000);
    const msgId = newHexId();
    const body = encodeEnvelope(buildRequest({ method, args, version: opts.version, ctxt: opts.ctxt ?? {}, msgId, replyQ: 'http', timeout: null }));
    const candidates = target.server ? [this.socketPath(target.topic, target.server)] : shuffle(this.topicSockets(target.topic));
    const where = target.server ? `${target.topic}.${target.server}` : target.topic;
    for (const sock of candidates) {
      let res;
      try {
        res = await post(sock, body, timeoutMs);
      } catch (err) {
        if (isNoListener(err)) continue;
        if ((err as NodeJS.ErrnoException).code === 'ETIMEDOUT') throw new RpcTimeoutError(`Timed out waiting for a reply to message ID ${msgId} (${method} on ${where})`);
        throw new BambuError('UNAVAILABLE', `rpc ${method} on ${where}: ${(err as Error).message}`);
      }
      if (res.status !== 200) throw new BambuError('INTERNAL', `rpc ${method} on ${where}: HTTP ${res.status} ${res.text}`);
      const reply = parseReply(decodeEnvelope(res.text));
      if (!reply) throw new BambuError('INTERNAL', `rpc ${method} on ${where}: reply without _msg_id`);
      if (reply.failure !== null && reply.failure !== undefined) throw decodeFailure(reply.failure);
      return reply.result;
    }
    throw new RpcTimeoutError(`no RPC server listens for ${where} in ${this.dir} (message ID ${msgId}, ${method})`);
  }

  /** {@inheritDoc RpcTransport.cast} */
  async cast(target: RpcTarget, method: string, args: Record<string, unknown>, opts: CallOptions = {}): Promise<void> {
    const timeoutMs = Math.round((opts.timeoutSecs ?? this.opts.timeoutSecs) * 1000);
    const body = encodeEnvelope(buildRequest({ method, args, version: opts.version, ctxt: opts.ctxt ?? {} }));
    const sockets = target.fanout ? this.topicSockets(target.topic) : target.server ? [this.socketPath(target.topic, target.server)] : shuffle(this.topicSockets(target.topic));
    for (const sock of sockets) {
      try {
        await post(sock, body, timeoutMs);
        if (!target.fanout) return;
      } catch (err) {
        if (!isNoListener(err)) this.opts.log.debug({ err: (err as Error).message, sock }, 'rpc: cast not delivered');
      }
    }
  }

  /** {@inheritDoc RpcTransport.close} */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.apps].map((a) => a.close()));
    this.apps.clear();
  }
}

/** Fisher–Yates shuffle (returns a new array). */
function shuffle<T>(xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
