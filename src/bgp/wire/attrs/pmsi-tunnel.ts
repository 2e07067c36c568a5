/**
 * PMSI_TUNNEL (type 22, optional transitive; RFC 6514 §5): Flags (1), Tunnel Type (1), MPLS Label
 * (3), Tunnel Identifier (variable). Kept raw: EVPN type-3 routes interpret it (RFC 7432 §11.2,
 * RFC 8365 §5.1.3). No length check beyond the attribute header.
 */
import { copyBytes } from '../../../lib/bytes.js';
import { ATTR_TYPE } from '../iana.js';
import { type AttrCodec, OPTIONAL_TRANSITIVE, writeAttrHeader } from './codec.js';

export const PMSI_TUNNEL_CODEC: AttrCodec = {
  type: ATTR_TYPE.PMSI_TUNNEL,
  name: 'PMSI_TUNNEL',
  flags: OPTIONAL_TRANSITIVE,
  decode(buf, start, end, b) {
    b.pmsiTunnel = copyBytes(buf, start, end);
    return undefined;
  },
  encode(w, attrs) {
    const v = attrs.pmsiTunnel;
    if (v === undefined) return;
    writeAttrHeader(w, OPTIONAL_TRANSITIVE, ATTR_TYPE.PMSI_TUNNEL, v.length);
    w.bytes(v);
  },
};
