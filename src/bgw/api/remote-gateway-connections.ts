/**
 * `/v2.0/l2-remote-gateway-connections` (seed §2.3): a VXLAN segment (VNI = segmentation_id)
 * between a local gateway and a remote one. `gateway` and `remote_gateway` may be names.
 * Updatable: remote_gateway, segmentation_id (seed), flood, network_id and route_target (EVPN). Deleting a connection
 * deletes its MACs.
 */
import { z } from 'zod';
import type { RemoteGatewayConnection, RemoteGatewayConnectionCreate, RemoteGatewayConnectionUpdate } from '../model/resources.js';
import { owningProject } from './auth.js';
import { bool, ownedObject, ownerFields, ref, text, vni } from './fields.js';
import { lookup } from './lookup.js';
import { defineResource } from './resource.js';

/** EVPN route target "ASN:NN" (2-octet ASN with a 32-bit number, or 4-octet ASN with a 16-bit one). */
function routeTargetField() {
  return z.string().refine(
    (t) => {
      const m = /^([0-9]{1,10}):([0-9]{1,10})$/.exec(t);
      if (!m) return false;
      const asn = Number(m[1]);
      const n = Number(m[2]);
      return (asn <= 0xffff && n <= 0xffffffff) || (asn <= 0xffffffff && n <= 0xffff);
    },
    { message: 'not a route target ASN:NN' },
  );
}

export const remoteGatewayConnectionDef = defineResource({
  kind: 'l2_remote_gateway_connection',
  collection: 'l2_remote_gateway_connections',
  path: 'l2-remote-gateway-connections',
  description: 'VXLAN segments between a local gateway and a remote gateway',
  named: false,
  object: z.object({
    ...ownedObject,
    gateway: z.uuid(),
    remote_gateway: z.uuid(),
    segmentation_id: z.int(),
    network_id: z.string().nullable(),
    flood: z.boolean(),
    route_target: z.string().nullable().describe('EVPN route target ASN:NN of the segment; null = automatic ASN:VNI'),
    status: z.string().describe('BUILD until the dataplane reports, then ACTIVE or "ERROR: …"'),
  }),
  create: z.strictObject({
    gateway: ref('l2_gateway'),
    remote_gateway: ref('l2_remote_gateway'),
    segmentation_id: vni(),
    network_id: text().nullable().optional(),
    flood: bool(true),
    route_target: routeTargetField().nullable().optional(),
    ...ownerFields,
  }),
  update: z.strictObject({
    remote_gateway: ref('l2_remote_gateway').optional(),
    segmentation_id: vni().optional(),
    network_id: text().nullable().optional(),
    flood: bool().optional(),
    route_target: routeTargetField().nullable().optional(),
  }),
  repo: (store) => store.remoteGatewayConnections,
  async toCreate(body, { ctx, store }): Promise<RemoteGatewayConnectionCreate> {
    const tenant = owningProject(ctx, body);
    const gw = await lookup(store.l2Gateways, body.gateway, ctx, { named: true, field: 'gateway' });
    const remote = await lookup(store.remoteGateways, body.remote_gateway, ctx, { named: true, field: 'remote_gateway' });
    return { gateway: gw.id, remote_gateway: remote.id, segmentation_id: body.segmentation_id, network_id: body.network_id ?? null, flood: body.flood, route_target: body.route_target ?? null, tenant_id: tenant };
  },
  async toUpdate(body, _current: RemoteGatewayConnection, { ctx, store }): Promise<RemoteGatewayConnectionUpdate> {
    const patch: RemoteGatewayConnectionUpdate = {};
    if (body.remote_gateway !== undefined) patch.remote_gateway = (await lookup(store.remoteGateways, body.remote_gateway, ctx, { named: true, field: 'remote_gateway' })).id;
    if (body.segmentation_id !== undefined) patch.segmentation_id = body.segmentation_id;
    if (body.network_id !== undefined) patch.network_id = body.network_id;
    if (body.flood !== undefined) patch.flood = body.flood;
    if (body.route_target !== undefined) patch.route_target = body.route_target;
    return patch;
  },
});
