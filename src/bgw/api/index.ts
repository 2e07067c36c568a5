/**
 * Border-gateway REST API (Neutron v2.0 conventions, ../shared/spec/l2gw-api.md): one fastify
 * plugin per resource (./resource.ts + a def per resource), zod validation at this edge,
 * NeutronError bodies (./errors.ts), X-Auth-Token auth (./auth.ts), and the generated OpenAPI
 * document at GET /v2.0/openapi.json (served without a token); read-only EVPN views (./evpn.ts).
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { BambuError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import type { BgwStore } from '../store/index.js';
import { makeAuthenticator, type TokenEntry } from './auth.js';
import { makeErrorHandler } from './errors.js';
import { evpnPlugin } from './evpn.js';
import type { EvpnView } from '../../evpn/index.js';
import { l2GatewayConnectionDef } from './l2-gateway-connections.js';
import { l2GatewayDef } from './l2-gateways.js';
import { buildOpenApi } from './openapi.js';
import { remoteGatewayConnectionDef } from './remote-gateway-connections.js';
import { remoteGatewayDef } from './remote-gateways.js';
import { remoteMacDef } from './remote-macs.js';
import { resourcePlugin, type AnyResourceDef } from './resource.js';

export { DEFAULT_NOAUTH_PROJECT, type AuthContext, type TokenEntry } from './auth.js';

/** Every resource the API serves, in documentation order. */
export const RESOURCE_DEFS: readonly AnyResourceDef[] = [l2GatewayDef, l2GatewayConnectionDef, remoteGatewayDef, remoteGatewayConnectionDef, remoteMacDef];

/** Options of buildBgwApi. */
export interface BgwApiOptions {
  /** Accept requests without a (known) token as admin of project "admin". */
  noauth: boolean;
  tokens: TokenEntry[];
  log: Logger;
  /** EVPN control plane (driver evpn): read-only learned MACs, remote VTEPs, duplicates; else empty lists. */
  evpn?: EvpnView;
}

/**
 * Builds the API (not listening; the caller calls `listen`, or tests use `inject`).
 * @param store the border-gateway store (not closed by the API)
 */
export function buildBgwApi(store: BgwStore, opts: BgwApiOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: opts.log.child({ component: 'bgw-api' }),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1 << 20,
    // Older python-neutronclient releases append the format: /v2.0/l2-gateways.json, /v2.0/l2-gateways/<id>.json
    rewriteUrl: (req) => (req.url ?? '/').replace(/^(\/v2\.0\/l2-[^?]*?)\.json(?=$|\?)/, '$1'),
  });
  const authenticate = makeAuthenticator(opts);

  // Neutron clients may send Content-Type: application/json on DELETE/GET with no body.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      done(new BambuError('INVALID_ARGUMENT', `body: malformed JSON (${(err as Error).message})`, 'body'), undefined);
    }
  });

  app.setErrorHandler(makeErrorHandler(opts.log));
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ NeutronError: { type: 'HTTPNotFound', message: `${req.method} ${req.url.split('?')[0]}: no such resource`, detail: '' } });
  });

  const openapi = buildOpenApi(RESOURCE_DEFS);
  app.get('/v2.0/openapi.json', async () => openapi);
  for (const def of RESOURCE_DEFS) void app.register(resourcePlugin(def, { store, authenticate }));
  void app.register(evpnPlugin({ authenticate, ...(opts.evpn ? { view: opts.evpn } : {}) }));
  return app as unknown as FastifyInstance;
}
