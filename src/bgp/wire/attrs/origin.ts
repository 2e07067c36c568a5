/**
 * ORIGIN (type 1, well-known mandatory; RFC 4271 §4.3 a, §5.1.1): one octet, IGP 0 / EGP 1 /
 * INCOMPLETE 2. Errors: RFC 7606 §7.1 (treat-as-withdraw).
 */
import type { OriginValue } from '../../types.js';
import { ATTR_TYPE } from '../iana.js';
import { fault } from '../update-errors.js';
import { type AttrCodec, WELL_KNOWN, writeAttrHeader } from './codec.js';

export const ORIGIN_CODEC: AttrCodec = {
  type: ATTR_TYPE.ORIGIN,
  name: 'ORIGIN',
  flags: WELL_KNOWN,
  decode(buf, start, end, b) {
    if (end - start !== 1) return fault('ORIGIN_LENGTH', `ORIGIN length ${end - start} (expected 1)`);
    const v = buf[start]!;
    if (v > 2) return fault('ORIGIN_VALUE', `ORIGIN value ${v} undefined`);
    b.origin = v as OriginValue;
    return undefined;
  },
  encode(w, attrs) {
    writeAttrHeader(w, WELL_KNOWN, ATTR_TYPE.ORIGIN, 1);
    w.u8(attrs.origin);
  },
};
