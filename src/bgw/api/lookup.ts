/**
 * Name-or-UUID lookup (../shared/spec/l2gw-api.md: "a name that matches several objects is a 409
 * with the ids"). An id is tried first; for named resources a name is then matched among the
 * objects the caller may see (own project; every project for an admin).
 */
import { BambuError } from '../../lib/errors.js';
import type { Owned } from '../model/resources.js';
import type { Repository } from '../store/index.js';
import { requireAccess, type AuthContext } from './auth.js';

/**
 * Finds one object by UUID or (when `named`) by name.
 * @param field request field holding the reference, named in errors (undefined for a URL path)
 * @throws BambuError NOT_FOUND, PERMISSION_DENIED (another project's object by id, non-admin),
 *         CONFLICT (name matches several objects; message lists their ids)
 */
export async function lookup<T extends Owned & { name?: string }>(
  repo: Repository<T, unknown, unknown>,
  ref: string,
  ctx: AuthContext,
  opts: { named: boolean; field?: string },
): Promise<T> {
  const prefix = opts.field ? `${opts.field}: ` : '';
  const byId = await repo.get(ref);
  if (byId) {
    requireAccess(ctx, byId.tenant_id, `${prefix}${repo.kind} ${ref}`);
    return byId;
  }
  if (opts.named) {
    const visible = await repo.list(ctx.admin ? {} : { tenantId: ctx.projectId });
    const matches = visible.filter((o) => o.name === ref);
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      throw new BambuError('CONFLICT', `${prefix}${repo.kind} name "${ref}" is ambiguous: it matches ${matches.map((m) => m.id).join(', ')}; use the id`, opts.field);
    }
  }
  throw new BambuError('NOT_FOUND', `${prefix}${repo.kind} ${ref} not found`, opts.field);
}
