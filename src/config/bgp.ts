/**
 * Top-level BGP keys of bambud's YAML config (../shared/spec/bgp-api.md "Configuration file"):
 * asn, router_id, listen_addr, grpc_listen_addr, log_level, hold_time_secs, connect_retry_secs,
 * accept_unconfigured_peers, bmp_servers, peers, defined-sets, policy-definitions.
 * `peers[]` entries take `address` ("IP" or "IP:PORT", default port 179), the seed's SessionConfig
 * keys plus Bambu's extension keys (snake_case, the same names as proto/bgp.proto's SessionConfig),
 * and `import-policy` / `export-policy`. Owned by the BGP subsystem; src/config/index.ts composes it
 * with the other sections and turns every issue into "file:LINE: key.path: reason".
 */
import { z } from 'zod';
import { isIPv4 } from '../lib/ip.js';
import { canonicalIp, parseHostPort } from '../bgp/api/address.js';

/** "IP[:PORT]"; `needPort` demands the port, `minPort` bounds it (0 = any free port). */
function hostPort(opts: { needPort: boolean; minPort: number; example: string }) {
  return z.string().superRefine((s, ctx) => {
    const r = parseHostPort(s);
    if (typeof r === 'string') ctx.addIssue({ code: 'custom', message: `${r} (e.g. "${opts.example}")` });
    else if (r.port === undefined && opts.needPort) ctx.addIssue({ code: 'custom', message: `"${s}" needs a port, e.g. "${opts.example}"` });
    else if (r.port !== undefined && r.port < opts.minPort) ctx.addIssue({ code: 'custom', message: `port ${r.port} is not allowed here` });
  });
}

const ipLiteral = z.string().refine((s) => canonicalIp(s) !== undefined, { message: 'not an IP address' });
const asn = z.number().int().min(1).max(4294967295);
const secs = z.number().int().min(0).max(65535);
/** RFC 4271 §4.2: the Hold Time is zero or at least three seconds. */
const holdTime = secs.refine((v) => v === 0 || v >= 3, { message: 'must be 0 or 3..65535 (RFC 4271 §4.2)' });

// ── routing policy (hyphenated keys, as the spec's section names and GoBGP's config) ──────────
const setName = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'set and policy names are 1..64 of A-Z a-z 0-9 _ . : -');
const strings = z.array(z.string().min(1));
const namedSet = <K extends string>(key: K) => z.object({ name: setName, [key]: strings.default([]) } as { name: typeof setName } & Record<K, z.ZodDefault<typeof strings>>).strict();

/** `defined-sets:` — one list per set type; members are validated by the policy compiler. */
export const definedSetsSchema = z
  .object({
    'prefix-sets': z
      .array(
        z
          .object({
            name: setName,
            prefixes: z.array(z.object({ prefix: z.string(), 'masklength-range': z.string().optional() }).strict()).default([]),
          })
          .strict(),
      )
      .optional(),
    'neighbor-sets': z.array(namedSet('addresses')).optional(),
    'as-path-sets': z.array(namedSet('patterns')).optional(),
    'community-sets': z.array(namedSet('communities')).optional(),
    'ext-community-sets': z.array(namedSet('ext-communities')).optional(),
    'large-community-sets': z.array(namedSet('large-communities')).optional(),
  })
  .strict();

const matchSetRef = z.object({ 'set-name': setName, 'match-option': z.enum(['any', 'all', 'invert']).default('any') }).strict();

/** One `policy-definitions[]` entry. */
export const policyDefinitionSchema = z
  .object({
    name: setName,
    statements: z
      .array(
        z
          .object({
            conditions: z
              .object({
                'match-prefix-set': matchSetRef.optional(),
                'match-neighbor-set': matchSetRef.optional(),
                'match-as-path-set': matchSetRef.optional(),
                'match-community-set': matchSetRef.optional(),
                'match-ext-community-set': matchSetRef.optional(),
                'match-large-community-set': matchSetRef.optional(),
                prefix: z.string().optional(),
                neighbor: z.string().optional(),
              })
              .strict()
              .default({}),
            actions: z
              .object({
                accept: z.boolean().optional(),
                reject: z.boolean().optional(),
                'local-pref': z.number().int().min(0).max(4294967295).optional(),
                med: z.number().int().min(0).max(4294967295).optional(),
                'add-communities': strings.default([]),
                'remove-communities': strings.default([]),
              })
              .strict()
              .refine((a) => !(a.accept && a.reject), { message: 'accept and reject are exclusive' })
              .default({ 'add-communities': [], 'remove-communities': [] }),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** SessionConfig keys as YAML (snake_case), shared by `peers[]` entries. */
export const sessionConfigSchema = z
  .object({
    idle_hold_time_secs: secs.optional(),
    damp_peer_oscillations: z.boolean().optional(),
    allow_automatic_stop: z.boolean().optional(),
    passive_mode: z.boolean().optional(),
    delay_open_time_secs: secs.optional(),
    max_prefix: z.object({ limit: z.number().int().min(0).max(4294967295), action: z.enum(['terminate', 'discard']).default('terminate') }).strict().optional(),
    send_notification_without_open: z.boolean().optional(),
    collision_detect_established_state: z.boolean().optional(),
    min_route_advertisement_interval_secs: secs.optional(),
    // Bambu extensions (proto SessionConfig fields ≥ 10)
    asn: asn.optional(),
    local_address: ipLiteral.optional(),
    hold_time_secs: holdTime.optional(),
    connect_retry_secs: secs.min(1).optional(),
    address_families: z.array(z.enum(['ipv4-unicast', 'ipv6-unicast', 'l2vpn-evpn'])).min(1).optional(),
    route_reflector_client: z.boolean().optional(),
    next_hop_self: ipLiteral.optional(),
  })
  .strict();

/** One `peers[]` entry. */
export const peerConfigSchema = sessionConfigSchema
  .extend({
    address: hostPort({ needPort: false, minPort: 1, example: '127.0.0.2:179' }),
    'import-policy': z.array(setName).optional(),
    'export-policy': z.array(setName).optional(),
    /** What a route no import / export statement decided gets (default accept). */
    'import-default-action': z.enum(['accept', 'reject']).optional(),
    'export-default-action': z.enum(['accept', 'reject']).optional(),
  })
  .strict();

/** BGP keys at the top level of the config file, with their defaults. */
export const bgpConfigShape = {
  asn: asn.default(65000),
  router_id: z
    .string()
    .refine((s) => isIPv4(s) && s !== '0.0.0.0', { message: 'must be a non-zero dotted IPv4 address (BGP Identifier, RFC 4271 §4.2)' })
    .default('127.0.0.1'),
  listen_addr: hostPort({ needPort: false, minPort: 0, example: '127.0.0.1:1179' }).default('127.0.0.1:179'),
  grpc_listen_addr: hostPort({ needPort: true, minPort: 0, example: '127.0.0.1:50051' }).default('127.0.0.1:50051'),
  log_level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  hold_time_secs: holdTime.default(180),
  connect_retry_secs: secs.min(1).default(30),
  accept_unconfigured_peers: z.boolean().default(false),
  bmp_servers: z
    .array(
      z
        .object({
          address: hostPort({ needPort: true, minPort: 1, example: '127.0.0.1:11019' }),
          statistics_timeout: z.number().int().min(0).optional(),
          /** Bambu extension: also send the post-policy Adj-RIB-Out (RFC 8671). */
          route_monitoring_adj_rib_out: z.boolean().optional(),
        })
        .strict(),
    )
    .default([]),
  peers: z
    .array(peerConfigSchema)
    .default([])
    .superRefine((peers, ctx) => {
      const seen = new Map<string, number>();
      peers.forEach((p, i) => {
        const hp = parseHostPort(p.address);
        if (typeof hp === 'string') return;
        const first = seen.get(hp.address);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'address'], message: `duplicate of peers[${first}].address (${hp.address})` });
        else seen.set(hp.address, i);
      });
    }),
  'defined-sets': definedSetsSchema.optional(),
  'policy-definitions': z.array(policyDefinitionSchema).optional(),
};

export type SessionConfigYaml = z.infer<typeof sessionConfigSchema>;
export type PeerConfigYaml = z.infer<typeof peerConfigSchema>;
export type DefinedSetsYaml = z.infer<typeof definedSetsSchema>;
export type PolicyDefinitionYaml = z.infer<typeof policyDefinitionSchema>;
