/**
 * Attributes this speaker does not recognize (RFC 4271 §5, §9):
 * - unrecognized well-known (Optional bit clear) → NOTIFICATION 3/2 (handled in update.ts);
 * - optional transitive → kept in `PathAttributes.unknown` and passed on with the Partial bit set;
 * - optional non-transitive → quietly ignored, never passed on.
 */
import { copyBytes } from '../../../lib/bytes.js';
import type { Writer } from '../../../lib/bytes.js';
import type { PathAttributes, UnknownAttribute } from '../../types.js';
import { ATTR_FLAG } from '../iana.js';
import { type AttrBuilder, writeAttrHeader } from './codec.js';

/** Keeps an unrecognized optional transitive attribute (value copied out of the receive buffer). */
export function keepUnknown(b: AttrBuilder, flags: number, type: number, buf: Uint8Array, start: number, end: number): void {
  (b.unknown ??= []).push({ flags, type, value: copyBytes(buf, start, end) });
}

/**
 * Writes the kept unknown attributes: optional transitive ones with the Partial bit set
 * (RFC 4271 §5: "the Partial bit … MUST be set to 1" when passing on an unrecognized optional
 * transitive attribute); non-transitive ones are skipped.
 */
export function writeUnknown(w: Writer, u: UnknownAttribute): void {
  if ((u.flags & ATTR_FLAG.OPTIONAL) === 0 || (u.flags & ATTR_FLAG.TRANSITIVE) === 0) return;
  writeAttrHeader(w, u.flags | ATTR_FLAG.PARTIAL, u.type, u.value.length);
  w.bytes(u.value);
}

/** The kept unknown attributes of `attrs` in type-code order (RFC 4271 §5 ordering). */
export function sortedUnknown(attrs: PathAttributes): readonly UnknownAttribute[] {
  const list = attrs.unknown;
  if (list === undefined || list.length === 0) return [];
  return list.length === 1 ? list : [...list].sort((a, b) => a.type - b.type);
}
