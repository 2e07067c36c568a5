/**
 * LOCAL_PREF (type 5, well-known; RFC 4271 §4.3 e, §5.1.5): uint32, iBGP only.
 * Errors: length ≠ 4 → treat-as-withdraw (RFC 7606 §7.5). Whether to send it (iBGP) or to ignore
 * it from an external peer (RFC 7606 §7.5 attribute-discard) is the session's decision: the
 * encoder writes it whenever `localPref` is set.
 */
import { ATTR_TYPE } from '../iana.js';
import { fault } from '../update-errors.js';
import { type AttrCodec, WELL_KNOWN, u32at, writeAttrHeader } from './codec.js';

export const LOCAL_PREF_CODEC: AttrCodec = {
  type: ATTR_TYPE.LOCAL_PREF,
  name: 'LOCAL_PREF',
  flags: WELL_KNOWN,
  decode(buf, start, end, b) {
    if (end - start !== 4) return fault('LOCAL_PREF_LENGTH', `LOCAL_PREF length ${end - start} (expected 4)`);
    b.localPref = u32at(buf, start);
    return undefined;
  },
  encode(w, attrs) {
    if (attrs.localPref === undefined) return;
    writeAttrHeader(w, WELL_KNOWN, ATTR_TYPE.LOCAL_PREF, 4);
    w.u32(attrs.localPref);
  },
};
