/**
 * Dataplane drivers of the border gateway (config `l2gw.driver`):
 *   linux  the kernel through iproute2 (linux/)
 *   fake   in memory, for unit tests (fake/)
 *   none   nothing is realized (embedded quick-start, API-only deployments)
 * ovsdb and evpn are planned (../shared/spec/l2gw-api.md).
 */
import type { Dataplane } from './types.js';
import { LinuxDataplane } from './linux/index.js';
import { FakeDataplane } from './fake/index.js';
import { BambuError } from '../../lib/errors.js';

export type { Dataplane } from './types.js';
export { LinuxDataplane } from './linux/index.js';
export { FakeDataplane } from './fake/index.js';

/**
 * Creates the adapter for `driver`.
 * @returns the adapter, or undefined for "none"
 * @throws BambuError INVALID_ARGUMENT for a driver not built yet
 */
export function createDataplane(driver: string, opts: { netns?: string } = {}): Dataplane | undefined {
  switch (driver) {
    case 'linux':
      return new LinuxDataplane(opts);
    case 'fake':
      return new FakeDataplane();
    case 'none':
      return undefined;
    default:
      throw new BambuError('INVALID_ARGUMENT', `l2gw.driver: ${driver} is not available yet (use linux or none)`, 'l2gw.driver');
  }
}
