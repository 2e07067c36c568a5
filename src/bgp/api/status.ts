/**
 * Error → gRPC status, once, through the catalogue of src/lib/errors.ts (STYLE idea 11).
 *
 * Domain code throws BambuError; anything else is a bug and becomes INTERNAL (logged with its stack,
 * reported to the client by message only). The status `details` string is the error's message, which
 * for INVALID_ARGUMENT starts with the field name ("prefix: host bits set").
 */
import { Metadata, status as Status, type ServerErrorResponse } from '@grpc/grpc-js';
import { BambuError, ERROR_CODES, toBambuError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';

/**
 * Builds the grpc-js error object for `err`.
 * @param err  anything thrown by a handler
 * @param log  where unexpected (non-BambuError) errors are logged with their stack
 * @param rpc  RPC name for the log line
 * @returns a ServerErrorResponse with `code` (grpc status number) and `details`; the BambuError
 *          code travels in the `bambu-error-code` trailer for clients that want the stable name
 */
export function toGrpcError(err: unknown, log: Logger, rpc: string): ServerErrorResponse {
  if (!(err instanceof BambuError)) log.error({ err, rpc }, 'unexpected error in gRPC handler');
  const e = toBambuError(err);
  const metadata = new Metadata();
  metadata.set('bambu-error-code', e.code);
  if (e.field) metadata.set('bambu-error-field', e.field);
  const out = new Error(e.message) as ServerErrorResponse;
  out.code = ERROR_CODES[e.code].grpc as Status;
  out.details = e.message;
  out.metadata = metadata;
  return out;
}
