/** Message counters of a peer (GetPeer PeerStatistics; RFC 4273 bgpPeerIn/OutUpdates … in spirit). */
import type { PeerStatistics } from '../instance-api.js';

/** The counters kept per peer; prefix counts are computed from the RIBs when read. */
export type MessageCounters = Omit<PeerStatistics, 'prefixesReceived' | 'prefixesAccepted' | 'prefixesAdvertised'>;

/** All counters at zero. */
export function newCounters(): MessageCounters {
  return {
    openSent: 0,
    keepaliveSent: 0,
    updateSent: 0,
    notificationSent: 0,
    openReceived: 0,
    keepaliveReceived: 0,
    updateReceived: 0,
    notificationReceived: 0,
    routeRefreshSent: 0,
    routeRefreshReceived: 0,
    establishedTransitions: 0,
  };
}
