/**
 * Field schemas shared by the resources (zod; validated at the API edge, also emitted in the
 * OpenAPI document). Ranges: VXLAN VNI 1–16777215 (RFC 7348 §5: 24-bit VNI), 802.1Q VLAN id 0–4095.
 * Integers and booleans also accept their string forms, as Neutron's converters do.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { checkUnicastMac } from '../../lib/mac.js';

/** An integer in [min, max]; a string of digits is converted first. */
export const intInRange = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), z.int().min(min).max(max));

/** VXLAN network identifier (RFC 7348 §5). */
export const vni = () => intInRange(1, 16777215).describe('VXLAN VNI, 1–16777215');

/** 802.1Q VLAN id as networking-l2gw accepts it on interfaces and gateway connections. */
export const vlanId = () => intInRange(0, 4095).describe('802.1Q VLAN id, 0–4095');

/** A boolean; "true"/"false" (any case) also accepted; `dflt` applies when absent. */
export const bool = (dflt?: boolean) =>
  z.preprocess((v) => (typeof v === 'string' && /^(true|false)$/i.test(v) ? v.toLowerCase() === 'true' : v), dflt === undefined ? z.boolean() : z.boolean().default(dflt));

/** An IPv4 or IPv6 address (node:net isIP), stored as given. */
export const ipAddress = () =>
  z
    .string()
    .refine((s) => isIP(s) !== 0, { message: 'not an IPv4 or IPv6 address' })
    .describe('IPv4 or IPv6 address');

/** A unicast MAC, normalized to lower-case colon form. */
export const unicastMac = () =>
  z
    .string()
    .transform((s, ctx) => {
      const r = checkUnicastMac(s);
      if ('problem' in r) ctx.addIssue({ code: 'custom', message: r.problem });
      return 'mac' in r ? r.mac : s;
    })
    .describe('unicast MAC address; stored lower-case colon form');

/** A non-empty name or identifier of at most 255 characters. */
export const text = () => z.string().min(1).max(255);

/** Reference to another resource: its UUID, or its name where it has one. */
export const ref = (what: string) => text().describe(`${what} UUID (or name)`);

/** Project owning the object; non-admins may only give their own. */
export const ownerFields = {
  tenant_id: text().optional(),
  project_id: text().optional(),
};

/** Server-assigned fields of every resource object. */
export const ownedObject = {
  id: z.uuid(),
  tenant_id: z.string(),
  project_id: z.string(),
};
