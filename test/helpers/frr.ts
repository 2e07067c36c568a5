/**
 * A real FRR `bgpd` (Debian `frr`) for interop tests, without zebra, listening on one 127.0.0.x
 * address and a free port (../shared/spec/test-environment.md):
 *   bgpd -Z -S -f CONF -i PIDFILE --vty_socket DIR -p PORT -l ADDR
 * run under `unshare -m` with its own /var/tmp (crash buffers) so parallel runs do not collide.
 * Queried with `vtysh --vty_socket DIR -c '…'`; JSON commands are parsed.
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, startDaemon, type Daemon } from './proc.js';
import { waitFor } from './wait.js';

export const BGPD = '/usr/lib/frr/bgpd';

/**
 * Runs one vtysh command against the FRR instance whose vty sockets are in `<dir>/vty`.
 * @throws Error with vtysh's output when `check` is true and it exits non-zero
 */
export function vtysh(dir: string, command: string, check = true): { stdout: string; stderr: string; status: number } {
  return run('vtysh', ['--vty_socket', join(dir, 'vty'), '-c', command], { check, timeoutMs: 20_000 });
}

/** A running bgpd. */
export class Frr {
  private constructor(
    readonly dir: string,
    readonly daemon: Daemon,
    readonly address: string,
    readonly port: number,
  ) {}

  /**
   * Starts bgpd with `config` (full bgpd.conf text).
   * @param address 127.0.0.x address bgpd listens on (-l)
   * @param port    BGP port bgpd listens on (-p)
   * @throws Error when bgpd is missing or its vty does not come up within 20 s
   */
  static async start(config: string, address: string, port: number): Promise<Frr> {
    if (!existsSync(BGPD)) throw new Error(`${BGPD} not found: install the Debian package frr (scripts/install-deps.sh)`);
    const dir = mkdtempSync(join(tmpdir(), 'bambu-frr-'));
    const conf = join(dir, 'bgpd.conf');
    writeFileSync(conf, config);
    run('mkdir', ['-p', join(dir, 'vty'), join(dir, 'vartmp')]);
    const cmd = `mount --bind ${dir}/vartmp /var/tmp && exec ${BGPD} -Z -S -f ${conf} -i ${dir}/bgpd.pid --vty_socket ${dir}/vty -p ${port} -l ${address}`;
    const daemon = startDaemon('unshare', ['-m', '--propagation', 'private', 'sh', '-c', cmd]);
    const frr = new Frr(dir, daemon, address, port);
    try {
      await waitFor('FRR bgpd vty', () => {
        if (daemon.child.exitCode !== null) throw new Error(`bgpd exited: ${daemon.output()}`);
        return frr.vtysh('show bgp summary json', false).status === 0;
      }, 20_000);
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

  /** Runs several commands in one vtysh call (e.g. configure terminal + lines). */
  configure(lines: string[]): void {
    const args = ['--vty_socket', join(this.dir, 'vty'), '-c', 'configure terminal'];
    for (const l of lines) args.push('-c', l);
    run('vtysh', args, { timeoutMs: 20_000 });
  }

  /** Runs a `… json` command and parses the output. */
  json<T = any>(command: string): T {
    return JSON.parse(this.vtysh(command).stdout) as T;
  }

  /** State of the BGP neighbour at `address` ("Established", "Active" …), undefined if unknown. */
  neighborState(address: string): string | undefined {
    const j = this.json<Record<string, { bgpState?: string }>>(`show bgp neighbors ${address} json`);
    return j[address]?.bgpState;
  }

  /** Routes of `show bgp ipv4|ipv6 unicast json` keyed by prefix. */
  routes(afi: 'ipv4' | 'ipv6'): Record<string, any[]> {
    const j = this.json<{ routes?: Record<string, any[]> }>(`show bgp ${afi} unicast json`);
    return j.routes ?? {};
  }

  /** Collected stdout/stderr (bgpd logs to stdout with `log stdout`). */
  output(): string {
    return this.daemon.output();
  }

  /** Stops bgpd and removes its directory. */
  async stop(): Promise<void> {
    await this.daemon.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
