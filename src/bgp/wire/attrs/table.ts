/**
 * The path attribute table: one row per known type code (RFC 4271 §5 and the RFCs named in each
 * row's file). Decoding looks rows up by type code; encoding walks them in type-code order.
 */
import type { Writer } from '../../../lib/bytes.js';
import type { PathAttributes } from '../../types.js';
import type { CodecContext } from '../context.js';
import { ATTR_TYPE } from '../iana.js';
import { AGGREGATOR_CODEC } from './aggregator.js';
import { AS_PATH_CODEC } from './as-path.js';
import { AS4_AGGREGATOR_CODEC } from './as4-aggregator.js';
import { AS4_PATH_CODEC } from './as4-path.js';
import { ATOMIC_AGGREGATE_CODEC } from './atomic-aggregate.js';
import { CLUSTER_LIST_CODEC } from './cluster-list.js';
import type { AttrCodec } from './codec.js';
import { COMMUNITIES_CODEC } from './communities.js';
import { EXT_COMMUNITIES_CODEC } from './ext-communities.js';
import { LARGE_COMMUNITY_CODEC } from './large-community.js';
import { LOCAL_PREF_CODEC } from './local-pref.js';
import { MED_CODEC } from './med.js';
import { MP_REACH_CODEC } from './mp-reach.js';
import { MP_UNREACH_CODEC } from './mp-unreach.js';
import { NEXT_HOP_CODEC } from './next-hop.js';
import { ORIGIN_CODEC } from './origin.js';
import { ORIGINATOR_ID_CODEC } from './originator-id.js';
import { PMSI_TUNNEL_CODEC } from './pmsi-tunnel.js';
import { sortedUnknown, writeUnknown } from './unknown.js';

/** Every known attribute, in type-code order. */
export const ATTRIBUTES: readonly AttrCodec[] = [
  ORIGIN_CODEC,
  AS_PATH_CODEC,
  NEXT_HOP_CODEC,
  MED_CODEC,
  LOCAL_PREF_CODEC,
  ATOMIC_AGGREGATE_CODEC,
  AGGREGATOR_CODEC,
  COMMUNITIES_CODEC,
  ORIGINATOR_ID_CODEC,
  CLUSTER_LIST_CODEC,
  MP_REACH_CODEC,
  MP_UNREACH_CODEC,
  EXT_COMMUNITIES_CODEC,
  AS4_PATH_CODEC,
  AS4_AGGREGATOR_CODEC,
  PMSI_TUNNEL_CODEC,
  LARGE_COMMUNITY_CODEC,
];

/** Row by type code (sparse array: index = type code). */
export const ATTRIBUTE_BY_TYPE: readonly (AttrCodec | undefined)[] = (() => {
  const t = new Array<AttrCodec | undefined>(256).fill(undefined);
  for (const a of ATTRIBUTES) t[a.type] = a;
  return t;
})();

/**
 * Writes every attribute of `attrs` except MP_REACH/MP_UNREACH, kept unknown ones included, in
 * type-code order (RFC 4271 §5). NEXT_HOP only when `withNextHop` (classic IPv4 NLRI present).
 * @throws BambuError INVALID_ARGUMENT / RangeError for values that cannot be encoded (bad address…)
 */
export function writeAttributes(w: Writer, attrs: PathAttributes, ctx: CodecContext, withNextHop: boolean): void {
  const unknown = sortedUnknown(attrs);
  let u = 0;
  for (const a of ATTRIBUTES) {
    while (u < unknown.length && unknown[u]!.type < a.type) writeUnknown(w, unknown[u++]!);
    if (a.encode === null) continue;
    if (a.type === ATTR_TYPE.NEXT_HOP && !withNextHop) continue;
    a.encode(w, attrs, ctx);
  }
  while (u < unknown.length) writeUnknown(w, unknown[u++]!);
}
