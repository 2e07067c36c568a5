/**
 * REST error edge: every failure becomes `{"NeutronError": {"type", "message", "detail"}}` with the
 * catalogue's HTTP status (src/lib/errors.ts, docs/errors.md). zod issues become 400 messages that
 * name the field by its path inside the resource ("devices[0].interfaces[1].name: …").
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { BambuError, ERROR_CODES, invalidArgument, toBambuError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';

/** The Neutron error body. */
export interface NeutronErrorBody {
  NeutronError: { type: string; message: string; detail: string };
}

/** Formats a zod path as `a.b[0].c`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

/** Converts the first zod issue to INVALID_ARGUMENT naming the field (unknown keys: "read-only or unknown attribute"). */
export function zodToBambu(err: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): BambuError {
  const issue = err.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const field = formatPath([...prefix, ...issue.path, issue.keys[0]!]);
    return invalidArgument(field, 'unknown or read-only attribute');
  }
  const field = formatPath([...prefix, ...issue.path]) || 'body';
  return invalidArgument(field, issue.message);
}

/** Neutron (webob) error types for HTTP statuses fastify raises itself. */
const HTTP_TYPES: Record<number, string> = {
  405: 'HTTPMethodNotAllowed',
  406: 'HTTPNotAcceptable',
  413: 'HTTPRequestEntityTooLarge',
  415: 'HTTPUnsupportedMediaType',
};

/** Neutron error type for a bare HTTP status (fastify's own errors). */
function typeForStatus(status: number): string {
  const found = Object.values(ERROR_CODES).find((c) => c.http === status);
  return found?.neutron ?? HTTP_TYPES[status] ?? (status >= 500 ? 'InternalError' : 'HTTPBadRequest');
}

/** Builds the body for a BambuError. */
export function neutronError(err: BambuError): NeutronErrorBody {
  return { NeutronError: { type: ERROR_CODES[err.code].neutron, message: err.message, detail: '' } };
}

/** Fastify error handler: BambuError by catalogue; fastify's 4xx as-is; anything else 500 (logged). */
export function makeErrorHandler(log: Logger) {
  return (error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void => {
    if (error instanceof BambuError) {
      void reply.code(ERROR_CODES[error.code].http).send(neutronError(error));
      return;
    }
    const status = (error as FastifyError).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      void reply.code(status).send({ NeutronError: { type: typeForStatus(status), message: error.message, detail: '' } });
      return;
    }
    log.error({ err: error, url: request.url, method: request.method }, 'bgw api: internal error');
    const e = toBambuError(error);
    void reply.code(500).send({ NeutronError: { type: 'InternalError', message: e.message, detail: '' } });
  };
}
