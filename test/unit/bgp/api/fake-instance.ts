/**
 * An in-memory BgpInstanceApi for handler tests: peers and locally originated routes in Maps, the
 * same BambuError codes the real instance throws (NOT_FOUND, ALREADY_EXISTS). No sockets.
 * `calls` records every mutating call so tests can check what the handler passed down. Policy
 * calls go to a real PolicyStore (no RIB to re-evaluate).
 */
import type { BgpInstanceApi, ListedRoute, PeerInfo, PeerSettings, ResetKind, RibName } from '../../../../src/bgp/instance-api.js';
import type { AfiSafi, PathAttributes } from '../../../../src/bgp/types.js';
import { BambuError, notFound } from '../../../../src/lib/errors.js';
import { PolicyStore, type AssignmentDef, type DefinedSetDef, type Direction, type PolicyDef, type SetType } from '../../../../src/bgp/policy/index.js';

export class FakeInstance implements BgpInstanceApi {
  readonly peers = new Map<string, PeerInfo & { settings: PeerSettings }>();
  readonly routes = new Map<string, PathAttributes>();
  /** Paths "learned" from peers, for ADJ_IN / GLOBAL listings: peer → prefix → attrs. */
  readonly adjIn = new Map<string, Map<string, PathAttributes>>();
  readonly calls: unknown[][] = [];

  addPeer(address: string, port: number, settings: PeerSettings): void {
    this.calls.push(['addPeer', address, port, settings]);
    if (this.peers.has(address)) throw new BambuError('ALREADY_EXISTS', `peer ${address} already exists`);
    this.peers.set(address, {
      address,
      port,
      asn: settings.asn ?? 65000,
      state: 'active',
      adminState: 'up',
      configured: true,
      importPolicies: [],
      exportPolicies: [],
      families: settings.addressFamilies ?? ['ipv4-unicast', 'ipv6-unicast'],
      settings,
      statistics: {
        openSent: 1, keepaliveSent: 2, updateSent: 3, notificationSent: 4, openReceived: 5, keepaliveReceived: 6,
        updateReceived: 7, notificationReceived: 8, routeRefreshSent: 9, routeRefreshReceived: 10,
        prefixesReceived: 11, prefixesAccepted: 12, prefixesAdvertised: 13, establishedTransitions: 14,
      },
    });
  }
  private peer(address: string) {
    const p = this.peers.get(address);
    if (!p) throw notFound('peer', address);
    return p;
  }
  async removePeer(address: string): Promise<void> {
    this.calls.push(['removePeer', address]);
    this.peer(address);
    this.peers.delete(address);
  }
  async disablePeer(address: string, shutdownMessage?: string): Promise<void> {
    this.calls.push(['disablePeer', address, shutdownMessage]);
    this.peer(address).adminState = 'down';
  }
  enablePeer(address: string): void {
    this.calls.push(['enablePeer', address]);
    this.peer(address).adminState = 'up';
  }
  async resetPeer(address: string, kind: ResetKind, family?: AfiSafi): Promise<void> {
    this.calls.push(['resetPeer', address, kind, family]);
    this.peer(address);
  }
  listPeers(): PeerInfo[] {
    return [...this.peers.values()];
  }
  getPeer(address: string): PeerInfo {
    return this.peer(address);
  }
  addLocalRoute(prefix: string, attrs: PathAttributes): void {
    this.calls.push(['addLocalRoute', prefix, attrs]);
    this.routes.set(prefix, attrs);
  }
  removeLocalRoute(prefix: string): void {
    this.calls.push(['removeLocalRoute', prefix]);
    if (!this.routes.delete(prefix)) throw notFound('route', prefix);
  }
  *listRoutes(rib: RibName, peerAddress?: string, family?: AfiSafi): Iterable<ListedRoute> {
    this.calls.push(['listRoutes', rib, peerAddress, family]);
    const inFamily = (p: string) => family === undefined || (family === 'ipv6-unicast') === p.includes(':');
    if (rib === 'global') {
      const all = new Map<string, ListedRoute>();
      for (const [prefix, attrs] of this.routes) all.set(prefix, { prefix, paths: [{ attrs, peerAddress: '', best: true }] });
      for (const [peer, m] of this.adjIn) {
        for (const [prefix, attrs] of m) {
          const r = all.get(prefix) ?? { prefix, paths: [] };
          r.paths.push({ attrs, peerAddress: peer, best: r.paths.length === 0 });
          all.set(prefix, r);
        }
      }
      for (const r of all.values()) if (inFamily(r.prefix)) yield r;
      return;
    }
    this.peer(peerAddress!);
    if (rib === 'adj-in') {
      for (const [prefix, attrs] of this.adjIn.get(peerAddress!) ?? []) {
        if (inFamily(prefix)) yield { prefix, paths: [{ attrs, peerAddress: peerAddress!, best: false }] };
      }
    }
  }
  numRoutes(): number {
    return this.routes.size;
  }
  listenAddress(): { address: string; port: number } {
    return { address: '127.0.0.1', port: 1179 };
  }

  readonly policy = new PolicyStore();
  addDefinedSet(def: DefinedSetDef, replace: boolean): void {
    this.calls.push(['addDefinedSet', def, replace]);
    this.policy.addDefinedSet(def, replace);
  }
  removeDefinedSet(type: SetType, name: string, all: boolean): void {
    this.policy.removeDefinedSet(type, name, all);
  }
  listDefinedSets(type?: SetType, name?: string): DefinedSetDef[] {
    return this.policy.listDefinedSets(type, name);
  }
  addPolicy(def: PolicyDef): void {
    this.calls.push(['addPolicy', def]);
    this.policy.addPolicy(def);
  }
  removePolicy(name: string): void {
    this.policy.removePolicy(name);
  }
  listPolicies(name?: string): PolicyDef[] {
    return this.policy.listPolicies(name);
  }
  setPolicyAssignment(peerAddress: string, direction: Direction, a: AssignmentDef): void {
    this.calls.push(['setPolicyAssignment', peerAddress, direction, a]);
    const p = this.peer(peerAddress);
    this.policy.setAssignment(p.address, direction, a);
    if (direction === 'import') p.importPolicies = [...a.policyNames];
    else p.exportPolicies = [...a.policyNames];
  }
}
