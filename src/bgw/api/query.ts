/**
 * List filters and `fields=` selection (Neutron v2.0 conventions): every query parameter other than
 * `fields` is a filter on the field of that name; repeating a parameter ORs its values
 * (`?id=a&id=b`); `fields` may repeat or be comma-separated. Values compare as their string form
 * (booleans "true"/"false", case-insensitive; MACs compared normalized). Unknown names are a 400.
 */
import { invalidArgument } from '../../lib/errors.js';
import { normalizeMac } from '../../lib/mac.js';

/** Parsed query. */
export interface ListQuery {
  filters: Map<string, string[]>;
  fields?: string[];
}

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/**
 * Parses the query string object fastify produced.
 * @param known the resource's field names
 * @param filterable whether filtering is allowed (false for show)
 * @throws BambuError INVALID_ARGUMENT naming the unknown field or filter
 */
export function parseListQuery(query: unknown, known: readonly string[], filterable: boolean): ListQuery {
  const q = (query ?? {}) as Record<string, unknown>;
  const filters = new Map<string, string[]>();
  let fields: string[] | undefined;
  for (const [key, raw] of Object.entries(q)) {
    if (key === 'fields') {
      fields = asList(raw).flatMap((f) => f.split(',')).map((f) => f.trim()).filter((f) => f !== '');
      for (const f of fields) if (!known.includes(f)) throw invalidArgument('fields', `unknown field "${f}" (known: ${known.join(', ')})`);
      continue;
    }
    if (!filterable) throw invalidArgument(key, 'unknown query parameter');
    if (!known.includes(key)) throw invalidArgument(key, `unknown filter (known: ${known.join(', ')})`);
    filters.set(key, asList(raw));
  }
  return { filters, ...(fields && fields.length > 0 ? { fields } : {}) };
}

/** String form of a field value for filter comparison; undefined for lists/objects (not filterable). */
function comparable(v: unknown): string | undefined {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return undefined;
}

/** Normalizes a filter value for comparison against `field`. */
function normalizeFilter(field: string, value: string): string {
  if (field === 'mac_address') return normalizeMac(value) ?? value;
  if (/^(true|false)$/i.test(value)) return value.toLowerCase();
  return value;
}

/**
 * Keeps the objects matching every filter.
 * @throws BambuError INVALID_ARGUMENT when filtering on a list/object field
 */
export function applyFilters<T extends object>(items: T[], filters: Map<string, string[]>): T[] {
  if (filters.size === 0) return items;
  const wanted = [...filters].map(([field, values]) => [field, new Set(values.map((v) => normalizeFilter(field, v)))] as const);
  return items.filter((item) =>
    wanted.every(([field, values]) => {
      const c = comparable((item as Record<string, unknown>)[field]);
      if (c === undefined) throw invalidArgument(field, 'this field cannot be used as a filter');
      return values.has(c);
    }),
  );
}

/** Projects an object onto `fields` (all fields when undefined), in the order given. */
export function selectFields<T extends object>(item: T, fields?: string[]): Record<string, unknown> {
  if (!fields) return item as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = (item as Record<string, unknown>)[f];
  return out;
}
