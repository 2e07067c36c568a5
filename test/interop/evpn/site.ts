/**
 * Shared pieces of the EVPN interop tests: a real `bambud` (BGP speaker + l2gw driver evpn in one
 * process) running inside a border-gateway namespace, driven only through the `bambu` CLI run in
 * that namespace (its gRPC and REST APIs listen on the namespace's own 127.0.0.1, so fixed ports
 * cannot collide with anything else), plus kernel FDB readers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BAMBU, BAMBUD, startDaemon, type Daemon } from '../../helpers/proc.js';
import { waitFor } from '../../helpers/wait.js';
import type { Netns } from '../../helpers/netns.js';

export const VNI = 100;
const REST = 'http://127.0.0.1:9697';
const GRPC = '127.0.0.1:50051';

/** A BGP neighbour of the gateway's speaker. */
export interface EvpnPeer {
  address: string;
  asn: number;
}

/** What one gateway runs with. */
export interface SiteOptions {
  asn: number;
  /** Underlay address: VTEP, router id and BGP source. */
  vtep: string;
  peers: EvpnPeer[];
  /** Host-facing ports of the bridge. */
  ports: string[];
  /** The other site's VTEP (the remote gateway of the segment's connection). */
  remoteVtep: string;
  /** Route target of VNI 100 (needed between different ASes). */
  routeTarget?: string;
}

/** A bambud in a namespace. */
export interface Site {
  ns: Netns;
  daemon: Daemon;
  /** `bambu …` in the namespace; returns stdout. @throws with the CLI's stderr */
  cli(...args: string[]): string;
  /** Learned MACs of VNI 100 (`l2-remote-mac-list --learned`). */
  learned(): LearnedMac[];
  /** EVPN routes of the Loc-RIB (`bambu route list --family evpn --json`). */
  evpnRoutes(): EvpnListed[];
  /** Kernel FDB of the VXLAN device of VNI 100. */
  fdb(): FdbEntry[];
  stop(): Promise<void>;
}

export type LearnedMac = { mac_address: string; ip_addresses: string[]; remote_vtep: string; sequence: number; segmentation_id: number };
export type EvpnListed = { prefix: string; paths: { best: boolean; peer_address: string; next_hop: string; evpn?: { route_type: number; mac_address: string; vni: number; mac_mobility_sequence: number; originator_ip: string } }[] };
export type FdbEntry = { mac: string; dst?: string; flags?: string[]; master?: string; state?: string; ifname?: string };

/**
 * Writes the config, starts bambud in `ns`, waits for its REST API and creates the gateway, the
 * remote gateway and the VNI 100 connection (flood off: flooding comes from type 3 routes) — no
 * remote MAC is typed.
 * @throws Error with the daemon's output when it does not come up within 30 s
 */
export async function startSite(ns: Netns, o: SiteOptions): Promise<Site> {
  const dir = mkdtempSync(join(tmpdir(), 'bambu-evpn-'));
  const rt = o.routeTarget ? `\n    route_targets: {"${VNI}": "${o.routeTarget}"}` : '';
  const peers = o.peers.map((p) => `  - address: ${p.address}\n    asn: ${p.asn}\n    local_address: ${o.vtep}\n    address_families: [l2vpn-evpn]\n    idle_hold_time_secs: 1\n`).join('');
  const yaml =
    `asn: ${o.asn}\nrouter_id: ${o.vtep}\nlisten_addr: ${o.vtep}:179\ngrpc_listen_addr: ${GRPC}\nlog_level: info\nconnect_retry_secs: 1\nhold_time_secs: 9\n` +
    `peers:\n${peers}` +
    `l2gw:\n  listen: 127.0.0.1:9697\n  database_url: "sqlite:${join(dir, 'bgw.db')}"\n  driver: evpn\n  local_vtep_ip: ${o.vtep}\n  noauth: true\n  resync_secs: 2\n` +
    `  evpn:\n    scan_interval_ms: 200${rt}\n`;
  const conf = join(dir, 'bambud.yaml');
  writeFileSync(conf, yaml);
  const daemon = startDaemon('ip', ['netns', 'exec', ns.name, process.execPath, '--enable-source-maps', BAMBUD, '--config', conf]);
  const cli = (...args: string[]): string => {
    const grpcCmd = args[0] === 'route' || args[0] === 'peer' || args[0] === 'info';
    const r = ns.exec(process.execPath, [BAMBU, ...args, ...(grpcCmd ? ['--grpc', GRPC] : ['--url', REST])], { check: false, timeoutMs: 30_000 });
    if (r.status !== 0) throw new Error(`bambu ${args.join(' ')}: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const stop = async () => {
    await daemon.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor('bambud l2gw API', () => {
      if (daemon.child.exitCode !== null) throw new Error(`bambud exited ${daemon.child.exitCode}: ${daemon.output()}`);
      try {
        cli('l2-gateway-list', '-f', 'json');
        return true;
      } catch {
        return false;
      }
    }, 30_000);
    cli('l2-gateway-create', 'gw', '--device', `name=bgw,interface_names=${o.ports.join(';')}`);
    cli('l2-remote-gateway-create', 'peer', o.remoteVtep);
    cli('l2-remote-gateway-connection-create', 'gw', '--remote', 'peer', '--segmentation-id', String(VNI), '--no-flood', ...(o.routeTarget ? ['--route-target', o.routeTarget] : []));
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    ns,
    daemon,
    cli,
    learned: () => (JSON.parse(cli('l2-remote-mac-list', '--learned', '-f', 'json')) as LearnedMac[]).filter((m) => m.segmentation_id === undefined || m.segmentation_id === VNI),
    evpnRoutes: () => JSON.parse(cli('route', 'list', '--family', 'evpn', '--json')) as EvpnListed[],
    fdb: () => JSON.parse(ns.exec('bridge', ['-j', 'fdb', 'show', 'dev', `bvx${VNI}`]).stdout || '[]') as FdbEntry[],
    stop,
  };
}

/** The extern_learn FDB pair of `mac` towards `vtep` (self entry on the VXLAN device + master entry). */
export function hasPair(fdb: FdbEntry[], mac: string, vtep: string): boolean {
  const self = fdb.some((e) => e.mac === mac && e.dst === vtep && e.flags?.includes('self') && e.flags.includes('extern_learn'));
  const master = fdb.some((e) => e.mac === mac && e.master === `bbr${VNI}` && e.flags?.includes('extern_learn'));
  return self && master;
}

/** A flood (all-zero MAC) entry towards `vtep`. */
export function hasFlood(fdb: FdbEntry[], vtep: string): boolean {
  return fdb.some((e) => e.mac === '00:00:00:00:00:00' && e.dst === vtep);
}

/** Type 2 routes of `mac` in a listing. */
export function type2Of(routes: EvpnListed[], mac: string): EvpnListed[] {
  return routes.filter((r) => r.paths.some((p) => p.evpn?.route_type === 2 && p.evpn.mac_address === mac));
}
