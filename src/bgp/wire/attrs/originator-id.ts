/**
 * ORIGINATOR_ID (type 9, optional non-transitive; RFC 4456 §8): the BGP Identifier of the route's
 * originator in the local AS. Errors: length ≠ 4 → treat-as-withdraw (RFC 7606 §7.9).
 */
import { formatIPv4, parseIPv4 } from '../../../lib/ip.js';
import { ATTR_TYPE } from '../iana.js';
import { fault } from '../update-errors.js';
import { type AttrCodec, OPTIONAL_NON_TRANSITIVE, writeAttrHeader } from './codec.js';

export const ORIGINATOR_ID_CODEC: AttrCodec = {
  type: ATTR_TYPE.ORIGINATOR_ID,
  name: 'ORIGINATOR_ID',
  flags: OPTIONAL_NON_TRANSITIVE,
  decode(buf, start, end, b) {
    if (end - start !== 4) return fault('ORIGINATOR_ID_LENGTH', `ORIGINATOR_ID length ${end - start} (expected 4)`);
    b.originatorId = formatIPv4(buf, start);
    return undefined;
  },
  encode(w, attrs) {
    if (attrs.originatorId === undefined) return;
    writeAttrHeader(w, OPTIONAL_NON_TRANSITIVE, ATTR_TYPE.ORIGINATOR_ID, 4);
    w.bytes(parseIPv4(attrs.originatorId, 'originatorId'));
  },
};
