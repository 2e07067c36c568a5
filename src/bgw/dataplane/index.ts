/**
 * Dataplane drivers of the border gateway (config `l2gw.driver`):
 *   linux  the kernel through iproute2 (linux/)
 *   fake   in memory, for unit tests (fake/)
 *   evpn   linux + a BGP EVPN control plane (evpn/): needs an EvpnSpeaker (`opts.evpn`)
 *   none   nothing is realized (embedded quick-start, API-only deployments)
 * ovsdb is planned (../shared/spec/l2gw-api.md).
 */
import type { Dataplane } from './types.js';
import { LinuxDataplane } from './linux/index.js';
import { FakeDataplane } from './fake/index.js';
import { BambuError } from '../../lib/errors.js';
import { EvpnDataplane, type EvpnDriverOptions } from './evpn/index.js';

export type { Dataplane } from './types.js';
export { LinuxDataplane } from './linux/index.js';
export { FakeDataplane } from './fake/index.js';
export { EvpnDataplane, type EvpnDriverOptions, localScan, withLearned } from './evpn/index.js';

/**
 * Creates the adapter for `driver`.
 * @returns the adapter, or undefined for "none"
 * @param opts.evpn for driver evpn: the speaker and settings (the kernel adapter is made here)
 * @throws BambuError INVALID_ARGUMENT for a driver not built yet; UNAVAILABLE for evpn without a speaker
 */
export function createDataplane(driver: string, opts: { netns?: string; evpn?: Omit<EvpnDriverOptions, 'inner'> } = {}): Dataplane | undefined {
  switch (driver) {
    case 'linux':
      return new LinuxDataplane(opts);
    case 'fake':
      return new FakeDataplane();
    case 'evpn':
      if (!opts.evpn) {
        throw new BambuError('UNAVAILABLE', 'l2gw.driver: evpn needs a BGP speaker carrying L2VPN EVPN (bambud passes its own; embedders pass opts.evpn)', 'l2gw.driver');
      }
      return new EvpnDataplane({ ...opts.evpn, inner: new LinuxDataplane(opts.netns ? { netns: opts.netns } : {}) });
    case 'none':
      return undefined;
    default:
      throw new BambuError('INVALID_ARGUMENT', `l2gw.driver: ${driver} is not available yet (use linux, evpn or none)`, 'l2gw.driver');
  }
}
