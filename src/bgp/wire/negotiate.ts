/**
 * OPEN validation and capability negotiation (RFC 4271 §4.2 and §6.2, RFC 5492, RFC 6793,
 * RFC 8654, RFC 4760 §8, RFC 2918, RFC 7313).
 */
import { formatIPv4, parseIPv4 } from '../../lib/ip.js';
import type { AfiSafi } from '../types.js';
import { capabilityCode } from './capabilities.js';
import { BgpNotificationError } from './errors.js';
import { AS_TRANS, BGP_VERSION, ERROR_CODE, OPEN_SUBCODE } from './iana.js';
import type { Capability, OpenMessage } from './messages.js';

/** What both sides agreed on; feeds the CodecContext of the session. */
export interface Negotiated {
  /** The remote speaker's AS: the 4-octet AS capability value if sent, else My Autonomous System. */
  readonly asn: number;
  /** Hold Time in seconds: the smaller of both OPENs (RFC 4271 §4.2); 0 = no keepalives. */
  readonly holdTime: number;
  readonly fourOctetAs: boolean;
  readonly extendedMessage: boolean;
  /** Both sides advertised ROUTE-REFRESH (RFC 2918) or Enhanced Route Refresh (RFC 7313). */
  readonly routeRefresh: boolean;
  /** Both sides advertised Enhanced Route Refresh (RFC 7313). */
  readonly enhancedRouteRefresh: boolean;
  /** Families in both OPENs; IPv4 unicast when neither side sent Multiprotocol capabilities. */
  readonly families: readonly AfiSafi[];
}

/** The 4-octet AS from the capability, if present (RFC 6793 §3). */
function fourOctetAsOf(open: OpenMessage): number | undefined {
  for (const c of open.capabilities) if (c.code === 'four-octet-as') return c.asn;
  return undefined;
}

/** The speaker's real AS: the 4-octet AS capability value, else the OPEN My AS field (RFC 6793 §4.1). */
export function speakerAs(open: OpenMessage): number {
  return fourOctetAsOf(open) ?? open.myAs;
}

function has(open: OpenMessage, code: Capability['code']): boolean {
  for (const c of open.capabilities) if (c.code === code) return true;
  return false;
}

/** Multiprotocol families of an OPEN; IPv4 unicast implied when none (RFC 4760 §8, RFC 4271). */
function familiesOf(open: OpenMessage): { explicit: boolean; families: AfiSafi[] } {
  const families: AfiSafi[] = [];
  for (const c of open.capabilities) if (c.code === 'multiprotocol' && !families.includes(c.family)) families.push(c.family);
  return { explicit: families.length > 0, families };
}

/**
 * Session properties from our OPEN and the peer's OPEN.
 * - holdTime: min of both (RFC 4271 §4.2)
 * - fourOctetAs / extendedMessage / routeRefresh: both sides advertised it (RFC 6793 §4, RFC 8654 §3, RFC 2918 §2)
 * - families: intersection of Multiprotocol capabilities; when one side sent none, that side
 *   supports IPv4 unicast only (RFC 4760 §8 — absence of the capability means IPv4 unicast).
 */
export function negotiate(localOpen: OpenMessage, remoteOpen: OpenMessage): Negotiated {
  const local = familiesOf(localOpen);
  const remote = familiesOf(remoteOpen);
  const l = local.explicit ? local.families : (['ipv4-unicast'] as AfiSafi[]);
  const r = remote.explicit ? remote.families : (['ipv4-unicast'] as AfiSafi[]);
  const families = l.filter((f) => r.includes(f));
  const fourOctetAs = fourOctetAsOf(localOpen) !== undefined && fourOctetAsOf(remoteOpen) !== undefined;
  const enhanced = has(localOpen, 'enhanced-route-refresh') && has(remoteOpen, 'enhanced-route-refresh');
  return {
    asn: speakerAs(remoteOpen),
    holdTime: Math.min(localOpen.holdTime, remoteOpen.holdTime),
    fourOctetAs,
    extendedMessage: has(localOpen, 'extended-message') && has(remoteOpen, 'extended-message'),
    routeRefresh: (has(localOpen, 'route-refresh') && has(remoteOpen, 'route-refresh')) || enhanced,
    enhancedRouteRefresh: enhanced,
    families,
  };
}

/** What validateOpen checks the peer's OPEN against. */
export interface OpenExpectations {
  /** Configured remote AS (4-octet); omit to accept any AS. */
  readonly asn?: number;
  /** Our BGP Identifier (dotted quad): the peer must not use it (RFC 4271 §6.2). */
  readonly localBgpId: string;
  /**
   * Our AS. When given and the peer is external (its AS differs), an identifier equal to ours is
   * accepted (RFC 6286 §2.2 requires distinct identifiers only within an AS); when omitted, an
   * equal identifier is always refused (RFC 4271 §6.2).
   */
  readonly localAsn?: number;
  /** Capability codes we require of the peer (e.g. 'four-octet-as'); missing → 2/7 (RFC 5492 §5). */
  readonly requiredCapabilities?: readonly Capability['code'][];
}

/**
 * Checks a received OPEN (RFC 4271 §6.2).
 * @throws BgpNotificationError
 *   2/1 Unsupported Version Number (data: the largest supported version, 2 octets),
 *   2/2 Bad Peer AS (the speaker's AS — 4-octet AS capability if sent, else My AS — differs from
 *       `expected.asn`, is 0 (RFC 7607), or the capability carries AS_TRANS (RFC 6793 §4.1)),
 *   2/3 Bad BGP Identifier (0.0.0.0, or equal to ours unless the peer is external per
 *       `expected.localAsn` — RFC 6286 §2.2),
 *   2/6 Unacceptable Hold Time (1 or 2 seconds),
 *   2/7 Unsupported Capability (a required capability missing; data: code + zero length of each).
 */
export function validateOpen(open: OpenMessage, expected: OpenExpectations): void {
  if (open.version !== BGP_VERSION) {
    throw new BgpNotificationError(
      ERROR_CODE.OPEN_MESSAGE,
      OPEN_SUBCODE.UNSUPPORTED_VERSION_NUMBER,
      `OPEN: version ${open.version} not supported (only ${BGP_VERSION})`,
      Uint8Array.of(0, BGP_VERSION),
    );
  }
  const asn = speakerAs(open);
  const cap = fourOctetAsOf(open);
  if (asn === 0 || cap === AS_TRANS || (expected.asn !== undefined && asn !== expected.asn)) {
    throw new BgpNotificationError(
      ERROR_CODE.OPEN_MESSAGE,
      OPEN_SUBCODE.BAD_PEER_AS,
      `OPEN: peer AS ${asn} ${expected.asn !== undefined ? `is not the configured ${expected.asn}` : 'is invalid'}`,
    );
  }
  const id = parseIPv4(open.bgpId, 'bgpId');
  const idValue = ((id[0]! << 24) | (id[1]! << 16) | (id[2]! << 8) | id[3]!) >>> 0;
  const external = expected.localAsn !== undefined && expected.localAsn !== asn;
  if (idValue === 0 || (!external && formatIPv4(id) === expected.localBgpId)) {
    throw new BgpNotificationError(
      ERROR_CODE.OPEN_MESSAGE,
      OPEN_SUBCODE.BAD_BGP_IDENTIFIER,
      `OPEN: BGP Identifier ${open.bgpId} is ${idValue === 0 ? 'zero' : 'ours'}`,
    );
  }
  if (open.holdTime === 1 || open.holdTime === 2) {
    throw new BgpNotificationError(
      ERROR_CODE.OPEN_MESSAGE,
      OPEN_SUBCODE.UNACCEPTABLE_HOLD_TIME,
      `OPEN: Hold Time ${open.holdTime} s is not 0 and not ≥ 3`,
    );
  }
  const missing = (expected.requiredCapabilities ?? []).filter((code) => !has(open, code));
  if (missing.length > 0) {
    // RFC 5492 §5: data lists the capabilities concerned (code + length 0 here).
    const data: number[] = [];
    for (const code of missing) {
      const n = capabilityCode(code);
      if (n !== undefined) data.push(n, 0);
    }
    throw new BgpNotificationError(
      ERROR_CODE.OPEN_MESSAGE,
      OPEN_SUBCODE.UNSUPPORTED_CAPABILITY,
      `OPEN: required capability missing: ${missing.join(', ')}`,
      Uint8Array.from(data),
    );
  }
}
