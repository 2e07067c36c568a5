/**
 * A real FRR EVPN VTEP in a namespace (../shared/spec/test-environment.md "FRR as an EVPN VTEP"):
 * a bridge with the host port and a VXLAN device (`nolearning`, bridge port `learning off`), zebra
 * + bgpd as the packaged `frr` user with their own zserv and vty sockets in a temp dir and a
 * private /var/tmp (each under `unshare -m`), bgpd with `advertise-all-vni`. Queried with vtysh.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, startDaemon, type Daemon } from '../../helpers/proc.js';
import { waitFor } from '../../helpers/wait.js';
import type { Netns } from '../../helpers/netns.js';
import { vtysh } from '../../helpers/frr.js';

const ZEBRA = '/usr/lib/frr/zebra';
const BGPD = '/usr/lib/frr/bgpd';

/** What the VTEP runs with. */
export interface FrrVtepOptions {
  asn: number;
  vtep: string;
  vni: number;
  /** Host-facing port to put in the bridge. */
  port: string;
  peer: { address: string; asn: number };
  /** Explicit route target of the VNI (import and export), e.g. for eBGP. */
  routeTarget?: string;
}

/** A running FRR VTEP. */
export class FrrVtep {
  private constructor(
    private readonly dir: string,
    private readonly daemons: Daemon[],
  ) {}

  /**
   * Builds the VXLAN bridge in `ns` and starts zebra + bgpd there.
   * @throws Error when FRR is missing or its vty does not answer within 30 s
   */
  static async start(ns: Netns, o: FrrVtepOptions): Promise<FrrVtep> {
    for (const bin of [ZEBRA, BGPD]) if (!existsSync(bin)) throw new Error(`${bin} not found: install the Debian package frr (scripts/install-deps.sh)`);
    const br = `br${o.vni}`;
    const vx = `vxlan${o.vni}`;
    ns.exec('ip', ['link', 'add', br, 'type', 'bridge']);
    ns.exec('ip', ['link', 'add', vx, 'type', 'vxlan', 'id', String(o.vni), 'local', o.vtep, 'dstport', '4789', 'nolearning']);
    ns.exec('ip', ['link', 'set', vx, 'master', br]);
    ns.exec('bridge', ['link', 'set', 'dev', vx, 'learning', 'off']);
    ns.exec('ip', ['link', 'set', o.port, 'master', br]);
    for (const l of [vx, br, o.port]) ns.exec('ip', ['link', 'set', l, 'up']);

    const dir = mkdtempSync(join(tmpdir(), 'bambu-frr-evpn-'));
    chmodSync(dir, 0o755);
    for (const d of ['vty', 'vartmp']) mkdirSync(join(dir, d));
    const rt = o.routeTarget ? `  vni ${o.vni}\n   route-target import ${o.routeTarget}\n   route-target export ${o.routeTarget}\n  exit-vni\n` : '';
    writeFileSync(join(dir, 'zebra.conf'), 'hostname zebra\nlog stdout\n');
    writeFileSync(
      join(dir, 'bgpd.conf'),
      `hostname bgpd\nlog stdout\n!\nrouter bgp ${o.asn}\n bgp router-id ${o.vtep}\n no bgp default ipv4-unicast\n no bgp ebgp-requires-policy\n` +
        ` timers bgp 3 9\n neighbor ${o.peer.address} remote-as ${o.peer.asn}\n neighbor ${o.peer.address} timers connect 1\n` +
        ` address-family l2vpn evpn\n  neighbor ${o.peer.address} activate\n  advertise-all-vni\n${rt} exit-address-family\n!\n`,
    );
    run('chown', ['-R', 'frr:frr', dir]);
    const zs = join(dir, 'zserv.api');
    const inNs = (cmd: string) =>
      startDaemon('ip', ['netns', 'exec', ns.name, 'unshare', '-m', '--propagation', 'private', 'sh', '-c', `mount --bind ${dir}/vartmp /var/tmp && exec ${cmd}`]);
    const common = `-u frr -g frr -z ${zs} --vty_socket ${dir}/vty`;
    const daemons: Daemon[] = [];
    const frr = new FrrVtep(dir, daemons);
    try {
      daemons.push(inNs(`${ZEBRA} ${common} -f ${dir}/zebra.conf -i ${dir}/zebra.pid`));
      await waitFor('zebra zserv socket', () => {
        if (daemons[0]!.child.exitCode !== null) throw new Error(`zebra exited: ${daemons[0]!.output()}`);
        return existsSync(zs);
      }, 30_000);
      daemons.push(inNs(`${BGPD} ${common} -f ${dir}/bgpd.conf -i ${dir}/bgpd.pid -p 179 -l ${o.vtep}`));
      await waitFor('FRR bgpd vty', () => {
        if (daemons[1]!.child.exitCode !== null) throw new Error(`bgpd exited: ${daemons[1]!.output()}`);
        return frr.vtysh('show bgp l2vpn evpn summary json', false).status === 0;
      }, 30_000);
    } catch (err) {
      await frr.stop();
      throw err;
    }
    return frr;
  }

  /** Runs one vtysh command. */
  vtysh(command: string, check = true): { stdout: string; stderr: string; status: number } {
    return vtysh(this.dir, command, check);
  }

  /** Runs a `… json` command and parses the output. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json<T = any>(command: string): T {
    return JSON.parse(this.vtysh(command).stdout || '{}') as T;
  }

  /** `show evpn mac vni all json` as vni → mac → entry. */
  macs(): Record<string, Record<string, { type: string; remoteVtep?: string; intf?: string }>> {
    const j = this.json<Record<string, { macs?: Record<string, { type: string; remoteVtep?: string; intf?: string }> }>>('show evpn mac vni all json');
    return Object.fromEntries(Object.entries(j).map(([vni, v]) => [vni, v.macs ?? {}]));
  }

  /** BGP state of the neighbour at `address` ("Established" …). */
  neighborState(address: string): string | undefined {
    const j = this.json<Record<string, { bgpState?: string }>>(`show bgp neighbors ${address} json`);
    return j[address]?.bgpState;
  }

  /** zebra + bgpd output, for failure messages. */
  output(): string {
    return this.daemons.map((d) => d.output()).join('\n');
  }

  /** Stops bgpd and zebra, removes the temp dir. */
  async stop(): Promise<void> {
    for (const d of [...this.daemons].reverse()) await d.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
