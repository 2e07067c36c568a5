/**
 * LARGE_COMMUNITY (type 32, optional transitive; RFC 8092 §3): list of 12-octet values
 * (Global Administrator, Local Data Part 1, Local Data Part 2; uint32 each).
 * Errors: length 0 or not a multiple of 12 → treat-as-withdraw (RFC 8092 §6).
 */
import type { LargeCommunity } from '../../types.js';
import { ATTR_TYPE } from '../iana.js';
import { fault } from '../update-errors.js';
import { type AttrCodec, OPTIONAL_TRANSITIVE, u32at, writeAttrHeader } from './codec.js';

export const LARGE_COMMUNITY_CODEC: AttrCodec = {
  type: ATTR_TYPE.LARGE_COMMUNITY,
  name: 'LARGE_COMMUNITY',
  flags: OPTIONAL_TRANSITIVE,
  decode(buf, start, end, b) {
    const len = end - start;
    if (len === 0 || len % 12 !== 0) {
      return fault('LARGE_COMMUNITY_LENGTH', `LARGE_COMMUNITY length ${len} (non-zero multiple of 12)`);
    }
    const out = new Array<LargeCommunity>(len / 12);
    for (let i = 0, p = start; p < end; i++, p += 12) {
      out[i] = { globalAdmin: u32at(buf, p), localData1: u32at(buf, p + 4), localData2: u32at(buf, p + 8) };
    }
    b.largeCommunities = out;
    return undefined;
  },
  encode(w, attrs) {
    const c = attrs.largeCommunities;
    if (c === undefined || c.length === 0) return;
    writeAttrHeader(w, OPTIONAL_TRANSITIVE, ATTR_TYPE.LARGE_COMMUNITY, c.length * 12);
    for (const v of c) w.u32(v.globalAdmin).u32(v.localData1).u32(v.localData2);
  },
};
