/**
 * VIF maps of the Hyper Agent RPC (Nova network model, ../shared/spec/hyper-agent.md "VIF maps")
 * and what `plug` derives from them: device names, MAC, MTU and OVS external_ids.
 * Unknown keys are kept (passthrough) and ignored; missing or malformed required keys are
 * INVALID_ARGUMENT errors naming the field (e.g. `hyper_vif.address: not a MAC address`).
 */
import { z } from 'zod';
import { invalidArgument } from '../lib/errors.js';
import { checkUnicastMac } from '../lib/mac.js';

/** Device-name-safe port id (Neutron port UUIDs qualify). */
const PORT_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** A unicast host MAC (src/lib/mac.ts rules), normalized to lower-case colon form. */
const mac = z.string().transform((text, ctx) => {
  const r = checkUnicastMac(text);
  if ('problem' in r) {
    ctx.addIssue({ code: 'custom', message: r.problem });
    return z.NEVER;
  }
  return r.mac;
});

const networkSchema = z
  .object({
    id: z.string().min(1),
    bridge: z.string().optional(),
    label: z.string().optional(),
    meta: z.object({ tenant_id: z.string().optional(), mtu: z.number().int().min(68).max(65535).nullable().optional() }).passthrough().optional(),
    subnets: z.array(z.unknown()).optional(),
  })
  .passthrough();

/** The VIF of the VM on the hybrid (overlay) network, as Nova's network model serializes it. */
export const hyperVifSchema = z
  .object({
    id: z.string().regex(PORT_ID_RE, 'not a port id (letters, digits, "-", "_"; a Neutron port UUID)'),
    address: mac,
    devname: z.string().optional(),
    ovs_interfaceid: z.string().nullable().optional(),
    type: z.string().optional(),
    network: networkSchema,
  })
  .passthrough();

/** The VIF of the VM on the provider cloud's own network. */
export const providerVifSchema = z
  .object({
    id: z.string().min(1),
    address: mac,
    ip: z.string().optional(),
    network: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();

export type HyperVif = z.infer<typeof hyperVifSchema>;
export type ProviderVif = z.infer<typeof providerVifSchema>;

/** One VIF pair as `get_vifs_for_*` return it. */
export interface VifEntry {
  instance_id: string;
  net_info: HyperVif;
  provider_net_info: ProviderVif;
}

/** Formats the first zod issue as "prefix.path: message". */
function firstIssue(prefix: string, error: z.ZodError): { field: string; reason: string } {
  const issue = error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  const reason = issue.code === 'invalid_type' && issue.input === undefined ? 'missing required key' : issue.message;
  return { field: `${prefix}${path}`, reason };
}

/**
 * Validates a VIF map.
 * @param schema hyperVifSchema or providerVifSchema
 * @param value  what the caller sent
 * @param field  argument name for error messages (`hyper_vif`, `provider_vif`)
 * @returns the parsed map (unknown keys kept, MAC in normal form)
 * @throws BambuError INVALID_ARGUMENT naming the key at fault
 */
export function parseVif<S extends typeof hyperVifSchema | typeof providerVifSchema>(schema: S, value: unknown, field: string): z.infer<S> {
  if (value === undefined || value === null) throw invalidArgument(field, 'missing');
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidArgument(field, 'must be a map');
  const r = schema.safeParse(value);
  if (!r.success) {
    const { field: f, reason } = firstIssue(field, r.error);
    throw invalidArgument(f, reason);
  }
  return r.data as z.infer<S>;
}

/**
 * Validates an instance id argument.
 * @throws BambuError INVALID_ARGUMENT when missing or not a non-empty string of safe characters
 */
export function parseInstanceId(value: unknown, field = 'instance_id'): string {
  if (typeof value !== 'string' || value.length === 0) throw invalidArgument(field, 'missing or not a string');
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/.test(value)) throw invalidArgument(field, `not an instance id: ${JSON.stringify(value)}`);
  return value;
}

/** Everything the data plane needs to plug one VIF. */
export interface PlugSpec {
  instanceId: string;
  portId: string;
  mac: string;
  /** VM-facing end of the veth pair, `qvb<id[:11]>` (≤ 15 chars, IFNAMSIZ-1). */
  qvb: string;
  /** Bridge end, `qvo<id[:11]>`. */
  qvo: string;
  /** MTU of both ends, octets (network MTU minus tunnel overhead). */
  mtu: number;
  /** OVS Interface external_ids (os-vif's hybrid plug keys). */
  externalIds: Record<string, string>;
}

/** Device names of a port: `qvb`/`qvo` + the first 11 characters of its id (os-vif naming). */
export function deviceNames(portId: string): { qvb: string; qvo: string } {
  const short = portId.slice(0, 11);
  return { qvb: `qvb${short}`, qvo: `qvo${short}` };
}

/**
 * MTU of the plugged devices: the network's `meta.mtu` (or `defaultMtu`) minus the tunnel overhead.
 * @param networkMtu      octets, or undefined/null when the network carries none
 * @param defaultMtu      octets
 * @param tunnelOverhead  octets (VXLAN over IPv4: 50)
 * @throws BambuError INVALID_ARGUMENT naming `hyper_vif.network.meta.mtu` when the result is below 576
 */
export function tunnelMtu(networkMtu: number | null | undefined, defaultMtu: number, tunnelOverhead: number): number {
  const mtu = (networkMtu ?? defaultMtu) - tunnelOverhead;
  if (mtu < 576) throw invalidArgument('hyper_vif.network.meta.mtu', `MTU ${networkMtu ?? defaultMtu} minus tunnel overhead ${tunnelOverhead} is below 576`);
  return mtu;
}

/** Builds the plug spec of a validated hyper VIF. */
export function plugSpec(instanceId: string, vif: HyperVif, opts: { defaultMtu: number; tunnelOverhead: number }): PlugSpec {
  const { qvb, qvo } = deviceNames(vif.id);
  return {
    instanceId,
    portId: vif.id,
    mac: vif.address,
    qvb,
    qvo,
    mtu: tunnelMtu(vif.network.meta?.mtu, opts.defaultMtu, opts.tunnelOverhead),
    externalIds: { 'iface-id': vif.ovs_interfaceid || vif.id, 'iface-status': 'active', 'attached-mac': vif.address, 'vm-uuid': instanceId },
  };
}
