/**
 * The BMP RPCs (AddBmpServer, RemoveBmpServer, ListBmpServers) of a service built without a BMP
 * exporter (createBgpService without `bmp`, e.g. handler tests) answer UNIMPLEMENTED naming the
 * feature, so a client learns why rather than seeing a generic "method not found".
 */
import { status as Status, type ServerErrorResponse, type handleUnaryCall } from '@grpc/grpc-js';

/** RPC name → the feature it belongs to, for the UNIMPLEMENTED message. */
const LATER: Record<string, string> = {
  addBmpServer: 'AddBmpServer (BMP monitoring, RFC 7854)',
  removeBmpServer: 'RemoveBmpServer (BMP monitoring, RFC 7854)',
  listBmpServers: 'ListBmpServers (BMP monitoring, RFC 7854)',
};

/** Handlers answering UNIMPLEMENTED for every BMP RPC. */
export function unimplementedHandlers(): Record<keyof typeof LATER, handleUnaryCall<unknown, unknown>> {
  const out: Record<string, handleUnaryCall<unknown, unknown>> = {};
  for (const [rpc, what] of Object.entries(LATER)) {
    out[rpc] = (_call, callback) => {
      const err = new Error(`${what} is not available: this service was started without a BMP exporter`) as ServerErrorResponse;
      err.code = Status.UNIMPLEMENTED;
      err.details = err.message;
      callback(err);
    };
  }
  return out;
}
