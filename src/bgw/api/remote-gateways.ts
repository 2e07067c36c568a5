/**
 * `/v2.0/l2-remote-gateways` (seed §2.2): another site's border gateway, by its tunnel endpoint
 * address. `name` is unique per project; `name` and `ipaddr` are updatable; deleting one that a
 * connection uses is a 409.
 */
import { z } from 'zod';
import type { RemoteGatewayCreate, RemoteGatewayUpdate } from '../model/resources.js';
import { owningProject } from './auth.js';
import { ipAddress, ownedObject, ownerFields, text } from './fields.js';
import { defineResource } from './resource.js';

export const remoteGatewayDef = defineResource({
  kind: 'l2_remote_gateway',
  collection: 'l2_remote_gateways',
  path: 'l2-remote-gateways',
  description: "Remote sites' border gateways (tunnel endpoints)",
  named: true,
  object: z.object({ ...ownedObject, name: z.string(), ipaddr: z.string() }),
  create: z.strictObject({ name: text(), ipaddr: ipAddress(), ...ownerFields }),
  update: z.strictObject({ name: text().optional(), ipaddr: ipAddress().optional() }),
  repo: (store) => store.remoteGateways,
  async toCreate(body, { ctx }): Promise<RemoteGatewayCreate> {
    return { name: body.name, ipaddr: body.ipaddr, tenant_id: owningProject(ctx, body) };
  },
  async toUpdate(body): Promise<RemoteGatewayUpdate> {
    return { ...(body.name !== undefined ? { name: body.name } : {}), ...(body.ipaddr !== undefined ? { ipaddr: body.ipaddr } : {}) };
  },
});
