/**
 * A received UPDATE applied to the RIB (RFC 4271 §9, RFC 4760, RFC 7606): withdrawals first, then
 * announcements; treat-as-withdraw turns every announced prefix into a withdrawal; families not
 * negotiated on the session are ignored (RFC 4760 §6). Max-prefix (seed MaxPrefixSetting):
 * DISCARD ignores new prefixes beyond the limit, TERMINATE reports the overflow to the caller
 * (which stops the session with CEASE/1). NLRI data (EVPN labels, `mpReach.data[i]`) goes to the
 * RIB beside its route key, outside the interned attributes (docs/evpn.md).
 */
import type { Rib } from '../rib/rib.js';
import type { PathSource } from '../rib/path.js';
import type { AfiSafi, PathAttributes } from '../types.js';
import type { NlriData, UpdateMessage } from '../wire/index.js';

/** Outcome of applying one UPDATE. */
export interface UpdateOutcome {
  /** The max-prefix limit was exceeded with action TERMINATE. */
  readonly limitExceeded: boolean;
}

/**
 * Applies `msg` from `source` to the RIB.
 * @param families  families negotiated on the session
 * @param maxPrefix the peer's limit, if any
 */
export function applyUpdate(
  rib: Rib,
  source: PathSource,
  families: readonly AfiSafi[],
  msg: UpdateMessage,
  maxPrefix?: { readonly limit: number; readonly action: 'terminate' | 'discard' },
): UpdateOutcome {
  const ok = (f: AfiSafi) => families.includes(f);
  for (const p of msg.withdrawn) rib.withdraw(source, 'ipv4-unicast', p);
  if (msg.mpUnreach && ok(msg.mpUnreach.family)) for (const p of msg.mpUnreach.withdrawn) rib.withdraw(source, msg.mpUnreach.family, p);

  const attrs = msg.attributes;
  if (msg.treatAsWithdraw !== undefined || !attrs) {
    // RFC 7606 §2: treat-as-withdraw; an UPDATE without attributes announces nothing.
    for (const p of msg.nlri) rib.withdraw(source, 'ipv4-unicast', p);
    if (msg.mpReach && ok(msg.mpReach.family)) for (const p of msg.mpReach.nlri) rib.withdraw(source, msg.mpReach.family, p);
    return { limitExceeded: false };
  }
  let limitExceeded = false;
  const adjIn = rib.adjRibIn(source.address);
  const learn = (family: AfiSafi, prefix: string, a: PathAttributes, data?: NlriData) => {
    if (maxPrefix && adjIn.get(family, prefix) === undefined && adjIn.size() >= maxPrefix.limit) {
      if (maxPrefix.action === 'discard') return;
      limitExceeded = true;
    }
    rib.learn(source, family, prefix, a, data);
  };
  if (msg.nlri.length > 0 && ok('ipv4-unicast')) {
    const { nextHopLinkLocal: _ll, ...v4 } = attrs;
    const shared = rib.interner.intern(v4); // once per UPDATE, not per prefix
    for (const p of msg.nlri) learn('ipv4-unicast', p, shared);
  }
  const mp = msg.mpReach;
  if (mp && ok(mp.family) && mp.nlri.length > 0) {
    const a: PathAttributes = { ...attrs, nextHop: mp.nextHop, ...(mp.nextHopLinkLocal ? { nextHopLinkLocal: mp.nextHopLinkLocal } : {}) };
    if (!mp.nextHopLinkLocal) delete (a as { nextHopLinkLocal?: string }).nextHopLinkLocal;
    const shared = rib.interner.intern(a);
    const data = mp.data;
    mp.nlri.forEach((p, i) => learn(mp.family, p, shared, data?.[i]));
  }
  return { limitExceeded };
}
