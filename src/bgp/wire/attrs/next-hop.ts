/**
 * NEXT_HOP (type 3, well-known mandatory with classic NLRI; RFC 4271 §4.3 c, §5.1.3): the IPv4
 * next hop, 4 octets. Errors (RFC 7606 §7.3, treat-as-withdraw): length ≠ 4 (subcode 5); an
 * address that cannot be a unicast host (0.0.0.0/8, class D and E incl. 255.255.255.255) is
 * "syntactically incorrect" per RFC 4271 §6.3 (subcode 8).
 * Sent only with IPv4 NLRI in the classic field (other families carry it in MP_REACH_NLRI).
 */
import { formatIPv4, parseIPv4 } from '../../../lib/ip.js';
import { ATTR_TYPE } from '../iana.js';
import { fault } from '../update-errors.js';
import { type AttrCodec, WELL_KNOWN, writeAttrHeader } from './codec.js';

/** True when a first octet makes an IPv4 address unusable as a next hop: 0/8, 224/4 (D), 240/4 (E). */
function invalidFirstOctet(b0: number): boolean {
  return b0 === 0 || b0 >= 224;
}

export const NEXT_HOP_CODEC: AttrCodec = {
  type: ATTR_TYPE.NEXT_HOP,
  name: 'NEXT_HOP',
  flags: WELL_KNOWN,
  decode(buf, start, end, b) {
    if (end - start !== 4) return fault('NEXT_HOP_LENGTH', `NEXT_HOP length ${end - start} (expected 4)`);
    const address = formatIPv4(buf, start);
    if (invalidFirstOctet(buf[start]!)) return fault('NEXT_HOP_INVALID', `NEXT_HOP ${address} is not a unicast host address`);
    b.nextHop = address;
    return undefined;
  },
  // Written by the UPDATE encoder only when classic NLRI is present (see attrs/table.ts).
  encode(w, attrs) {
    if (attrs.nextHop === undefined) return;
    writeAttrHeader(w, WELL_KNOWN, ATTR_TYPE.NEXT_HOP, 4);
    w.bytes(parseIPv4(attrs.nextHop, 'nextHop'));
  },
};
