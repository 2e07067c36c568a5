/**
 * bambud configuration: YAML file → validated, defaulted object.
 *
 * The schema is composed from one section per subsystem (bgp.ts: top-level keys; l2gw.ts: `l2gw:`).
 * Every error names the key path and the line in the file, e.g.
 * `config.yaml:7: peers[0].hold_tme_secs: unknown key`.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { z } from 'zod';
import { bgpConfigShape } from './bgp.js';
import { l2gwSchema } from './l2gw.js';
import { BambuError } from '../lib/errors.js';

/** The whole config file. */
export const configSchema = z
  .object({
    ...bgpConfigShape,
    l2gw: l2gwSchema.optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

/** Formats a zod path as `a.b[0].c`. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

/**
 * Parses and validates YAML text.
 * @param text   YAML source
 * @param source name used in error messages (file path)
 * @returns the validated config with defaults applied
 * @throws BambuError INVALID_ARGUMENT listing every problem as `source:LINE: key.path: reason`
 */
export function parseConfig(text: string, source = 'config'): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = lineCounter.linePos(e.pos[0]).line;
    throw new BambuError('INVALID_ARGUMENT', `${source}:${line}: YAML syntax: ${e.message.split('\n')[0]}`);
  }
  const data = doc.toJS() ?? {};
  const result = configSchema.safeParse(data);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys
      .map((k) => {
        const path = k === undefined ? issue.path : [...issue.path, k];
        // Walk back up the path until a node with a position is found.
        let line: number | string = '?';
        for (let n = path.length; n >= 0; n--) {
          const sub = path.slice(0, n) as (string | number)[];
          const node = sub.length === 0 ? doc.contents : doc.getIn(sub, true);
          const keyNode = k !== undefined && n === path.length ? findKeyNode(doc, sub) : undefined;
          const target = keyNode ?? node;
          if (isNode(target) && target.range) {
            line = lineCounter.linePos(target.range[0]).line;
            break;
          }
        }
        const reason = issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message;
        return `${source}:${line}: ${formatPath(path) || '(top level)'}: ${reason}`;
      })
      .join('\n');
  });
  throw new BambuError('INVALID_ARGUMENT', lines.join('\n'));
}

/** Finds the key node (not the value) of the last element of `path` in a YAML map. */
function findKeyNode(doc: ReturnType<typeof parseDocument>, path: (string | number)[]): unknown {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  const items = (parent as { items?: Array<{ key: unknown }> } | null)?.items;
  if (!items) return undefined;
  return items.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === last)?.key;
}

/**
 * Reads and validates a config file.
 * @throws BambuError INVALID_ARGUMENT when the file is missing, unreadable or invalid.
 */
export function loadConfig(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new BambuError('INVALID_ARGUMENT', `cannot read config ${path}: ${(err as Error).message}`);
  }
  return parseConfig(text, path);
}
