/**
 * Names and ownership marks of the kernel objects the border gateway creates.
 *
 *   bridge      bbr<vni>          alias "bambu:bgw:bridge:<vni>"
 *   VXLAN       bvx<vni>          alias "bambu:bgw:vxlan:<vni>"
 *   VLAN port   <if>.<vlan>       alias "bambu:bgw:vlan:<vni>"  (bv<hash>.<vlan> when longer than 15)
 *
 * A link is ours only when its alias starts with OWNER_PREFIX; anything else is never modified or
 * deleted (a foreign interface listed as a gateway interface is only enslaved to / released from
 * our bridge). Linux limits interface names to 15 octets (IFNAMSIZ − 1); a VNI has at most 8 digits.
 */
import { createHash } from 'node:crypto';

/** Alias prefix marking links created by the border gateway. */
export const OWNER_PREFIX = 'bambu:bgw:';

/** VXLAN UDP destination port (IANA, RFC 7348 §5). */
export const VXLAN_PORT = 4789;

/**
 * VXLAN encapsulation overhead in octets on top of the inner frame: outer IPv4 (20) + UDP (8) +
 * VXLAN (8) + inner Ethernet (14) = 50; with an IPv6 underlay the outer header is 40, giving 70.
 */
export function vxlanOverhead(localVtep: string): number {
  return localVtep.includes(':') ? 70 : 50;
}

/** Maximum interface name length (IFNAMSIZ − 1). */
export const IFNAME_MAX = 15;

/** Bridge name of a segment. */
export const bridgeName = (vni: number): string => `bbr${vni}`;

/** VXLAN device name of a segment. */
export const vxlanName = (vni: number): string => `bvx${vni}`;

/** Ownership alias of a link with `role` in segment `vni`. */
export const ownerAlias = (role: 'bridge' | 'vxlan' | 'vlan', vni: number): string => `${OWNER_PREFIX}${role}:${vni}`;

/** True when `alias` marks a link as created by the border gateway. */
export const isOwnedAlias = (alias: string | undefined): boolean => alias !== undefined && alias.startsWith(OWNER_PREFIX);

const hex = (s: string, n: number): string => createHash('sha256').update(s).digest('hex').slice(0, n);

/**
 * Name of the 802.1Q sub-interface for VLAN `vlan` on `parent`: `<parent>.<vlan>` when it fits in
 * 15 octets, else `bv<6 hex of sha256(parent)>.<vlan>`.
 */
export function vlanName(parent: string, vlan: number): string {
  const plain = `${parent}.${vlan}`;
  return plain.length <= IFNAME_MAX ? plain : `bv${hex(parent, 6)}.${vlan}`;
}

/**
 * Fixed MAC address of a segment's bridge: locally administered unicast (first octet 0x02) followed
 * by five octets of sha256("<local VTEP>/<vni>"). Fixed so that the bridge never changes address
 * when ports come and go (which would flush its permanent neighbour entries); derived from the
 * local VTEP so that two sites never share one.
 */
export function bridgeMac(localVtep: string, vni: number): string {
  const h = hex(`${localVtep}/${vni}`, 10);
  return ['02', ...(h.match(/../g) ?? [])].join(':');
}

/** The all-zeros MAC of the VXLAN default (flood) FDB entry: head-end replication of BUM traffic. */
export const ZERO_MAC = '00:00:00:00:00:00';
