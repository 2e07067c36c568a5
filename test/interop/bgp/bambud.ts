/**
 * Shared pieces of the BGP interop tests: the real `bambud` (dist/src/bin/bambud.js) on a
 * 127.x.y.z address with a generated YAML config, driven over gRPC with BgpTestClient; address
 * allocation that keeps parallel runs apart; conversions of ListRoutes answers.
 */
import { startBambudFromYaml, type BgpTestClient, type StartedBambud } from '../../helpers/grpc.js';

/** A running bambud and a gRPC client connected to it. */
export type InteropBambud = StartedBambud;

/**
 * Loopback addresses for one test file: 127.<net>.<pid-derived>.<1..n>, so two test files (or two
 * runs) in parallel do not share addresses. Linux routes all of 127/8 to `lo`.
 */
export function loopbackAddresses(net: number, n: number): string[] {
  const third = (process.pid % 250) + 1;
  return Array.from({ length: n }, (_, i) => `127.${net}.${third}.${i + 1}`);
}

/** Starts bambud with `yaml` (a complete config; gRPC on a free 127.0.0.1 port) and waits for GetServerInfo. */
export const startBambud = startBambudFromYaml;

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
