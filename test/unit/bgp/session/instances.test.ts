/**
 * Two in-process BGP instances peering over 127.0.0.x: session establishment (with the connection
 * collision both sides cause by connecting at once), route exchange for IPv4 and IPv6 over eBGP
 * and iBGP, withdrawals, DisablePeer with an RFC 8203 message, ROUTE-REFRESH, session-drop
 * withdrawals and malformed input answered with the right NOTIFICATION.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { createBgpInstance, type BgpInstance } from '../../../../src/bgp/instance.js';
import { silentLogger } from '../../../../src/lib/log.js';
import { AS_PATH_SEGMENT, ORIGIN, type PathAttributes } from '../../../../src/bgp/types.js';
import type { ListedRoute } from '../../../../src/bgp/instance-api.js';
import { waitFor } from '../../../helpers/wait.js';

const instances: BgpInstance[] = [];
after(async () => {
  for (const i of instances) await i.close();
});

let nextOctet = 40 + (process.pid % 150);
/** A fresh 127.0.0.x address per instance so tests in parallel processes rarely meet. */
function addr(): string {
  return `127.0.0.${nextOctet++}`;
}

async function instance(asn: number, address: string, routerId: string): Promise<BgpInstance> {
  const i = createBgpInstance({ asn, routerId, listenAddress: address, listenPort: 0, holdTimeSecs: 90, connectRetrySecs: 1, acceptUnconfiguredPeers: false, log: silentLogger });
  await i.start();
  instances.push(i);
  return i;
}

/** Two instances configured as each other's peers, waiting until both are Established. */
async function pair(asnA: number, asnB: number, settings: { idleHoldTimeSecs?: number } = {}) {
  const ipA = addr();
  const ipB = addr();
  const a = await instance(asnA, ipA, '10.255.0.1');
  const b = await instance(asnB, ipB, '10.255.0.2');
  a.addPeer(ipB, b.listenAddress().port, { asn: asnB, localAddress: ipA, ...settings });
  b.addPeer(ipA, a.listenAddress().port, { asn: asnA, localAddress: ipB, ...settings });
  await waitFor('both sessions Established', () => a.getPeer(ipB).state === 'established' && b.getPeer(ipA).state === 'established', 20_000);
  return { a, b, ipA, ipB };
}

const routes = (it: Iterable<ListedRoute>) => new Map([...it].map((r) => [r.prefix, r]));
const local = (o: Partial<PathAttributes> = {}): PathAttributes => ({ origin: ORIGIN.IGP, asPath: [], atomicAggregate: false, ...o });

test('eBGP: IPv4 and IPv6 routes both ways with AS_PATH prepend, communities, next hop; RemoveRoute withdraws', async () => {
  const { a, b, ipA, ipB } = await pair(65001, 65002);
  a.addLocalRoute('10.1.0.0/16', local({ nextHop: '192.0.2.1', communities: [65001 * 65536 + 100], med: 5, localPref: 300 }));
  a.addLocalRoute('2001:db8:1::/48', local({ nextHop: '2001:db8::1' }));
  b.addLocalRoute('10.2.0.0/16', local({ nextHop: '192.0.2.2', largeCommunities: [{ globalAdmin: 65002, localData1: 1, localData2: 2 }] }));

  const atB = await waitFor('routes at B', () => {
    const r = routes(b.listRoutes('global'));
    return r.has('10.1.0.0/16') && r.has('2001:db8:1::/48') ? r : undefined;
  });
  const p4 = atB.get('10.1.0.0/16')!.paths[0]!;
  assert.equal(p4.peerAddress, ipA);
  assert.equal(p4.best, true);
  assert.deepEqual(p4.attrs.asPath, [{ type: AS_PATH_SEGMENT.AS_SEQUENCE, asns: [65001] }]);
  assert.equal(p4.attrs.nextHop, '192.0.2.1');
  assert.deepEqual(p4.attrs.communities, [65001 * 65536 + 100]);
  assert.equal(p4.attrs.med, 5, 'MED of a locally originated route is sent');
  assert.equal(p4.attrs.localPref, undefined, 'no LOCAL_PREF over eBGP');
  assert.equal(atB.get('2001:db8:1::/48')!.paths[0]!.attrs.nextHop, '2001:db8::1');
  const adjIn = routes(b.listRoutes('adj-in', ipA));
  assert.deepEqual([...adjIn.keys()].sort(), ['10.1.0.0/16', '2001:db8:1::/48']);
  assert.deepEqual([...routes(a.listRoutes('adj-out', ipB)).keys()].sort(), ['10.1.0.0/16', '2001:db8:1::/48']);

  const atA = await waitFor('route at A', () => routes(a.listRoutes('global')).get('10.2.0.0/16'));
  assert.deepEqual(atA.paths[0]!.attrs.largeCommunities, [{ globalAdmin: 65002, localData1: 1, localData2: 2 }]);
  assert.equal(a.getPeer(ipB).statistics.prefixesAccepted, 1);

  a.removeLocalRoute('10.1.0.0/16');
  await waitFor('withdrawal at B', () => !routes(b.listRoutes('global')).has('10.1.0.0/16'));
  assert.ok(routes(b.listRoutes('global')).has('2001:db8:1::/48'));
});

test('iBGP: LOCAL_PREF carried, AS_PATH untouched, no re-advertisement to another iBGP peer', async () => {
  const { a, b, ipA } = await pair(65010, 65010);
  a.addLocalRoute('10.10.0.0/16', local({ nextHop: '192.0.2.10', localPref: 250 }));
  const r = await waitFor('route at B', () => routes(b.listRoutes('global')).get('10.10.0.0/16'));
  assert.equal(r.paths[0]!.attrs.localPref, 250);
  assert.deepEqual(r.paths[0]!.attrs.asPath, []);
  assert.equal(r.paths[0]!.peerAddress, ipA);
  assert.equal(b.getPeer(ipA).asn, 65010);
});

test('DisablePeer: CEASE/Administrative Shutdown with the RFC 8203 message reaches the peer; EnablePeer re-establishes', async () => {
  const { a, b, ipA, ipB } = await pair(65020, 65021);
  a.addLocalRoute('10.20.0.0/16', local({ nextHop: '192.0.2.20' }));
  await waitFor('route at B', () => routes(b.listRoutes('global')).has('10.20.0.0/16'));
  await a.disablePeer(ipB, 'maintenance window');
  assert.equal(a.getPeer(ipB).adminState, 'down');
  assert.equal(a.getPeer(ipB).state, 'idle');
  await waitFor('B saw the NOTIFICATION', () => b.getPeer(ipA).lastError?.includes('Administrative Shutdown (6/2): maintenance window'));
  assert.equal(b.getPeer(ipA).statistics.notificationReceived, 1);
  await waitFor('routes withdrawn at B when the session dropped', () => !routes(b.listRoutes('global')).has('10.20.0.0/16'));
  a.enablePeer(ipB);
  await waitFor('re-established', () => a.getPeer(ipB).state === 'established' && b.getPeer(ipA).state === 'established', 20_000);
  await waitFor('route back at B', () => routes(b.listRoutes('global')).has('10.20.0.0/16'));
});

test('ResetPeer SOFT_IN sends ROUTE-REFRESH and the peer re-sends its Adj-RIB-Out; SOFT_OUT re-sends ours', async () => {
  const { a, b, ipA, ipB } = await pair(65030, 65031);
  a.addLocalRoute('10.30.0.0/16', local({ nextHop: '192.0.2.30' }));
  await waitFor('route at B', () => routes(b.listRoutes('global')).has('10.30.0.0/16'));
  const before = b.getPeer(ipA).statistics.updateReceived;
  await b.resetPeer(ipA, 'soft-in');
  assert.equal(b.getPeer(ipA).statistics.routeRefreshSent, 2, 'one per negotiated family');
  await waitFor('A received ROUTE-REFRESH', () => a.getPeer(ipB).statistics.routeRefreshReceived === 2);
  await waitFor('A re-sent its routes', () => b.getPeer(ipA).statistics.updateReceived > before);
  const sent = a.getPeer(ipB).statistics.updateSent;
  await a.resetPeer(ipB, 'soft-out');
  await waitFor('SOFT_OUT re-sent', () => a.getPeer(ipB).statistics.updateSent > sent);
  await assert.rejects(a.resetPeer('127.0.0.254', 'soft-in'), /not found/);
});

test('ResetPeer HARD: CEASE/Administrative Reset, then the session comes back', async () => {
  const { a, b, ipA, ipB } = await pair(65070, 65071);
  const transitions = a.getPeer(ipB).statistics.establishedTransitions;
  await a.resetPeer(ipB, 'hard');
  await waitFor('B saw the reset', () => b.getPeer(ipA).lastError?.includes('Administrative Reset (6/4)'));
  await waitFor('re-established', () => a.getPeer(ipB).statistics.establishedTransitions > transitions && a.getPeer(ipB).state === 'established', 20_000);
  assert.equal(a.getPeer(ipB).adminState, 'up');
});

test('session drop withdraws the peer routes; RemovePeer sends CEASE/Peer De-configured', async () => {
  const { a, b, ipA, ipB } = await pair(65040, 65041);
  a.addLocalRoute('10.40.0.0/16', local({ nextHop: '192.0.2.40' }));
  await waitFor('route at B', () => routes(b.listRoutes('global')).has('10.40.0.0/16'));
  await a.removePeer(ipB);
  assert.throws(() => a.getPeer(ipB), /not found/);
  await waitFor('B lost the session', () => b.getPeer(ipA).lastError?.includes('Peer De-configured (6/3)'));
  assert.equal(routes(b.listRoutes('global')).has('10.40.0.0/16'), false);
  assert.equal(b.numRoutes(), 0);
});

test('malformed input from a configured peer gets NOTIFICATION 1/1 and the daemon keeps running', async () => {
  const ip = addr();
  const peerIp = addr();
  const a = await instance(65050, ip, '10.255.0.5');
  a.addPeer(peerIp, 1, { asn: 65051, passiveMode: true });
  const reply = await new Promise<Buffer>((resolve, reject) => {
    const s = connect({ host: ip, port: a.listenAddress().port, localAddress: peerIp }, () => s.write(Buffer.alloc(19, 0x00)));
    const chunks: Buffer[] = [];
    s.on('data', (d) => chunks.push(d));
    s.on('close', () => resolve(Buffer.concat(chunks)));
    s.on('error', reject);
  });
  // Our OPEN comes first (we accepted and sent it), then the NOTIFICATION for the bad marker.
  let off = 0;
  const types: number[] = [];
  let notification: Buffer | undefined;
  while (off + 19 <= reply.length) {
    const len = reply.readUInt16BE(off + 16);
    types.push(reply[off + 18]!);
    if (reply[off + 18] === 3) notification = reply.subarray(off, off + len);
    off += len;
  }
  assert.deepEqual(types, [1, 3]);
  assert.deepEqual([notification![19], notification![20]], [1, 1], 'Message Header Error / Connection Not Synchronized');
  assert.equal(a.getPeer(peerIp).statistics.notificationSent, 1);
  assert.ok(a.listPeers().length === 1);
});

test('API errors: duplicate peer, unknown peer, bad settings, unknown route', async () => {
  const a = await instance(65060, addr(), '10.255.0.6');
  a.addPeer('127.0.0.250', 1179, { asn: 65061, passiveMode: true });
  assert.throws(() => a.addPeer('127.0.0.250', 1179, {}), (e: any) => e.code === 'ALREADY_EXISTS');
  assert.throws(() => a.getPeer('127.0.0.251'), (e: any) => e.code === 'NOT_FOUND');
  assert.throws(() => a.addPeer('127.0.0.252', 179, { holdTimeSecs: 2 }), (e: any) => e.code === 'INVALID_ARGUMENT' && /hold_time_secs/.test(e.message));
  assert.throws(() => a.addPeer('not-an-ip', 179, {}), (e: any) => e.code === 'INVALID_ARGUMENT');
  assert.throws(() => a.removeLocalRoute('10.99.0.0/16'), (e: any) => e.code === 'NOT_FOUND');
  assert.throws(() => a.addLocalRoute('10.99.0.1/16', local()), (e: any) => e.code === 'INVALID_ARGUMENT');
  await assert.rejects(a.resetPeer('127.0.0.250', 'soft-in'), (e: any) => e.code === 'FAILED_PRECONDITION');
  assert.throws(() => a.listRoutes('adj-in'), (e: any) => e.code === 'INVALID_ARGUMENT');
});

test('start(): a listen address in use is UNAVAILABLE naming the errno', async () => {
  const a = await instance(65080, addr(), '10.255.0.8');
  const { address, port } = a.listenAddress();
  const b = createBgpInstance({ asn: 65081, routerId: '10.255.0.9', listenAddress: address, listenPort: port, holdTimeSecs: 90, connectRetrySecs: 1, acceptUnconfiguredPeers: false, log: silentLogger });
  await assert.rejects(b.start(), (e: any) => e.code === 'UNAVAILABLE' && /EADDRINUSE/.test(e.message));
  await b.close();
});

test('hooks: onPeerState reports FSM transitions, onRibChange reports best-path changes; unsubscribe works', async () => {
  const ipA = addr();
  const ipB = addr();
  const a = await instance(65090, ipA, '10.255.0.10');
  const b = await instance(65091, ipB, '10.255.0.11');
  const states: string[] = [];
  const offState = b.onPeerState((e) => e.address === ipA && states.push(e.to));
  const changes: [string, string | undefined][] = [];
  const offRib = b.onRibChange((c) => changes.push([c.prefix, c.best?.source.address]));
  a.addPeer(ipB, b.listenAddress().port, { asn: 65091, localAddress: ipA });
  b.addPeer(ipA, a.listenAddress().port, { asn: 65090, localAddress: ipB });
  await waitFor('Established reported', () => states.includes('established'), 20_000);
  a.addLocalRoute('10.91.0.0/16', local({ nextHop: '192.0.2.91' }));
  await waitFor('route reported', () => changes.some(([p, s]) => p === '10.91.0.0/16' && s === ipA));
  a.removeLocalRoute('10.91.0.0/16');
  await waitFor('withdrawal reported', () => changes.some(([p, s]) => p === '10.91.0.0/16' && s === undefined));
  offRib();
  offState();
  const seen = changes.length;
  a.addLocalRoute('10.92.0.0/16', local({ nextHop: '192.0.2.92' }));
  await waitFor('route at B', () => routes(b.listRoutes('global')).has('10.92.0.0/16'));
  assert.equal(changes.length, seen, 'no events after unsubscribe');
});
