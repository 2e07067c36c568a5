/**
 * The bgp.BgpService implementation: one entry per RPC of src/gen/bgp.ts' BgpServiceServer, each
 * a handler from handlers/ wrapped by handle.ts (validation → instance → conversion → status).
 */
import type { BgpServiceServer } from '../../gen/bgp.js';
import type { BgpInstanceApi } from '../instance-api.js';
import type { Logger } from '../../lib/log.js';
import { clientStream, serverStream, unary } from './handle.js';
import { peerHandlers } from './handlers/peers.js';
import { routeHandlers } from './handlers/routes.js';
import { infoHandlers } from './handlers/info.js';
import { unimplementedHandlers } from './handlers/unimplemented.js';
import { policyHandlers } from './handlers/policy.js';
import { bmpHandlers } from './handlers/bmp.js';
import type { BmpApi } from '../../bmp/index.js';

/**
 * Builds the service implementation for grpc-js' `server.addService(BgpServiceService, impl)`.
 * @param bgp the instance every handler acts on
 * @param log logs unexpected handler errors (BambuErrors are the client's business, not logged)
 * @param bmp the BMP exporter; without one the BMP RPCs answer UNIMPLEMENTED
 */
export function createBgpService(bgp: BgpInstanceApi, log: Logger, bmp?: BmpApi): BgpServiceServer {
  const peers = peerHandlers(bgp);
  const policy = policyHandlers(bgp);
  const routes = routeHandlers(bgp);
  const info = infoHandlers(bgp);
  return {
    addPeer: unary('AddPeer', log, peers.onAddPeer),
    removePeer: unary('RemovePeer', log, peers.onRemovePeer),
    disablePeer: unary('DisablePeer', log, peers.onDisablePeer),
    enablePeer: unary('EnablePeer', log, peers.onEnablePeer),
    resetPeer: unary('ResetPeer', log, peers.onResetPeer),
    listPeers: unary('ListPeers', log, peers.onListPeers),
    listPeersStream: serverStream('ListPeersStream', log, peers.onListPeersStream),
    getPeer: unary('GetPeer', log, peers.onGetPeer),
    addRoute: unary('AddRoute', log, routes.onAddRoute),
    addRouteStream: (call, callback) => clientStream('AddRouteStream', log, routes.addRouteStream())(call, callback),
    removeRoute: unary('RemoveRoute', log, routes.onRemoveRoute),
    listRoutes: unary('ListRoutes', log, routes.onListRoutes),
    listRoutesStream: serverStream('ListRoutesStream', log, routes.onListRoutesStream),
    getServerInfo: unary('GetServerInfo', log, info.onGetServerInfo),
    ...unimplementedHandlers(),
    addDefinedSet: unary('AddDefinedSet', log, policy.onAddDefinedSet),
    removeDefinedSet: unary('RemoveDefinedSet', log, policy.onRemoveDefinedSet),
    listDefinedSets: unary('ListDefinedSets', log, policy.onListDefinedSets),
    addPolicy: unary('AddPolicy', log, policy.onAddPolicy),
    removePolicy: unary('RemovePolicy', log, policy.onRemovePolicy),
    listPolicies: unary('ListPolicies', log, policy.onListPolicies),
    setPolicyAssignment: unary('SetPolicyAssignment', log, policy.onSetPolicyAssignment),
    ...(bmp ? bmpService(bmp, log) : {}),
  } as BgpServiceServer;
}

function bmpService(bmp: BmpApi, log: Logger) {
  const h = bmpHandlers(bmp);
  return {
    addBmpServer: unary('AddBmpServer', log, h.onAddBmpServer),
    removeBmpServer: unary('RemoveBmpServer', log, h.onRemoveBmpServer),
    listBmpServers: unary('ListBmpServers', log, h.onListBmpServers),
  };
}
