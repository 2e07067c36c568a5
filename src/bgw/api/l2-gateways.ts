/**
 * `/v2.0/l2-gateways` (networking-l2gw): a local gateway with devices and their interfaces. For a
 * border gateway `interfaces` may be empty or absent (seed §2.1); an interface's
 * `segmentation_id` is a list of VLAN ids (a single number is accepted and becomes a list).
 */
import { z } from 'zod';
import type { L2Gateway, L2GatewayCreate, L2GatewayUpdate } from '../model/resources.js';
import { owningProject } from './auth.js';
import { ownedObject, ownerFields, text, vlanId } from './fields.js';
import { defineResource } from './resource.js';

const interfaceIn = z.strictObject({
  name: text(),
  segmentation_id: z.union([vlanId(), z.array(vlanId())]).optional().describe('VLAN id(s) on this interface'),
});

const deviceIn = z.strictObject({
  device_name: text(),
  interfaces: z.array(interfaceIn).optional(),
});

/** Devices, with device names unique in the gateway and interface names unique per device. */
const devicesIn = z.array(deviceIn).superRefine((devices, ctx) => {
  const seen = new Set<string>();
  devices.forEach((d, i) => {
    if (seen.has(d.device_name)) ctx.addIssue({ code: 'custom', path: [i, 'device_name'], message: `duplicate device "${d.device_name}"` });
    seen.add(d.device_name);
    const names = new Set<string>();
    (d.interfaces ?? []).forEach((f, j) => {
      if (names.has(f.name)) ctx.addIssue({ code: 'custom', path: [i, 'interfaces', j, 'name'], message: `duplicate interface "${f.name}"` });
      names.add(f.name);
    });
  });
});

const normalizeDevices = (devices: z.output<typeof devicesIn>): L2GatewayCreate['devices'] =>
  devices.map((d) => ({
    device_name: d.device_name,
    interfaces: (d.interfaces ?? []).map((f) => ({
      name: f.name,
      segmentation_id: f.segmentation_id === undefined ? [] : Array.isArray(f.segmentation_id) ? f.segmentation_id : [f.segmentation_id],
    })),
  }));

export const l2GatewayDef = defineResource({
  kind: 'l2_gateway',
  collection: 'l2_gateways',
  path: 'l2-gateways',
  description: 'Local L2 gateways with their devices and interfaces',
  named: true,
  object: z.object({
    ...ownedObject,
    name: z.string(),
    devices: z.array(
      z.object({
        id: z.uuid(),
        device_name: z.string(),
        interfaces: z.array(z.object({ name: z.string(), segmentation_id: z.array(z.int()) })),
      }),
    ),
  }),
  create: z.strictObject({ name: text(), devices: devicesIn.default([]), ...ownerFields }),
  update: z.strictObject({ name: text().optional(), devices: devicesIn.optional() }),
  repo: (store) => store.l2Gateways,
  async toCreate(body, { ctx }): Promise<L2GatewayCreate> {
    return { name: body.name, devices: normalizeDevices(body.devices), tenant_id: owningProject(ctx, body) };
  },
  async toUpdate(body, _current: L2Gateway): Promise<L2GatewayUpdate> {
    return { ...(body.name !== undefined ? { name: body.name } : {}), ...(body.devices ? { devices: normalizeDevices(body.devices) } : {}) };
  },
});
