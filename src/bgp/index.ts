/** Public surface of the BGP speaker (placeholder until the BGP core lands). */
import type { Config } from '../config/index.js';
import type { Logger } from '../lib/log.js';
import type { Service } from '../lib/service.js';

/**
 * Starts the BGP instance (listener, configured peers) and the gRPC server on grpc_listen_addr.
 * @throws BambuError UNAVAILABLE when a listen address cannot be bound
 */
export async function startBgp(_config: Config, _log: Logger): Promise<Service> {
  throw new Error('BGP speaker not built yet');
}
