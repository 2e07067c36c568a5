/**
 * The OpenAPI 3.1 document served at `GET /v2.0/openapi.json`, generated from the same zod schemas
 * and resource defs the routes use (z.toJSONSchema), so it cannot drift from the implementation.
 */
import { z } from 'zod';
import type { AnyResourceDef } from './resource.js';

type Json = Record<string, unknown>;

const jsonSchema = (s: z.ZodType, io: 'input' | 'output'): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
  return rest;
};

const neutronError: Json = {
  type: 'object',
  properties: {
    NeutronError: {
      type: 'object',
      properties: { type: { type: 'string' }, message: { type: 'string' }, detail: { type: 'string' } },
      required: ['type', 'message', 'detail'],
    },
  },
  required: ['NeutronError'],
};

const errorResponses = (codes: number[]): Json =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      {
        description: { 400: 'a field is invalid (message names it)', 401: 'missing or unknown X-Auth-Token', 403: "another project's object", 404: 'unknown id or name', 409: 'duplicate, in use, or ambiguous name' }[c] ?? 'error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/NeutronError' } } },
      },
    ]),
  );

const wrapped = (key: string, ref: string, list = false): Json => ({
  type: 'object',
  properties: { [key]: list ? { type: 'array', items: { $ref: ref } } : { $ref: ref } },
  required: [key],
});

/** Builds the document for `defs`. */
export function buildOpenApi(defs: readonly AnyResourceDef[]): Json {
  const schemas: Json = { NeutronError: neutronError };
  const paths: Json = {};
  for (const d of defs) {
    schemas[d.kind] = jsonSchema(d.object, 'output');
    schemas[`${d.kind}_create`] = jsonSchema(d.create, 'input');
    schemas[`${d.kind}_update`] = jsonSchema(d.update, 'input');
    const obj = `#/components/schemas/${d.kind}`;
    const one = { content: { 'application/json': { schema: wrapped(d.kind, obj) } } };
    const fieldsParam = { name: 'fields', in: 'query', required: false, description: 'fields to return (repeatable)', schema: { type: 'array', items: { type: 'string', enum: Object.keys(d.object.shape) } }, style: 'form', explode: true };
    const filterParams = Object.entries(d.object.shape)
      .filter(([, s]) => !['array', 'object'].includes(String((jsonSchema(s as z.ZodType, 'output') as Json).type)))
      .map(([name]) => ({ name, in: 'query', required: false, description: `filter on ${name} (repeat to OR values)`, schema: { type: 'string' } }));
    const refParam = { name: 'ref', in: 'path', required: true, description: d.named ? 'UUID or name' : 'UUID', schema: { type: 'string' } };
    paths[`/v2.0/${d.path}`] = {
      get: { operationId: `list_${d.collection}`, summary: `List ${d.description}`, parameters: [fieldsParam, ...filterParams], responses: { 200: { description: 'list', content: { 'application/json': { schema: wrapped(d.collection, obj, true) } } }, ...errorResponses([400, 401]) } },
      post: {
        operationId: `create_${d.kind}`,
        summary: `Create one of: ${d.description}`,
        requestBody: { required: true, content: { 'application/json': { schema: wrapped(d.kind, `#/components/schemas/${d.kind}_create`) } } },
        responses: { 201: { description: 'created', ...one }, ...errorResponses([400, 401, 403, 404, 409]) },
      },
    };
    paths[`/v2.0/${d.path}/{ref}`] = {
      parameters: [refParam],
      get: { operationId: `show_${d.kind}`, parameters: [fieldsParam], responses: { 200: { description: 'the object', ...one }, ...errorResponses([400, 401, 403, 404, 409]) } },
      put: {
        operationId: `update_${d.kind}`,
        requestBody: { required: true, content: { 'application/json': { schema: wrapped(d.kind, `#/components/schemas/${d.kind}_update`) } } },
        responses: { 200: { description: 'updated', ...one }, ...errorResponses([400, 401, 403, 404, 409]) },
      },
      delete: { operationId: `delete_${d.kind}`, responses: { 204: { description: 'deleted' }, ...errorResponses([401, 403, 404, 409]) } },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Bambu L2 Border Gateway API', version: '2.0', description: 'networking-l2gw resources plus remote gateways, remote gateway connections and remote MACs (Neutron v2.0 conventions).' },
    servers: [{ url: '/' }],
    security: [{ token: [] }],
    components: { securitySchemes: { token: { type: 'apiKey', in: 'header', name: 'X-Auth-Token' } }, schemas },
    paths,
  };
}
