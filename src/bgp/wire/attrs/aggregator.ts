/**
 * AGGREGATOR (type 7, optional transitive; RFC 4271 §4.3 g, §5.1.7): AS (2 octets, or 4 with the
 * 4-octet AS capability, RFC 6793 §4) + IPv4 address. Towards a 2-octet peer an AS > 65535 is sent
 * as AS_TRANS with AS4_AGGREGATOR carrying the real one (RFC 6793 §4.2.2).
 * Errors: length ≠ 6 / 8 → attribute-discard (RFC 7606 §7.7).
 */
import { formatIPv4, parseIPv4 } from '../../../lib/ip.js';
import { AS_TRANS, ATTR_TYPE } from '../iana.js';
import { fault } from '../update-errors.js';
import { type AttrCodec, OPTIONAL_TRANSITIVE, u16at, u32at, writeAttrHeader } from './codec.js';

export const AGGREGATOR_CODEC: AttrCodec = {
  type: ATTR_TYPE.AGGREGATOR,
  name: 'AGGREGATOR',
  flags: OPTIONAL_TRANSITIVE,
  decode(buf, start, end, b, ctx) {
    const want = ctx.fourOctetAs ? 8 : 6;
    if (end - start !== want) return fault('AGGREGATOR_LENGTH', `AGGREGATOR length ${end - start} (expected ${want})`);
    b.aggregator = ctx.fourOctetAs
      ? { asn: u32at(buf, start), address: formatIPv4(buf, start + 4) }
      : { asn: u16at(buf, start), address: formatIPv4(buf, start + 2) };
    return undefined;
  },
  encode(w, attrs, ctx) {
    const agg = attrs.aggregator;
    if (agg === undefined) return;
    if (ctx.fourOctetAs) {
      writeAttrHeader(w, OPTIONAL_TRANSITIVE, ATTR_TYPE.AGGREGATOR, 8);
      w.u32(agg.asn);
    } else {
      writeAttrHeader(w, OPTIONAL_TRANSITIVE, ATTR_TYPE.AGGREGATOR, 6);
      w.u16(agg.asn > 0xffff ? AS_TRANS : agg.asn);
    }
    w.bytes(parseIPv4(agg.address, 'aggregator.address'));
  },
};
