/**
 * Two-site topology for the border-gateway namespace tests, built from test/helpers/netns.ts:
 *
 *   hostA [eth0 10.100.0.1/24] ── [hst0] bgwA [und0 10.99.0.1/24] ══ [und0 10.99.0.2/24] bgwB [hst0] ── [eth0 10.100.0.2/24] hostB
 *
 * Host MACs are fixed (52:54:00:00:00:01 / :02) so remote-MAC entries can name them. Kernel
 * snapshot helpers compare state before/after.
 */
import { Netns, link } from '../../helpers/netns.js';
import { LinuxDataplane } from '../../../src/bgw/dataplane/linux/index.js';
import type { Observed } from '../../../src/bgw/dataplane/types.js';

export const HOST_A = { ip: '10.100.0.1', mac: '52:54:00:00:00:01' };
export const HOST_B = { ip: '10.100.0.2', mac: '52:54:00:00:00:02' };
export const VTEP_A = '10.99.0.1';
export const VTEP_B = '10.99.0.2';

/** The four namespaces. */
export interface TwoSites {
  hostA: Netns;
  bgwA: Netns;
  bgwB: Netns;
  hostB: Netns;
  destroy(): void;
}

/** Builds the topology; on failure removes what was created and rethrows. */
export function buildTwoSites(tag: string): TwoSites {
  const made: Netns[] = [];
  const mk = (p: string) => {
    const ns = Netns.create(`${tag}${p}`);
    made.push(ns);
    return ns;
  };
  try {
    const [hostA, bgwA, bgwB, hostB] = [mk('ha'), mk('ga'), mk('gb'), mk('hb')] as const;
    link(hostA, 'eth0', `${HOST_A.ip}/24`, bgwA, 'hst0', null);
    link(bgwA, 'und0', `${VTEP_A}/24`, bgwB, 'und0', `${VTEP_B}/24`);
    link(bgwB, 'hst0', null, hostB, 'eth0', `${HOST_B.ip}/24`);
    hostA.exec('ip', ['link', 'set', 'eth0', 'address', HOST_A.mac]);
    hostB.exec('ip', ['link', 'set', 'eth0', 'address', HOST_B.mac]);
    return { hostA, bgwA, bgwB, hostB, destroy: () => made.forEach((n) => n.destroy()) };
  } catch (err) {
    made.forEach((n) => n.destroy());
    throw err;
  }
}

/** One ICMP echo from `from` to `ip`; true when answered within a second. */
export function ping(from: Netns, ip: string): boolean {
  return from.exec('ping', ['-c', '1', '-W', '1', ip], { check: false }).status === 0;
}

/** Kernel state of a namespace in a comparable form (dynamic neighbour entries left out). */
export async function snapshot(ns: Netns): Promise<{ links: string[]; fdb: string[]; neigh: string[] }> {
  const o: Observed = await new LinuxDataplane({ netns: ns.name }).observe();
  return {
    links: o.links.map((l) => `${l.name} ${l.kind} master=${l.master ?? '-'} mtu=${l.mtu} up=${l.up} alias=${l.alias ?? '-'} ${l.address}`).sort(),
    // Left out: learned (dynamic) entries, multicast address lists (01:00:5e…, 33:33…) and ports' own
    // addresses (master permanent), which the kernel makes by itself.
    fdb: o.fdb
      .filter((e) => e.state !== '' && e.state !== 'stale' && !/^(01:00:5e|33:33)/.test(e.mac) && !(e.flag === 'master' && e.state === 'permanent'))
      .map((e) => `${e.dev} ${e.mac} ${e.dst ?? '-'} ${e.flag} ${e.state}`).sort(),
    neigh: o.neigh.filter((n) => n.permanent).map((n) => `${n.dev} ${n.ip} ${n.mac ?? '-'}`).sort(),
  };
}

/** Only the border gateway's objects (bbr*, bvx* devices and their entries) of a snapshot. */
export function ours(s: { links: string[]; fdb: string[]; neigh: string[] }): { links: string[]; fdb: string[]; neigh: string[] } {
  const mine = (x: string) => /^(bbr|bvx)\d+ /.test(x);
  return { links: s.links.filter(mine).map((l) => l.replace(/ [0-9a-f:]{17}$/, '')), fdb: s.fdb.filter(mine), neigh: s.neigh.filter(mine) };
}
