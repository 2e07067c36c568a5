/**
 * GoBGP (`gobgpd`, Debian gobgpd) as a target: TOML config in a temp dir,
 *   gobgpd -f CONF -t toml --api-hosts 127.0.0.1:PORT --pprof-disable -l warn
 * (../shared/spec/test-environment.md). No zebra: next hops are not tracked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startDaemon } from '../../test/helpers/proc.js';
import type { RunningTarget, Target, Topology } from './types.js';

/** Where Debian installs gobgpd, or undefined. */
function gobgpdPath(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v gobgpd'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** gobgpd TOML for `topo`: passive neighbours, testers iBGP, monitor eBGP. */
export function gobgpConfig(topo: Topology): string {
  const neighbor = (address: string, asn: number): string =>
    `[[neighbors]]
  [neighbors.config]
    neighbor-address = "${address}"
    peer-as = ${asn}
  [neighbors.transport.config]
    passive-mode = true
    local-address = "${topo.address}"
  [neighbors.timers.config]
    hold-time = ${topo.holdTime}
    keepalive-interval = ${Math.floor(topo.holdTime / 3)}
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
`;
  return `[global.config]
  as = ${topo.asn}
  router-id = "${topo.routerId}"
  port = ${topo.port}
  local-address-list = ["${topo.address}"]

${topo.testers.map((t) => neighbor(t, topo.asn)).join('\n')}
${neighbor(topo.monitor.address, topo.monitor.asn)}`;
}

/** GoBGP as a convergence target. */
export const gobgpTarget: Target = {
  name: 'gobgp',
  version: () => {
    const p = gobgpdPath();
    return p ? /version (\S+)/.exec(spawnSync(p, ['--version'], { encoding: 'utf8' }).stdout ?? '')?.[1] : undefined;
  },
  missing: () => (gobgpdPath() ? undefined : 'gobgpd not found (Debian package gobgpd)'),
  async start(topo): Promise<RunningTarget> {
    const bin = gobgpdPath()!;
    const dir = mkdtempSync(join(tmpdir(), 'bambu-gobgp-'));
    const conf = join(dir, 'gobgpd.toml');
    writeFileSync(conf, gobgpConfig(topo));
    const api = await freePort();
    const daemon = startDaemon(bin, ['-f', conf, '-t', 'toml', '--api-hosts', `127.0.0.1:${api}`, '--pprof-disable', '-l', 'warn']);
    const child = daemon.child;
    return {
      pid: child.pid!,
      alive: () => child.exitCode === null && child.signalCode === null,
      output: () => daemon.output(),
      stop: async () => {
        await daemon.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};
