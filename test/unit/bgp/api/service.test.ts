/**
 * bgp.BgpService over a real grpc-js server and client (loopback, port 0) with a fake instance:
 * status codes travel as the spec says (INVALID_ARGUMENT naming the field, NOT_FOUND,
 * ALREADY_EXISTS, UNIMPLEMENTED for BMP RPCs without an exporter, FAILED_PRECONDITION for a referenced set), streams in both directions work, and
 * AddRouteStream counts what it added and names what it rejected.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ListRoutesRequest } from '../../../../src/gen/bgp.js';
import { startGrpcServer, type GrpcServer } from '../../../../src/bgp/api/server.js';
import { silentLogger } from '../../../../src/lib/log.js';
import { BgpTestClient, rejectsWithStatus, Status } from '../../../helpers/grpc.js';
import { FakeInstance } from './fake-instance.js';

let server: GrpcServer;
let client: BgpTestClient;
const bgp = new FakeInstance();

before(async () => {
  server = await startGrpcServer(bgp, '127.0.0.1:0', silentLogger);
  client = new BgpTestClient(server.address);
});
after(async () => {
  client.close();
  await server.close();
});

test('AddPeer then duplicate → ALREADY_EXISTS; unknown peer → NOT_FOUND; bad address → INVALID_ARGUMENT naming it', async () => {
  const r = await client.call('addPeer', { address: '127.0.0.2:17900' });
  assert.equal(r.success, true);
  assert.match(r.message, /127\.0\.0\.2:17900/);
  await rejectsWithStatus(client.call('addPeer', { address: '127.0.0.2' }), Status.ALREADY_EXISTS, /127\.0\.0\.2/);
  await rejectsWithStatus(client.call('getPeer', { address: '127.0.0.9' }), Status.NOT_FOUND, /127\.0\.0\.9/);
  const err = await rejectsWithStatus(client.call('addPeer', { address: '127.0.0.2:x' }), Status.INVALID_ARGUMENT, /^address: /);
  assert.deepEqual(err.metadata.get('bambu-error-field'), ['address']);
});

test('ListPeers and ListPeersStream return the bare address with the port extension', async () => {
  const list = await client.call('listPeers', {});
  const streamed = await client.collect<{ address: string; port: number }>('listPeersStream', {});
  assert.deepEqual(list.peers.map((p: { address: string; port: number }) => [p.address, p.port]), [['127.0.0.2', 17900]]);
  assert.deepEqual(streamed.map((p) => [p.address, p.port]), [['127.0.0.2', 17900]]);
  const g = await client.call('getPeer', { address: '127.0.0.2:17900' });
  assert.equal(g.statistics.updateReceived, 7);
});

test('AddRoute, ListRoutes (GLOBAL), ListRoutesStream, RemoveRoute, then NOT_FOUND', async () => {
  await client.call('addRoute', { prefix: '10.0.0.0/24', nextHop: '192.0.2.1', localPref: 200 });
  const list = await client.call('listRoutes', { ribType: 0 });
  assert.equal(list.routes.length, 1);
  assert.equal(list.routes[0].prefix, '10.0.0.0/24');
  assert.equal(list.routes[0].paths[0].localPref, 200);
  const streamed = await client.collect<{ prefix: string }>('listRoutesStream', {});
  assert.deepEqual(streamed.map((r) => r.prefix), ['10.0.0.0/24']);
  const info = await client.call('getServerInfo', {});
  assert.deepEqual(info, { listenAddr: '127.0.0.1', listenPort: 1179, numRoutes: 1 });
  assert.equal((await client.call('removeRoute', { prefix: '10.0.0.0/24' })).success, true);
  await rejectsWithStatus(client.call('removeRoute', { prefix: '10.0.0.0/24' }), Status.NOT_FOUND, /10\.0\.0\.0\/24/);
  await rejectsWithStatus(client.call('addRoute', { prefix: '10.0.0.1/24', nextHop: '192.0.2.1' }), Status.INVALID_ARGUMENT, /^prefix: /);
});

test('ListRoutes ADJ_IN: peer_address required; unknown peer NOT_FOUND; stream reports the same errors', async () => {
  await rejectsWithStatus(client.call('listRoutes', { ribType: 1 }), Status.INVALID_ARGUMENT, /^peer_address: /);
  await rejectsWithStatus(client.call('listRoutes', { ribType: 1, peerAddress: '127.0.0.77' }), Status.NOT_FOUND);
  await rejectsWithStatus(client.collect('listRoutesStream', { ribType: 2 }), Status.INVALID_ARGUMENT, /^peer_address: /);
  await rejectsWithStatus(client.collect('listRoutesStream', { ribType: 1, peerAddress: '127.0.0.77' }), Status.NOT_FOUND);
  bgp.adjIn.set('127.0.0.2', new Map([['192.0.2.0/24', { origin: 0, asPath: [], nextHop: '127.0.0.2', atomicAggregate: false }]]));
  const r = await client.call('listRoutes', { ribType: 1, peerAddress: '127.0.0.2:17900' });
  assert.deepEqual(r.routes.map((x: { prefix: string; paths: { peerAddress: string }[] }) => [x.prefix, x.paths[0]!.peerAddress]), [['192.0.2.0/24', '127.0.0.2']]);
  const v6 = await client.call('listRoutes', { ribType: 1, peerAddress: '127.0.0.2', family: 'ipv6-unicast' });
  assert.deepEqual(v6.routes, []);
  bgp.adjIn.clear();
});

test('AddRouteStream applies valid routes, counts them and names the rejected ones', async () => {
  const reqs = Array.from({ length: 300 }, (_, i) => ({ prefix: `10.${i >> 8}.${i & 255}.0/24`, nextHop: '192.0.2.1' }));
  reqs[17] = { prefix: '10.0.17.1/24', nextHop: '192.0.2.1' };
  const r = await client.addRouteStream(reqs);
  assert.equal(r.count, 299);
  assert.match(r.message, /added 299 of 300 routes; 1 rejected: #17 prefix: /);
  assert.equal(bgp.routes.size, 299);
  const ok = await client.addRouteStream([]);
  assert.deepEqual(ok, { count: 0, message: 'added 0 routes' });
});

test('DisablePeer/EnablePeer/ResetPeer/RemovePeer accept bare IP and IP:PORT', async () => {
  await client.call('disablePeer', { address: '127.0.0.2', shutdownMessage: 'maintenance' });
  assert.equal((await client.call('getPeer', { address: '127.0.0.2' })).peer.adminState, 1);
  await client.call('enablePeer', { address: '127.0.0.2:17900' });
  await client.call('resetPeer', { address: '127.0.0.2', resetType: 2 });
  await rejectsWithStatus(client.call('resetPeer', { address: '127.0.0.2', resetType: 9 }), Status.INVALID_ARGUMENT, /^reset_type: /);
  await client.call('removePeer', { address: '127.0.0.2:17900' });
  await rejectsWithStatus(client.call('removePeer', { address: '127.0.0.2' }), Status.NOT_FOUND);
  await rejectsWithStatus(client.call('disablePeer', { address: '127.0.0.2' }), Status.NOT_FOUND);
  await rejectsWithStatus(client.call('enablePeer', { address: '127.0.0.2' }), Status.NOT_FOUND);
});

test('BMP RPCs without an exporter answer UNIMPLEMENTED naming the feature', async () => {
  await rejectsWithStatus(client.call('addBmpServer', { address: '127.0.0.1:11019' }), Status.UNIMPLEMENTED, /AddBmpServer.*BMP/);
  await rejectsWithStatus(client.call('listBmpServers', {}), Status.UNIMPLEMENTED, /ListBmpServers/);
});

test('policy RPCs: sets and policies round-trip; bad input INVALID_ARGUMENT naming the field; referenced set FAILED_PRECONDITION', async () => {
  await client.call('addDefinedSet', { set: { setType: 'prefix-set', name: 'ps', config: { $case: 'prefixSet', value: { prefixes: [{ prefix: '10.0.0.0/8', masklengthRange: '16..24' }] } } }, replace: false });
  await client.call('addDefinedSet', { set: { setType: 'community-set', name: 'cs', config: { $case: 'communitySet', value: { communities: ['65001:100', 'no-export'] } } }, replace: false });
  const { sets } = await client.call('listDefinedSets', { setType: 'prefix-set' });
  assert.deepEqual(sets, [{ setType: 'prefix-set', name: 'ps', setData: { $case: 'prefixSet', value: { prefixes: [{ prefix: '10.0.0.0/8', masklengthRange: '16..24' }] } } }]);
  await rejectsWithStatus(
    client.call('addDefinedSet', { set: { setType: 'prefix-set', name: 'bad', config: { $case: 'prefixSet', value: { prefixes: [{ prefix: '10.0.0.0/8', masklengthRange: '4..24' }] } } }, replace: false }),
    Status.INVALID_ARGUMENT,
    /^set\.prefix_set\.prefixes\[0\]\.masklength_range: /,
  );
  await rejectsWithStatus(client.call('addDefinedSet', { set: { setType: 'color-set', name: 'x' }, replace: false }), Status.INVALID_ARGUMENT, /^set\.set_type: /);
  const stmt = { conditions: { matchPrefixSet: { setName: 'ps', matchOption: 'invert' } }, actions: { reject: true, addCommunities: [], removeCommunities: [] } };
  await client.call('addPolicy', { name: 'p1', statements: [stmt] });
  await rejectsWithStatus(client.call('addPolicy', { name: 'p2', statements: [{ conditions: { matchPrefixSet: { setName: 'nope', matchOption: 'any' } } }] }), Status.NOT_FOUND, /nope/);
  await rejectsWithStatus(client.call('addPolicy', { name: 'p3', statements: [{ actions: { addCommunities: ['banana'], removeCommunities: [] } }] }), Status.INVALID_ARGUMENT, /add_communities\[0\]/);
  const { policies } = await client.call('listPolicies', {});
  assert.deepEqual(policies.map((p: { name: string }) => p.name), ['p1']);
  assert.deepEqual(policies[0].statements[0].conditions.matchPrefixSet, { setName: 'ps', matchOption: 'invert' });
  await rejectsWithStatus(client.call('removeDefinedSet', { setType: 'prefix-set', name: 'ps', all: false }), Status.FAILED_PRECONDITION, /p1/);
  await client.call('addPeer', { address: '127.0.0.77' });
  await rejectsWithStatus(client.call('setPolicyAssignment', { peerAddress: '127.0.0.77', direction: 'sideways', policyNames: ['p1'] }), Status.INVALID_ARGUMENT, /^direction: /);
  await rejectsWithStatus(client.call('setPolicyAssignment', { peerAddress: '127.0.0.78', direction: 'import', policyNames: ['p1'] }), Status.NOT_FOUND);
  await client.call('setPolicyAssignment', { peerAddress: '127.0.0.77:179', direction: 'import', policyNames: ['p1'], defaultAction: 'reject' });
  const { peers } = await client.call('listPeers', {});
  assert.deepEqual(peers.find((p: { address: string }) => p.address === '127.0.0.77').importPolicies, ['p1']);
  await rejectsWithStatus(client.call('removePolicy', { name: 'p1' }), Status.FAILED_PRECONDITION, /127\.0\.0\.77/);
  await client.call('setPolicyAssignment', { peerAddress: '127.0.0.77', direction: 'import', policyNames: [] });
  await client.call('removePolicy', { name: 'p1' });
  await client.call('removeDefinedSet', { setType: 'prefix-set', name: '', all: true });
  assert.deepEqual((await client.call('listDefinedSets', {})).sets.map((s: { name: string }) => s.name), ['cs']);
  await rejectsWithStatus(client.call('removeDefinedSet', { setType: 'prefix-set', name: 'ps', all: false }), Status.NOT_FOUND);
});

test('an unexpected (non-BambuError) failure in the instance is INTERNAL and the server keeps serving', async () => {
  const orig = bgp.numRoutes;
  bgp.numRoutes = () => {
    throw new TypeError('boom');
  };
  try {
    await rejectsWithStatus(client.call('getServerInfo', {}), Status.INTERNAL, /boom/);
  } finally {
    bgp.numRoutes = orig;
  }
  assert.equal((await client.call('getServerInfo', {})).listenPort, 1179);
});

test('garbage request bytes get an error status, never a crash; the server keeps serving', async () => {
  const raw = client.raw;
  const send = (path: string, bytes: Buffer) =>
    new Promise<{ code?: number }>((resolve) => {
      raw.makeUnaryRequest(path, (b: Buffer) => b, (b: Buffer) => b, bytes, (err) => resolve({ code: err?.code }));
    });
  const rng = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 64 }), { numRuns: 200, seed: 42 });
  for (const [i, bytes] of rng.entries()) {
    const path = ['/bgp.BgpService/AddRoute', '/bgp.BgpService/AddPeer', '/bgp.BgpService/ListRoutes', '/bgp.BgpService/ResetPeer'][i % 4]!;
    const r = await send(path, Buffer.from(bytes));
    assert.ok(r.code === undefined || [Status.INVALID_ARGUMENT, Status.INTERNAL, Status.NOT_FOUND, Status.ALREADY_EXISTS].includes(r.code), `${path} ${Buffer.from(bytes).toString('hex')}: status ${r.code}`);
  }
  assert.equal((await client.call('getServerInfo', {})).listenPort, 1179);
});

test('a client cancelling ListRoutesStream mid-way leaves the server serving', async () => {
  for (let i = 0; i < 2000; i++) bgp.routes.set(`10.200.${i >> 8}.${i & 255}/32`, { origin: 0, asPath: [], nextHop: '192.0.2.1', atomicAggregate: false });
  const stream = client.raw.listRoutesStream(ListRoutesRequest.fromPartial({}));
  await new Promise<void>((resolve) => {
    stream.once('data', () => {
      stream.cancel();
      resolve();
    });
  });
  await new Promise<void>((resolve) => stream.on('error', () => resolve()).on('end', () => resolve()));
  assert.equal((await client.call('getServerInfo', {})).numRoutes, bgp.routes.size);
  bgp.routes.clear();
});
