/**
 * ROUTE-REFRESH message (RFC 2918 §3, RFC 7313 §3.2):
 *
 *   0       7      15      23      31
 *  +-------+-------+-------+-------+
 *  |      AFI      | Subtype| SAFI |
 *  +-------+-------+-------+-------+
 *
 * Subtype 0 = request, 1 = BoRR, 2 = EoRR. Length rules (RFC 7313 §5): a BoRR/EoRR whose body is
 * not 4 octets → NOTIFICATION 7/1; a request may be longer (ORF entries, RFC 5291, ignored here).
 */
import { copyBytes } from '../../lib/bytes.js';
import type { Writer } from '../../lib/bytes.js';
import { BgpNotificationError } from './errors.js';
import { familyByCode, familyCodec } from './families.js';
import { finishHeader, writeHeader } from './header.js';
import { ERROR_CODE, HEADER_LENGTH, MESSAGE_TYPE, ROUTE_REFRESH_SUBCODE, ROUTE_REFRESH_SUBTYPE } from './iana.js';
import type { RouteRefreshMessage } from './messages.js';

/**
 * Decodes one framed ROUTE-REFRESH (≥ 23 octets, checked by the header).
 * @throws BgpNotificationError 7/1 Invalid Message Length for a BoRR/EoRR longer than 23 octets
 */
export function decodeRouteRefresh(buf: Uint8Array): RouteRefreshMessage {
  const p = HEADER_LENGTH;
  const afi = (buf[p]! << 8) | buf[p + 1]!;
  const subtype = buf[p + 2]!;
  const safi = buf[p + 3]!;
  if ((subtype === ROUTE_REFRESH_SUBTYPE.BORR || subtype === ROUTE_REFRESH_SUBTYPE.EORR) && buf.length !== HEADER_LENGTH + 4) {
    throw new BgpNotificationError(
      ERROR_CODE.ROUTE_REFRESH_MESSAGE,
      ROUTE_REFRESH_SUBCODE.INVALID_MESSAGE_LENGTH,
      `ROUTE-REFRESH subtype ${subtype} with ${buf.length - HEADER_LENGTH} octets (expected 4)`,
      copyBytes(buf),
    );
  }
  return { type: 'route-refresh', family: familyByCode(afi, safi)?.family ?? null, subtype, afi, safi };
}

/**
 * Encodes a ROUTE-REFRESH (AFI/SAFI from `family`, or from `afi`/`safi` when family is null).
 * @throws RangeError when neither is given
 */
export function encodeRouteRefresh(w: Writer, msg: RouteRefreshMessage): void {
  let afi: number;
  let safi: number;
  if (msg.family !== null) {
    const row = familyCodec(msg.family);
    afi = row.afi;
    safi = row.safi;
  } else if (msg.afi !== undefined && msg.safi !== undefined) {
    afi = msg.afi;
    safi = msg.safi;
  } else {
    throw new RangeError('ROUTE-REFRESH: family or afi/safi required');
  }
  const at = writeHeader(w, MESSAGE_TYPE.ROUTE_REFRESH);
  w.u16(afi).u8(msg.subtype).u8(safi);
  finishHeader(w, at);
}
