/**
 * `X-Auth-Token` authentication against the configured token list (config `l2gw.tokens`), with
 * project scoping and an admin role (../shared/spec/l2gw-api.md "REST conventions").
 *
 * noauth (only when configured): a request without a token, or with a token not in the list, acts
 * as an admin of project "admin" (DEFAULT_NOAUTH_PROJECT); a configured token still selects its own
 * project and role, so scoping can be tested in noauth mode too.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { BambuError } from '../../lib/errors.js';

/** A configured token. */
export interface TokenEntry {
  token: string;
  project_id: string;
  admin: boolean;
}

/** Who is calling. */
export interface AuthContext {
  projectId: string;
  admin: boolean;
}

/** Project used for unauthenticated requests in noauth mode. */
export const DEFAULT_NOAUTH_PROJECT = 'admin';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Builds the authenticator.
 * @returns a function from request to AuthContext
 * @throws BambuError UNAUTHENTICATED (401) when auth is on and the token is missing or unknown
 */
export function makeAuthenticator(opts: { noauth: boolean; tokens: TokenEntry[] }): (req: FastifyRequest) => AuthContext {
  const table = opts.tokens.map((t) => ({ hash: digest(t.token), ctx: { projectId: t.project_id, admin: t.admin } }));
  const lookup = (token: string): AuthContext | undefined => {
    const h = digest(token);
    let found: AuthContext | undefined;
    for (const t of table) if (timingSafeEqual(t.hash, h)) found ??= t.ctx; // constant time over the list
    return found;
  };
  return (req) => {
    const header = req.headers['x-auth-token'];
    const token = Array.isArray(header) ? header[0] : header;
    const ctx = token ? lookup(token) : undefined;
    if (ctx) return ctx;
    if (opts.noauth) return { projectId: DEFAULT_NOAUTH_PROJECT, admin: true };
    throw new BambuError('UNAUTHENTICATED', token ? 'X-Auth-Token: unknown token' : 'X-Auth-Token: authentication required');
  };
}

/**
 * The project a create acts for: the body's tenant_id/project_id, else the caller's.
 * @throws BambuError INVALID_ARGUMENT when tenant_id and project_id differ; PERMISSION_DENIED when a
 *         non-admin names another project
 */
export function owningProject(ctx: AuthContext, body: { tenant_id?: string; project_id?: string }): string {
  if (body.tenant_id !== undefined && body.project_id !== undefined && body.tenant_id !== body.project_id) {
    throw new BambuError('INVALID_ARGUMENT', 'project_id: must equal tenant_id when both are given', 'project_id');
  }
  const wanted = body.tenant_id ?? body.project_id ?? ctx.projectId;
  if (wanted !== ctx.projectId && !ctx.admin) {
    throw new BambuError('PERMISSION_DENIED', `tenant_id: only an admin may create objects for project ${wanted}`, 'tenant_id');
  }
  return wanted;
}

/**
 * Checks that the caller may see/change an object of `tenantId`.
 * @throws BambuError PERMISSION_DENIED (403) for another project's object, non-admin
 */
export function requireAccess(ctx: AuthContext, tenantId: string, what: string): void {
  if (!ctx.admin && tenantId !== ctx.projectId) {
    throw new BambuError('PERMISSION_DENIED', `${what} belongs to another project`);
  }
}
