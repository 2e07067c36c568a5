/**
 * EXTENDED_COMMUNITIES (type 16, optional transitive; RFC 4360 §2): a list of 8-octet values,
 * kept raw in PathAttributes (kinds: ext-community.ts). Errors: length 0 or not a multiple of 8 →
 * treat-as-withdraw (RFC 7606 §7.14).
 */
import { copyBytes } from '../../../lib/bytes.js';
import { ATTR_TYPE } from '../iana.js';
import { fault } from '../update-errors.js';
import { type AttrCodec, OPTIONAL_TRANSITIVE, writeAttrHeader } from './codec.js';

export const EXT_COMMUNITIES_CODEC: AttrCodec = {
  type: ATTR_TYPE.EXTENDED_COMMUNITIES,
  name: 'EXTENDED_COMMUNITIES',
  flags: OPTIONAL_TRANSITIVE,
  decode(buf, start, end, b) {
    const len = end - start;
    if (len === 0 || len % 8 !== 0) {
      return fault('EXT_COMMUNITIES_LENGTH', `EXTENDED_COMMUNITIES length ${len} (non-zero multiple of 8)`);
    }
    const out = new Array<Uint8Array>(len >> 3);
    for (let i = 0, p = start; p < end; i++, p += 8) out[i] = copyBytes(buf, p, p + 8);
    b.extCommunities = out;
    return undefined;
  },
  encode(w, attrs) {
    const c = attrs.extCommunities;
    if (c === undefined || c.length === 0) return;
    for (const v of c) if (v.length !== 8) throw new RangeError(`extCommunities: value of ${v.length} octets (expected 8)`);
    writeAttrHeader(w, OPTIONAL_TRANSITIVE, ATTR_TYPE.EXTENDED_COMMUNITIES, c.length * 8);
    for (const v of c) w.bytes(v);
  },
};
