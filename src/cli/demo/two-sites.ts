/**
 * `bambu demo two-sites`: two sites joined at layer 2 by two Bambu border gateways.
 *
 *   hostA 10.100.0.1 ─ [hst0] bgwA [und0 10.99.0.1] ══ VXLAN VNI 5000 ══ [und0 10.99.0.2] bgwB [hst0] ─ hostB 10.100.0.2
 *
 * Four network namespaces; one bambud per gateway inside its namespace (own SQLite database,
 * REST API on the namespace's 127.0.0.1:9697, driver linux); configured only through the
 * `bambu l2-…` commands run inside each namespace; then hostA pings hostB and back. Everything is
 * removed at the end, on failure and on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DemoNetns, run, veth } from './netns.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin');
const BAMBUD = join(BIN, 'bambud.js');
const BAMBU = join(BIN, 'bambu.js');
const API_PORT = 9697;

/** Options of the demo. */
export interface TwoSitesOptions {
  /** VXLAN VNI of the segment (default 5000). */
  vni: number;
  /** Keep everything running until Ctrl-C instead of cleaning up after the ping. */
  keep: boolean;
  /** Progress output. */
  out: (line: string) => void;
  /** Effective user id (default: this process's); anything but 0 is refused. */
  uid?: number;
}

interface Site {
  label: 'A' | 'B';
  host: DemoNetns;
  gw: DemoNetns;
  hostIp: string;
  hostMac: string;
  vtep: string;
  daemon?: ChildProcess;
  log: string;
}

/**
 * Runs the demo.
 * @returns 0 when the ping crossed both ways, 1 otherwise
 * @throws Error when not root or iproute2 is missing (before anything is created)
 */
export async function runTwoSites(opts: TwoSitesOptions): Promise<number> {
  if ((opts.uid ?? process.getuid?.()) !== 0) throw new Error('demo two-sites needs root to create network namespaces: run it with sudo');
  if (run('ip', ['-V'], { check: false }).status !== 0) throw new Error('demo two-sites needs iproute2 (`ip`, `bridge`): apt-get install iproute2');
  const { out, vni } = opts;
  const tag = `bambu-demo-${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), 'bambu-demo-'));
  const created: DemoNetns[] = [];
  const sites: Site[] = [];
  let cleaned = false;
  const cleanup = () => {
    if (cleaned) return;
    cleaned = true;
    out('cleaning up: stopping the gateways, deleting the namespaces');
    for (const s of sites) if (s.daemon && s.daemon.exitCode === null) s.daemon.kill('SIGKILL');
    for (const ns of created) ns.destroy();
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = () => {
    out('interrupted');
    cleanup();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const ns = (suffix: string) => {
    const n = DemoNetns.create(`${tag}-${suffix}`);
    created.push(n);
    return n;
  };
  const token = `demo-${Math.random().toString(36).slice(2)}`;
  const cli = (s: Site, args: string[]) => {
    out(`  [bgw${s.label}] $ bambu ${args.join(' ')}`);
    const r = s.gw.exec(process.execPath, [BAMBU, ...args], { env: { ...process.env, BAMBU_URL: `http://127.0.0.1:${API_PORT}`, BAMBU_TOKEN: token }, check: false });
    if (r.status !== 0) throw new Error(`bambu ${args[0]} on bgw${s.label}: ${r.stderr.trim() || r.stdout.trim()}`);
    return r.stdout;
  };

  try {
    out(`[1/6] creating namespaces ${tag}-{hostA,bgwA,bgwB,hostB}`);
    const a: Site = { label: 'A', host: ns('hostA'), gw: ns('bgwA'), hostIp: '10.100.0.1', hostMac: '52:54:00:00:00:01', vtep: '10.99.0.1', log: join(dir, 'bgwA.log') };
    const b: Site = { label: 'B', host: ns('hostB'), gw: ns('bgwB'), hostIp: '10.100.0.2', hostMac: '52:54:00:00:00:02', vtep: '10.99.0.2', log: join(dir, 'bgwB.log') };
    sites.push(a, b);

    out('[2/6] wiring: host veths to the gateways, an underlay veth between the gateways (10.99.0.0/24)');
    veth(a.gw, 'und0', `${a.vtep}/24`, b.gw, 'und0', `${b.vtep}/24`);
    for (const s of sites) {
      veth(s.host, 'eth0', `${s.hostIp}/24`, s.gw, 'hst0', null);
      s.host.exec('ip', ['link', 'set', 'eth0', 'address', s.hostMac]);
    }
    const before = a.host.exec('ping', ['-c', '1', '-W', '1', b.hostIp], { check: false }).status === 0;
    out(`  hostA → hostB before configuration: ${before ? 'reachable (unexpected)' : 'unreachable, as expected'}`);

    out(`[3/6] starting one bambud per gateway (SQLite in ${dir}, REST on 127.0.0.1:${API_PORT} inside each namespace)`);
    for (const s of sites) {
      const cfg = join(dir, `bgw${s.label}.yaml`);
      writeFileSync(
        cfg,
        [
          'log_level: info',
          'listen_addr: 127.0.0.1:0',
          'grpc_listen_addr: 127.0.0.1:0',
          'l2gw:',
          `  listen: 127.0.0.1:${API_PORT}`,
          `  database_url: sqlite:${join(dir, `bgw${s.label}.db`)}`,
          '  driver: linux',
          `  local_vtep_ip: ${s.vtep}`,
          '  tokens:',
          `    - { token: ${token}, project_id: demo, admin: true }`,
          '',
        ].join('\n'),
      );
      const fd = openSync(s.log, 'a');
      s.daemon = spawn('ip', ['netns', 'exec', s.gw.name, process.execPath, BAMBUD, '--config', cfg], { stdio: ['ignore', fd, fd] });
      out(`  bgw${s.label}: bambud pid ${s.daemon.pid}, log ${s.log}`);
    }
    for (const s of sites) {
      await until(`bgw${s.label} API`, () => s.gw.exec(process.execPath, [BAMBU, 'l2-remote-gateway-list', '--url', `http://127.0.0.1:${API_PORT}`, '--token', token], { check: false }).status === 0, () => s.daemon!.exitCode !== null);
    }

    out('[4/6] configuring both gateways with the bambu CLI');
    for (const [s, peer] of [[a, b], [b, a]] as const) {
      cli(s, ['l2-gateway-create', `gw${s.label}`, '--device', `name=bgw${s.label},interface_names=hst0`]);
      cli(s, ['l2-remote-gateway-create', `site${peer.label}`, peer.vtep]);
      const conn = JSON.parse(cli(s, ['l2-remote-gateway-connection-create', `gw${s.label}`, `--remote=site${peer.label}`, `--segmentation-id=${vni}`, '-f', 'json'])) as { id: string };
      cli(s, ['l2-remote-mac-create', peer.hostMac, conn.id, `--ipaddr=${peer.hostIp}`]);
    }
    await until('kernel state on both gateways', () => sites.every((s) => s.gw.exec('ip', ['neigh', 'show', 'dev', `bbr${vni}`], { check: false }).stdout.includes('PERMANENT')));
    out(`  bgwA kernel: bridge fdb show dev bvx${vni}`);
    for (const l of a.gw.exec('bridge', ['fdb', 'show', 'dev', `bvx${vni}`]).stdout.trim().split('\n')) out(`    ${l}`);
    out(`  bgwA kernel: ip neigh show dev bbr${vni}`);
    for (const l of a.gw.exec('ip', ['neigh', 'show', 'dev', `bbr${vni}`]).stdout.trim().split('\n')) out(`    ${l}`);

    out('[5/6] ping across the VXLAN tunnel');
    let ok = true;
    for (const [from, to] of [[a, b], [b, a]] as const) {
      const crossed = await until(`host${from.label} → host${to.label}`, () => from.host.exec('ping', ['-c', '1', '-W', '1', to.hostIp], { check: false }).status === 0, undefined, 15_000).then(
        () => true,
        () => false,
      );
      const r = from.host.exec('ping', ['-c', '3', '-i', '0.2', '-W', '1', to.hostIp], { check: false });
      out(`  host${from.label} $ ping ${to.hostIp}`);
      for (const l of r.stdout.trim().split('\n').slice(-2)) out(`    ${l}`);
      out(`  host${from.label} → host${to.label}: ${crossed && r.status === 0 ? 'OK, the ping crossed' : 'FAILED'}`);
      ok &&= crossed && r.status === 0;
    }
    if (opts.keep) {
      out(`kept running; try: sudo ip netns exec ${a.host.name} ping ${b.hostIp}    (Ctrl-C to clean up)`);
      await new Promise(() => undefined);
    }
    out('[6/6] done');
    return ok ? 0 : 1;
  } catch (err) {
    out(`demo failed: ${(err as Error).message}`);
    for (const s of sites) {
      const tail = run('tail', ['-n', '5', s.log], { check: false }).stdout.trim();
      if (tail) out(`  last lines of bgw${s.label}'s log:\n${tail}`);
    }
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    cleanup();
  }
}

/** Polls `check` every 200 ms until true; rejects after `timeoutMs` or when `dead()` says so. */
async function until(what: string, check: () => boolean, dead?: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return;
    if (dead?.()) throw new Error(`${what}: process exited`);
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
