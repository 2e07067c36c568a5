/**
 * L2VPN EVPN route → the API's Path.evpn (proto/bgp.proto EvpnRoute, extension field 21):
 * the route key's fields (RFC 7432 §7), the VNI from the label (RFC 8365 §5.1.3; for a type 3
 * route the PMSI_TUNNEL label, RFC 8365 §5.1.3 / RFC 6514 §5) and the MAC Mobility extended
 * community (RFC 7432 §7.7).
 */
import type { EvpnRoute } from '../../../gen/bgp.js';
import type { PathAttributes } from '../../types.js';
import { decodeExtCommunity } from '../../wire/attrs/ext-community.js';
import { decodePmsiTunnel } from '../../wire/attrs/pmsi-tunnel.js';
import { parseEvpnKey, type NlriData } from '../../wire/index.js';

/**
 * The EvpnRoute message of one path, or undefined when `key` is not an EVPN route key.
 * @param key   route key ("[2]:[RD]:[TAG]:[48]:[MAC]…")
 * @param data  NLRI data of the path (labels, ESI)
 * @param attrs its attributes (MAC Mobility community, if any)
 */
export function evpnToProto(key: string, data: NlriData | undefined, attrs: PathAttributes): EvpnRoute | undefined {
  if (!key.startsWith('[')) return undefined;
  let k;
  try {
    k = parseEvpnKey(key);
  } catch {
    return undefined;
  }
  let sequence = 0;
  let sticky = false;
  for (const raw of attrs.extCommunities ?? []) {
    const ec = decodeExtCommunity(raw);
    if (ec.kind === 'mac-mobility') {
      sequence = ec.sequence;
      sticky = ec.sticky;
    }
  }
  return {
    routeType: k.type,
    routeDistinguisher: k.rd,
    esi: k.type === 1 || k.type === 4 ? k.esi : (data?.esi ?? ''),
    ethernetTag: k.type === 4 ? 0 : k.ethernetTag,
    macAddress: k.type === 2 ? k.mac : '',
    ipAddress: k.type === 2 ? (k.ip ?? '') : k.type === 5 ? `${k.prefix}/${k.prefixLength}` : '',
    vni: data?.labels?.[0] ?? pmsiLabel(attrs) ?? 0,
    originatorIp: k.type === 3 || k.type === 4 ? k.originatorIp : '',
    macMobilitySequence: sequence,
    sticky,
  };
}

/** The label of a PMSI_TUNNEL attribute (the VNI of a type 3 route), if it has a readable one. */
function pmsiLabel(attrs: PathAttributes): number | undefined {
  if (!attrs.pmsiTunnel) return undefined;
  const p = decodePmsiTunnel(attrs.pmsiTunnel);
  return typeof p === 'string' ? undefined : p.label;
}
