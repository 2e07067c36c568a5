/**
 * MULTI_EXIT_DISC (type 4, optional non-transitive; RFC 4271 §4.3 d, §5.1.4): uint32.
 * Errors: length ≠ 4 → treat-as-withdraw (RFC 7606 §7.4).
 */
import { ATTR_TYPE } from '../iana.js';
import { fault } from '../update-errors.js';
import { type AttrCodec, OPTIONAL_NON_TRANSITIVE, u32at, writeAttrHeader } from './codec.js';

export const MED_CODEC: AttrCodec = {
  type: ATTR_TYPE.MULTI_EXIT_DISC,
  name: 'MULTI_EXIT_DISC',
  flags: OPTIONAL_NON_TRANSITIVE,
  decode(buf, start, end, b) {
    if (end - start !== 4) return fault('MED_LENGTH', `MULTI_EXIT_DISC length ${end - start} (expected 4)`);
    b.med = u32at(buf, start);
    return undefined;
  },
  encode(w, attrs) {
    if (attrs.med === undefined) return;
    writeAttrHeader(w, OPTIONAL_NON_TRANSITIVE, ATTR_TYPE.MULTI_EXIT_DISC, 4);
    w.u32(attrs.med);
  },
};
