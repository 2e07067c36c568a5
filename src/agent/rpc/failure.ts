/**
 * Remote errors as oslo.messaging serializes them (`_drivers/common.py serialize_remote_exception`):
 * a reply's `failure` is a JSON *string* of `{class, module, message, tb, args, kwargs}`. A Python
 * caller rebuilds builtin classes, classes of its `allowed_remote_exmods`, and raises
 * `oslo_messaging.RemoteError(exc_type=class, value=message)` for anything else — which is what our
 * errors become (module `bambu.errors`, not importable in Python). Our own callers map
 * `bambu.errors` failures back to a BambuError with the same code.
 */
import { BambuError, ERROR_CODES, toBambuError, type ErrorCode } from '../../lib/errors.js';

/** The decoded `failure` object. */
export interface OsloFailure {
  class: string;
  module: string;
  message: string;
  tb: string[];
  args: unknown[];
  kwargs: Record<string, unknown>;
}

/** Module name put on failures raised by Bambu code. */
export const BAMBU_ERROR_MODULE = 'bambu.errors';
/** oslo.messaging's dispatcher module (NoSuchMethod, UnsupportedVersion). */
export const OSLO_DISPATCHER_MODULE = 'oslo_messaging.rpc.dispatcher';

/** INVALID_ARGUMENT → "InvalidArgument": the exception class name a code travels as. */
export function codeToClass(code: ErrorCode): string {
  return code
    .toLowerCase()
    .split('_')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** An error raised on the other side of an RPC call. `excType`/`excModule` are the oslo class/module. */
export class RpcRemoteError extends BambuError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly excType: string,
    readonly excModule: string,
    field?: string,
  ) {
    super(code, message, field);
    this.name = 'RpcRemoteError';
  }
}

/** No reply in time (oslo `MessagingTimeout`). */
export class RpcTimeoutError extends BambuError {
  constructor(message: string) {
    super('UNAVAILABLE', message);
    this.name = 'RpcTimeoutError';
  }
}

/** An error the dispatcher raises with an oslo class name (NoSuchMethod, UnsupportedVersion). */
export class DispatcherError extends BambuError {
  constructor(
    readonly excType: 'NoSuchMethod' | 'UnsupportedVersion',
    message: string,
  ) {
    super('INVALID_ARGUMENT', message);
    this.name = excType;
  }
}

/**
 * Builds the oslo failure object for anything thrown by a method.
 * BambuError → class from its code, module `bambu.errors`, kwargs {code, field};
 * DispatcherError → its oslo class in `oslo_messaging.rpc.dispatcher`; other errors → INTERNAL.
 */
export function errorToFailure(err: unknown): OsloFailure {
  if (err instanceof DispatcherError) {
    return { class: err.excType, module: OSLO_DISPATCHER_MODULE, message: err.message, tb: [], args: [err.message], kwargs: {} };
  }
  const e = toBambuError(err);
  const kwargs: Record<string, unknown> = { code: e.code };
  if (e.field) kwargs.field = e.field;
  return { class: codeToClass(e.code), module: BAMBU_ERROR_MODULE, message: e.message, tb: [], args: [e.message], kwargs };
}

/** Encodes a failure as the JSON string carried in a reply's `failure`. */
export function encodeFailure(err: unknown): string {
  return JSON.stringify(errorToFailure(err));
}

/**
 * Turns a reply's `failure` (JSON string, or an already-decoded object) into an RpcRemoteError.
 * Bambu failures keep their code; oslo dispatcher errors become INVALID_ARGUMENT; anything else
 * (a Python exception) becomes INTERNAL, its class and module kept on the error.
 */
export function decodeFailure(failure: unknown): RpcRemoteError {
  let f: Partial<OsloFailure>;
  try {
    f = (typeof failure === 'string' ? JSON.parse(failure) : failure) as Partial<OsloFailure>;
  } catch {
    return new RpcRemoteError('INTERNAL', `remote error (unparsable failure): ${String(failure)}`, 'RemoteError', '');
  }
  const cls = typeof f?.class === 'string' ? f.class : 'RemoteError';
  const mod = typeof f?.module === 'string' ? f.module : '';
  const message = typeof f?.message === 'string' ? f.message : String(f?.message ?? '');
  if (mod === BAMBU_ERROR_MODULE) {
    const code = f.kwargs?.code;
    const known = typeof code === 'string' && code in ERROR_CODES ? (code as ErrorCode) : 'INTERNAL';
    const field = typeof f.kwargs?.field === 'string' ? f.kwargs.field : undefined;
    return new RpcRemoteError(known, message, cls, mod, field);
  }
  if (mod === OSLO_DISPATCHER_MODULE) return new RpcRemoteError('INVALID_ARGUMENT', `${cls}: ${message}`, cls, mod);
  return new RpcRemoteError('INTERNAL', `remote ${mod ? mod + '.' : ''}${cls}: ${message}`, cls, mod);
}
