/**
 * BmpSession against an in-test collector (127.0.0.1, port 0) and a scripted monitor source:
 * message order on connect (Initiation, Peer Up, dump, End-of-RIB), live Route Monitoring,
 * Peer Down reasons, Statistics Reports, Termination on stop, reconnect after the collector
 * drops the connection, and a slow collector: the monitor callbacks never block, drops are
 * counted, and the session restarts with a full dump.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { BmpSession, type MonitorSource } from '../../../src/bmp/index.js';
import type { MonitoredPeer, MonitorListener } from '../../../src/bgp/instance/monitor.js';
import { buildOpen } from '../../../src/bgp/session/open.js';
import { ORIGIN, type AfiSafi, type PathAttributes } from '../../../src/bgp/types.js';
import { silentLogger } from '../../../src/lib/log.js';
import { waitFor } from '../../helpers/wait.js';

const cleanups: (() => unknown)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** Splits a BMP byte stream into messages by the common header (independent of src/bmp). */
function split(buf: Buffer): { type: number; body: Buffer }[] {
  const out: { type: number; body: Buffer }[] = [];
  let o = 0;
  while (o + 6 <= buf.length) {
    assert.equal(buf[o], 3, 'BMP version 3');
    const len = buf.readUInt32BE(o + 1);
    if (o + len > buf.length) break;
    out.push({ type: buf[o + 5]!, body: buf.subarray(o + 6, o + len) });
    o += len;
  }
  return out;
}

/** A collector recording each connection's bytes. */
async function collector(): Promise<{ server: Server; port: number; conns: { socket: Socket; data: Buffer }[] }> {
  const conns: { socket: Socket; data: Buffer }[] = [];
  const server = createServer((socket) => {
    const c = { socket, data: Buffer.alloc(0) };
    conns.push(c);
    socket.on('data', (d) => (c.data = Buffer.concat([c.data, d])));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(() => new Promise<void>((r) => {
    for (const c of conns) c.socket.destroy();
    server.close(() => r());
  }));
  return { server, port: (server.address() as { port: number }).port, conns };
}

const ATTRS: PathAttributes = { origin: ORIGIN.IGP, asPath: [{ type: 2, asns: [65001] }], nextHop: '192.0.2.1', atomicAggregate: false };

/** A monitor source with one Established peer whose Adj-RIB-In (and Adj-RIB-Out) the test controls. */
function source(routes: Map<string, PathAttributes>, out = new Map<string, PathAttributes>()) {
  const listeners = new Set<MonitorListener>();
  const families: AfiSafi[] = ['ipv4-unicast'];
  const peer: MonitoredPeer = {
    address: '127.0.0.2',
    asn: 65001,
    bgpId: '10.0.0.2',
    localAddress: '127.0.0.1',
    localPort: 179,
    remotePort: 40000,
    sentOpen: buildOpen(65000, '10.0.0.1', 90, families),
    receivedOpen: buildOpen(65001, '10.0.0.2', 90, families),
    families,
    establishedAt: Date.now(),
    *adjRibIn() {
      for (const [p, a] of routes) yield ['ipv4-unicast', p, a] as [AfiSafi, string, PathAttributes];
    },
    *adjRibOut() {
      for (const [p, a] of out) yield ['ipv4-unicast', p, a] as [AfiSafi, string, PathAttributes];
    },
    fourOctetAs: false,
    counts: () => ({ adjRibIn: routes.size, locRib: routes.size }),
  };
  const src: MonitorSource = {
    monitor(l) {
      listeners.add(l);
      return { peers: [peer], unsubscribe: () => listeners.delete(l) };
    },
  };
  return { src, peer, listeners };
}

test('connect: Initiation, Peer Up, dump + End-of-RIB; live updates; stats; Peer Down; Termination on stop', async () => {
  const col = await collector();
  const { src, peer, listeners } = source(new Map([['10.1.0.0/16', ATTRS], ['10.2.0.0/16', ATTRS]]));
  const s = new BmpSession(src, { address: '127.0.0.1', port: col.port, statisticsTimeoutSecs: 1, sysName: 't', sysDescr: 'd', log: silentLogger });
  cleanups.push(() => s.stop());
  s.start();
  const types = () => split(col.conns[0]?.data ?? Buffer.alloc(0)).map((m) => m.type);
  await waitFor('initial messages', () => types().length >= 4);
  // Initiation, Peer Up, one UPDATE for both prefixes (same attributes), End-of-RIB
  assert.deepEqual(types().slice(0, 4), [4, 3, 0, 0]);
  for (const l of listeners) l.update(peer, { type: 'update', withdrawn: ['10.1.0.0/16'], attributes: null, nlri: [] });
  await waitFor('live Route Monitoring', () => types().filter((t) => t === 0).length === 3);
  await waitFor('a Statistics Report', () => types().includes(1));
  for (const l of listeners) l.peerDown(peer, { kind: 'remote-notification', code: 6, subcode: 2, data: new Uint8Array(0) });
  await waitFor('Peer Down', () => types().includes(2));
  const down = split(col.conns[0]!.data).find((m) => m.type === 2)!;
  assert.equal(down.body[42], 3, 'reason 3: remote NOTIFICATION');
  assert.equal(down.body.subarray(43).length, 21, 'followed by the 21-octet NOTIFICATION PDU');
  await s.stop();
  await waitFor('Termination', () => types().at(-1) === 5);
  assert.equal(listeners.size, 0, 'unsubscribed');
});

test('the collector dropping the connection: reconnect (backoff) and a full dump again', async () => {
  const col = await collector();
  const { src } = source(new Map([['10.3.0.0/16', ATTRS]]));
  const s = new BmpSession(src, { address: '127.0.0.1', port: col.port, statisticsTimeoutSecs: 0, sysName: 't', sysDescr: 'd', log: silentLogger, backoffSecs: { initial: 0.1, max: 0.2 } });
  cleanups.push(() => s.stop());
  s.start();
  await waitFor('first dump', () => split(col.conns[0]?.data ?? Buffer.alloc(0)).length >= 4);
  col.conns[0]!.socket.destroy();
  await waitFor('second connection with a full dump', () => split(col.conns[1]?.data ?? Buffer.alloc(0)).map((m) => m.type).join(',') === '4,3,0,0');
});

test('a slow collector: callbacks do not block, drops are counted, the session restarts with a dump once drained', async () => {
  const col = await collector();
  const routes = new Map<string, PathAttributes>();
  const { src, peer, listeners } = source(routes);
  const s = new BmpSession(src, { address: '127.0.0.1', port: col.port, statisticsTimeoutSecs: 0, sysName: 't', sysDescr: 'd', log: silentLogger, maxQueueBytes: 64 * 1024, backoffSecs: { initial: 0.1, max: 0.2 } });
  cleanups.push(() => s.stop());
  s.start();
  await waitFor('connected', () => split(col.conns[0]?.data ?? Buffer.alloc(0)).length >= 3);
  col.conns[0]!.socket.pause(); // the collector stops reading
  const nlri = Array.from({ length: 200 }, (_, i) => `10.${Math.floor(i / 256)}.${i % 256}.0/24`);
  // 5000 UPDATEs of ~1 KiB each into a 64 KiB bound (plus kernel buffers): most must be dropped.
  for (let i = 0; i < 5000; i++) for (const l of listeners) l.update(peer, { type: 'update', withdrawn: [], attributes: { ...ATTRS, med: i }, nlri });
  assert.ok(s.drops > 0, `drops counted (${s.drops}, sent ${s.sent})`);
  col.conns[0]!.socket.resume();
  await waitFor('reconnected after the backlog drained', () => col.conns.length >= 2 && split(col.conns[1]!.data).map((m) => m.type)[0] === 4);
});

test('RFC 8671 Adj-RIB-Out (option adjRibOut): dump after the Adj-RIB-In one, then frames as sent, with O and L flags (A when 2-octet AS)', async () => {
  const col = await collector();
  const { src, peer, listeners } = source(new Map([['10.4.0.0/16', ATTRS]]), new Map([['10.5.0.0/16', { ...ATTRS, asPath: [{ type: 2, asns: [65000] }] }]]));
  const s = new BmpSession(src, { address: '127.0.0.1', port: col.port, statisticsTimeoutSecs: 0, sysName: 't', sysDescr: 'd', log: silentLogger, adjRibOut: true });
  cleanups.push(() => s.stop());
  s.start();
  const msgs = () => split(col.conns[0]?.data ?? Buffer.alloc(0));
  await waitFor('dumps', () => msgs().length >= 6);
  // Initiation, Peer Up, Adj-RIB-In UPDATE + End-of-RIB (flags 0), Adj-RIB-Out UPDATE + End-of-RIB (O|L)
  assert.deepEqual(msgs().slice(0, 6).map((m) => m.type), [4, 3, 0, 0, 0, 0]);
  assert.deepEqual(msgs().slice(1, 6).map((m) => m.body[1]), [0, 0, 0, 0x50, 0x50], 'per-peer header flags');
  const frame = Buffer.from('ffffffffffffffffffffffffffffffff0017' + '02' + '00000000', 'hex');
  for (const l of listeners) l.adjRibOutSent?.(peer, [frame]);
  await waitFor('live Adj-RIB-Out frame', () => msgs().length === 7);
  const live = msgs()[6]!;
  assert.equal(live.body[1], 0x70, 'O | L | A (the session has no 4-octet AS)');
  assert.deepEqual(live.body.subarray(42), frame, 'the frame exactly as sent');
});
