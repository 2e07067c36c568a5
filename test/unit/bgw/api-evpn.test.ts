/** Read-only EVPN views of the REST API (src/bgw/api/evpn.ts): lists, filters, auth, no writes. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildBgwApi } from '../../../src/bgw/api/index.js';
import { openBgwStore, type BgwStore } from '../../../src/bgw/store/index.js';
import type { EvpnView } from '../../../src/evpn/index.js';
import { silentLogger } from '../../../src/lib/log.js';

const VIEW: EvpnView = {
  learnedMacs: () => [
    { vni: 100, mac: '52:54:00:00:00:02', ips: ['10.1.1.2'], vtep: '10.99.0.2', peer: '10.99.0.2', sequence: 3, sticky: false },
    { vni: 200, mac: '52:54:00:00:00:03', ips: [], vtep: '10.99.0.3', peer: '10.99.0.3', sequence: 0, sticky: true },
  ],
  remoteVteps: () => [{ vni: 100, vtep: '10.99.0.2', peer: '10.99.0.2' }],
  duplicateMacs: () => [{ vni: 100, mac: '52:54:00:00:00:09', moves: 5, since: 0 }],
  localMacs: () => [],
  clearDuplicate: (vni, mac) => vni === 100 && mac === '52:54:00:00:00:09',
};

let store: BgwStore;
let app: FastifyInstance;
let plain: FastifyInstance;
const H = { 'x-auth-token': 't1' };

before(async () => {
  store = await openBgwStore('sqlite::memory:', { log: silentLogger });
  app = buildBgwApi(store, {
    noauth: false,
    tokens: [
      { token: 't1', project_id: 'p1', admin: false },
      { token: 'ta', project_id: 'p0', admin: true },
    ],
    log: silentLogger,
    evpn: VIEW,
  });
  plain = buildBgwApi(store, { noauth: true, tokens: [], log: silentLogger });
});
after(async () => {
  await app.close();
  await plain.close();
  await store.close();
});

test('GET /v2.0/l2-learned-macs lists learned MACs with their origin VTEP, filterable', async () => {
  const r = await app.inject({ method: 'GET', url: '/v2.0/l2-learned-macs', headers: H });
  assert.equal(r.statusCode, 200);
  assert.deepEqual(r.json().l2_learned_macs[0], {
    mac_address: '52:54:00:00:00:02',
    ip_addresses: ['10.1.1.2'],
    segmentation_id: 100,
    remote_vtep: '10.99.0.2',
    peer: '10.99.0.2',
    sequence: 3,
    sticky: false,
    origin: 'evpn',
  });
  const f = await app.inject({ method: 'GET', url: '/v2.0/l2-learned-macs?segmentation_id=200', headers: H });
  assert.deepEqual(f.json().l2_learned_macs.map((m: { mac_address: string }) => m.mac_address), ['52:54:00:00:00:03']);
  const bad = await app.inject({ method: 'GET', url: '/v2.0/l2-learned-macs?colour=red', headers: H });
  assert.equal(bad.statusCode, 400);
});

test('remote VTEPs per segment and duplicate MACs', async () => {
  const v = await app.inject({ method: 'GET', url: '/v2.0/l2-evpn-vteps', headers: H });
  assert.deepEqual(v.json(), { l2_evpn_vteps: [{ segmentation_id: 100, remote_vtep: '10.99.0.2', peer: '10.99.0.2' }] });
  const d = await app.inject({ method: 'GET', url: '/v2.0/l2-evpn-duplicate-macs', headers: H });
  assert.deepEqual(d.json(), { l2_evpn_duplicate_macs: [{ mac_address: '52:54:00:00:00:09', segmentation_id: 100, moves: 5, frozen_at: '1970-01-01T00:00:00.000Z' }] });
});

test('read-only (405), token required (401), empty without the EVPN driver', async () => {
  const w = await app.inject({ method: 'POST', url: '/v2.0/l2-learned-macs', headers: H, payload: {} });
  assert.equal(w.statusCode, 405);
  assert.match(w.json().NeutronError.message, /read-only/);
  const u = await app.inject({ method: 'GET', url: '/v2.0/l2-learned-macs' });
  assert.equal(u.statusCode, 401);
  const e = await plain.inject({ method: 'GET', url: '/v2.0/l2-learned-macs' });
  assert.deepEqual(e.json(), { l2_learned_macs: [] });
});

test('route_target per remote gateway connection: stored, validated, in the desired state, cleared with null', async () => {
  const post = async (url: string, body: unknown) => app.inject({ method: 'POST', url, headers: H, payload: body as object });
  const gw = (await post('/v2.0/l2-gateways', { l2_gateway: { name: 'g' } })).json().l2_gateway;
  const rg = (await post('/v2.0/l2-remote-gateways', { l2_remote_gateway: { name: 'r', ipaddr: '10.99.0.2' } })).json().l2_remote_gateway;
  const bad = await post('/v2.0/l2-remote-gateway-connections', { l2_remote_gateway_connection: { gateway: gw.id, remote_gateway: rg.id, segmentation_id: 100, route_target: '65000' } });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().NeutronError.message, /^route_target: /);
  const ok = await post('/v2.0/l2-remote-gateway-connections', { l2_remote_gateway_connection: { gateway: gw.id, remote_gateway: rg.id, segmentation_id: 100, route_target: '65000:777' } });
  assert.equal(ok.statusCode, 201);
  const c = ok.json().l2_remote_gateway_connection;
  assert.equal(c.route_target, '65000:777');
  assert.equal((await store.desiredState()).segments[0]?.routeTarget, '65000:777');
  const cleared = await app.inject({ method: 'PUT', url: `/v2.0/l2-remote-gateway-connections/${c.id}`, headers: H, payload: { l2_remote_gateway_connection: { route_target: null } } });
  assert.equal(cleared.json().l2_remote_gateway_connection.route_target, null);
  assert.equal((await store.desiredState()).segments[0]?.routeTarget, undefined);
});

test('DELETE a duplicate MAC: admin only (403), 204 when frozen, 404 otherwise, 400 for bad input', async () => {
  const del = (url: string, token: string) => app.inject({ method: 'DELETE', url, headers: { 'x-auth-token': token } });
  assert.equal((await del('/v2.0/l2-evpn-duplicate-macs/100/52:54:00:00:00:09', 't1')).statusCode, 403);
  assert.equal((await del('/v2.0/l2-evpn-duplicate-macs/100/52-54-00-00-00-09', 'ta')).statusCode, 204);
  assert.equal((await del('/v2.0/l2-evpn-duplicate-macs/100/52:54:00:00:00:08', 'ta')).statusCode, 404);
  assert.equal((await del('/v2.0/l2-evpn-duplicate-macs/0/52:54:00:00:00:09', 'ta')).statusCode, 400);
  assert.equal((await del('/v2.0/l2-evpn-duplicate-macs/100/zz', 'ta')).statusCode, 400);
});
