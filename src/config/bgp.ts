/**
 * Top-level BGP keys of bambud's YAML config (../shared/spec/bgp-api.md "Configuration file").
 * Owned by the BGP subsystem; src/config/index.ts composes it with the other sections.
 */
import { z } from 'zod';

const ipPort = z.string().min(1);

/** SessionConfig keys as YAML (snake_case), shared by `peers[]` entries. */
export const sessionConfigSchema = z
  .object({
    idle_hold_time_secs: z.number().int().min(0).optional(),
    damp_peer_oscillations: z.boolean().optional(),
    allow_automatic_stop: z.boolean().optional(),
    passive_mode: z.boolean().optional(),
    delay_open_time_secs: z.number().int().min(0).optional(),
    max_prefix: z.object({ limit: z.number().int().min(0), action: z.enum(['terminate', 'discard']).default('terminate') }).strict().optional(),
    send_notification_without_open: z.boolean().optional(),
    collision_detect_established_state: z.boolean().optional(),
    min_route_advertisement_interval_secs: z.number().int().min(0).optional(),
    asn: z.number().int().min(1).max(4294967295).optional(),
    local_address: z.string().optional(),
    hold_time_secs: z.number().int().min(0).max(65535).optional(),
    connect_retry_secs: z.number().int().min(1).optional(),
    address_families: z.array(z.enum(['ipv4-unicast', 'ipv6-unicast', 'l2vpn-evpn'])).optional(),
    route_reflector_client: z.boolean().optional(),
    next_hop_self: z.string().optional(),
  })
  .strict();

/** One `peers[]` entry. */
export const peerConfigSchema = sessionConfigSchema
  .extend({
    address: ipPort,
    'import-policy': z.array(z.string()).optional(),
    'export-policy': z.array(z.string()).optional(),
  })
  .strict();

/** BGP keys at the top level of the config file. */
export const bgpConfigShape = {
  asn: z.number().int().min(1).max(4294967295).default(65000),
  router_id: z.string().default('127.0.0.1'),
  listen_addr: z.string().default('127.0.0.1:179'),
  grpc_listen_addr: z.string().default('127.0.0.1:50051'),
  log_level: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  hold_time_secs: z.number().int().min(0).max(65535).default(180),
  connect_retry_secs: z.number().int().min(1).default(30),
  accept_unconfigured_peers: z.boolean().default(false),
  bmp_servers: z
    .array(z.object({ address: ipPort, statistics_timeout: z.number().int().min(0).optional() }).strict())
    .default([]),
  peers: z.array(peerConfigSchema).default([]),
  // Policy sections are validated by the policy module (issue 5); kept as data here.
  'defined-sets': z.record(z.string(), z.unknown()).optional(),
  'policy-definitions': z.array(z.unknown()).optional(),
};

export type SessionConfigYaml = z.infer<typeof sessionConfigSchema>;
export type PeerConfigYaml = z.infer<typeof peerConfigSchema>;
