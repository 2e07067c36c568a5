/**
 * ATOMIC_AGGREGATE (type 6, well-known discretionary; RFC 4271 §4.3 f, §5.1.6): no value.
 * Errors: length ≠ 0 → attribute-discard (RFC 7606 §7.6).
 */
import { ATTR_TYPE } from '../iana.js';
import { fault } from '../update-errors.js';
import { type AttrCodec, WELL_KNOWN, writeAttrHeader } from './codec.js';

export const ATOMIC_AGGREGATE_CODEC: AttrCodec = {
  type: ATTR_TYPE.ATOMIC_AGGREGATE,
  name: 'ATOMIC_AGGREGATE',
  flags: WELL_KNOWN,
  decode(_buf, start, end, b) {
    if (end !== start) return fault('ATOMIC_AGGREGATE_LENGTH', `ATOMIC_AGGREGATE length ${end - start} (expected 0)`);
    b.atomicAggregate = true;
    return undefined;
  },
  encode(w, attrs) {
    if (!attrs.atomicAggregate) return;
    writeAttrHeader(w, WELL_KNOWN, ATTR_TYPE.ATOMIC_AGGREGATE, 0);
  },
};
