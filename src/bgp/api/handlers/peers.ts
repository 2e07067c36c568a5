/**
 * Peer RPCs of bgp.BgpService (seed 002 "Peer Management"): AddPeer, RemovePeer, DisablePeer,
 * EnablePeer, ResetPeer, ListPeers, ListPeersStream, GetPeer. Each validates its request, calls
 * the instance, and converts the result; errors travel as BambuError to the status mapping.
 */
import type {
  AddPeerRequest,
  AddPeerResponse,
  DisablePeerRequest,
  DisablePeerResponse,
  EnablePeerRequest,
  EnablePeerResponse,
  GetPeerRequest,
  GetPeerResponse,
  ListPeersResponse,
  Peer,
  RemovePeerRequest,
  RemovePeerResponse,
  ResetPeerRequest,
  ResetPeerResponse,
} from '../../../gen/bgp.js';
import type { BgpInstanceApi } from '../../instance-api.js';
import { invalidArgument } from '../../../lib/errors.js';
import { formatHostPort } from '../address.js';
import { peerAddressWithPort, peerRef, enumValue } from '../validate.js';
import { familyOfAfiSafi, RESET_KIND } from '../convert/enums.js';
import { peerToProto, sessionConfigToSettings, statisticsToProto } from '../convert/peer.js';

/** RFC 8203 as updated by RFC 9003 §2: the Shutdown Communication is at most 255 octets of UTF-8. */
const MAX_SHUTDOWN_MESSAGE_OCTETS = 255;

/** The peer handlers bound to one instance. */
export function peerHandlers(bgp: BgpInstanceApi) {
  return {
    /**
     * AddPeer: address "IP:PORT" (port optional, default 179) plus optional SessionConfig.
     * @throws INVALID_ARGUMENT (address, config.*), ALREADY_EXISTS
     */
    onAddPeer(req: AddPeerRequest): AddPeerResponse {
      const { address, port } = peerAddressWithPort('address', req.address);
      const settings = sessionConfigToSettings(req.config);
      bgp.addPeer(address, port, settings);
      return { success: true, message: `peer ${formatHostPort(address, port)} added` };
    },

    /** RemovePeer: CEASE/Peer De-configured if up, routes withdrawn. @throws INVALID_ARGUMENT, NOT_FOUND */
    async onRemovePeer(req: RemovePeerRequest): Promise<RemovePeerResponse> {
      const address = peerRef('address', req.address);
      await bgp.removePeer(address);
      return { success: true, message: `peer ${address} removed` };
    },

    /**
     * DisablePeer: CEASE/Administrative Shutdown (RFC 4486 §4 subcode 2) carrying the optional
     * shutdown_message (RFC 8203, extension field 10). @throws INVALID_ARGUMENT, NOT_FOUND
     */
    async onDisablePeer(req: DisablePeerRequest): Promise<DisablePeerResponse> {
      const address = peerRef('address', req.address);
      const msg = req.shutdownMessage;
      if (msg !== undefined && Buffer.byteLength(msg, 'utf8') > MAX_SHUTDOWN_MESSAGE_OCTETS) {
        throw invalidArgument('shutdown_message', `${Buffer.byteLength(msg, 'utf8')} octets; at most ${MAX_SHUTDOWN_MESSAGE_OCTETS} (RFC 9003 §2)`);
      }
      await bgp.disablePeer(address, msg === '' ? undefined : msg);
      return {};
    },

    /** EnablePeer: clears the administrative DOWN state. @throws INVALID_ARGUMENT, NOT_FOUND */
    onEnablePeer(req: EnablePeerRequest): EnablePeerResponse {
      bgp.enablePeer(peerRef('address', req.address));
      return {};
    },

    /**
     * ResetPeer: SOFT_IN (ROUTE-REFRESH, RFC 2918), SOFT_OUT (re-send Adj-RIB-Out), SOFT, HARD;
     * optional afi/safi narrow a soft reset to one family.
     * @throws INVALID_ARGUMENT (address, reset_type, afi, safi), NOT_FOUND, FAILED_PRECONDITION
     */
    async onResetPeer(req: ResetPeerRequest): Promise<ResetPeerResponse> {
      const address = peerRef('address', req.address);
      const type = enumValue('reset_type', req.resetType, { 0: 'SOFT_IN', 1: 'SOFT_OUT', 2: 'SOFT', 3: 'HARD' });
      const family = familyOfAfiSafi(req.afi, req.safi);
      await bgp.resetPeer(address, RESET_KIND[type]!, family);
      return {};
    },

    /** ListPeers: every peer, configured or accepted. */
    onListPeers(): ListPeersResponse {
      return { peers: bgp.listPeers().map(peerToProto) };
    },

    /** ListPeersStream: the same peers, one message each. */
    *onListPeersStream(): Iterable<Peer> {
      for (const p of bgp.listPeers()) yield peerToProto(p);
    },

    /** GetPeer: the peer and its message counters. @throws INVALID_ARGUMENT, NOT_FOUND */
    onGetPeer(req: GetPeerRequest): GetPeerResponse {
      const p = bgp.getPeer(peerRef('address', req.address));
      return { peer: peerToProto(p), statistics: statisticsToProto(p.statistics) };
    },
  };
}
