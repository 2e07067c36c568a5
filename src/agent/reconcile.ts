/**
 * Convergence of the node to the compute service's VIF list (pure diff; BIRD's scan-then-prune):
 * observe (data plane list) → desire (get_vifs_for_* answer) → diff (here) → apply (agent).
 * VIFs are matched by their `qvo…` device; a device whose identity (iface-id, vm-uuid, MAC) differs
 * from the desired one, or that is unhealthy, is unplugged and plugged again.
 */
import type { PluggedVif } from './dataplane/types.js';
import type { PlugSpec } from './vif.js';

/** What to change. Unplugs are applied before plugs. */
export interface VifDiff {
  toPlug: PlugSpec[];
  toUnplug: PluggedVif[];
}

/**
 * @param desired plug specs of every VIF the node should have
 * @param observed VIFs found on the node
 * @param keep    `qvo…` names to leave alone even if not desired (entries the compute listed but
 *                that failed validation: better to keep them than to cut a VM off on bad data)
 */
export function diffVifs(desired: PlugSpec[], observed: PluggedVif[], keep: ReadonlySet<string> = new Set()): VifDiff {
  const want = new Map(desired.map((s) => [s.qvo, s]));
  const have = new Map(observed.map((o) => [o.qvo, o]));
  const toPlug: PlugSpec[] = [];
  const toUnplug: PluggedVif[] = [];
  for (const o of observed) {
    const s = want.get(o.qvo);
    if (!s) {
      if (!keep.has(o.qvo)) toUnplug.push(o);
    } else if (!sameIdentity(s, o)) {
      toUnplug.push(o);
    }
  }
  for (const s of desired) {
    const o = have.get(s.qvo);
    if (!o || !o.healthy || !sameIdentity(s, o)) toPlug.push(s);
  }
  return { toPlug, toUnplug };
}

function sameIdentity(s: PlugSpec, o: PluggedVif): boolean {
  return o.ifaceId === s.externalIds['iface-id'] && o.instanceId === s.instanceId && o.mac.toLowerCase() === s.mac;
}
