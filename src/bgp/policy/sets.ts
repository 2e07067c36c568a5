/**
 * Defined sets compiled into matchers, one compiler per set type (a table, not branches):
 * prefix and neighbor sets become a PrefixTrie, AS-path and community regexes are compiled once,
 * exact community values become Sets of numbers or strings. Compilation also validates: a bad
 * member is INVALID_ARGUMENT naming it.
 *
 * Match semantics per type (MatchSetRef.match_option; "invert" is "not any"):
 * - prefix-set:  any = all = the route's prefix is covered by an entry (prefix + masklength range);
 * - neighbor-set: any = all = the route's source peer address is an entry or inside an entry's CIDR;
 * - as-path-set: any = some pattern matches the AS path text, all = every pattern does;
 * - community / ext-community / large-community sets: any = some route value matches some
 *   member, all = every member matches some route value.
 * AS path text: AS_SEQUENCE as "65001 65002", AS_SET as "{65003,65004}", segments joined by a
 * space; "_" in a pattern matches a boundary (start, end, space, brace or comma), as in GoBGP / IOS.
 */
import { invalidArgument } from '../../lib/errors.js';
import { parsePrefix, type Prefix } from '../../lib/ip.js';
import { AS_PATH_SEGMENT, type AsPathSegment, type PathAttributes } from '../types.js';
import { compileRegex, formatExt, formatLarge, formatStandard, parseExtCommunity, parseLargeCommunity, parseStandardCommunity } from './community.js';
import { parseLoose, parseMasklengthRange, PrefixTrie } from './prefix-trie.js';
import type { DefinedSetDef, SetType } from './types.js';

/** What a condition looks at in a route. */
export interface PolicyRoute {
  /** The route's prefix, parsed; undefined for NLRI that are not IP prefixes (e.g. EVPN routes). */
  readonly prefix: Prefix | undefined;
  /** Bare IP of the peer the path was learned from ('' for locally originated routes). */
  readonly neighbor: string;
  readonly attrs: PathAttributes;
}

/** A compiled defined set. */
export interface CompiledSet {
  readonly type: SetType;
  readonly name: string;
  any(route: PolicyRoute): boolean;
  all(route: PolicyRoute): boolean;
}

type Compiler = (def: DefinedSetDef, field: string) => Omit<CompiledSet, 'type' | 'name'>;

function members(def: DefinedSetDef): readonly string[] {
  return 'members' in def ? def.members : [];
}

/** AS path as text for regex matching (see the module comment). */
export function asPathText(path: readonly AsPathSegment[]): string {
  return path.map((s) => (s.type === AS_PATH_SEGMENT.AS_SET || s.type === AS_PATH_SEGMENT.AS_CONFED_SET ? `{${s.asns.join(',')}}` : s.asns.join(' '))).join(' ');
}

/**
 * Matchers for a list of values that are either exact (parsed by `exact` into a key) or regexes
 * over the text form; `values(route)` yields the route's values as [key, text].
 */
function valueSet(def: DefinedSetDef, field: string, exact: (m: string) => string | undefined, values: (r: PolicyRoute) => Iterable<[string, string]>) {
  const keys: string[] = [];
  const regexes: RegExp[] = [];
  const matchers: ((key: string, text: string) => boolean)[] = [];
  members(def).forEach((m, i) => {
    const k = exact(m);
    if (k !== undefined) {
      keys.push(k);
      matchers.push((key) => key === k);
    } else {
      const re = compileRegex(m, `${field}[${i}]`);
      regexes.push(re);
      matchers.push((_key, text) => re.test(text));
    }
  });
  const exactKeys = new Set(keys);
  return {
    any(r: PolicyRoute): boolean {
      for (const [key, text] of values(r)) {
        if (exactKeys.has(key)) return true;
        for (const re of regexes) if (re.test(text)) return true;
      }
      return false;
    },
    all(r: PolicyRoute): boolean {
      if (matchers.length === 0) return false;
      const vals = [...values(r)];
      return matchers.every((m) => vals.some(([key, text]) => m(key, text)));
    },
  };
}

const COMPILERS: Record<SetType, Compiler> = {
  'prefix-set': (def, field) => {
    const trie = new PrefixTrie();
    if (def.type === 'prefix-set') {
      def.prefixes.forEach((pm, i) => {
        const p = parsePrefix(pm.prefix, `${field}[${i}].prefix`);
        trie.insert(p, parseMasklengthRange(pm.masklengthRange, p.length, p.afi === 4 ? 32 : 128, `${field}[${i}].masklength_range`));
      });
    }
    const m = (r: PolicyRoute) => r.prefix !== undefined && trie.matches(r.prefix);
    return { any: m, all: m };
  },
  'neighbor-set': (def, field) => {
    const trie = new PrefixTrie();
    members(def).forEach((a, i) => {
      const p = parseLoose(a);
      if (!p) throw invalidArgument(`${field}[${i}]`, `not an IP address or CIDR prefix: ${JSON.stringify(a)}`);
      // host bits of a CIDR are checked by parsePrefix inside parseLoose
      const bits = p.afi === 4 ? 32 : 128;
      trie.insert(p, { min: bits, max: bits });
    });
    const m = (r: PolicyRoute) => r.neighbor !== '' && trie.matchesText(r.neighbor);
    return { any: m, all: m };
  },
  'as-path-set': (def, field) => {
    const regexes = members(def).map((pat, i) => {
      try {
        return new RegExp(pat.replace(/_/g, '(?:^|$|[ {},])'));
      } catch (err) {
        throw invalidArgument(`${field}[${i}]`, `not a valid regular expression: ${JSON.stringify(pat)} (${(err as Error).message})`);
      }
    });
    return {
      any: (r) => {
        const t = asPathText(r.attrs.asPath);
        return regexes.some((re) => re.test(t));
      },
      all: (r) => {
        const t = asPathText(r.attrs.asPath);
        return regexes.length > 0 && regexes.every((re) => re.test(t));
      },
    };
  },
  'community-set': (def, field) =>
    valueSet(
      def,
      field,
      (m) => {
        const v = parseStandardCommunity(m);
        return v === undefined ? undefined : String(v);
      },
      function* (r) {
        for (const c of r.attrs.communities ?? []) yield [String(c), formatStandard(c)];
      },
    ),
  'large-community-set': (def, field) =>
    valueSet(
      def,
      field,
      (m) => {
        const v = parseLargeCommunity(m);
        return v ? formatLarge(v) : undefined;
      },
      function* (r) {
        for (const l of r.attrs.largeCommunities ?? []) {
          const t = formatLarge(l);
          yield [t, t];
        }
      },
    ),
  'ext-community-set': (def, field) =>
    valueSet(
      def,
      field,
      (m) => {
        const v = parseExtCommunity(m);
        return v ? Buffer.from(v).toString('hex') : undefined;
      },
      function* (r) {
        for (const e of r.attrs.extCommunities ?? []) yield [Buffer.from(e.buffer, e.byteOffset, e.byteLength).toString('hex'), formatExt(e)];
      },
    ),
};

/**
 * Compiles (and validates) a defined set.
 * @param field request/config path for error messages, e.g. "set.prefix_set.prefixes"
 * @throws BambuError INVALID_ARGUMENT naming the bad member
 */
export function compileSet(def: DefinedSetDef, field: string): CompiledSet {
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(def.name)) throw invalidArgument('name', `set names are 1..64 of A-Z a-z 0-9 _ . : -, got ${JSON.stringify(def.name)}`);
  return { type: def.type, name: def.name, ...COMPILERS[def.type](def, field) };
}
