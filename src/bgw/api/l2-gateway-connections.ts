/**
 * `/v2.0/l2-gateway-connections` (networking-l2gw): binds a local network to a gateway;
 * `segmentation_id` (VLAN 0–4095, optional) applies to the gateway's interfaces, else each
 * interface's own. `l2_gateway_id` may be the gateway's name. Only `segmentation_id` is updatable.
 */
import { z } from 'zod';
import type { L2GatewayConnectionCreate, L2GatewayConnectionUpdate } from '../model/resources.js';
import { owningProject } from './auth.js';
import { ownedObject, ownerFields, ref, text, vlanId } from './fields.js';
import { lookup } from './lookup.js';
import { defineResource } from './resource.js';

export const l2GatewayConnectionDef = defineResource({
  kind: 'l2_gateway_connection',
  collection: 'l2_gateway_connections',
  path: 'l2-gateway-connections',
  description: 'Bindings of local networks to L2 gateways',
  named: false,
  object: z.object({
    ...ownedObject,
    l2_gateway_id: z.uuid(),
    network_id: z.string(),
    segmentation_id: z.int().nullable(),
  }),
  create: z.strictObject({
    l2_gateway_id: ref('l2_gateway'),
    network_id: text(),
    segmentation_id: vlanId().nullable().optional(),
    ...ownerFields,
  }),
  update: z.strictObject({ segmentation_id: vlanId().nullable().optional() }),
  repo: (store) => store.l2GatewayConnections,
  async toCreate(body, { ctx, store }): Promise<L2GatewayConnectionCreate> {
    const gw = await lookup(store.l2Gateways, body.l2_gateway_id, ctx, { named: true, field: 'l2_gateway_id' });
    return { l2_gateway_id: gw.id, network_id: body.network_id, segmentation_id: body.segmentation_id ?? null, tenant_id: owningProject(ctx, body) };
  },
  async toUpdate(body): Promise<L2GatewayConnectionUpdate> {
    return body.segmentation_id === undefined ? {} : { segmentation_id: body.segmentation_id };
  },
});
