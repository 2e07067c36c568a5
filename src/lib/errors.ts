/**
 * Error catalogue shared by every API edge (gRPC, REST, RPC).
 *
 * Domain code throws `BambuError` with a stable `code`; each edge maps the code once:
 * gRPC status (bgp.BgpService), HTTP status + Neutron error type (REST), oslo.messaging remote error.
 * docs/errors.md lists the codes; keep it in sync.
 */

/** Stable error codes and how each API edge reports them. */
export const ERROR_CODES = {
  INVALID_ARGUMENT: { grpc: 3, http: 400, neutron: 'BadRequest' },
  NOT_FOUND: { grpc: 5, http: 404, neutron: 'NotFound' },
  ALREADY_EXISTS: { grpc: 6, http: 409, neutron: 'Conflict' },
  CONFLICT: { grpc: 10, http: 409, neutron: 'Conflict' },
  FAILED_PRECONDITION: { grpc: 9, http: 409, neutron: 'Conflict' },
  UNAUTHENTICATED: { grpc: 16, http: 401, neutron: 'NotAuthorized' },
  PERMISSION_DENIED: { grpc: 7, http: 403, neutron: 'Forbidden' },
  UNAVAILABLE: { grpc: 14, http: 503, neutron: 'ServiceUnavailable' },
  INTERNAL: { grpc: 13, http: 500, neutron: 'InternalError' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * An error with a stable code, a readable message and, for validation errors, the offending field.
 * @param code   catalogue code (see ERROR_CODES)
 * @param message readable text; for INVALID_ARGUMENT it names the field ("address: not an IP:PORT")
 * @param field  the request field at fault, if any
 */
export class BambuError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'BambuError';
  }
}

/** Shorthand for an INVALID_ARGUMENT error naming `field`: message becomes "field: reason". */
export function invalidArgument(field: string, reason: string): BambuError {
  return new BambuError('INVALID_ARGUMENT', `${field}: ${reason}`, field);
}

/** Shorthand for NOT_FOUND: "<what> <id> not found". */
export function notFound(what: string, id: string): BambuError {
  return new BambuError('NOT_FOUND', `${what} ${id} not found`);
}

/** Normalizes anything thrown into a BambuError (unknown errors become INTERNAL with their message). */
export function toBambuError(err: unknown): BambuError {
  if (err instanceof BambuError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new BambuError('INTERNAL', message);
}
