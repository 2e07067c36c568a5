/**
 * Route RPCs of bgp.BgpService (seed 002 "Route Management"): AddRoute, AddRouteStream,
 * RemoveRoute, ListRoutes, ListRoutesStream.
 *
 * AddRouteStream applies each route as it arrives (memory stays bounded by grpc-js' flow control,
 * whatever the stream length). A malformed route is skipped, not fatal: the response counts the
 * routes added and its message names the first rejected ones with their index and field, e.g.
 * "added 998 of 1000 routes; 2 rejected: #17 prefix: …".
 */
import type {
  AddRouteRequest,
  AddRouteResponse,
  AddRouteStreamResponse,
  ListRoutesRequest,
  ListRoutesResponse,
  RemoveRouteRequest,
  RemoveRouteResponse,
  Route,
} from '../../../gen/bgp.js';
import type { BgpInstanceApi, ListedRoute, RibName } from '../../instance-api.js';
import type { AfiSafi } from '../../types.js';
import { invalidArgument, toBambuError } from '../../../lib/errors.js';
import { enumValue, peerRef, prefixField } from '../validate.js';
import { familyName, RIB_NAME } from '../convert/enums.js';
import { addRouteRequestToDomain, pathToProto } from '../convert/path-attributes.js';

/** How many rejected routes AddRouteStream's message details before summarising. */
const MAX_REPORTED_REJECTS = 5;

/** The families a listing covers when the request names none. */
const UNICAST: readonly AfiSafi[] = ['ipv4-unicast', 'ipv6-unicast'];

/** A validated ListRoutesRequest. */
interface RouteQuery {
  rib: RibName;
  peer?: string;
  families: readonly AfiSafi[];
}

/**
 * Validates ListRoutesRequest: rib_type (default GLOBAL), peer_address (required for ADJ_IN and
 * ADJ_OUT; with GLOBAL it keeps only paths learned from that peer), family (extension field 10;
 * default both unicast families).
 */
export function routeQuery(req: ListRoutesRequest): RouteQuery {
  const ribType = enumValue('rib_type', req.ribType ?? 0, { 0: 'GLOBAL', 1: 'ADJ_IN', 2: 'ADJ_OUT' });
  const rib = RIB_NAME[ribType]!;
  const peer = req.peerAddress === undefined || req.peerAddress === '' ? undefined : peerRef('peer_address', req.peerAddress);
  if (rib !== 'global' && peer === undefined) {
    throw invalidArgument('peer_address', `required for rib_type ${rib === 'adj-in' ? 'ADJ_IN' : 'ADJ_OUT'}`);
  }
  const families = req.family === undefined || req.family === '' ? UNICAST : [familyName('family', req.family)];
  return { rib, peer, families };
}

/** The route handlers bound to one instance. */
export function routeHandlers(bgp: BgpInstanceApi) {
  /** Lazily walks the RIB for a query; nothing is copied beyond the current route. */
  function* listed(q: RouteQuery): Iterable<Route> {
    if (q.rib === 'global' && q.peer !== undefined) bgp.getPeer(q.peer); // NOT_FOUND for an unknown peer
    for (const family of q.families) {
      for (const r of bgp.listRoutes(q.rib, q.rib === 'global' ? undefined : q.peer, family)) {
        const route = routeToProto(r, q.rib === 'global' ? q.peer : undefined);
        if (route) yield route;
      }
    }
  }

  return {
    /** AddRoute: originate a route into Loc-RIB (LOCAL_PREF default 100). @throws INVALID_ARGUMENT */
    onAddRoute(req: AddRouteRequest): AddRouteResponse {
      const r = addRouteRequestToDomain(req);
      bgp.addLocalRoute(r.prefix, r.attrs);
      return { success: true, message: `route ${r.prefix} added` };
    },

    /** State for one AddRouteStream call: `onItem` per message, `finish` at end of stream. */
    addRouteStream() {
      let added = 0;
      let seen = 0;
      const rejects: string[] = [];
      return {
        onItem(req: AddRouteRequest, index: number): void {
          seen++;
          try {
            const r = addRouteRequestToDomain(req);
            bgp.addLocalRoute(r.prefix, r.attrs);
            added++;
          } catch (err) {
            rejects.push(`#${index} ${toBambuError(err).message}`);
            if (rejects.length > MAX_REPORTED_REJECTS) rejects.length = MAX_REPORTED_REJECTS + 1;
          }
        },
        finish(): AddRouteStreamResponse {
          const rejected = seen - added;
          if (rejected === 0) return { count: added, message: `added ${added} routes` };
          const shown = rejects.slice(0, MAX_REPORTED_REJECTS).join('; ');
          const more = rejected > MAX_REPORTED_REJECTS ? `; … and ${rejected - MAX_REPORTED_REJECTS} more` : '';
          return { count: added, message: `added ${added} of ${seen} routes; ${rejected} rejected: ${shown}${more}` };
        },
      };
    },

    /** RemoveRoute: withdraw a locally originated route. @throws INVALID_ARGUMENT, NOT_FOUND */
    onRemoveRoute(req: RemoveRouteRequest): RemoveRouteResponse {
      const { prefix } = prefixField('prefix', req.prefix);
      bgp.removeLocalRoute(prefix);
      return { success: true, message: `route ${prefix} removed` };
    },

    /** ListRoutes: the whole listing in one message. @throws INVALID_ARGUMENT, NOT_FOUND */
    onListRoutes(req: ListRoutesRequest): ListRoutesResponse {
      return { routes: [...listed(routeQuery(req))] };
    },

    /** ListRoutesStream: one Route message per destination, read lazily from the RIB. */
    onListRoutesStream(req: ListRoutesRequest): Iterable<Route> {
      return listed(routeQuery(req)); // validation throws before the first write
    },
  };
}

/** Converts one destination; with `onlyPeer`, keeps that peer's paths (undefined when none). */
function routeToProto(r: ListedRoute, onlyPeer?: string): Route | undefined {
  const paths = onlyPeer === undefined ? r.paths : r.paths.filter((p) => p.peerAddress === onlyPeer);
  if (paths.length === 0) return undefined;
  return { prefix: r.prefix, paths: paths.map((p) => pathToProto(p, r.prefix)) };
}
