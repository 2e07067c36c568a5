/**
 * The instance against a scripted peer on a raw socket (codec-built messages): Hold Timer expiry,
 * OPEN errors, a malformed UPDATE, random garbage (property test: the daemon answers or ignores,
 * never crashes), accept_unconfigured_peers, and MinRouteAdvertisementInterval batching.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import fc from 'fast-check';
import { createBgpInstance, type BgpInstance } from '../../../../src/bgp/instance.js';
import { buildOpen } from '../../../../src/bgp/session/open.js';
import { silentLogger, type Logger } from '../../../../src/lib/log.js';
import { pino } from 'pino';
import { ORIGIN } from '../../../../src/bgp/types.js';
import { PRE_OPEN_CONTEXT, decodeMessage, encodeMessage, frameLength, type BgpMessage, type CodecContext } from '../../../../src/bgp/wire/index.js';
import { waitFor } from '../../../helpers/wait.js';

const instances: BgpInstance[] = [];
const sockets: Socket[] = [];
after(async () => {
  for (const s of sockets) s.destroy();
  for (const i of instances) await i.close();
});

const base = 10 + (process.pid % 200);
let n = 0;
const addr = () => `127.3.${base}.${++n}`;
const NEGOTIATED: CodecContext = { fourOctetAs: true, extendedMessage: true, families: ['ipv4-unicast', 'ipv6-unicast'] };

/** A scripted BGP speaker: sends what the test says, records every message it receives. */
class RawPeer {
  readonly received: BgpMessage[] = [];
  ctx: CodecContext = PRE_OPEN_CONTEXT;
  private buf = Buffer.alloc(0);
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    sockets.push(socket);
    this.closed = new Promise((r) => socket.once('close', () => r()));
    socket.on('error', () => undefined);
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      for (;;) {
        const len = frameLength(this.buf, 0, this.ctx);
        if (len < 0 || this.buf.length < len) return;
        this.received.push(decodeMessage(this.buf.subarray(0, len), this.ctx));
        this.buf = this.buf.subarray(len);
      }
    });
  }

  static open(host: string, port: number, localAddress: string): Promise<RawPeer> {
    return new Promise((resolve, reject) => {
      const s = connect({ host, port, localAddress }, () => resolve(new RawPeer(s)));
      s.once('error', reject);
    });
  }

  send(msg: BgpMessage): void {
    this.socket.write(encodeMessage(msg, this.ctx));
  }

  of<T extends BgpMessage['type']>(type: T): Extract<BgpMessage, { type: T }>[] {
    return this.received.filter((m) => m.type === type) as Extract<BgpMessage, { type: T }>[];
  }

  /** OPEN + KEEPALIVE with `asn`, then waits for the instance's KEEPALIVE (Established). */
  async establish(asn: number, routerId: string, holdTime = 90): Promise<void> {
    this.send(buildOpen(asn, routerId, holdTime, ['ipv4-unicast', 'ipv6-unicast']));
    await waitFor('OPEN from the instance', () => this.of('open').length > 0);
    this.ctx = NEGOTIATED;
    this.send({ type: 'keepalive' });
    await waitFor('KEEPALIVE from the instance', () => this.of('keepalive').length > 0);
  }
}

async function instance(o: { accept?: boolean; log?: Logger } = {}): Promise<{ i: BgpInstance; ip: string; port: number }> {
  const ip = addr();
  const i = createBgpInstance({ asn: 65000, routerId: '10.255.1.1', listenAddress: ip, listenPort: 0, holdTimeSecs: 90, connectRetrySecs: 30, acceptUnconfiguredPeers: o.accept ?? false, log: o.log ?? silentLogger });
  await i.start();
  instances.push(i);
  return { i, ip, port: i.listenAddress().port };
}

test('Hold Timer expiry: NOTIFICATION 4/0 after the negotiated hold time without KEEPALIVEs', async () => {
  const { i, ip, port } = await instance();
  const peerIp = addr();
  i.addPeer(peerIp, 1, { asn: 65001, passiveMode: true, idleHoldTimeSecs: 60 });
  const raw = await RawPeer.open(ip, port, peerIp);
  await raw.establish(65001, '10.1.1.1', 3);
  await waitFor('Established', () => i.getPeer(peerIp).state === 'established');
  assert.equal(i.getPeer(peerIp).holdTimeSecs, 3, 'min(90, 3)');
  await raw.closed;
  const n1 = raw.of('notification');
  assert.deepEqual(n1.map((m) => [m.code, m.subcode]), [[4, 0]]);
  assert.match(i.getPeer(peerIp).lastError ?? '', /Hold Timer Expired \(4\/0\)/);
  assert.equal(i.getPeer(peerIp).state, 'idle');
});

test('OPEN with the wrong AS: NOTIFICATION 2/2 Bad Peer AS', async () => {
  const { i, ip, port } = await instance();
  const peerIp = addr();
  i.addPeer(peerIp, 1, { asn: 65001, passiveMode: true, idleHoldTimeSecs: 60 });
  const raw = await RawPeer.open(ip, port, peerIp);
  raw.send(buildOpen(65999, '10.1.1.2', 90, ['ipv4-unicast']));
  await raw.closed;
  assert.deepEqual(raw.of('notification').map((m) => [m.code, m.subcode]), [[2, 2]]);
  assert.equal(i.getPeer(peerIp).statistics.notificationSent, 1);
});

test('malformed UPDATE in Established: NOTIFICATION 3/1, the peer routes are withdrawn', async () => {
  const { i, ip, port } = await instance();
  const peerIp = addr();
  i.addPeer(peerIp, 1, { asn: 65001, passiveMode: true, idleHoldTimeSecs: 60 });
  const raw = await RawPeer.open(ip, port, peerIp);
  await raw.establish(65001, '10.1.1.3');
  raw.send({ type: 'update', withdrawn: [], nlri: ['10.77.0.0/16'], attributes: { origin: ORIGIN.IGP, asPath: [{ type: 2, asns: [65001] }], nextHop: '192.0.2.7', atomicAggregate: false } });
  await waitFor('route learned', () => i.numRoutes() === 1);
  // Withdrawn Routes Length 0xffff overruns the message (RFC 4271 §6.3: Malformed Attribute List).
  const bad = Buffer.alloc(23, 0xff);
  bad.writeUInt16BE(23, 16);
  bad[18] = 2;
  bad.writeUInt16BE(0xffff, 19);
  raw.socket.write(bad);
  await raw.closed;
  assert.deepEqual(raw.of('notification').map((m) => [m.code, m.subcode]), [[3, 1]]);
  assert.equal(i.numRoutes(), 0);
});

test('random octets after the OPEN exchange never crash the instance (property)', async () => {
  // Errors inside an event would be caught and logged at level "error": collect them.
  const errors: string[] = [];
  const log = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });
  const { i, ip, port } = await instance({ log });
  const peerIp = addr();
  i.addPeer(peerIp, 1, { asn: 65001, passiveMode: true, idleHoldTimeSecs: 0 });
  const marker = Buffer.alloc(16, 0xff);
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 200 }), fc.integer({ min: 1, max: 5 }), async (body, type) => {
      await waitFor('peer ready for a connection', () => ['active', 'connect'].includes(i.getPeer(peerIp).state), 10_000, 20);
      const raw = await RawPeer.open(ip, port, peerIp);
      await raw.establish(65001, '10.1.1.4');
      // A framed message of a random type with a random body, then raw garbage.
      const head = Buffer.alloc(3);
      head.writeUInt16BE(Math.min(19 + body.length, 0xffff), 0);
      head[2] = type;
      raw.socket.write(Buffer.concat([marker, head, body, Buffer.from(body).reverse()]));
      raw.socket.end();
      await raw.closed;
      // Whatever happened, the instance still answers and the peer is in a legal state.
      assert.ok(i.listPeers().length === 1);
      for (const m of raw.of('notification')) assert.ok(m.code >= 1 && m.code <= 7, `NOTIFICATION code ${m.code}`);
    }),
    { numRuns: 25 },
  );
  assert.ok(i.getPeer(peerIp).statistics.openReceived >= 25);
  assert.deepEqual(errors, [], 'no internal error while handling the input');
});

test('accept_unconfigured_peers: a peer from an unknown address is accepted with the AS of its OPEN', async () => {
  const { i, ip, port } = await instance({ accept: true });
  const peerIp = addr();
  const raw = await RawPeer.open(ip, port, peerIp);
  await raw.establish(65123, '10.1.1.5');
  const p = await waitFor('unconfigured peer Established', () => i.listPeers().find((x) => x.address === peerIp && x.state === 'established'));
  assert.equal(p.configured, false);
  assert.equal(p.asn, 65123);
  raw.socket.destroy();
  await waitFor('unconfigured peer forgotten when its session ends', () => i.listPeers().length === 0);
});

test('unknown address without accept_unconfigured_peers is refused', async () => {
  const { i, ip, port } = await instance();
  const raw = await RawPeer.open(ip, port, addr());
  await raw.closed;
  assert.equal(raw.received.length, 0);
  assert.equal(i.listPeers().length, 0);
});

test('MinRouteAdvertisementInterval: changes during the interval leave in one batch of packed UPDATEs', async () => {
  const { i, ip, port } = await instance();
  const peerIp = addr();
  i.addPeer(peerIp, 1, { asn: 65001, passiveMode: true, minRouteAdvertisementIntervalSecs: 2 });
  const raw = await RawPeer.open(ip, port, peerIp);
  await raw.establish(65001, '10.1.1.6');
  await waitFor('Established', () => i.getPeer(peerIp).state === 'established');
  const prefixes = () => new Set(raw.of('update').flatMap((u) => u.nlri));
  const attrs = { origin: ORIGIN.IGP, asPath: [], nextHop: '192.0.2.9', atomicAggregate: false };
  i.addLocalRoute('10.90.0.0/24', attrs);
  await waitFor('first route sent when the interval after the initial table ends', () => prefixes().has('10.90.0.0/24'), 10_000);
  const updatesBefore = raw.of('update').length;
  // 100 routes, each added on its own turn of the event loop, inside the interval.
  for (let k = 1; k <= 100; k++) {
    i.addLocalRoute(`10.90.${k}.0/24`, attrs);
    await new Promise((r) => setImmediate(r));
  }
  await waitFor('all routes sent', () => prefixes().size === 101, 10_000);
  assert.equal(raw.of('update').length - updatesBefore, 1, `one UPDATE carries the 100 prefixes: ${JSON.stringify(raw.of('update').slice(updatesBefore - 1).map((u) => [u.nlri.length, u.withdrawn.length, u.attributes?.nextHop]))}`);
});

test('RFC 7606 treat-as-withdraw: a bad ORIGIN value withdraws the prefix, the session stays up', async () => {
  const { i, ip, port } = await instance();
  const peerIp = addr();
  i.addPeer(peerIp, 1, { asn: 65001, passiveMode: true });
  const raw = await RawPeer.open(ip, port, peerIp);
  await raw.establish(65001, '10.1.1.7');
  const update: BgpMessage = { type: 'update', withdrawn: [], nlri: ['10.78.0.0/16'], attributes: { origin: ORIGIN.IGP, asPath: [{ type: 2, asns: [65001] }], nextHop: '192.0.2.7', atomicAggregate: false } };
  raw.send(update);
  await waitFor('route learned', () => i.numRoutes() === 1);
  const bytes = encodeMessage(update, raw.ctx);
  const at = bytes.indexOf(Buffer.from([0x40, 0x01, 0x01, 0x00])); // ORIGIN, well-known transitive, length 1, IGP
  assert.ok(at > 0);
  bytes[at + 3] = 5; // undefined ORIGIN value (RFC 7606 §7.1: treat-as-withdraw)
  raw.socket.write(bytes);
  await waitFor('route withdrawn', () => i.numRoutes() === 0);
  assert.equal(i.getPeer(peerIp).state, 'established');
  assert.equal(raw.of('notification').length, 0);
});

test('max_prefix DISCARD ignores prefixes beyond the limit; TERMINATE sends CEASE/1 (AutomaticStop) and stays down until EnablePeer', async () => {
  const { i, ip, port } = await instance();
  const attrs = { origin: ORIGIN.IGP, asPath: [{ type: 2 as const, asns: [65001] }], nextHop: '192.0.2.7', atomicAggregate: false };
  const discardIp = addr();
  i.addPeer(discardIp, 1, { asn: 65001, passiveMode: true, maxPrefix: { limit: 2, action: 'discard' } });
  const d = await RawPeer.open(ip, port, discardIp);
  await d.establish(65001, '10.1.1.8');
  d.send({ type: 'update', withdrawn: [], nlri: ['10.81.0.0/16', '10.82.0.0/16', '10.83.0.0/16'], attributes: attrs });
  await waitFor('two prefixes kept', () => i.getPeer(discardIp).statistics.prefixesReceived === 2);
  assert.equal(i.getPeer(discardIp).state, 'established');

  const termIp = addr();
  // IdleHoldTime 1 s: before the fix the FSM restarted (Active, accepting) one second later.
  i.addPeer(termIp, 1, { asn: 65001, passiveMode: true, idleHoldTimeSecs: 1, maxPrefix: { limit: 2, action: 'terminate' } });
  const t = await RawPeer.open(ip, port, termIp);
  await t.establish(65001, '10.1.1.9');
  t.send({ type: 'update', withdrawn: [], nlri: ['10.84.0.0/16', '10.85.0.0/16', '10.86.0.0/16'], attributes: attrs });
  await t.closed;
  assert.deepEqual(t.of('notification').map((m) => [m.code, m.subcode]), [[6, 1]]);
  assert.equal(i.getPeer(termIp).adminState, 'prefix-limit-exceeded');
  assert.equal(i.getPeer(termIp).state, 'idle');
  assert.equal(i.listRoutes('adj-in', termIp)[Symbol.iterator]().next().done, true, 'the session\'s routes are gone');
  // Absence of a restart can only be shown by waiting past IdleHoldTime (3 × 1 s).
  await new Promise((r) => setTimeout(r, 3000));
  assert.equal(i.getPeer(termIp).state, 'idle', 'no automatic restart after IdleHoldTime');
  assert.equal(i.getPeer(termIp).adminState, 'prefix-limit-exceeded');
  // EnablePeer clears it: the passive peer accepts again and the session comes back.
  i.enablePeer(termIp);
  assert.equal(i.getPeer(termIp).adminState, 'up');
  const t2 = await RawPeer.open(ip, port, termIp);
  await t2.establish(65001, '10.1.1.9');
  await waitFor('re-established', () => i.getPeer(termIp).state === 'established');
});

test('max_prefix TERMINATE without allow_automatic_stop: the limit discards, the session stays up', async () => {
  const { i, ip, port } = await instance();
  const peerIp = addr();
  i.addPeer(peerIp, 1, { asn: 65001, passiveMode: true, allowAutomaticStop: false, maxPrefix: { limit: 1, action: 'terminate' } });
  const raw = await RawPeer.open(ip, port, peerIp);
  await raw.establish(65001, '10.1.1.10');
  raw.send({ type: 'update', withdrawn: [], nlri: ['10.87.0.0/16', '10.88.0.0/16'], attributes: { origin: ORIGIN.IGP, asPath: [{ type: 2, asns: [65001] }], nextHop: '192.0.2.7', atomicAggregate: false } });
  await waitFor('one prefix kept', () => i.getPeer(peerIp).statistics.prefixesReceived === 1);
  assert.equal(i.getPeer(peerIp).state, 'established');
  assert.equal(raw.of('notification').length, 0);
});

test('delay_open_time_secs: no OPEN before the peer OPEN, which is answered with OPEN + KEEPALIVE', async () => {
  const { i, ip, port } = await instance();
  const peerIp = addr();
  i.addPeer(peerIp, 1, { asn: 65001, passiveMode: true, delayOpenTimeSecs: 120 });
  const raw = await RawPeer.open(ip, port, peerIp);
  raw.send(buildOpen(65001, '10.1.1.11', 90, ['ipv4-unicast']));
  await waitFor('OPEN and KEEPALIVE', () => raw.of('open').length === 1 && raw.of('keepalive').length === 1);
  assert.deepEqual(raw.received.map((m) => m.type), ['open', 'keepalive']);
  assert.equal(i.getPeer(peerIp).state, 'open-confirm');
});

test('send_notification_without_open: a bad OPEN while DelayOpen runs gets a NOTIFICATION only when set', async () => {
  const { i, ip, port } = await instance();
  for (const flag of [false, true]) {
    const peerIp = addr();
    i.addPeer(peerIp, 1, { asn: 65001, passiveMode: true, delayOpenTimeSecs: 120, sendNotificationWithoutOpen: flag, idleHoldTimeSecs: 60 });
    const raw = await RawPeer.open(ip, port, peerIp);
    raw.send(buildOpen(65999, '10.1.1.12', 90, ['ipv4-unicast'])); // wrong AS: 2/2
    await raw.closed;
    // Without DelayOpen our OPEN would have gone out at accept time; with it, nothing or only the NOTIFICATION.
    assert.deepEqual(raw.received.map((m) => (m.type === 'notification' ? `${m.code}/${m.subcode}` : m.type)), flag ? ['2/2'] : [], `flag ${flag}`);
  }
});

test('collision_detect_established_state: a second connection is refused, or replaces the Established one when set', async () => {
  const { i, ip, port } = await instance();
  for (const flag of [false, true]) {
    const peerIp = addr();
    i.addPeer(peerIp, 1, { asn: 65001, passiveMode: true, collisionDetectEstablishedState: flag });
    const first = await RawPeer.open(ip, port, peerIp);
    await first.establish(65001, '10.1.1.13');
    await waitFor('Established', () => i.getPeer(peerIp).state === 'established');
    const second = await RawPeer.open(ip, port, peerIp);
    if (!flag) {
      await second.closed;
      assert.equal(second.received.length, 0, 'RFC 4271 §6.8: the new connection is closed');
      assert.equal(i.getPeer(peerIp).state, 'established');
      continue;
    }
    await waitFor('OPEN on the second connection', () => second.of('open').length === 1);
    second.send(buildOpen(65001, '10.1.1.13', 90, ['ipv4-unicast', 'ipv6-unicast']));
    await first.closed;
    assert.deepEqual(first.of('notification').map((m) => [m.code, m.subcode]), [[6, 7]], 'CEASE/Connection Collision Resolution');
    await waitFor('KEEPALIVE on the second connection', () => second.of('keepalive').length === 1);
    second.ctx = NEGOTIATED;
    second.send({ type: 'keepalive' });
    await waitFor('Established again', () => i.getPeer(peerIp).state === 'established');
  }
});
