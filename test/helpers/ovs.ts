/**
 * A private Open vSwitch for tests: ovsdb-server + ovs-vswitchd started in a temporary directory
 * (own database, sockets, pid and log files; OVS_RUNDIR/OVS_DBDIR/OVS_LOGDIR point there), run
 * inside a network namespace the test created so the userspace datapath's devices (bridges are
 * `datapath_type=netdev`: no kernel module here) never meet another test's. `stop()` ends both
 * daemons and removes the directory; the caller destroys the namespace.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Netns } from './netns.js';
import { run } from './proc.js';

/** A running private OVS. */
export interface OvsInstance {
  dir: string;
  /** ovs-vsctl `--db` target. */
  db: string;
  /** Runs ovs-vsctl against this instance; returns stdout. */
  vsctl(args: string[], opts?: { check?: boolean }): string;
  /** Adds a netdev bridge; `failModeSecure` adds the `actions=NORMAL` flow a missing OVS agent would program. */
  addBridge(name: string, opts?: { failModeSecure?: boolean }): void;
  /** external_ids of an Interface, or undefined when it does not exist. */
  interfaceExternalIds(name: string): Record<string, string> | undefined;
  stop(): void;
}

const live = new Set<OvsInstance>();
process.on('exit', () => {
  for (const o of live) o.stop();
});

/**
 * Starts ovsdb-server and ovs-vswitchd inside `ns`.
 * @throws Error when a binary is missing or a daemon does not start (never a silent skip)
 */
export function startOvs(ns: Netns): OvsInstance {
  const dir = mkdtempSync(join(tmpdir(), 'bambu-ovs-'));
  const env = { ...process.env, OVS_RUNDIR: dir, OVS_DBDIR: dir, OVS_LOGDIR: dir, OVS_SYSCONFDIR: dir };
  const db = `unix:${join(dir, 'db.sock')}`;
  const inNs = (cmd: string, args: string[]) => run('ip', ['netns', 'exec', ns.name, cmd, ...args], { env });
  run('ovsdb-tool', ['create', join(dir, 'conf.db'), '/usr/share/openvswitch/vswitch.ovsschema'], { env });
  inNs('ovsdb-server', [
    join(dir, 'conf.db'),
    `--remote=p${db}`,
    `--pidfile=${join(dir, 'ovsdb-server.pid')}`,
    `--log-file=${join(dir, 'ovsdb-server.log')}`,
    `--unixctl=${join(dir, 'ovsdb-server.ctl')}`,
    '--detach',
    '--no-chdir',
  ]);
  const vsctl = (args: string[], opts: { check?: boolean } = {}) => run('ovs-vsctl', [`--db=${db}`, '--timeout=10', ...args], { env, check: opts.check }).stdout;
  let stopped = false;
  const inst: OvsInstance = {
    dir,
    db,
    vsctl,
    addBridge(name, opts = {}) {
      vsctl(['add-br', name, '--', 'set', 'Bridge', name, 'datapath_type=netdev', ...(opts.failModeSecure ? ['fail_mode=secure'] : [])]);
      if (opts.failModeSecure) run('ovs-ofctl', ['add-flow', `unix:${join(dir, `${name}.mgmt`)}`, 'actions=NORMAL'], { env });
    },
    interfaceExternalIds(name) {
      const r = run('ovs-vsctl', [`--db=${db}`, '--format=json', '--columns=external_ids', 'find', 'Interface', `name=${name}`], { env });
      const rows = (JSON.parse(r.stdout) as { data: unknown[][] }).data;
      if (rows.length === 0) return undefined;
      const cell = rows[0]![0] as ['map', [string, string][]];
      return Object.fromEntries(cell[1]);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      live.delete(inst);
      for (const d of ['ovs-vswitchd', 'ovsdb-server']) {
        try {
          const pid = Number(readFileSync(join(dir, `${d}.pid`), 'utf8').trim());
          if (pid > 0) process.kill(pid, 'SIGTERM');
        } catch {
          // not running
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  live.add(inst);
  try {
    vsctl(['--no-wait', 'init']);
    inNs('ovs-vswitchd', [
      db,
      `--pidfile=${join(dir, 'ovs-vswitchd.pid')}`,
      `--log-file=${join(dir, 'ovs-vswitchd.log')}`,
      `--unixctl=${join(dir, 'ovs-vswitchd.ctl')}`,
      '--detach',
      '--no-chdir',
    ]);
  } catch (err) {
    inst.stop();
    throw err;
  }
  return inst;
}
