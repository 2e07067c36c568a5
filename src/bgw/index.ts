/** Public surface of the L2 border gateway (placeholder until the border gateway lands). */
import type { Config } from '../config/index.js';
import type { L2gwConfig } from '../config/l2gw.js';
import type { Logger } from '../lib/log.js';
import type { Service } from '../lib/service.js';

/**
 * Starts the border gateway: opens the database (migrations), serves the REST API on `listen`,
 * and runs the dataplane reconciler.
 */
export async function startBgw(_cfg: L2gwConfig, _ctx: { log: Logger; config: Config }): Promise<Service> {
  throw new Error('border gateway not built yet');
}
