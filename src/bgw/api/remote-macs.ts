/**
 * `/v2.0/l2-remote-macs` (seed §2.4): a host MAC behind a remote gateway connection, with an
 * optional IP (answered locally by ARP/ND suppression). `mac_address` is normalized to lower-case
 * colon form and must be unicast; only `ip_address` is updatable (null clears it).
 */
import { z } from 'zod';
import type { RemoteMacCreate, RemoteMacUpdate } from '../model/resources.js';
import { owningProject } from './auth.js';
import { ipAddress, ownedObject, ownerFields, ref, unicastMac } from './fields.js';
import { lookup } from './lookup.js';
import { defineResource } from './resource.js';

export const remoteMacDef = defineResource({
  kind: 'l2_remote_mac',
  collection: 'l2_remote_macs',
  path: 'l2-remote-macs',
  description: 'Host MAC addresses reachable through remote gateway connections',
  named: false,
  object: z.object({
    ...ownedObject,
    mac_address: z.string(),
    ip_address: z.string().nullable(),
    connection_id: z.uuid(),
    status: z.string().describe('BUILD until the dataplane reports, then ACTIVE or "ERROR: …"'),
  }),
  create: z.strictObject({
    mac_address: unicastMac(),
    ip_address: ipAddress().nullable().optional(),
    connection_id: ref('l2_remote_gateway_connection'),
    ...ownerFields,
  }),
  update: z.strictObject({ ip_address: ipAddress().nullable().optional() }),
  repo: (store) => store.remoteMacs,
  async toCreate(body, { ctx, store }): Promise<RemoteMacCreate> {
    const tenant = owningProject(ctx, body);
    const conn = await lookup(store.remoteGatewayConnections, body.connection_id, ctx, { named: false, field: 'connection_id' });
    return { mac_address: body.mac_address, ip_address: body.ip_address ?? null, connection_id: conn.id, tenant_id: tenant };
  },
  async toUpdate(body): Promise<RemoteMacUpdate> {
    return body.ip_address === undefined ? {} : { ip_address: body.ip_address };
  },
});
