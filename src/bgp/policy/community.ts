/**
 * Text forms of communities used by defined sets and policy actions, parsed once at configuration
 * time (never per route):
 * - standard (RFC 1997): "65001:100", a uint32, or a well-known name (RFC 1997, RFC 3765):
 *   no-export, no-advertise, no-export-subconfed, nopeer (case and "-"/"_" insensitive);
 * - large (RFC 8092): "GA:LD1:LD2";
 * - extended (RFC 4360, RFC 5668): "rt:ASN:N" / "soo:ASN:N" (2-octet AS, or 4-octet AS when
 *   ASN > 65535), "rt:A.B.C.D:N" / "soo:A.B.C.D:N" (IPv4-address specific), or 8 octets of hex
 *   ("0x0002fde800000064" or without 0x).
 * Anything else in a set or a remove action is a regular expression, anchored at both ends and
 * matched against the text forms "A:B", "GA:LD1:LD2" and for extended communities the forms above
 * ("rt:65000:100", lower-case hex for unknown kinds).
 */
import { invalidArgument } from '../../lib/errors.js';
import { isIPv4, parseIPv4 } from '../../lib/ip.js';
import { WELL_KNOWN_COMMUNITY, type LargeCommunity } from '../types.js';

const WELL_KNOWN: Record<string, number> = {
  noexport: WELL_KNOWN_COMMUNITY.NO_EXPORT,
  noadvertise: WELL_KNOWN_COMMUNITY.NO_ADVERTISE,
  noexportsubconfed: WELL_KNOWN_COMMUNITY.NO_EXPORT_SUBCONFED,
  nopeer: WELL_KNOWN_COMMUNITY.NOPEER,
};

const U16 = 0xffff;
const U32 = 0xffffffff;
const isUint = (s: string, max: number): boolean => /^\d{1,10}$/.test(s) && Number(s) <= max;

/** A standard community from text, or undefined when the text is not one. */
export function parseStandardCommunity(text: string): number | undefined {
  const named = WELL_KNOWN[text.toLowerCase().replace(/[-_]/g, '')];
  if (named !== undefined) return named;
  if (isUint(text, U32)) return Number(text);
  const m = /^(\d{1,5}):(\d{1,5})$/.exec(text);
  if (m && Number(m[1]) <= U16 && Number(m[2]) <= U16) return Number(m[1]) * 65536 + Number(m[2]);
  return undefined;
}

/** A large community from "GA:LD1:LD2", or undefined. */
export function parseLargeCommunity(text: string): LargeCommunity | undefined {
  const parts = text.split(':');
  if (parts.length !== 3 || !parts.every((p) => isUint(p, U32))) return undefined;
  return { globalAdmin: Number(parts[0]), localData1: Number(parts[1]), localData2: Number(parts[2]) };
}

const EXT_SUBTYPE = { rt: 0x02, soo: 0x03 } as const;

/** An extended community (8 raw octets) from text, or undefined. */
export function parseExtCommunity(text: string): Uint8Array | undefined {
  const hex = /^(?:0x)?([0-9a-fA-F]{16})$/.exec(text);
  if (hex) return Uint8Array.from(Buffer.from(hex[1]!, 'hex'));
  const m = /^(rt|soo):(.+):(\d{1,10})$/.exec(text.toLowerCase());
  if (!m) return undefined;
  const sub = EXT_SUBTYPE[m[1] as keyof typeof EXT_SUBTYPE];
  const admin = m[2]!;
  const local = Number(m[3]);
  const b = Buffer.alloc(8);
  if (isIPv4(admin)) {
    if (local > U16) return undefined;
    b[0] = 0x01; // IPv4-address specific, transitive (RFC 4360 §3.2)
    b[1] = sub;
    b.set(parseIPv4(admin), 2);
    b.writeUInt16BE(local, 6);
    return b;
  }
  if (!isUint(admin, U32)) return undefined;
  const asn = Number(admin);
  if (asn <= U16) {
    if (local > U32) return undefined;
    b[0] = 0x00; // two-octet AS specific (RFC 4360 §3.1)
    b[1] = sub;
    b.writeUInt16BE(asn, 2);
    b.writeUInt32BE(local, 4);
    return b;
  }
  if (local > U16) return undefined;
  b[0] = 0x02; // four-octet AS specific (RFC 5668)
  b[1] = sub;
  b.writeUInt32BE(asn, 2);
  b.writeUInt16BE(local, 6);
  return b;
}

/** Text form of a standard community ("A:B"). */
export function formatStandard(c: number): string {
  return `${Math.floor(c / 65536)}:${c % 65536}`;
}

/** Text form of a large community ("GA:LD1:LD2"). */
export function formatLarge(l: LargeCommunity): string {
  return `${l.globalAdmin}:${l.localData1}:${l.localData2}`;
}

/** Text form of an extended community: rt:/soo: for route target / origin, else 16 hex digits. */
export function formatExt(raw: Uint8Array): string {
  const b = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const type = b[0]! & ~0x40; // the transitive bit does not change the text form
  const name = b[1] === 0x02 ? 'rt' : b[1] === 0x03 ? 'soo' : undefined;
  if (name && b.length === 8) {
    if (type === 0x00) return `${name}:${b.readUInt16BE(2)}:${b.readUInt32BE(4)}`;
    if (type === 0x01) return `${name}:${b[2]}.${b[3]}.${b[4]}.${b[5]}:${b.readUInt16BE(6)}`;
    if (type === 0x02) return `${name}:${b.readUInt32BE(2)}:${b.readUInt16BE(6)}`;
  }
  return b.toString('hex');
}

/**
 * Compiles an anchored regular expression from a set member or action.
 * @throws BambuError INVALID_ARGUMENT naming `field` when it does not compile
 */
export function compileRegex(source: string, field: string): RegExp {
  try {
    return new RegExp(`^(?:${source})$`);
  } catch (err) {
    throw invalidArgument(field, `not a community value nor a valid regular expression: ${JSON.stringify(source)} (${(err as Error).message})`);
  }
}

/** A community value an action adds, classified by its text form. */
export type CommunityValue =
  | { readonly kind: 'standard'; readonly value: number }
  | { readonly kind: 'large'; readonly value: LargeCommunity }
  | { readonly kind: 'ext'; readonly value: Uint8Array };

/** Classifies an exact community text (standard, large or extended); undefined when none. */
export function parseCommunityValue(text: string): CommunityValue | undefined {
  const s = parseStandardCommunity(text);
  if (s !== undefined) return { kind: 'standard', value: s };
  const l = parseLargeCommunity(text);
  if (l) return { kind: 'large', value: l };
  const e = parseExtCommunity(text);
  if (e) return { kind: 'ext', value: e };
  return undefined;
}
