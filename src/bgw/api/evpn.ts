/**
 * Read-only EVPN views of the border gateway (driver evpn; docs/bgw-api.md "EVPN views"):
 *   GET /v2.0/l2-learned-macs          → {"l2_learned_macs": [...]}   remote MACs learned from BGP EVPN
 *   GET /v2.0/l2-evpn-vteps            → {"l2_evpn_vteps": [...]}     remote VTEPs per segment (type 3)
 *   GET /v2.0/l2-evpn-duplicate-macs   → {"l2_evpn_duplicate_macs": [...]} frozen MACs (RFC 7432 §15.1)
 * Filters as query parameters on any returned field (`?segmentation_id=100`). Any valid token may
 * read them. Without an EVPN view (another driver) the lists are empty. Writes are 405, except
 *   DELETE /v2.0/l2-evpn-duplicate-macs/<segmentation_id>/<mac> → 204: an admin unfreezes a duplicate
 *   MAC (the corrective action of RFC 7432 §15.1); 404 when it is not frozen.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { EvpnView } from '../../evpn/index.js';
import { BambuError, invalidArgument } from '../../lib/errors.js';
import { normalizeMac } from '../../lib/mac.js';
import type { AuthContext } from './auth.js';

type Row = Record<string, string | number | boolean | string[]>;

/** The three views, as API rows. */
export function evpnRows(view: EvpnView | undefined): { learned: Row[]; vteps: Row[]; duplicates: Row[] } {
  if (!view) return { learned: [], vteps: [], duplicates: [] };
  return {
    learned: view.learnedMacs().map((m) => ({
      mac_address: m.mac,
      ip_addresses: [...m.ips],
      segmentation_id: m.vni,
      remote_vtep: m.vtep,
      peer: m.peer,
      sequence: m.sequence,
      sticky: m.sticky,
      origin: 'evpn',
    })),
    vteps: view.remoteVteps().map((v) => ({ segmentation_id: v.vni, remote_vtep: v.vtep, peer: v.peer })),
    duplicates: view.duplicateMacs().map((d) => ({ mac_address: d.mac, segmentation_id: d.vni, moves: d.moves, frozen_at: new Date(d.since * 1000).toISOString() })),
  };
}

/** Keeps rows whose fields equal every query parameter (strings compared as text). */
function filter(rows: Row[], query: Record<string, unknown>): Row[] {
  const q = Object.entries(query).filter(([k]) => k !== 'fields');
  for (const [k] of q) if (rows.length > 0 && !(k in rows[0]!)) throw invalidArgument(k, `unknown filter field ${k}`);
  return rows.filter((r) => q.every(([k, v]) => (Array.isArray(r[k]) ? (r[k] as string[]).includes(String(v)) : String(r[k]) === String(v))));
}

/** Registers the EVPN views. */
export function evpnPlugin(deps: { view?: EvpnView; authenticate: (req: FastifyRequest) => AuthContext }): FastifyPluginAsync {
  return async (app) => {
    const routes = [
      ['l2-learned-macs', 'l2_learned_macs', 'learned'],
      ['l2-evpn-vteps', 'l2_evpn_vteps', 'vteps'],
      ['l2-evpn-duplicate-macs', 'l2_evpn_duplicate_macs', 'duplicates'],
    ] as const;
    app.delete<{ Params: { vni: string; mac: string } }>('/v2.0/l2-evpn-duplicate-macs/:vni/:mac', async (req, reply) => {
      const ctx = deps.authenticate(req);
      if (!ctx.admin) throw new BambuError('PERMISSION_DENIED', 'clearing a duplicate MAC needs an admin token');
      const vni = Number(req.params.vni);
      if (!/^[0-9]+$/.test(req.params.vni) || vni < 1 || vni > 16777215) throw invalidArgument('segmentation_id', `${JSON.stringify(req.params.vni)} is not a VNI`);
      const mac = normalizeMac(req.params.mac);
      if (mac === undefined) throw invalidArgument('mac_address', `${JSON.stringify(req.params.mac)} is not a MAC address`);
      if (!deps.view?.clearDuplicate?.(vni, mac)) throw new BambuError('NOT_FOUND', `l2_evpn_duplicate_mac ${mac} on segment ${vni} not found`);
      return reply.code(204).send();
    });
    for (const [path, key, which] of routes) {
      app.get(`/v2.0/${path}`, async (req) => {
        deps.authenticate(req);
        return { [key]: filter(evpnRows(deps.view)[which], (req.query ?? {}) as Record<string, unknown>) };
      });
      for (const method of ['POST', 'PUT', 'DELETE'] as const) {
        app.route({
          method,
          url: `/v2.0/${path}`,
          handler: async (_req, reply) =>
            reply.code(405).send({ NeutronError: { type: 'HTTPMethodNotAllowed', message: `${path} is read-only: learned from BGP EVPN`, detail: '' } }),
        });
      }
    }
  };
}
