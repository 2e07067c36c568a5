/**
 * ListRoutes views of the RIBs (lazy generators: streams never copy a table).
 * - global: Loc-RIB destinations with every candidate path, the best one flagged;
 * - adj-in: what the peer sent (Adj-RIB-In, before any import processing);
 * - adj-out: what we advertise to the peer (Adj-RIB-Out, after export rewriting).
 */
import type { ListedRoute } from '../instance-api.js';
import type { AdjRibOut } from '../rib/adj-rib-out.js';
import type { Rib } from '../rib/rib.js';
import type { AfiSafi } from '../types.js';

/** Loc-RIB listing; locally originated paths show `localAddress` ('' by default) as peer. */
export function* listGlobal(rib: Rib, family: AfiSafi | undefined): Generator<ListedRoute> {
  for (const [, prefix, dest] of rib.destinations(family)) {
    yield {
      prefix,
      paths: dest.paths.map((p) => ({ attrs: p.attrs, peerAddress: p.source.address, best: p === dest.best, ...(p.nlriData ? { nlriData: p.nlriData } : {}) })),
    };
  }
}

/** Adj-RIB-In of one peer. */
export function* listAdjIn(rib: Rib, peerAddress: string, family: AfiSafi | undefined): Generator<ListedRoute> {
  const best = (f: AfiSafi, prefix: string) => rib.best(f, prefix)?.source.address === peerAddress;
  const table = rib.adjRibInOf(peerAddress);
  if (!table) return;
  for (const [f, prefix, attrs, nlriData] of table.entries(family)) {
    yield { prefix, paths: [{ attrs, peerAddress, best: best(f, prefix), ...(nlriData ? { nlriData } : {}) }] };
  }
}

/** Adj-RIB-Out of one peer. */
export function* listAdjOut(out: AdjRibOut, peerAddress: string, family: AfiSafi | undefined): Generator<ListedRoute> {
  for (const [, prefix, attrs] of out.entries(family)) {
    const nlriData = out.nlriDataOf(prefix);
    yield { prefix, paths: [{ attrs, peerAddress, best: true, ...(nlriData ? { nlriData } : {}) }] };
  }
}
