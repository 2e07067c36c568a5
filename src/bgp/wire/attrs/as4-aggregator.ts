/**
 * AS4_AGGREGATOR (type 18, optional transitive; RFC 6793 §3): 4-octet AS + IPv4 address, sent to
 * a 2-octet peer when the aggregator AS is > 65535. On decode it replaces AGGREGATOR only when
 * AGGREGATOR carries AS_TRANS (RFC 6793 §4.2.3). Errors: length ≠ 8 → attribute-discard; from a
 * 4-octet peer → discarded (RFC 6793 §6).
 */
import { formatIPv4, parseIPv4 } from '../../../lib/ip.js';
import { ATTR_TYPE } from '../iana.js';
import { fault } from '../update-errors.js';
import { type AttrCodec, OPTIONAL_TRANSITIVE, u32at, writeAttrHeader } from './codec.js';

export const AS4_AGGREGATOR_CODEC: AttrCodec = {
  type: ATTR_TYPE.AS4_AGGREGATOR,
  name: 'AS4_AGGREGATOR',
  flags: OPTIONAL_TRANSITIVE,
  decode(buf, start, end, b, ctx) {
    if (ctx.fourOctetAs) return fault('AS4_FROM_NEW_SPEAKER', 'AS4_AGGREGATOR received from a 4-octet-AS speaker');
    if (end - start !== 8) return fault('AS4_AGGREGATOR_LENGTH', `AS4_AGGREGATOR length ${end - start} (expected 8)`);
    b.as4Aggregator = { asn: u32at(buf, start), address: formatIPv4(buf, start + 4) };
    return undefined;
  },
  encode(w, attrs, ctx) {
    const agg = attrs.aggregator;
    if (ctx.fourOctetAs || agg === undefined || agg.asn <= 0xffff) return;
    writeAttrHeader(w, OPTIONAL_TRANSITIVE, ATTR_TYPE.AS4_AGGREGATOR, 8);
    w.u32(agg.asn).bytes(parseIPv4(agg.address, 'aggregator.address'));
  },
};
