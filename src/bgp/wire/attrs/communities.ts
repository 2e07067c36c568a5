/**
 * COMMUNITIES (type 8, optional transitive; RFC 1997): a list of uint32.
 * Errors: length 0 or not a multiple of 4 → treat-as-withdraw (RFC 7606 §7.8).
 */
import { ATTR_TYPE } from '../iana.js';
import { fault } from '../update-errors.js';
import { type AttrCodec, OPTIONAL_TRANSITIVE, u32at, writeAttrHeader } from './codec.js';

export const COMMUNITIES_CODEC: AttrCodec = {
  type: ATTR_TYPE.COMMUNITIES,
  name: 'COMMUNITIES',
  flags: OPTIONAL_TRANSITIVE,
  decode(buf, start, end, b) {
    const len = end - start;
    if (len === 0 || len % 4 !== 0) return fault('COMMUNITIES_LENGTH', `COMMUNITIES length ${len} (non-zero multiple of 4)`);
    const out = new Array<number>(len >> 2);
    for (let i = 0, p = start; p < end; i++, p += 4) out[i] = u32at(buf, p);
    b.communities = out;
    return undefined;
  },
  encode(w, attrs) {
    const c = attrs.communities;
    if (c === undefined || c.length === 0) return;
    writeAttrHeader(w, OPTIONAL_TRANSITIVE, ATTR_TYPE.COMMUNITIES, c.length * 4);
    for (const v of c) w.u32(v);
  },
};
