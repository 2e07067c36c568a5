/**
 * CLUSTER_LIST (type 10, optional non-transitive; RFC 4456 §8): list of 4-octet CLUSTER_IDs,
 * shown as dotted quads. Errors: length 0 or not a multiple of 4 → treat-as-withdraw (RFC 7606 §7.10).
 */
import { formatIPv4, parseIPv4 } from '../../../lib/ip.js';
import { ATTR_TYPE } from '../iana.js';
import { fault } from '../update-errors.js';
import { type AttrCodec, OPTIONAL_NON_TRANSITIVE, writeAttrHeader } from './codec.js';

export const CLUSTER_LIST_CODEC: AttrCodec = {
  type: ATTR_TYPE.CLUSTER_LIST,
  name: 'CLUSTER_LIST',
  flags: OPTIONAL_NON_TRANSITIVE,
  decode(buf, start, end, b) {
    const len = end - start;
    if (len === 0 || len % 4 !== 0) return fault('CLUSTER_LIST_LENGTH', `CLUSTER_LIST length ${len} (non-zero multiple of 4)`);
    const out = new Array<string>(len >> 2);
    for (let i = 0, p = start; p < end; i++, p += 4) out[i] = formatIPv4(buf, p);
    b.clusterList = out;
    return undefined;
  },
  encode(w, attrs) {
    const c = attrs.clusterList;
    if (c === undefined || c.length === 0) return;
    writeAttrHeader(w, OPTIONAL_NON_TRANSITIVE, ATTR_TYPE.CLUSTER_LIST, c.length * 4);
    for (const id of c) w.bytes(parseIPv4(id, 'clusterList'));
  },
};
