/**
 * BGP UPDATE PDUs for Route Monitoring (RFC 7854 §4.6): the pre-policy Adj-RIB-In of a peer as a
 * series of UPDATEs (initial dump, RFC 7854 §5), and each received UPDATE re-encoded as it
 * arrived (families not negotiated are skipped, RFC 7606 treat-as-withdraw becomes withdrawals),
 * all with the codec's packers (src/bgp/wire/, 4-octet AS numbers, 4096-octet messages).
 */
import type { AfiSafi, PathAttributes } from '../bgp/types.js';
import { encodeEndOfRib, encodeUpdates, encodeWithdrawals, type CodecContext, type UpdateMessage } from '../bgp/wire/index.js';

/** The context BMP UPDATE PDUs are encoded with. */
export function bmpContext(families: readonly AfiSafi[]): CodecContext {
  return { fourOctetAs: true, extendedMessage: false, families };
}

/** IPv4 NLRI use NEXT_HOP; the link-local next hop only exists in MP_REACH_NLRI. */
function v4Attrs(a: PathAttributes): PathAttributes {
  if (a.nextHopLinkLocal === undefined) return a;
  const { nextHopLinkLocal: _ll, ...rest } = a;
  return rest;
}

/** UPDATE PDUs for the whole table, grouped per family and attribute set, then End-of-RIB per family. */
export function dumpPdus(entries: Iterable<readonly [AfiSafi, string, PathAttributes, ...unknown[]]>, families: readonly AfiSafi[]): Buffer[] {
  const ctx = bmpContext(families);
  const groups = new Map<AfiSafi, Map<PathAttributes, string[]>>();
  for (const [family, prefix, attrs] of entries) {
    let g = groups.get(family);
    if (!g) groups.set(family, (g = new Map()));
    const list = g.get(attrs);
    if (list) list.push(prefix);
    else g.set(attrs, [prefix]);
  }
  const out: Buffer[] = [];
  for (const [family, g] of groups) {
    for (const [attrs, prefixes] of g) out.push(...encodeUpdates(family, prefixes, family === 'ipv4-unicast' ? v4Attrs(attrs) : attrs, ctx));
  }
  for (const family of families) out.push(encodeEndOfRib(family, ctx));
  return out;
}

/** UPDATE PDUs equivalent to one received UPDATE. */
export function updatePdus(msg: UpdateMessage, families: readonly AfiSafi[]): Buffer[] {
  const ctx = bmpContext(families);
  const ok = (f: AfiSafi) => families.includes(f);
  const out: Buffer[] = [];
  const withdrawV4 = [...msg.withdrawn];
  const mpWithdraw = msg.mpUnreach && ok(msg.mpUnreach.family) ? [...msg.mpUnreach.withdrawn] : [];
  const attrs = msg.attributes;
  const mp = msg.mpReach && ok(msg.mpReach.family) ? msg.mpReach : undefined;
  if (msg.treatAsWithdraw !== undefined || !attrs) {
    withdrawV4.push(...msg.nlri);
    if (mp) out.push(...encodeWithdrawals(mp.family, mp.nlri, ctx));
  } else {
    if (msg.nlri.length > 0 && ok('ipv4-unicast')) out.push(...encodeUpdates('ipv4-unicast', msg.nlri, v4Attrs(attrs), ctx));
    if (mp && mp.nlri.length > 0) {
      const a: PathAttributes = { ...attrs, nextHop: mp.nextHop, ...(mp.nextHopLinkLocal ? { nextHopLinkLocal: mp.nextHopLinkLocal } : {}) };
      if (!mp.nextHopLinkLocal) delete (a as { nextHopLinkLocal?: string }).nextHopLinkLocal;
      out.push(...encodeUpdates(mp.family, mp.nlri, a, ctx));
    }
  }
  if (withdrawV4.length > 0 && ok('ipv4-unicast')) out.unshift(...encodeWithdrawals('ipv4-unicast', withdrawV4, ctx));
  if (mpWithdraw.length > 0) out.unshift(...encodeWithdrawals(msg.mpUnreach!.family, mpWithdraw, ctx));
  return out;
}
