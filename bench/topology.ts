/**
 * Addresses of a bench run: everything on 127.66.X.0/24 (X from the pid, so two runs do not share
 * addresses; Linux routes all of 127/8 to lo) — target .1, monitor .2, testers .11 and up.
 */
import { freePort } from '../test/helpers/proc.js';
import type { Topology } from './targets/types.js';

/** Target AS (testers share it: iBGP); monitor AS. */
export const TARGET_AS = 65000;
export const MONITOR_AS = 65100;
/** Hold Time of every bench session, seconds (long: a busy target must not drop the session). */
export const HOLD_TIME = 240;

/** A fresh topology for `peers` testers with a free BGP port. */
export async function makeTopology(peers: number): Promise<Topology> {
  if (peers < 1 || peers > 200) throw new RangeError(`peers must be 1..200, got ${peers}`);
  const net = `127.66.${(process.pid % 250) + 1}`;
  return {
    address: `${net}.1`,
    port: await freePort(),
    asn: TARGET_AS,
    routerId: '10.255.0.1',
    holdTime: HOLD_TIME,
    testers: Array.from({ length: peers }, (_, i) => `${net}.${11 + i}`),
    monitor: { address: `${net}.2`, asn: MONITOR_AS },
  };
}
