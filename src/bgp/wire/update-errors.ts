/**
 * UPDATE error handling as one table: each row is an error condition with the NOTIFICATION
 * code/subcode RFC 4271 §6.3 assigns it and the action RFC 7606 (or the attribute's RFC) requires.
 * Decoders report a Fault naming a row; update.ts applies the row: 'session-reset' throws
 * BgpNotificationError, the others become values on the UpdateMessage.
 */
import { BgpNotificationError } from './errors.js';
import { ERROR_CODE, UPDATE_SUBCODE as S } from './iana.js';
import type { UpdateErrorAction } from './messages.js';

/** One row: what RFC 4271 would send, what we do instead, and where that is written. */
export interface UpdateErrorRule {
  readonly subcode: number;
  readonly action: UpdateErrorAction;
  readonly rfc: string;
}

const TAW = 'treat-as-withdraw' as const;
const DISCARD = 'attribute-discard' as const;
const RESET = 'session-reset' as const;

/** The table (code is always 3, UPDATE Message Error). */
export const UPDATE_ERRORS = {
  // --- message structure
  /** Withdrawn Routes Length / Total Path Attribute Length exceed the message: NLRI cannot be located. */
  LENGTHS_INCONSISTENT: { subcode: S.MALFORMED_ATTRIBUTE_LIST, action: RESET, rfc: 'RFC 4271 §6.3; RFC 7606 §4' },
  /** An attribute header or value overruns the Total Path Attribute Length. */
  ATTRIBUTE_OVERRUN: { subcode: S.MALFORMED_ATTRIBUTE_LIST, action: TAW, rfc: 'RFC 7606 §4' },
  /** MP_REACH_NLRI or MP_UNREACH_NLRI appears more than once. */
  DUPLICATE_MP_ATTRIBUTE: { subcode: S.MALFORMED_ATTRIBUTE_LIST, action: RESET, rfc: 'RFC 7606 §3' },
  /** Any other attribute appears more than once: all but the first are discarded. */
  DUPLICATE_ATTRIBUTE: { subcode: S.MALFORMED_ATTRIBUTE_LIST, action: DISCARD, rfc: 'RFC 7606 §3' },
  /** Unrecognized well-known attribute (Optional bit clear, type unknown). */
  UNRECOGNIZED_WELL_KNOWN: { subcode: S.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, action: RESET, rfc: 'RFC 4271 §6.3' },
  /** ORIGIN, AS_PATH or (with classic NLRI) NEXT_HOP missing while NLRI is present. */
  MISSING_WELL_KNOWN: { subcode: S.MISSING_WELL_KNOWN_ATTRIBUTE, action: TAW, rfc: 'RFC 7606 §3' },
  /** Optional/Transitive bits conflict with the attribute's type. */
  ATTRIBUTE_FLAGS: { subcode: S.ATTRIBUTE_FLAGS_ERROR, action: TAW, rfc: 'RFC 7606 §3' },
  /** Withdrawn Routes or NLRI field syntactically incorrect (length > max, overrun). */
  INVALID_NETWORK_FIELD: { subcode: S.INVALID_NETWORK_FIELD, action: RESET, rfc: 'RFC 4271 §6.3; RFC 7606 §5.3' },
  // --- per attribute (RFC 7606 §7.x)
  ORIGIN_LENGTH: { subcode: S.ATTRIBUTE_LENGTH_ERROR, action: TAW, rfc: 'RFC 7606 §7.1' },
  ORIGIN_VALUE: { subcode: S.INVALID_ORIGIN_ATTRIBUTE, action: TAW, rfc: 'RFC 7606 §7.1' },
  AS_PATH_MALFORMED: { subcode: S.MALFORMED_AS_PATH, action: TAW, rfc: 'RFC 7606 §7.2' },
  NEXT_HOP_LENGTH: { subcode: S.ATTRIBUTE_LENGTH_ERROR, action: TAW, rfc: 'RFC 7606 §7.3' },
  NEXT_HOP_INVALID: { subcode: S.INVALID_NEXT_HOP_ATTRIBUTE, action: TAW, rfc: 'RFC 4271 §6.3; RFC 7606 §7.3' },
  MED_LENGTH: { subcode: S.ATTRIBUTE_LENGTH_ERROR, action: TAW, rfc: 'RFC 7606 §7.4' },
  LOCAL_PREF_LENGTH: { subcode: S.ATTRIBUTE_LENGTH_ERROR, action: TAW, rfc: 'RFC 7606 §7.5' },
  ATOMIC_AGGREGATE_LENGTH: { subcode: S.ATTRIBUTE_LENGTH_ERROR, action: DISCARD, rfc: 'RFC 7606 §7.6' },
  AGGREGATOR_LENGTH: { subcode: S.ATTRIBUTE_LENGTH_ERROR, action: DISCARD, rfc: 'RFC 7606 §7.7' },
  COMMUNITIES_LENGTH: { subcode: S.ATTRIBUTE_LENGTH_ERROR, action: TAW, rfc: 'RFC 7606 §7.8' },
  ORIGINATOR_ID_LENGTH: { subcode: S.ATTRIBUTE_LENGTH_ERROR, action: TAW, rfc: 'RFC 7606 §7.9' },
  CLUSTER_LIST_LENGTH: { subcode: S.ATTRIBUTE_LENGTH_ERROR, action: TAW, rfc: 'RFC 7606 §7.10' },
  /** MP_REACH/MP_UNREACH too short to hold its fixed fields, or next hop overruns it: NLRI cannot be located. */
  MP_MALFORMED: { subcode: S.OPTIONAL_ATTRIBUTE_ERROR, action: RESET, rfc: 'RFC 4760 §7; RFC 7606 §7.11' },
  /** MP_REACH next hop length not allowed for the family (NLRI still locatable). */
  MP_NEXT_HOP_LENGTH: { subcode: S.OPTIONAL_ATTRIBUTE_ERROR, action: TAW, rfc: 'RFC 7606 §7.11' },
  /** NLRI inside MP_REACH / MP_UNREACH syntactically incorrect. */
  MP_NLRI: { subcode: S.OPTIONAL_ATTRIBUTE_ERROR, action: RESET, rfc: 'RFC 4760 §7; RFC 7606 §5.3' },
  /**
   * An EVPN route in MP_REACH_NLRI well framed but inconsistent with its route type (length, MAC or
   * IP length): the route has no usable key; the UPDATE's other routes are withdrawn.
   */
  EVPN_ROUTE_MALFORMED: { subcode: S.OPTIONAL_ATTRIBUTE_ERROR, action: TAW, rfc: 'RFC 7606 §5.4; RFC 7432 §7' },
  /** The same inside MP_UNREACH_NLRI: that withdrawn route is ignored, the others are withdrawn. */
  EVPN_WITHDRAWN_MALFORMED: { subcode: S.OPTIONAL_ATTRIBUTE_ERROR, action: DISCARD, rfc: 'RFC 7606 §5.4; RFC 7432 §7' },
  /** MP_REACH / MP_UNREACH of a family not negotiated or not decodable: ignored. */
  MP_FAMILY_UNSUPPORTED: { subcode: S.OPTIONAL_ATTRIBUTE_ERROR, action: DISCARD, rfc: 'RFC 4760 §6' },
  EXT_COMMUNITIES_LENGTH: { subcode: S.ATTRIBUTE_LENGTH_ERROR, action: TAW, rfc: 'RFC 7606 §7.14' },
  AS4_PATH_MALFORMED: { subcode: S.OPTIONAL_ATTRIBUTE_ERROR, action: DISCARD, rfc: 'RFC 6793 §6' },
  AS4_AGGREGATOR_LENGTH: { subcode: S.OPTIONAL_ATTRIBUTE_ERROR, action: DISCARD, rfc: 'RFC 6793 §6' },
  /** AS4_PATH / AS4_AGGREGATOR from a 4-octet-AS peer are ignored. */
  AS4_FROM_NEW_SPEAKER: { subcode: S.OPTIONAL_ATTRIBUTE_ERROR, action: DISCARD, rfc: 'RFC 6793 §6' },
  LARGE_COMMUNITY_LENGTH: { subcode: S.ATTRIBUTE_LENGTH_ERROR, action: TAW, rfc: 'RFC 8092 §6' },
} as const satisfies Record<string, UpdateErrorRule>;

/** Name of a row. */
export type UpdateErrorKind = keyof typeof UPDATE_ERRORS;

/** An error found by a decoder: which row, and why (names the attribute). */
export interface Fault {
  readonly kind: UpdateErrorKind;
  readonly reason: string;
  /** NOTIFICATION data for a session reset (usually the offending attribute, RFC 4271 §6.3). */
  readonly data?: Uint8Array;
}

/** Builds a Fault (decoders return it; success is `undefined`). */
export function fault(kind: UpdateErrorKind, reason: string, data?: Uint8Array): Fault {
  return data === undefined ? { kind, reason } : { kind, reason, data };
}

/** The NOTIFICATION that a session-reset fault sends. */
export function faultToNotification(f: Fault): BgpNotificationError {
  const rule = UPDATE_ERRORS[f.kind];
  return new BgpNotificationError(ERROR_CODE.UPDATE_MESSAGE, rule.subcode, `UPDATE: ${f.reason} [${rule.rfc}]`, f.data);
}
