/**
 * Renders ops as iproute2 batch lines (`ip -batch -`, `bridge -batch -`). Pure.
 *   bridge-add    link add name bbrN address MAC mtu M type bridge ; link set bbrN alias A ;
 *                 link set bbrN addrgenmode none   (no IPv6 link-local chatter from the bridge)
 *   vxlan-add     link add name bvxN mtu M type vxlan id VNI local VTEP dstport 4789 nolearning ;
 *                 link set bvxN alias A ; link set bvxN addrgenmode none
 *   vlan-add      link add link PARENT name P.V type vlan id V ; link set P.V alias A
 *   port-set      (bridge) link set dev bvxN learning off neigh_suppress on
 *   fdb-add       (bridge) fdb append 00:… dev bvxN dst VTEP self permanent   (all-zeros: one per VTEP)
 *                 (bridge) fdb replace MAC dev bvxN dst VTEP self static | fdb replace MAC dev bvxN master static
 *                 (bridge) fdb replace MAC dev bvxN dst VTEP self extern_learn | … master extern_learn (EVPN)
 *   neigh-replace neigh replace IP lladdr MAC dev bbrN nud permanent
 *                 neigh replace IP lladdr MAC dev bbrN nud noarp extern_learn   (EVPN MAC+IP)
 */
import type { Op } from '../types.js';
import { ZERO_MAC } from '../names.js';

/** Which iproute2 tool runs an op and the batch lines it takes. */
export function render(op: Op): { tool: 'ip' | 'bridge'; lines: string[] } {
  switch (op.op) {
    case 'link-del':
      return { tool: 'ip', lines: [`link del dev ${op.name}`] };
    case 'bridge-add':
      return {
        tool: 'ip',
        lines: [`link add name ${op.name} address ${op.address} mtu ${op.mtu} type bridge`, `link set dev ${op.name} alias ${op.alias}`, `link set dev ${op.name} addrgenmode none`],
      };
    case 'vxlan-add':
      return {
        tool: 'ip',
        lines: [
          `link add name ${op.name} mtu ${op.mtu} type vxlan id ${op.vni} local ${op.local} dstport ${op.port} nolearning`,
          `link set dev ${op.name} alias ${op.alias}`,
          `link set dev ${op.name} addrgenmode none`,
        ],
      };
    case 'vlan-add':
      return { tool: 'ip', lines: [`link add link ${op.parent} name ${op.name} type vlan id ${op.id}`, `link set dev ${op.name} alias ${op.alias}`] };
    case 'link-set': {
      const lines: string[] = [];
      if (op.master === null) lines.push(`link set dev ${op.name} nomaster`);
      if (op.address !== undefined) lines.push(`link set dev ${op.name} address ${op.address}`);
      if (op.mtu !== undefined) lines.push(`link set dev ${op.name} mtu ${op.mtu}`);
      if (typeof op.master === 'string') lines.push(`link set dev ${op.name} master ${op.master}`);
      if (op.up) lines.push(`link set dev ${op.name} up`);
      return { tool: 'ip', lines };
    }
    case 'port-set':
      return { tool: 'bridge', lines: [`link set dev ${op.name} learning ${op.learning ? 'on' : 'off'} neigh_suppress ${op.neighSuppress ? 'on' : 'off'}`] };
    case 'fdb-add':
      if (op.flag === 'self' && op.mac === ZERO_MAC) return { tool: 'bridge', lines: [`fdb append ${op.mac} dev ${op.dev} dst ${op.dst} self ${op.state}`] };
      return { tool: 'bridge', lines: [`fdb replace ${op.mac} dev ${op.dev}${op.dst !== undefined ? ` dst ${op.dst}` : ''} ${op.flag} ${op.state}`] };
    case 'fdb-del':
      return { tool: 'bridge', lines: [`fdb del ${op.mac} dev ${op.dev}${op.dst !== undefined && op.mac === ZERO_MAC ? ` dst ${op.dst}` : ''} ${op.flag}`] };
    case 'neigh-replace':
      return { tool: 'ip', lines: [`neigh replace ${op.ip} lladdr ${op.mac} dev ${op.dev} nud ${op.externLearn ? 'noarp extern_learn' : 'permanent'}`] };
    case 'neigh-del':
      return { tool: 'ip', lines: [`neigh del ${op.ip} dev ${op.dev}`] };
  }
}
