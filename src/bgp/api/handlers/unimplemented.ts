/**
 * BMP and policy RPCs (AddBmpServer … SetPolicyAssignment) belong to issue 5 (BMP exporter,
 * RFC 7854; routing policy with defined sets). Until then they answer UNIMPLEMENTED naming the
 * feature, so a client learns why rather than seeing a generic "method not found".
 */
import { status as Status, type ServerErrorResponse, type handleUnaryCall } from '@grpc/grpc-js';

/** RPC name → the feature it belongs to, for the UNIMPLEMENTED message. */
const LATER: Record<string, string> = {
  addBmpServer: 'AddBmpServer (BMP monitoring, RFC 7854)',
  removeBmpServer: 'RemoveBmpServer (BMP monitoring, RFC 7854)',
  listBmpServers: 'ListBmpServers (BMP monitoring, RFC 7854)',
  addDefinedSet: 'AddDefinedSet (routing policy: defined sets)',
  removeDefinedSet: 'RemoveDefinedSet (routing policy: defined sets)',
  listDefinedSets: 'ListDefinedSets (routing policy: defined sets)',
  addPolicy: 'AddPolicy (routing policy)',
  removePolicy: 'RemovePolicy (routing policy)',
  listPolicies: 'ListPolicies (routing policy)',
  setPolicyAssignment: 'SetPolicyAssignment (routing policy)',
};

/** Handlers answering UNIMPLEMENTED for every BMP and policy RPC. */
export function unimplementedHandlers(): Record<keyof typeof LATER, handleUnaryCall<unknown, unknown>> {
  const out: Record<string, handleUnaryCall<unknown, unknown>> = {};
  for (const [rpc, what] of Object.entries(LATER)) {
    out[rpc] = (_call, callback) => {
      const err = new Error(`${what} is not implemented yet in this bambud (planned with BMP and routing policy, issue 5)`) as ServerErrorResponse;
      err.code = Status.UNIMPLEMENTED;
      err.details = err.message;
      callback(err);
    };
  }
  return out;
}
