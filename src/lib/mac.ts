/**
 * IEEE 802 MAC-48 addresses: parsing, normalization and classification.
 * Normal form: six lower-case hex octets separated by colons ("52:54:00:12:34:56").
 */
import { invalidArgument } from './errors.js';

const FORMS = [
  /^([0-9a-f]{1,2})[:]([0-9a-f]{1,2})[:]([0-9a-f]{1,2})[:]([0-9a-f]{1,2})[:]([0-9a-f]{1,2})[:]([0-9a-f]{1,2})$/i,
  /^([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})$/i,
  /^([0-9a-f]{2})([0-9a-f]{2})\.([0-9a-f]{2})([0-9a-f]{2})\.([0-9a-f]{2})([0-9a-f]{2})$/i,
  /^([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i,
];

/**
 * Parses a MAC address written as "52:54:00:12:34:56" (octets of 1–2 digits), "52-54-00-12-34-56",
 * "5254.0012.3456" or "525400123456", any case.
 * @returns the normal form (lower-case, colon-separated, two digits per octet), or undefined if malformed
 */
export function normalizeMac(text: string): string | undefined {
  for (const re of FORMS) {
    const m = re.exec(text.trim());
    if (m) return m.slice(1, 7).map((o) => o.toLowerCase().padStart(2, '0')).join(':');
  }
  return undefined;
}

/** True when the I/G bit (least significant bit of the first octet, IEEE 802 §8.2) is set. */
export function isMulticastMac(mac: string): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 1) === 1;
}

/**
 * Checks a MAC address for use as a host address.
 * @returns the normal form, or the reason it is refused: malformed, multicast/broadcast (I/G bit),
 *          or all zeros (00:00:00:00:00:00 is the VXLAN flood entry, never a host)
 */
export function checkUnicastMac(text: string): { mac: string } | { problem: string } {
  const mac = normalizeMac(text);
  if (!mac) return { problem: `not a MAC address: "${text}" (use aa:bb:cc:dd:ee:ff)` };
  if (isMulticastMac(mac)) return { problem: `multicast or broadcast address ${mac}; a unicast MAC is required` };
  if (mac === '00:00:00:00:00:00') return { problem: 'the all-zero MAC 00:00:00:00:00:00 is not a host address' };
  return { mac };
}

/**
 * Parses a unicast host MAC address for an API field.
 * @param text  the value given
 * @param field request field name used in the error message
 * @returns the normal form
 * @throws BambuError INVALID_ARGUMENT "<field>: <reason>" (see checkUnicastMac)
 */
export function parseUnicastMac(text: string, field = 'mac_address'): string {
  const r = checkUnicastMac(text);
  if ('problem' in r) throw invalidArgument(field, r.problem);
  return r.mac;
}
