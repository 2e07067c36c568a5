/**
 * Local MACs of the EVPN segments, read from one observation of the kernel (the simplest robust
 * choice over `bridge monitor`: a periodic `bridge -j fdb show` / `ip -j neigh show` scan, the same
 * reads the linux driver's observe makes). Pure.
 *
 *   MAC of VNI N  = a dynamic (`state ""`, not extern_learn) `master` FDB entry of bridge bbrN on one
 *                   of its local ports — never on the VXLAN port bvxN (those are remote);
 *   IPs of a MAC  = neighbour entries on bbrN with that lladdr that are neither permanent nor
 *                   extern_learn (what the bridge's SVI address resolved; ../shared/spec/evpn.md).
 */
import type { LocalScan } from '../../../evpn/index.js';
import { bridgeName, vxlanName } from '../names.js';
import type { Observed } from '../types.js';
import { isUnicastMac } from '../validate.js';

/** Builds the local scan of `vnis` from `obs`. */
export function localScan(obs: Observed, vnis: Iterable<number>): LocalScan {
  const out = new Map<number, Map<string, Set<string>>>();
  const portOf = new Map<string, number>();
  const bridges = new Map<string, number>();
  for (const vni of vnis) {
    out.set(vni, new Map());
    bridges.set(bridgeName(vni), vni);
  }
  for (const l of obs.links) {
    const vni = l.master === undefined ? undefined : bridges.get(l.master);
    if (vni !== undefined && l.name !== vxlanName(vni)) portOf.set(l.name, vni);
  }
  for (const e of obs.fdb) {
    if (e.flag !== 'master' || e.state !== '') continue;
    const vni = portOf.get(e.dev);
    if (vni === undefined || !isUnicastMac(e.mac)) continue;
    out.get(vni)!.set(e.mac, new Set());
  }
  for (const n of obs.neigh) {
    const vni = bridges.get(n.dev);
    if (vni === undefined || n.permanent || n.externLearn || n.mac === undefined) continue;
    out.get(vni)!.get(n.mac)?.add(n.ip);
  }
  return out;
}
