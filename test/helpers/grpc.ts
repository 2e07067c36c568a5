/**
 * gRPC helpers for tests of bgp.BgpService: a promisified client over the generated
 * BgpServiceClient, status assertions, free loopback ports, and a temp-config bambud launcher.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { credentials, Metadata, status as Status, type ServiceError } from '@grpc/grpc-js';
import * as pb from '../../src/gen/bgp.js';
import { BgpServiceClient } from '../../src/gen/bgp.js';
import { BAMBUD, freePort, startDaemon, type Daemon } from './proc.js';
import { waitFor } from './wait.js';

export { Status, freePort };


/**
 * The full request message for `method` from a partial one (ts-proto's encoders need every repeated
 * field present): 'addPeer' → AddPeerRequest.fromPartial, 'listRoutesStream' → ListRoutesRequest …
 */
export function request(method: string, partial: object): object {
  const base = method.replace(/Stream$/, '');
  const name = `${base[0]!.toUpperCase()}${base.slice(1)}Request` as keyof typeof pb;
  const fns = pb[name] as unknown as { fromPartial(o: object): object } | undefined;
  if (!fns?.fromPartial) throw new Error(`no request type for ${method}`);
  return fns.fromPartial(partial);
}

type UnaryMethod<Req, Res> = (req: Req, metadata: Metadata, cb: (err: ServiceError | null, res: Res) => void) => unknown;

/** A BgpServiceClient plus promise helpers. */
export class BgpTestClient {
  readonly raw: BgpServiceClient;
  constructor(readonly address: string) {
    this.raw = new BgpServiceClient(address, credentials.createInsecure());
  }

  /** Calls a unary RPC by its ts-proto method name, e.g. `call('addPeer', { address: '127.0.0.2' })`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call<T = any>(method: keyof BgpServiceClient, req: object): Promise<T> {
    const fn = this.raw[method] as unknown as UnaryMethod<object, T>;
    return new Promise((resolve, reject) => {
      fn.call(this.raw, request(method, req), new Metadata(), (err, res) => (err ? reject(err) : resolve(res)));
    });
  }

  /** Collects every message of a server stream ('listPeersStream', 'listRoutesStream'). */
  collect<T>(method: 'listPeersStream' | 'listRoutesStream', req: object): Promise<T[]> {
    const stream = (this.raw[method] as unknown as (r: object) => NodeJS.ReadableStream).call(this.raw, request(method, req));
    return new Promise((resolve, reject) => {
      const out: T[] = [];
      stream.on('data', (m: T) => out.push(m));
      stream.on('error', reject);
      stream.on('end', () => resolve(out));
    });
  }

  /** Sends `reqs` on AddRouteStream and resolves the response. */
  addRouteStream(reqs: Iterable<object>): Promise<{ count: number; message: string }> {
    return new Promise((resolve, reject) => {
      const call = this.raw.addRouteStream((err: ServiceError | null, res?: pb.AddRouteStreamResponse) => (err ? reject(err) : resolve(res!)));
      for (const r of reqs) call.write(request('addRoute', r) as pb.AddRouteRequest);
      call.end();
    });
  }

  /** Closes the channel. */
  close(): void {
    this.raw.close();
  }
}

/**
 * Asserts that `p` rejects with gRPC status `code` and, when given, a details text matching `details`.
 * @returns the error for further checks
 */
export async function rejectsWithStatus(p: Promise<unknown>, code: Status, details?: RegExp): Promise<ServiceError> {
  try {
    await p;
  } catch (e) {
    const err = e as ServiceError;
    assert.equal(err.code, code, `expected status ${Status[code]}, got ${Status[err.code]}: ${err.details}`);
    if (details) assert.match(err.details, details);
    return err;
  }
  assert.fail(`expected status ${Status[code]}, but the call succeeded`);
}

/** A bambud started from dist/ on a temp config, with a gRPC client connected to it. */
export interface StartedBambud {
  daemon: Daemon;
  /** gRPC address "127.0.0.1:PORT". */
  grpc: string;
  configPath: string;
  client: BgpTestClient;
  /** Closes the client, stops the daemon (SIGTERM), removes the temp dir. */
  stop(): Promise<void>;
}

/** A test daemon from startTestBambud: also knows its BGP port. */
export interface TestBambud extends StartedBambud {
  bgpPort: number;
}

/** Top-level settings of a test daemon; defaults AS 65000, router id and BGP address 127.0.0.1. */
export interface TestBambudOptions {
  asn?: number;
  routerId?: string;
  /** Loopback address the BGP listener binds (127.0.0.x). */
  listenIp?: string;
  /** BGP port; default a free one. */
  bgpPort?: number;
}

/**
 * Starts `node dist/src/bin/bambud.js --config TMP` with `yaml` (a complete config without
 * `grpc_listen_addr`, which is appended on a free 127.0.0.1 port) and waits until GetServerInfo
 * answers (20 s).
 * @throws Error with the daemon's output when it exits or does not answer
 */
export async function startBambudFromYaml(yaml: string): Promise<StartedBambud> {
  const dir = mkdtempSync(join(tmpdir(), 'bambu-bgp-'));
  const grpc = `127.0.0.1:${await freePort()}`;
  const configPath = join(dir, 'bambud.yaml');
  writeFileSync(configPath, `${yaml}\ngrpc_listen_addr: ${grpc}\n`);
  const daemon = startDaemon(process.execPath, ['--enable-source-maps', BAMBUD, '--config', configPath]);
  const client = new BgpTestClient(grpc);
  const stop = async () => {
    client.close();
    await daemon.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor('bambud to answer GetServerInfo', async () => {
      if (daemon.child.exitCode !== null) throw new Error(`bambud exited ${daemon.child.exitCode}: ${daemon.output()}`);
      return client.call('getServerInfo', {});
    }, 20_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { daemon, grpc, configPath, client, stop };
}

/**
 * Starts a test bambud with BGP on <listenIp>:<free port> and gRPC on 127.0.0.1:<free port>.
 * @param extraYaml more top-level YAML lines (e.g. "peers:\n  - address: 127.0.0.3:17901")
 */
export async function startTestBambud(extraYaml = '', opts: TestBambudOptions = {}): Promise<TestBambud> {
  const bgpPort = opts.bgpPort ?? (await freePort());
  const started = await startBambudFromYaml(
    `asn: ${opts.asn ?? 65000}\nrouter_id: ${opts.routerId ?? '127.0.0.1'}\nlisten_addr: ${opts.listenIp ?? '127.0.0.1'}:${bgpPort}\n` +
      `log_level: warn\nconnect_retry_secs: 1\n${extraYaml}`,
  );
  return { ...started, bgpPort };
}
