/**
 * `l2gw:` section of bambud's config: the L2 Border Gateway (../shared/spec/l2gw-api.md).
 * Owned by the border-gateway subsystem.
 */
import { z } from 'zod';

/** Schema of the `l2gw:` section; absent section = border gateway disabled. */
export const l2gwSchema = z
  .object({
    listen: z.string().default('127.0.0.1:9697'),
    database_url: z.string().default('sqlite:/var/lib/bambu/bgw.db'),
    driver: z.enum(['linux', 'ovsdb', 'evpn', 'none']).default('linux'),
    local_vtep_ip: z.string().optional(),
    noauth: z.boolean().default(false),
    tokens: z
      .array(z.object({ token: z.string().min(1), project_id: z.string().min(1), admin: z.boolean().default(false) }).strict())
      .default([]),
  })
  .strict();

export type L2gwConfig = z.infer<typeof l2gwSchema>;
