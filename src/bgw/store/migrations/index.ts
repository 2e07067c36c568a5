/** Border-gateway migrations by name; applied in name order at start-up, recorded in `bgw_migrations`. */
import type { Migration } from 'kysely';
import { migration0001 } from './0001_initial.js';
import { migration0002 } from './0002_evpn_route_target.js';

export const bgwMigrations: Record<string, Migration> = {
  '0001_initial': migration0001,
  '0002_evpn_route_target': migration0002,
};
