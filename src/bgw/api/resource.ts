/**
 * One fastify plugin per resource, built from a `ResourceDef`: the five Neutron v2.0 routes
 *   POST   /v2.0/<path>        {"<kind>": {...}}  → 201 {"<kind>": {...}}
 *   GET    /v2.0/<path>        ?filter=…&fields=… → 200 {"<collection>": [...]}
 *   GET    /v2.0/<path>/<ref>  ?fields=…          → 200 {"<kind>": {...}}
 *   PUT    /v2.0/<path>/<ref>  {"<kind>": {...}}  → 200 {"<kind>": {...}} (partial)
 *   DELETE /v2.0/<path>/<ref>                     → 204
 * Bodies are validated with the def's zod schemas at this edge; the store receives domain inputs.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { invalidArgument } from '../../lib/errors.js';
import type { Owned, ResourceKind } from '../model/resources.js';
import type { BgwStore, Repository } from '../store/index.js';
import { requireAccess, type AuthContext } from './auth.js';
import { zodToBambu } from './errors.js';
import { lookup } from './lookup.js';
import { applyFilters, parseListQuery, selectFields } from './query.js';

/** What a def's conversion functions get. */
export interface Env {
  ctx: AuthContext;
  store: BgwStore;
}

/** Describes one resource for routing, validation and the OpenAPI document. */
export interface ResourceDef<T extends Owned, C, U, CB extends z.ZodType, UB extends z.ZodType> {
  kind: ResourceKind;
  /** List body key, e.g. "l2_remote_gateways". */
  collection: string;
  /** URL segment under /v2.0/, e.g. "l2-remote-gateways". */
  path: string;
  /** One line for the OpenAPI document. */
  description: string;
  /** Whether `<ref>` in the URL may be a name. */
  named: boolean;
  /** The object as returned (documentation and the list of known field names). */
  object: z.ZodObject;
  create: CB;
  update: UB;
  repo(store: BgwStore): Repository<T, C, U>;
  /** Validated create body → store input (resolves references, owning project). */
  toCreate(body: z.output<CB>, env: Env): Promise<C>;
  /** Validated update body → store patch. */
  toUpdate(body: z.output<UB>, current: T, env: Env): Promise<U>;
}

/** A def with its types erased, for registries. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyResourceDef = ResourceDef<any, any, any, any, any>;

/** Identity helper that infers a def's type parameters. */
export function defineResource<T extends Owned, C, U, CB extends z.ZodType, UB extends z.ZodType>(def: ResourceDef<T, C, U, CB, UB>): ResourceDef<T, C, U, CB, UB> {
  return def;
}

/**
 * Extracts and validates `{"<kind>": {...}}`.
 * @throws BambuError INVALID_ARGUMENT naming the field
 */
export function parseBody<S extends z.ZodType>(kind: string, schema: S, body: unknown): z.output<S> {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !(kind in body)) {
    throw invalidArgument(kind, `request body must be {"${kind}": {...}}`);
  }
  const extra = Object.keys(body).filter((k) => k !== kind);
  if (extra.length > 0) throw invalidArgument(extra[0]!, `unexpected top-level key; the body must be {"${kind}": {...}}`);
  const inner = (body as Record<string, unknown>)[kind];
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) throw invalidArgument(kind, 'must be a JSON object');
  const r = schema.safeParse(inner);
  if (!r.success) throw zodToBambu(r.error);
  return r.data;
}

/** Builds the plugin serving `def`. */
export function resourcePlugin(def: AnyResourceDef, deps: { store: BgwStore; authenticate: (req: FastifyRequest) => AuthContext }): FastifyPluginAsync {
  const known = Object.keys(def.object.shape);
  const repo = def.repo(deps.store);
  const base = `/v2.0/${def.path}`;
  return async (app) => {
    app.post(base, async (req, reply) => {
      const ctx = deps.authenticate(req);
      const body = parseBody(def.kind, def.create, req.body);
      const created = await repo.create(await def.toCreate(body, { ctx, store: deps.store }));
      return reply.code(201).send({ [def.kind]: created });
    });

    app.get(base, async (req) => {
      const ctx = deps.authenticate(req);
      const q = parseListQuery(req.query, known, true);
      const all = await repo.list(ctx.admin ? {} : { tenantId: ctx.projectId });
      return { [def.collection]: applyFilters(all, q.filters).map((o) => selectFields(o, q.fields)) };
    });

    app.get<{ Params: { ref: string } }>(`${base}/:ref`, async (req) => {
      const ctx = deps.authenticate(req);
      const q = parseListQuery(req.query, known, false);
      const found = await lookup(repo, req.params.ref, ctx, { named: def.named });
      return { [def.kind]: selectFields(found, q.fields) };
    });

    app.put<{ Params: { ref: string } }>(`${base}/:ref`, async (req) => {
      const ctx = deps.authenticate(req);
      const current = await lookup(repo, req.params.ref, ctx, { named: def.named });
      const body = parseBody(def.kind, def.update, req.body);
      const updated = await repo.update(current.id, await def.toUpdate(body, current, { ctx, store: deps.store }));
      return { [def.kind]: updated };
    });

    app.delete<{ Params: { ref: string } }>(`${base}/:ref`, async (req, reply) => {
      const ctx = deps.authenticate(req);
      const current = await lookup(repo, req.params.ref, ctx, { named: def.named });
      requireAccess(ctx, current.tenant_id, `${def.kind} ${current.id}`);
      await repo.delete(current.id);
      return reply.code(204).send();
    });
  };
}
