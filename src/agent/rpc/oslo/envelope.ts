/**
 * oslo.messaging message format (pure codec, no I/O), as written up in
 * ../shared/spec/oslo-rabbit-wire.md §3–§5 and `_drivers/common.py` / `amqpdriver.py` of oslo.messaging 14:
 *   body = {"oslo.version": "2.0", "oslo.message": "<inner message, JSON-encoded again>"}
 *   request = {method, args, version?, namespace?, _msg_id?, _reply_q?, _timeout?, _unique_id, _context_<k>…}
 *   reply   = {result, failure, ending, _msg_id, _unique_id}
 */
import { randomUUID } from 'node:crypto';
import { BambuError } from '../../../lib/errors.js';
import type { RpcContext } from '../types.js';

/** Envelope version we send; receivers accept the same major. */
export const OSLO_ENVELOPE_VERSION = '2.0';

/** A fresh 32-hex id (uuid4 without dashes), as oslo uses for `_msg_id`, `_unique_id`, reply queues. */
export function newHexId(): string {
  return randomUUID().replaceAll('-', '');
}

/** A decoded request. */
export interface OsloRequest {
  method: string;
  args: Record<string, unknown>;
  version?: string;
  namespace?: string;
  ctxt: RpcContext;
  /** Present for `call` (a reply is expected), absent for `cast`. */
  msgId?: string;
  replyQ?: string;
  /** Call-monitor timeout in seconds (null/absent unless the caller enabled it). */
  timeout?: number | null;
  uniqueId?: string;
}

/** A decoded reply. */
export interface OsloReply {
  msgId: string;
  result: unknown;
  /** The failure as sent: a JSON string (oslo) or null. */
  failure: unknown;
  ending: boolean;
  uniqueId?: string;
}

/** Wraps an inner message in the 2.0 envelope; returns the AMQP body bytes. */
export function encodeEnvelope(inner: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify({ 'oslo.version': OSLO_ENVELOPE_VERSION, 'oslo.message': JSON.stringify(inner) }), 'utf8');
}

/**
 * Unwraps an AMQP body: JSON; if it carries `oslo.version`, checks the major and JSON-parses
 * `oslo.message`; an envelope-less body is the message itself (oslo accepts both).
 * @throws BambuError INVALID_ARGUMENT on non-JSON, a non-object, or an incompatible envelope version
 */
export function decodeEnvelope(body: Buffer | string): Record<string, unknown> {
  let outer: unknown;
  try {
    outer = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    throw new BambuError('INVALID_ARGUMENT', 'oslo message: body is not JSON');
  }
  if (!outer || typeof outer !== 'object' || Array.isArray(outer)) throw new BambuError('INVALID_ARGUMENT', 'oslo message: body is not a JSON object');
  const o = outer as Record<string, unknown>;
  if (!('oslo.version' in o)) return o;
  const v = String(o['oslo.version']);
  if (v.split('.')[0] !== OSLO_ENVELOPE_VERSION.split('.')[0]) {
    throw new BambuError('INVALID_ARGUMENT', `oslo message: unsupported envelope version ${v}`);
  }
  const raw = o['oslo.message'];
  let inner: unknown;
  try {
    inner = typeof raw === 'string' ? JSON.parse(raw) : raw;
  } catch {
    throw new BambuError('INVALID_ARGUMENT', 'oslo message: oslo.message is not JSON');
  }
  if (!inner || typeof inner !== 'object' || Array.isArray(inner)) throw new BambuError('INVALID_ARGUMENT', 'oslo message: oslo.message is not a JSON object');
  return inner as Record<string, unknown>;
}

/** Flattens a context into `_context_<key>` entries (oslo `_add_unique_id`/`pack_context`). */
export function packContext(ctxt: RpcContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ctxt)) out[`_context_${k}`] = v;
  return out;
}

/** Builds the inner request message. `msgId`/`replyQ` only for calls. */
export function buildRequest(req: Omit<OsloRequest, 'uniqueId'> & { uniqueId?: string }): Record<string, unknown> {
  const msg: Record<string, unknown> = { method: req.method, args: req.args };
  if (req.version !== undefined) msg.version = req.version;
  if (req.namespace !== undefined) msg.namespace = req.namespace;
  Object.assign(msg, packContext(req.ctxt));
  if (req.msgId !== undefined) {
    msg._msg_id = req.msgId;
    msg._reply_q = req.replyQ;
    msg._timeout = req.timeout ?? null;
  }
  msg._unique_id = req.uniqueId ?? newHexId();
  return msg;
}

/**
 * Parses an inner request message.
 * @throws BambuError INVALID_ARGUMENT when `method` is missing or `args` is not an object
 */
export function parseRequest(msg: Record<string, unknown>): OsloRequest {
  const ctxt: RpcContext = {};
  for (const [k, v] of Object.entries(msg)) if (k.startsWith('_context_')) ctxt[k.slice('_context_'.length)] = v;
  if (typeof msg.method !== 'string') throw new BambuError('INVALID_ARGUMENT', 'oslo request: method missing');
  const args = msg.args ?? {};
  if (typeof args !== 'object' || Array.isArray(args) || args === null) throw new BambuError('INVALID_ARGUMENT', 'oslo request: args is not an object');
  return {
    method: msg.method,
    args: args as Record<string, unknown>,
    version: typeof msg.version === 'string' ? msg.version : undefined,
    namespace: typeof msg.namespace === 'string' ? msg.namespace : undefined,
    ctxt,
    msgId: typeof msg._msg_id === 'string' ? msg._msg_id : undefined,
    replyQ: typeof msg._reply_q === 'string' ? msg._reply_q : undefined,
    timeout: typeof msg._timeout === 'number' ? msg._timeout : null,
    uniqueId: typeof msg._unique_id === 'string' ? msg._unique_id : undefined,
  };
}

/** Builds the inner reply message (one per call, `ending: true`, as oslo 14 sends). */
export function buildReply(msgId: string, result: unknown, failure: string | null, ending = true): Record<string, unknown> {
  return { result: result ?? null, failure, ending, _msg_id: msgId, _unique_id: newHexId() };
}

/** Parses an inner reply message; returns undefined if it has no `_msg_id`. */
export function parseReply(msg: Record<string, unknown>): OsloReply | undefined {
  if (typeof msg._msg_id !== 'string') return undefined;
  return {
    msgId: msg._msg_id,
    result: msg.result ?? null,
    failure: msg.failure ?? null,
    ending: msg.ending === true,
    uniqueId: typeof msg._unique_id === 'string' ? msg._unique_id : undefined,
  };
}

/** Remembers the last `size` `_unique_id`s and reports repeats (oslo `_MsgIdCache`, 16 entries). */
export class UniqueIdCache {
  private readonly ids: string[] = [];
  constructor(private readonly size = 16) {}

  /** @returns true when `id` was seen already (the message is a redelivery); records it otherwise. */
  seen(id: string | undefined): boolean {
    if (!id) return false;
    if (this.ids.includes(id)) return true;
    this.ids.push(id);
    if (this.ids.length > this.size) this.ids.shift();
    return false;
  }
}
