/**
 * BIRD 2 as a target, started through the tests' launcher (test/helpers/bird.ts). Sessions on
 * loopback use `multihop` (BIRD refuses single-hop eBGP on lo); the testers' next hops
 * (192.0.2.0/24) resolve through a blackhole static in master4.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { BIRD, Bird } from '../../test/helpers/bird.js';
import type { RunningTarget, Target, Topology } from './types.js';

/** bird.conf for `topo`: testers import-only, monitor export-only, all passive. */
export function birdConfig(topo: Topology): string {
  const out = [
    'log stderr { warning, error, fatal };',
    `router id ${topo.routerId};`,
    'protocol device {}',
    'protocol static igp4 { ipv4; route 192.0.2.0/24 blackhole; }',
    'template bgp tester {',
    `  local ${topo.address} port ${topo.port} as ${topo.asn};`,
    '  passive on;',
    `  hold time ${topo.holdTime};`,
    '  ipv4 { import all; export none; };',
    '}',
  ];
  topo.testers.forEach((t, i) => out.push(`protocol bgp t${i + 1} from tester { neighbor ${t} as ${topo.asn}; }`));
  out.push(
    'protocol bgp monitor {',
    `  local ${topo.address} port ${topo.port} as ${topo.asn};`,
    `  neighbor ${topo.monitor.address} as ${topo.monitor.asn};`,
    '  multihop;',
    '  passive on;',
    `  hold time ${topo.holdTime};`,
    '  ipv4 { import none; export all; };',
    '}',
  );
  return `${out.join('\n')}\n`;
}

/** BIRD 2 as a convergence target. */
export const birdTarget: Target = {
  name: 'bird',
  version: () => /version (\S+)/i.exec(`${spawnSync(BIRD, ['--version'], { encoding: 'utf8' }).stderr ?? ''}`)?.[1],
  missing: () => (existsSync(BIRD) ? undefined : `${BIRD} not found (Debian package bird2)`),
  async start(topo): Promise<RunningTarget> {
    const bird = await Bird.start(birdConfig(topo));
    const child = bird.daemon.child;
    return {
      pid: child.pid!,
      alive: () => child.exitCode === null && child.signalCode === null,
      output: () => bird.daemon.output(),
      stop: () => bird.stop(),
    };
  },
};
