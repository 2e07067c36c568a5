/**
 * The contract between the BGP instance (the one owner of peers and RIBs, src/bgp/instance.ts) and
 * its northbound edges (gRPC handlers in src/bgp/api/, config loading, EVPN glue).
 *
 * Addresses here are bare IPs: the edges parse "IP:PORT" and pass the port separately.
 * Errors are BambuError (src/lib/errors.ts): NOT_FOUND for unknown peers/routes, ALREADY_EXISTS for
 * duplicates, INVALID_ARGUMENT for bad values (naming the field), FAILED_PRECONDITION for a state
 * that forbids the call.
 */
import type { AfiSafi, PathAttributes } from './types.js';
import type { NlriData } from './wire/index.js';
import type { AssignmentDef, DefinedSetDef, Direction, PolicyDef, SetType } from './policy/types.js';

/** FSM states (RFC 4271 §8.2.2). */
export type BgpStateName = 'idle' | 'connect' | 'active' | 'open-sent' | 'open-confirm' | 'established';

/** Administrative state of a peer. */
export type AdminStateName = 'up' | 'down' | 'prefix-limit-exceeded';

/** Per-peer settings: the seed's SessionConfig plus Bambu's extension fields; all optional. */
export interface PeerSettings {
  asn?: number;
  localAddress?: string;
  holdTimeSecs?: number;
  connectRetrySecs?: number;
  idleHoldTimeSecs?: number;
  dampPeerOscillations?: boolean;
  allowAutomaticStop?: boolean;
  passiveMode?: boolean;
  delayOpenTimeSecs?: number;
  maxPrefix?: { limit: number; action: 'terminate' | 'discard' };
  sendNotificationWithoutOpen?: boolean;
  collisionDetectEstablishedState?: boolean;
  minRouteAdvertisementIntervalSecs?: number;
  addressFamilies?: AfiSafi[];
  routeReflectorClient?: boolean;
  nextHopSelf?: string;
}

/** Message counters of one peer (GetPeer's PeerStatistics plus extensions). */
export interface PeerStatistics {
  openSent: number;
  keepaliveSent: number;
  updateSent: number;
  notificationSent: number;
  openReceived: number;
  keepaliveReceived: number;
  updateReceived: number;
  notificationReceived: number;
  routeRefreshSent: number;
  routeRefreshReceived: number;
  prefixesReceived: number;
  prefixesAccepted: number;
  prefixesAdvertised: number;
  establishedTransitions: number;
}

/** A peer as the API shows it. */
export interface PeerInfo {
  address: string;
  port: number;
  /** Configured remote AS, or the one learned from OPEN for unconfigured peers. */
  asn: number;
  state: BgpStateName;
  adminState: AdminStateName;
  configured: boolean;
  importPolicies: string[];
  exportPolicies: string[];
  /** BGP Identifier from the peer's OPEN, once received. */
  routerId?: string;
  /** Negotiated hold time (seconds), once established. */
  holdTimeSecs?: number;
  uptimeSecs?: number;
  lastError?: string;
  /** Families negotiated (or offered, before Established). */
  families: AfiSafi[];
  statistics: PeerStatistics;
}

/** Which RIB a listing reads. */
export type RibName = 'global' | 'adj-in' | 'adj-out';

/** One path of a listed route. */
export interface ListedPath {
  attrs: PathAttributes;
  /** Bare IP of the peer the path came from; "" (or the router id) for locally originated routes. */
  peerAddress: string;
  best: boolean;
  /** NLRI data of the route (EVPN labels, ESI), when the family has any. */
  nlriData?: NlriData;
}

/** One destination with its paths. */
export interface ListedRoute {
  prefix: string;
  paths: ListedPath[];
}

/** Reset kinds of ResetPeer (seed 002). */
export type ResetKind = 'soft-in' | 'soft-out' | 'soft' | 'hard';

/** What the gRPC layer (and config loading) may do with the instance. */
export interface BgpInstanceApi {
  /** @throws ALREADY_EXISTS when a peer with that address exists; INVALID_ARGUMENT for bad settings. */
  addPeer(address: string, port: number, settings: PeerSettings): void;
  /** Sends CEASE/Peer De-configured (RFC 4486 subcode 3) if up, withdraws its routes. @throws NOT_FOUND */
  removePeer(address: string): Promise<void>;
  /** CEASE/Administrative Shutdown (RFC 4486 subcode 2) with optional RFC 8203 message. @throws NOT_FOUND */
  disablePeer(address: string, shutdownMessage?: string): Promise<void>;
  /** @throws NOT_FOUND */
  enablePeer(address: string): void;
  /** SOFT_IN: ROUTE-REFRESH (RFC 2918); SOFT_OUT: re-send Adj-RIB-Out; SOFT: both; HARD: tear down. @throws NOT_FOUND, FAILED_PRECONDITION (not established / no route refresh) */
  resetPeer(address: string, kind: ResetKind, family?: AfiSafi): Promise<void>;
  listPeers(): PeerInfo[];
  /** @throws NOT_FOUND */
  getPeer(address: string): PeerInfo;
  /** Adds or replaces a locally originated route in Loc-RIB. @throws INVALID_ARGUMENT */
  addLocalRoute(prefix: string, attrs: PathAttributes): void;
  /** Removes a locally originated route. @throws NOT_FOUND */
  removeLocalRoute(prefix: string): void;
  /** Iterates a RIB lazily (streams must not copy the table). @throws NOT_FOUND for an unknown peer */
  listRoutes(rib: RibName, peerAddress?: string, family?: AfiSafi): Iterable<ListedRoute>;
  /** Total destinations in Loc-RIB. */
  numRoutes(): number;
  /** The BGP listen address and port actually bound. */
  listenAddress(): { address: string; port: number };

  // Routing policy (src/bgp/policy/). Every change re-evaluates the affected peers' routes
  // (soft reconfiguration: Adj-RIB-In re-imported, Adj-RIB-Out recomputed; no session reset).
  /** Adds, merges (replace = false) or replaces a defined set. @throws INVALID_ARGUMENT */
  addDefinedSet(def: DefinedSetDef, replace: boolean): void;
  /** Removes a set, or every set of the type (`all`). @throws NOT_FOUND, FAILED_PRECONDITION (referenced) */
  removeDefinedSet(type: SetType, name: string, all: boolean): void;
  listDefinedSets(type?: SetType, name?: string): DefinedSetDef[];
  /** Adds or replaces a policy. @throws INVALID_ARGUMENT, NOT_FOUND (unknown set) */
  addPolicy(def: PolicyDef): void;
  /** @throws NOT_FOUND, FAILED_PRECONDITION (assigned to a peer) */
  removePolicy(name: string): void;
  listPolicies(name?: string): PolicyDef[];
  /** Sets a peer's import or export chain. @throws NOT_FOUND (peer, policy) */
  setPolicyAssignment(peerAddress: string, direction: Direction, assignment: AssignmentDef): void;
}
