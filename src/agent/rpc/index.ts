/**
 * RPC between the Hyper Agent and the compute service (../shared/spec/hyper-agent.md "Transport"):
 * one interface (types.ts), two transports chosen by the URL scheme — `rabbit://` (oslo.messaging
 * RabbitMQ wire, rabbit.ts) and `unix:DIR` (broker-less, unix.ts) — and the five calls (calls.ts).
 */
import type { Logger } from '../../lib/log.js';
import { invalidArgument } from '../../lib/errors.js';
import { RabbitTransport } from './rabbit.js';
import { UnixTransport } from './unix.js';
import type { RpcTransport } from './types.js';

export * from './types.js';
export * from './calls.js';
export { RpcRemoteError, RpcTimeoutError, decodeFailure, encodeFailure } from './failure.js';
export { RabbitTransport, rabbitUrlToAmqp } from './rabbit.js';
export { UnixTransport, unixUrlToDir } from './unix.js';

/** Settings common to every transport. */
export interface TransportOptions {
  url: string;
  /** oslo control exchange (rabbit only). */
  exchange: string;
  timeoutSecs: number;
  log: Logger;
  /** rabbit: connection attempts before giving up at start (default 3; daemons pass more). */
  initialRetries?: number;
}

/**
 * Opens the transport a URL names.
 * @throws BambuError INVALID_ARGUMENT for an unknown scheme; UNAVAILABLE when the broker is unreachable
 */
export async function openTransport(opts: TransportOptions): Promise<RpcTransport> {
  if (opts.url.startsWith('rabbit://')) return RabbitTransport.connect(opts);
  if (opts.url.startsWith('unix:')) return new UnixTransport(opts);
  throw invalidArgument('transport_url', `unsupported scheme in ${opts.url} (use rabbit://user:pass@host:port/vhost or unix:/DIR)`);
}
