/**
 * The transport-neutral RPC interface of the Hyper Agent and the compute service, modelled on
 * oslo.messaging: a Target (topic, optional server, optional fanout) names who receives; `call`
 * waits for one reply, `cast` does not; a server dispatches `method` with keyword `args`.
 * Two implementations: rabbit.ts (oslo.messaging RabbitMQ wire) and unix.ts (broker-less).
 */

/** Request context (oslo `ctxt`): flattened to `_context_<key>` on the wire. */
export type RpcContext = Record<string, unknown>;

/** Where a message goes (oslo.messaging `Target`). */
export interface RpcTarget {
  /** e.g. `hyper-agent-update`. */
  topic: string;
  /** One server of the topic (`topic.server` queue); absent = any one server (round-robin). */
  server?: string;
  /** Every server of the topic (casts only). */
  fanout?: boolean;
}

/** One RPC method: keyword arguments in, JSON-serializable result out; throw to fail the call. */
export type RpcMethod = (args: Record<string, unknown>, ctxt: RpcContext) => unknown;

/** The methods a server exposes, by name, and the endpoint version (oslo `Target.version`). */
export interface RpcEndpoint {
  version: string;
  methods: Record<string, RpcMethod>;
}

/** Options of one call or cast. */
export interface CallOptions {
  /** Seconds to wait for the reply (default: the transport's rpc_timeout_secs). */
  timeoutSecs?: number;
  ctxt?: RpcContext;
  /** Version the caller requires (sent as `version`); default "1.0". */
  version?: string;
}

/** A running RPC server; `close()` stops consuming. */
export interface RpcServer {
  close(): Promise<void>;
}

/** A connection to the RPC bus. */
export interface RpcTransport {
  /** What kind of bus this is, for logs ("rabbit", "unix"). */
  readonly kind: string;
  /**
   * Starts serving `endpoint` on `topic` as `server`: receives calls to the topic (any server),
   * to `topic.server`, and fanout casts of the topic.
   */
  serve(topic: string, server: string, endpoint: RpcEndpoint): Promise<RpcServer>;
  /**
   * Invokes `method` on the target and waits for its reply.
   * @returns the remote result (JSON value)
   * @throws RpcRemoteError when the remote method failed; RpcTimeoutError when no reply came in time
   */
  call(target: RpcTarget, method: string, args: Record<string, unknown>, opts?: CallOptions): Promise<unknown>;
  /** Sends `method` without waiting for a result (fanout allowed). Errors of the remote side are lost. */
  cast(target: RpcTarget, method: string, args: Record<string, unknown>, opts?: CallOptions): Promise<void>;
  /** Stops every server and drops the connection. Idempotent. */
  close(): Promise<void>;
}
