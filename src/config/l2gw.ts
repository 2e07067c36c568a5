/**
 * `l2gw:` section of bambud's config: the L2 Border Gateway (../shared/spec/l2gw-api.md,
 * docs/bgw-dataplane.md). Absent section = border gateway disabled.
 *
 *   listen          REST API "IP:PORT" (default 127.0.0.1:9697, port 0 = any free port)
 *   database_url    "sqlite:PATH" (relative paths are taken from the working directory),
 *                   "sqlite::memory:", or "postgres://…"
 *   driver          linux (kernel VXLAN + bridge, default) | evpn (linux + BGP EVPN control plane:
 *                   remote MACs and VTEPs learned, local MACs advertised; docs/evpn.md) | none
 *                   (API only, nothing realized)
 *   local_vtep_ip   this gateway's tunnel endpoint address; required with driver linux and evpn
 *   evpn            driver evpn settings: scan_interval_ms (local MAC scan, default 1000),
 *                   duplicate_max_moves (5) / duplicate_window_secs (180) — RFC 7432 §15.1,
 *                   route_targets {"<vni>": "ASN:NN"} (default ASN:VNI)
 *   underlay_mtu    octets; default: MTU of the interface holding local_vtep_ip (else 1500)
 *   resync_secs     periodic reconcile (repairs drift made behind bambu's back); 0 = off
 *   noauth          accept requests without a token (as admin), for demos only
 *   tokens          [{token, project_id, admin}] accepted in X-Auth-Token
 */
import { z } from 'zod';
import { canonicalIp, parseHostPort } from '../bgp/api/address.js';

const listen = z.string().superRefine((s, ctx) => {
  const r = parseHostPort(s);
  if (typeof r === 'string') ctx.addIssue({ code: 'custom', message: `${r} (e.g. "127.0.0.1:9697")` });
  else if (r.port === undefined) ctx.addIssue({ code: 'custom', message: `"${s}" needs a port, e.g. "127.0.0.1:9697"` });
});

/** Schema of the `l2gw:` section. */
export const l2gwSchema = z
  .object({
    listen: listen.default('127.0.0.1:9697'),
    database_url: z.string().min(1).default('sqlite:/var/lib/bambu/bgw.db'),
    driver: z.enum(['linux', 'evpn', 'none'], { message: 'must be linux, evpn or none (ovsdb is not built yet)' }).default('linux'),
    local_vtep_ip: z
      .string()
      .refine((s) => canonicalIp(s) !== undefined, { message: 'not an IP address' })
      .optional(),
    underlay_mtu: z.number().int().min(1280).max(65535).optional(),
    evpn: z
      .object({
        scan_interval_ms: z.number().int().min(0).max(60_000).default(1000),
        duplicate_max_moves: z.number().int().min(2).max(1000).default(5),
        duplicate_window_secs: z.number().int().min(1).max(86_400).default(180),
        route_targets: z
          .record(
            z.string().regex(/^[1-9][0-9]{0,7}$/, { message: 'key must be a VNI' }),
            z.string().regex(/^[0-9]{1,10}:[0-9]{1,10}$/, { message: 'must be ASN:NN' }),
          )
          .default({}),
      })
      .strict()
      .default({ scan_interval_ms: 1000, duplicate_max_moves: 5, duplicate_window_secs: 180, route_targets: {} }),
    resync_secs: z.number().int().min(0).max(86400).default(30),
    noauth: z.boolean().default(false),
    tokens: z
      .array(z.object({ token: z.string().min(1), project_id: z.string().min(1), admin: z.boolean().default(false) }).strict())
      .default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    if ((c.driver === 'linux' || c.driver === 'evpn') && c.local_vtep_ip === undefined) {
      ctx.addIssue({ code: 'custom', path: ['local_vtep_ip'], message: `required with driver ${c.driver} (the local VXLAN tunnel endpoint address)` });
    }
  });

export type L2gwConfig = z.infer<typeof l2gwSchema>;
