/**
 * Server-side dispatch shared by both transports, as oslo.messaging's RPCDispatcher
 * (`rpc/dispatcher.py`): check the requested namespace (only the default one is served) and version
 * against the endpoint's (same major, minor not higher; absent = "1.0"), look the method up, call it
 * with the keyword args and the context.
 * A thrown error becomes the reply's `failure`; nothing escapes to crash the server.
 */
import { DispatcherError, encodeFailure } from './failure.js';
import type { RpcContext, RpcEndpoint } from './types.js';

/** What a reply carries: a result or an encoded failure (JSON string). */
export interface DispatchOutcome {
  result: unknown;
  failure: string | null;
}

/** Parses "X.Y" into numbers; malformed → null. */
function parseVersion(v: string): [number, number] | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(v);
  return m ? [Number(m[1]), Number(m[2] ?? 0)] : null;
}

/** True when an endpoint of version `have` can serve a request for `want` (oslo `version_is_compatible`). */
export function versionCompatible(have: string, want: string): boolean {
  const h = parseVersion(have);
  const w = parseVersion(want);
  if (!h || !w) return false;
  return h[0] === w[0] && w[1] <= h[1];
}

/**
 * Runs one request against an endpoint, in oslo's order: an endpoint whose namespace and version
 * do not accept the request → UnsupportedVersion; accepted but no such method → NoSuchMethod.
 * @param endpoint  the served methods and version (namespace: none)
 * @param method    requested method name
 * @param args      keyword arguments (must be an object)
 * @param ctxt      the request context
 * @param version   requested version, undefined = "1.0"
 * @param namespace requested namespace, undefined = the default one (the only one we serve)
 * @returns result or failure (never throws)
 */
export async function dispatch(endpoint: RpcEndpoint, method: string, args: unknown, ctxt: RpcContext, version?: string, namespace?: string): Promise<DispatchOutcome> {
  try {
    const want = version ?? '1.0';
    if (namespace !== undefined || !versionCompatible(endpoint.version, want)) {
      throw new DispatcherError('UnsupportedVersion', `Endpoint does not support RPC version ${want}. Attempted method: ${String(method)}`);
    }
    const fn = typeof method === 'string' && Object.hasOwn(endpoint.methods, method) ? endpoint.methods[method] : undefined;
    if (!fn) throw new DispatcherError('NoSuchMethod', `Endpoint does not support RPC method ${String(method)}`);
    const kwargs = args && typeof args === 'object' && !Array.isArray(args) ? (args as Record<string, unknown>) : {};
    const result = await fn(kwargs, ctxt);
    return { result: result ?? null, failure: null };
  } catch (err) {
    return { result: null, failure: encodeFailure(err) };
  }
}
