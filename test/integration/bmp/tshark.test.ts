/**
 * A real BMP decoder reads our stream (issue 5, Done-when 4): bambud A (BMP server from its
 * `bmp_servers` config, statistics every second) peers with bambud B over loopback; B announces,
 * withdraws and re-announces routes, then shuts the session down (CEASE), and A's BMP server is
 * removed (Termination). The bytes our in-test collector received are wrapped into a pcap and
 * decoded by Wireshark's BMP dissector (`tshark -d tcp.port==P,bmp`):
 *  - no malformed packet and no error-level expert info;
 *  - every message type appears: Initiation, Peer Up, Route Monitoring, Statistics Report,
 *    Peer Down (reason 3, remote NOTIFICATION), Termination;
 *  - the per-peer header names B (address, AS, BGP Identifier);
 *  - the prefixes tshark decodes (announced minus withdrawn, in stream order) equal A's ADJ_IN
 *    for B just before the shutdown;
 *  - with `route_monitoring_adj_rib_out` (RFC 8671), Route Monitoring with the O flag carries A's
 *    Adj-RIB-Out towards B, which tshark decodes and which equals ADJ_OUT.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startTestBambud, type TestBambud } from '../../helpers/grpc.js';
import { run } from '../../helpers/proc.js';
import { waitFor } from '../../helpers/wait.js';
import { writeTcpStreamPcap } from './pcap.js';

const TSHARK = '/usr/bin/tshark';
const third = (process.pid % 250) + 1;
const A_IP = `127.6.${third}.1`;
const B_IP = `127.6.${third}.2`;

let a: TestBambud | undefined;
let b: TestBambud | undefined;
let server: Server;
let collectorPort: number;
const conns: { socket: Socket; data: Buffer; closed: boolean }[] = [];
const dir = mkdtempSync(join(tmpdir(), 'bambu-bmp-'));

/** BMP message types in a byte stream (common header only; independent of src/bmp). */
function types(buf: Buffer): number[] {
  const out: number[] = [];
  for (let o = 0; o + 6 <= buf.length; ) {
    const len = buf.readUInt32BE(o + 1);
    if (len < 6 || o + len > buf.length) break;
    out.push(buf[o + 5]!);
    o += len;
  }
  return out;
}

before(async () => {
  if (!existsSync(TSHARK)) throw new Error(`${TSHARK} not found: install the Debian package tshark (scripts/install-deps.sh)`);
  server = createServer((socket) => {
    const c = { socket, data: Buffer.alloc(0), closed: false };
    conns.push(c);
    socket.on('data', (d) => (c.data = Buffer.concat([c.data, d])));
    socket.on('close', () => (c.closed = true));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  collectorPort = (server.address() as { port: number }).port;
  const [aPort, bPort] = [await freePort(), await freePort()];
  a = await startTestBambud(
    `bmp_servers:\n  - address: 127.0.0.1:${collectorPort}\n    statistics_timeout: 1\n    route_monitoring_adj_rib_out: true\npeers:\n  - address: ${B_IP}:${bPort}\n    asn: 65062\n    local_address: ${A_IP}\n`,
    { asn: 65061, routerId: '10.255.6.1', listenIp: A_IP, bgpPort: aPort },
  );
  b = await startTestBambud(`peers:\n  - address: ${A_IP}:${aPort}\n    asn: 65061\n    local_address: ${B_IP}\n`, { asn: 65062, routerId: '10.255.6.2', listenIp: B_IP, bgpPort: bPort });
});

after(async () => {
  await a?.stop();
  await b?.stop();
  for (const c of conns) c.socket.destroy();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

async function adjOut(): Promise<string[]> {
  const r = await a!.client.call('listRoutes', { ribType: 2, peerAddress: B_IP });
  return r.routes.map((x: { prefix: string }) => x.prefix).sort();
}

async function adjIn(): Promise<string[]> {
  const r = await a!.client.call('listRoutes', { ribType: 1, peerAddress: B_IP });
  return r.routes.map((x: { prefix: string }) => x.prefix).sort();
}

/** Waits until `n` more Statistics Reports arrived (they follow everything queued before them). */
async function statsAfter(n: number): Promise<void> {
  const count = () => types(conns[0]?.data ?? Buffer.alloc(0)).filter((t) => t === 1).length;
  const start = count();
  await waitFor(`${n} more Statistics Reports`, () => count() >= start + n, 20_000);
}

test('tshark decodes the whole BMP stream and its routes match ADJ_IN', async () => {
  await waitFor('A ⇄ B Established', async () => (await a!.client.call('getPeer', { address: B_IP })).peer.state === 5);
  await a!.client.call('addRoute', { prefix: '10.61.1.0/24', nextHop: '192.0.2.61' });
  await a!.client.call('addRoute', { prefix: '10.61.2.0/24', nextHop: '192.0.2.61' });
  await b!.client.call('addRoute', { prefix: '10.62.1.0/24', nextHop: '192.0.2.62', communities: [65062 * 65536 + 1], largeCommunities: [{ globalAdmin: 65062, localData1: 1, localData2: 2 }] });
  await b!.client.call('addRoute', { prefix: '10.62.2.0/24', nextHop: '192.0.2.62', med: 7 });
  await b!.client.call('addRoute', { prefix: '2001:db8:62::/48', nextHop: '2001:db8::62' });
  await waitFor('3 routes in ADJ_IN', async () => (await adjIn()).length === 3);
  await b!.client.call('removeRoute', { prefix: '10.62.2.0/24' });
  await b!.client.call('addRoute', { prefix: '10.62.3.0/24', nextHop: '192.0.2.62' });
  await waitFor('withdrawal and new route in ADJ_IN', async () => (await adjIn()).join() === ['10.62.1.0/24', '10.62.3.0/24', '2001:db8:62::/48'].join());
  await a!.client.call('removeRoute', { prefix: '10.61.2.0/24' });
  await waitFor('ADJ_OUT towards B updated', async () => (await adjOut()).join() === '10.61.1.0/24');
  await statsAfter(2);
  const expected = await adjIn();
  const expectedOut = await adjOut();

  await b!.client.call('disablePeer', { address: A_IP, shutdownMessage: 'bmp test' });
  await waitFor('Peer Down in the stream', () => types(conns[0]!.data).includes(2));
  await a!.client.call('removeBmpServer', { address: `127.0.0.1:${collectorPort}` });
  await waitFor('Termination and close', () => conns[0]!.closed && types(conns[0]!.data).at(-1) === 5);
  assert.deepEqual((await a!.client.call('listBmpServers', {})).addresses, []);

  const stream = conns[0]!.data;
  const pcap = join(dir, 'bmp.pcap');
  writeTcpStreamPcap(pcap, stream, { ip: '127.0.0.1', port: 40179 }, { ip: '127.0.0.1', port: collectorPort });
  const decode = ['-r', pcap, '-d', `tcp.port==${collectorPort},bmp`];

  const verbose = run(TSHARK, [...decode, '-V'], { timeoutMs: 60_000 }).stdout;
  assert.doesNotMatch(verbose, /malformed/i, 'no malformed packet');
  assert.doesNotMatch(verbose, /\[Severity level: Error\]/, 'no error-level expert info');

  const ek = run(TSHARK, [...decode, '-Y', 'bmp', '-T', 'json', '--no-duplicate-keys', '-e', 'bmp.type', '-e', 'bmp.peer.ip.addr', '-e', 'bmp.peer.asn', '-e', 'bmp.peer.id', '-e', 'bmp.peer.down.reason'], { timeoutMs: 60_000 }).stdout;
  const frames = JSON.parse(ek) as { _source: { layers: Record<string, string[]> } }[];
  const field = (k: string) => frames.flatMap((f) => f._source.layers[k] ?? []);
  const seen = field('bmp.type').map(Number);
  const expectTypes = [4, 3, 0, 1, 2, 5];
  assert.deepEqual([...new Set(seen)].sort(), [...expectTypes].sort(), 'every BMP message type decoded');
  assert.equal(seen.length, types(stream).length, 'tshark found every message our stream holds');
  assert.deepEqual([...new Set(field('bmp.peer.ip.addr'))], [B_IP]);
  assert.deepEqual([...new Set(field('bmp.peer.asn'))], ['65062']);
  assert.deepEqual([...new Set(field('bmp.peer.id'))], ['10.255.6.2']);
  assert.deepEqual(field('bmp.peer.down.reason'), ['3'], 'remote NOTIFICATION');

  // Replay announcements and withdrawals in stream order from tshark's decoded tree.
  const tree = JSON.parse(run(TSHARK, [...decode, '-Y', 'bmp', '-T', 'json', '--no-duplicate-keys'], { timeoutMs: 60_000 }).stdout) as { _source: { layers: Record<string, unknown> } }[];
  const ribs = { in: new Set<string>(), out: new Set<string>() };
  let updates = 0;
  for (const f of tree) {
    const bmp = f._source.layers.bmp;
    for (const msg of (Array.isArray(bmp) ? bmp : [bmp]) as Record<string, unknown>[]) {
      const rib = adjRibOutFlag(msg) ? ribs.out : ribs.in;
      forEachUpdate(msg, (u) => {
        updates++;
        for (const p of prefixesUnder(u, WITHDRAW_KEYS)) rib.delete(p);
        for (const p of prefixesUnder(u, ANNOUNCE_KEYS)) rib.add(p);
      });
    }
  }
  assert.ok(updates >= 4, `UPDATE PDUs decoded inside Route Monitoring (${updates})`);
  assert.deepEqual([...ribs.in].sort(), expected, 'Adj-RIB-In routes decoded by tshark = ADJ_IN');
  assert.deepEqual([...ribs.out].sort(), expectedOut, 'Adj-RIB-Out (RFC 8671, O flag) routes decoded by tshark = ADJ_OUT');
});

/** The RFC 8671 O flag of a decoded BMP message's per-peer header (tshark's field). */
function adjRibOutFlag(msg: Record<string, unknown>): boolean {
  let found = false;
  const visit = (n: unknown): void => {
    if (found || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    for (const [k, v] of Object.entries(n as Record<string, unknown>)) {
      if (k === 'bmp.peer.flags.adj_rib_out') found = v === '1' || v === 'True' || v === true;
      else if (!k.startsWith('bgp')) visit(v);
    }
  };
  visit(msg);
  return found;
}

/** tshark's JSON keys of the NLRI containers (each child key is "PREFIX/LEN"). */
const ANNOUNCE_KEYS = ['bgp.update.nlri', 'bgp.update.path_attribute.mp_reach_nlri'];
const WITHDRAW_KEYS = ['bgp.update.withdrawn_routes', 'bgp.update.path_attribute.mp_unreach_nlri'];

/** Calls `fn` for every decoded BGP UPDATE (bgp.type 2) below `node`, in document order. */
function forEachUpdate(node: unknown, fn: (u: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => forEachUpdate(n, fn));
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o['bgp.type'] === '2') return fn(o);
  for (const v of Object.values(o)) forEachUpdate(v, fn);
}

/** "PREFIX/LEN" keys of the containers named `containers` anywhere below `node`. */
function prefixesUnder(node: unknown, containers: string[], inside = false): string[] {
  if (Array.isArray(node)) return node.flatMap((n) => prefixesUnder(n, containers, inside));
  if (!node || typeof node !== 'object') return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (inside && /^[0-9a-f.:]+\/\d+$/i.test(k)) out.push(k.toLowerCase());
    out.push(...prefixesUnder(v, containers, containers.includes(k)));
  }
  return out;
}
