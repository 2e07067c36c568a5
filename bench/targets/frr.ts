/**
 * FRR bgpd as a target, without zebra (-Z), started through the tests' launcher
 * (test/helpers/frr.ts), which gives it a private /var/tmp.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { BGPD, Frr } from '../../test/helpers/frr.js';
import type { RunningTarget, Target, Topology } from './types.js';

/** bgpd.conf for `topo`: passive neighbours, no eBGP policy requirement, MRAI 0 towards the monitor. */
export function frrConfig(topo: Topology): string {
  const lines = [
    'frr defaults traditional',
    'hostname bench',
    'log stdout errors',
    `router bgp ${topo.asn}`,
    ` bgp router-id ${topo.routerId}`,
    ' no bgp ebgp-requires-policy',
    ' no bgp network import-check',
  ];
  for (const t of topo.testers) lines.push(` neighbor ${t} remote-as ${topo.asn}`, ` neighbor ${t} passive`, ` neighbor ${t} timers 80 ${topo.holdTime}`);
  const m = topo.monitor.address;
  lines.push(` neighbor ${m} remote-as ${topo.monitor.asn}`, ` neighbor ${m} passive`, ` neighbor ${m} timers 80 ${topo.holdTime}`, ` neighbor ${m} advertisement-interval 0`);
  lines.push(' address-family ipv4 unicast');
  for (const t of topo.testers) lines.push(`  neighbor ${t} activate`);
  lines.push(`  neighbor ${m} activate`, ' exit-address-family', '!');
  return `${lines.join('\n')}\n`;
}

/** FRR bgpd as a convergence target. */
export const frrTarget: Target = {
  name: 'frr',
  version: () => /version (\S+)/.exec(spawnSync(BGPD, ['--version'], { encoding: 'utf8' }).stdout ?? '')?.[1],
  missing: () => (existsSync(BGPD) ? undefined : `${BGPD} not found (Debian package frr)`),
  async start(topo): Promise<RunningTarget> {
    const frr = await Frr.start(frrConfig(topo), topo.address, topo.port);
    const child = frr.daemon.child;
    return {
      pid: child.pid!,
      alive: () => child.exitCode === null && child.signalCode === null,
      output: () => frr.output(),
      stop: () => frr.stop(),
    };
  },
};
