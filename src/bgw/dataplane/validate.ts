/**
 * Checks on values that end up in iproute2 batch lines. The API validates its input already; these
 * guard the batch syntax (a malformed argument makes `ip -batch` stop altogether, and a name with
 * a space would change the command) against anything that reaches the dataplane another way.
 */
import { isIP } from 'node:net';
import { IFNAME_MAX } from './names.js';

/**
 * Linux's dev_valid_name(): 1–15 octets, not "." or "..", no "/", ":" or whitespace.
 * @returns the reason the name is invalid, or undefined
 */
export function badIfName(name: string): string | undefined {
  if (name === '' || Buffer.byteLength(name) > IFNAME_MAX) return `interface name "${name}" must be 1–${IFNAME_MAX} octets`;
  if (name === '.' || name === '..' || /[/:\s]/.test(name)) return `interface name "${name}" is not valid on Linux`;
  return undefined;
}

/** True for an IPv4 or IPv6 address literal. */
export const isIpLiteral = (s: string): boolean => isIP(s) !== 0;

/** True for a unicast, non-zero MAC in lower-case colon form. */
export function isUnicastMac(mac: string): boolean {
  return /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(mac) && (parseInt(mac.slice(0, 2), 16) & 1) === 0 && mac !== '00:00:00:00:00:00';
}

/** VXLAN VNI range (RFC 7348 §5: 24 bits; 0 is not used here). */
export const isVni = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 16777215;

/** 802.1Q VLAN ids usable for a sub-interface (0 and 4095 are reserved, IEEE 802.1Q §9.6). */
export const isVlanId = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 4094;
