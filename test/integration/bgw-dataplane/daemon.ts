/**
 * A border-gateway bambud running inside a test namespace (own SQLite database in a temp dir, REST
 * API on the namespace's 127.0.0.1 — a fresh namespace has every port free), and the `bambu` CLI
 * run inside the same namespace against it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BAMBU, BAMBUD, startDaemon, type Daemon } from '../../helpers/proc.js';
import { waitFor } from '../../helpers/wait.js';
import type { Netns } from '../../helpers/netns.js';
import { after, before } from 'node:test';
import { VTEP_A, VTEP_B, buildTwoSites, type TwoSites } from './topology.js';

export const TOKEN = 'bgw-dataplane-test-token';

/** A gateway's bambud: its namespace, database and process. */
export class GatewayDaemon {
  readonly dir = mkdtempSync(join(tmpdir(), 'bambu-bgwdp-'));
  readonly db = join(this.dir, 'bgw.db');
  daemon: Daemon | undefined;

  constructor(
    readonly ns: Netns,
    readonly vtep: string,
    readonly port = 9697,
  ) {}

  /** Writes a config (driver linux unless given) and starts bambud; resolves when the API answers. */
  async start(opts: { driver?: 'linux' | 'none'; port?: number } = {}): Promise<Daemon> {
    const port = opts.port ?? this.port;
    const cfg = join(this.dir, `bambud-${opts.driver ?? 'linux'}-${port}.yaml`);
    writeFileSync(
      cfg,
      [
        'log_level: info',
        'listen_addr: 127.0.0.1:0',
        'grpc_listen_addr: 127.0.0.1:0',
        'l2gw:',
        `  listen: 127.0.0.1:${port}`,
        `  database_url: sqlite:${this.db}`,
        `  driver: ${opts.driver ?? 'linux'}`,
        `  local_vtep_ip: ${this.vtep}`,
        '  resync_secs: 0',
        `  tokens: [{ token: ${TOKEN}, project_id: test, admin: true }]`,
        '',
      ].join('\n'),
    );
    const [cmd, args] = this.ns.wrap(process.execPath, ['--enable-source-maps', BAMBUD, '--config', cfg]);
    const d = startDaemon(cmd, args);
    if (!opts.driver || opts.driver === 'linux') this.daemon = d;
    await waitFor(`bambud API in ${this.ns.name}:${port}`, () => {
      if (d.child.exitCode !== null) throw new Error(`bambud exited: ${d.output()}`);
      return this.cli(['l2-remote-gateway-list'], { port, check: false }).status === 0;
    });
    return d;
  }

  /**
   * Runs `bambu ARGS` inside the namespace against this gateway.
   * @throws Error with the CLI's stderr when it fails (unless check is false)
   */
  cli(args: string[], opts: { port?: number; check?: boolean } = {}): { stdout: string; stderr: string; status: number } {
    return this.ns.exec(process.execPath, [BAMBU, ...args, '--url', `http://127.0.0.1:${opts.port ?? this.port}`, '--token', TOKEN], { check: opts.check ?? true });
  }

  /** Runs `bambu ARGS -f json` and parses the output. */
  json<T = Record<string, unknown>>(args: string[], opts: { port?: number } = {}): T {
    return JSON.parse(this.cli([...args, '-f', 'json'], opts).stdout) as T;
  }

  /** Stops the daemon (SIGTERM, or the given signal) and forgets it. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.daemon?.stop(signal);
    this.daemon = undefined;
  }

  /** Stops the daemon and removes the temp dir. */
  async destroy(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Configures `gw` for one remote site with the seed's commands; returns the connection id. */
export function connectSite(
  gw: GatewayDaemon,
  opts: { name: string; iface: string; remoteName: string; remoteVtep: string; vni: number; flood?: boolean; macs: { mac: string; ip?: string }[] },
): { connectionId: string; macIds: string[] } {
  gw.cli(['l2-gateway-create', opts.name, '--device', `name=${opts.name}-dev,interface_names=${opts.iface}`]);
  gw.cli(['l2-remote-gateway-create', opts.remoteName, opts.remoteVtep]);
  const conn = gw.json<{ id: string }>(['l2-remote-gateway-connection-create', opts.name, `--remote=${opts.remoteName}`, `--segmentation-id=${opts.vni}`, ...(opts.flood === false ? ['--no-flood'] : [])]);
  const macIds = opts.macs.map((m) => gw.json<{ id: string }>(['l2-remote-mac-create', m.mac, conn.id, ...(m.ip ? [`--ipaddr=${m.ip}`] : [])]).id);
  return { connectionId: conn.id, macIds };
}

/** The two-site topology with one bambud per gateway, as set up by useTwoGatewaySites. */
export interface GatewaySites {
  t: TwoSites;
  A: GatewayDaemon;
  B: GatewayDaemon;
}

/**
 * Registers `before`/`after` hooks in the current suite: build the two-site topology named `tag`
 * (namespaces), start bambud on bgwA and bgwB (driver linux), and tear everything down afterwards.
 * @returns the context, filled in by the `before` hook (read it inside tests, not at definition time)
 */
export function useTwoGatewaySites(tag: string): GatewaySites {
  const sites = {} as GatewaySites;
  before(async () => {
    sites.t = buildTwoSites(tag);
    sites.A = new GatewayDaemon(sites.t.bgwA, VTEP_A);
    sites.B = new GatewayDaemon(sites.t.bgwB, VTEP_B);
    await sites.A.start();
    await sites.B.start();
  });
  after(async () => {
    await sites.A?.destroy();
    await sites.B?.destroy();
    sites.t?.destroy();
  });
  return sites;
}
