/**
 * Our OPEN (RFC 4271 §4.2) with the capabilities we offer (RFC 5492): Multiprotocol per family
 * (RFC 4760), Route Refresh (RFC 2918), 4-octet AS (RFC 6793), Extended Message (RFC 8654);
 * and readable text for NOTIFICATIONs (PeerInfo.lastError).
 */
import type { AfiSafi } from '../types.js';
import { AS_TRANS, BGP_VERSION, CEASE_SUBCODE, ERROR_CODE, type Capability, type OpenMessage } from '../wire/index.js';
import { parseShutdownCommunication } from '../fsm/index.js';

/**
 * Builds our OPEN.
 * @param asn          our 4-octet AS (AS_TRANS goes in My Autonomous System when > 65535)
 * @param routerId     BGP Identifier (dotted quad)
 * @param holdTimeSecs Hold Time offered (0 or ≥ 3)
 * @param families     address families offered
 */
export function buildOpen(asn: number, routerId: string, holdTimeSecs: number, families: readonly AfiSafi[]): OpenMessage {
  const capabilities: Capability[] = [
    ...families.map((family): Capability => ({ code: 'multiprotocol', family })),
    { code: 'route-refresh' },
    { code: 'four-octet-as', asn },
    { code: 'extended-message' },
  ];
  return { type: 'open', version: BGP_VERSION, myAs: asn > 0xffff ? AS_TRANS : asn, holdTime: holdTimeSecs, bgpId: routerId, capabilities };
}

const CODE_NAMES: Record<number, string> = {
  [ERROR_CODE.MESSAGE_HEADER]: 'Message Header Error',
  [ERROR_CODE.OPEN_MESSAGE]: 'OPEN Message Error',
  [ERROR_CODE.UPDATE_MESSAGE]: 'UPDATE Message Error',
  [ERROR_CODE.HOLD_TIMER_EXPIRED]: 'Hold Timer Expired',
  [ERROR_CODE.FSM]: 'Finite State Machine Error',
  [ERROR_CODE.CEASE]: 'Cease',
  [ERROR_CODE.ROUTE_REFRESH_MESSAGE]: 'ROUTE-REFRESH Message Error',
};

const CEASE_NAMES: Record<number, string> = {
  [CEASE_SUBCODE.MAXIMUM_PREFIXES_REACHED]: 'Maximum Number of Prefixes Reached',
  [CEASE_SUBCODE.ADMINISTRATIVE_SHUTDOWN]: 'Administrative Shutdown',
  [CEASE_SUBCODE.PEER_DECONFIGURED]: 'Peer De-configured',
  [CEASE_SUBCODE.ADMINISTRATIVE_RESET]: 'Administrative Reset',
  [CEASE_SUBCODE.CONNECTION_REJECTED]: 'Connection Rejected',
  [CEASE_SUBCODE.OTHER_CONFIGURATION_CHANGE]: 'Other Configuration Change',
  [CEASE_SUBCODE.CONNECTION_COLLISION_RESOLUTION]: 'Connection Collision Resolution',
  [CEASE_SUBCODE.OUT_OF_RESOURCES]: 'Out of Resources',
};

/**
 * "Cease/Administrative Shutdown (6/2): maintenance" — readable NOTIFICATION text, with the RFC 8203
 * shutdown communication when present.
 */
export function describeNotification(code: number, subcode: number, data: Uint8Array = new Uint8Array(0)): string {
  const name = code === ERROR_CODE.CEASE && CEASE_NAMES[subcode] ? `Cease/${CEASE_NAMES[subcode]}` : (CODE_NAMES[code] ?? 'Unknown error');
  let text = `${name} (${code}/${subcode})`;
  if (code === ERROR_CODE.CEASE && (subcode === CEASE_SUBCODE.ADMINISTRATIVE_SHUTDOWN || subcode === CEASE_SUBCODE.ADMINISTRATIVE_RESET)) {
    const msg = parseShutdownCommunication(data);
    if (msg !== undefined) text += `: ${msg}`;
  }
  return text;
}
