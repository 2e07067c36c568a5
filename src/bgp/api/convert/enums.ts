/**
 * Enum tables between proto (src/gen/bgp.ts) and the domain names of src/bgp/instance-api.ts.
 * One row per value, both directions derived from the same table (STYLE idea 6).
 */
import { AdminState, Afi, BgpState, MaxPrefixAction, ResetType, RibType, Safi } from '../../../gen/bgp.js';
import type { AdminStateName, BgpStateName, ResetKind, RibName } from '../../instance-api.js';
import type { AfiSafi } from '../../types.js';
import { invalidArgument } from '../../../lib/errors.js';

/** Domain FSM state (RFC 4271 §8.2.2) → API BgpState. */
export const BGP_STATE: Record<BgpStateName, BgpState> = {
  idle: BgpState.IDLE,
  connect: BgpState.CONNECT,
  active: BgpState.ACTIVE,
  'open-sent': BgpState.OPEN_SENT,
  'open-confirm': BgpState.OPEN_CONFIRM,
  established: BgpState.ESTABLISHED,
};

/** Domain administrative state → API AdminState. */
export const ADMIN_STATE: Record<AdminStateName, AdminState> = {
  up: AdminState.UP,
  down: AdminState.DOWN,
  'prefix-limit-exceeded': AdminState.PREFIX_LIMIT_EXCEEDED,
};

/** API ResetType → domain reset kind. */
export const RESET_KIND: Record<number, ResetKind> = {
  [ResetType.SOFT_IN]: 'soft-in',
  [ResetType.SOFT_OUT]: 'soft-out',
  [ResetType.SOFT]: 'soft',
  [ResetType.HARD]: 'hard',
};

/** API RibType → domain RIB name (GLOBAL = Loc-RIB). */
export const RIB_NAME: Record<number, RibName> = {
  [RibType.GLOBAL]: 'global',
  [RibType.ADJ_IN]: 'adj-in',
  [RibType.ADJ_OUT]: 'adj-out',
};

/** API MaxPrefixAction → domain action. */
export const MAX_PREFIX_ACTION: Record<number, 'terminate' | 'discard'> = {
  [MaxPrefixAction.TERMINATE]: 'terminate',
  [MaxPrefixAction.DISCARD]: 'discard',
};

/** Address families by their config/API string (proto extension fields carry these strings). */
export const AFI_SAFI_NAMES: readonly AfiSafi[] = ['ipv4-unicast', 'ipv6-unicast', 'l2vpn-evpn'];

/** The (Afi, Safi) pairs ResetPeer accepts (RFC 4760 AFI/SAFI; L2VPN/EVPN per RFC 7432). */
const AFI_SAFI_PAIRS: ReadonlyArray<[Afi, Safi, AfiSafi]> = [
  [Afi.IPV4, Safi.UNICAST, 'ipv4-unicast'],
  [Afi.IPV6, Safi.UNICAST, 'ipv6-unicast'],
  [Afi.L2VPN, Safi.EVPN, 'l2vpn-evpn'],
];

/**
 * ResetPeer's optional afi/safi → a family. Unset afi = all families; safi defaults to the only
 * SAFI the afi has here (UNICAST for IPv4/IPv6, EVPN for L2VPN).
 * @throws INVALID_ARGUMENT naming `safi` for a pair the speaker does not support, or `afi` when
 *         only safi is set
 */
export function familyOfAfiSafi(afi: number | undefined, safi: number | undefined): AfiSafi | undefined {
  if (afi === undefined) {
    if (safi !== undefined) throw invalidArgument('afi', 'required when safi is set');
    return undefined;
  }
  const row = AFI_SAFI_PAIRS.find(([a, s]) => a === afi && (safi === undefined || s === safi));
  if (row) return row[2];
  if (!AFI_SAFI_PAIRS.some(([a]) => a === afi)) throw invalidArgument('afi', `unknown value ${afi}; expected IPV4=0, IPV6=1 or L2VPN=2`);
  throw invalidArgument('safi', `${safi} is not supported with afi ${afi}; supported: IPV4/UNICAST, IPV6/UNICAST, L2VPN/EVPN`);
}

/** A family string ("ipv4-unicast" …). @throws INVALID_ARGUMENT naming `field` */
export function familyName(field: string, s: string): AfiSafi {
  if ((AFI_SAFI_NAMES as readonly string[]).includes(s)) return s as AfiSafi;
  throw invalidArgument(field, `unknown address family "${s}"; expected one of ${AFI_SAFI_NAMES.join(', ')}`);
}
