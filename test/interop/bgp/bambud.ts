/**
 * Shared pieces of the BGP interop tests: the real `bambud` (dist/src/bin/bambud.js) on a
 * 127.x.y.z address with a generated YAML config, driven over gRPC with BgpTestClient; address
 * allocation that keeps parallel runs apart; conversions of ListRoutes answers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BAMBUD, startDaemon, type Daemon } from '../../helpers/proc.js';
import { BgpTestClient, freePort } from '../../helpers/grpc.js';
import { waitFor } from '../../helpers/wait.js';

/** A running bambud and a gRPC client connected to it. */
export interface InteropBambud {
  readonly daemon: Daemon;
  readonly client: BgpTestClient;
  stop(): Promise<void>;
}

/**
 * Loopback addresses for one test file: 127.<net>.<pid-derived>.<1..n>, so two test files (or two
 * runs) in parallel do not share addresses. Linux routes all of 127/8 to `lo`.
 */
export function loopbackAddresses(net: number, n: number): string[] {
  const third = (process.pid % 250) + 1;
  return Array.from({ length: n }, (_, i) => `127.${net}.${third}.${i + 1}`);
}

/**
 * Starts bambud with `yaml` (a complete config; `grpc_listen_addr` is appended here on a free
 * 127.0.0.1 port) and waits for GetServerInfo.
 */
export async function startBambud(yaml: string): Promise<InteropBambud> {
  const dir = mkdtempSync(join(tmpdir(), 'bambu-interop-'));
  const grpc = `127.0.0.1:${await freePort()}`;
  const config = join(dir, 'bambud.yaml');
  writeFileSync(config, `${yaml}\ngrpc_listen_addr: ${grpc}\n`);
  const daemon = startDaemon(process.execPath, ['--enable-source-maps', BAMBUD, '--config', config]);
  const client = new BgpTestClient(grpc);
  const stop = async () => {
    client.close();
    await daemon.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor('bambud GetServerInfo', async () => {
      if (daemon.child.exitCode !== null) throw new Error(`bambud exited ${daemon.child.exitCode}: ${daemon.output()}`);
      return client.call('getServerInfo', {});
    }, 20_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { daemon, client, stop };
}

/** Proto enum values used by the tests (bgp.proto). */
export const RIB = { GLOBAL: 0, ADJ_IN: 1, ADJ_OUT: 2 } as const;
export const STATE_ESTABLISHED = 5;
export const AS_SEQUENCE = 1;

/** A ListRoutes answer as prefix → paths (ts-proto objects). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function listRoutes(client: BgpTestClient, ribType: number, peerAddress?: string): Promise<Map<string, any[]>> {
  const res = await client.call('listRoutes', { ribType, ...(peerAddress ? { peerAddress } : {}) });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return new Map(res.routes.map((r: any) => [r.prefix, r.paths]));
}

/** "65001:100" → the uint32 COMMUNITIES value (RFC 1997). */
export function community(text: string): number {
  const [hi, lo] = text.split(':').map(Number);
  return hi! * 65536 + lo!;
}

/** The peer's state from ListPeers (undefined if not listed). */
export async function peerState(client: BgpTestClient, address: string): Promise<number | undefined> {
  const res = await client.call('listPeers', {});
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return res.peers.find((p: any) => p.address === address)?.state;
}
