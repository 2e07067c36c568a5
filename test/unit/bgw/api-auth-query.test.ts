/**
 * bgw REST API auth and queries through fastify inject(), on SQLite and PostgreSQL: 401 missing /
 * unknown token, project scoping (403 on another project's object, lists show only one's own),
 * admin sees and acts on all, noauth mode; list filters (repeat = OR, booleans, MACs), `fields=`
 * (repeated and comma-separated) on list and show, 400 for unknown filters/fields; the OpenAPI
 * document generated from the schemas.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend } from './backends.js';
import { errorMessage, harness, TOKENS } from './api-harness.js';

forEachBackend('bgw api auth and queries', (open) => {
  test('401 without or with an unknown token; a token is checked, not just present', async () => {
    const h = harness(await open());
    const none = await h.call('GET', '/v2.0/l2-remote-gateways', undefined, null);
    assert.equal(none.status, 401);
    assert.equal(none.body.NeutronError.type, 'NotAuthorized');
    const bad = await h.call('POST', '/v2.0/l2-remote-gateways', { l2_remote_gateway: { name: 'x', ipaddr: '127.0.0.2' } }, 'tok-p1x');
    assert.equal(bad.status, 401);
    assert.deepEqual((await h.call('GET', '/v2.0/l2-remote-gateways', undefined, TOKENS.ADMIN)).body, { l2_remote_gateways: [] }, 'nothing was created by the refused call');
  });

  test('project scoping: lists show own objects, another project gets 403, admin sees and changes all', async () => {
    const h = harness(await open());
    const mine = (await h.call('POST', '/v2.0/l2-remote-gateways', { l2_remote_gateway: { name: 'a', ipaddr: '127.0.0.2' } }, TOKENS.P1)).body.l2_remote_gateway;
    const theirs = (await h.call('POST', '/v2.0/l2-remote-gateways', { l2_remote_gateway: { name: 'b', ipaddr: '127.0.0.3' } }, TOKENS.P2)).body.l2_remote_gateway;
    assert.equal(theirs.tenant_id, 'p2');
    assert.deepEqual((await h.call('GET', '/v2.0/l2-remote-gateways', undefined, TOKENS.P1)).body.l2_remote_gateways.map((r: { id: string }) => r.id), [mine.id]);
    for (const [method, body] of [['GET', undefined], ['PUT', { l2_remote_gateway: { name: 'z' } }], ['DELETE', undefined]] as const) {
      const r = await h.call(method, `/v2.0/l2-remote-gateways/${theirs.id}`, body, TOKENS.P1);
      assert.equal(r.status, 403, method);
      assert.equal(r.body.NeutronError.type, 'Forbidden');
    }
    assert.equal((await h.call('GET', '/v2.0/l2-remote-gateways/b', undefined, TOKENS.P1)).status, 404, "another project's names are invisible");
    const all = await h.call('GET', '/v2.0/l2-remote-gateways', undefined, TOKENS.ADMIN);
    assert.deepEqual(all.body.l2_remote_gateways.map((r: { id: string }) => r.id), [mine.id, theirs.id]);
    assert.equal((await h.call('PUT', `/v2.0/l2-remote-gateways/${theirs.id}`, { l2_remote_gateway: { name: 'bb' } }, TOKENS.ADMIN)).status, 200);

    // creating for another project: admin only; tenant_id and project_id must agree
    const forbidden = await h.call('POST', '/v2.0/l2-remote-gateways', { l2_remote_gateway: { name: 'c', ipaddr: '127.0.0.4', tenant_id: 'p2' } }, TOKENS.P1);
    assert.equal(forbidden.status, 403);
    const own = await h.call('POST', '/v2.0/l2-remote-gateways', { l2_remote_gateway: { name: 'c', ipaddr: '127.0.0.4', project_id: 'p1' } }, TOKENS.P1);
    assert.equal(own.status, 201);
    const byAdmin = await h.call('POST', '/v2.0/l2-remote-gateways', { l2_remote_gateway: { name: 'c', ipaddr: '127.0.0.4', tenant_id: 'p2' } }, TOKENS.ADMIN);
    assert.equal(byAdmin.status, 201);
    assert.equal(byAdmin.body.l2_remote_gateway.project_id, 'p2');
    assert.match(errorMessage(await h.call('POST', '/v2.0/l2-remote-gateways', { l2_remote_gateway: { name: 'd', ipaddr: '127.0.0.4', tenant_id: 'p1', project_id: 'p2' } }, TOKENS.ADMIN)), /^project_id: /);

    // references into another project are refused too
    const gw = (await h.call('POST', '/v2.0/l2-gateways', { l2_gateway: { name: 'gw' } }, TOKENS.P1)).body.l2_gateway;
    const cross = await h.call('POST', '/v2.0/l2-remote-gateway-connections', { l2_remote_gateway_connection: { gateway: gw.id, remote_gateway: theirs.id, segmentation_id: 5 } }, TOKENS.P1);
    assert.equal(cross.status, 403);
    assert.match(errorMessage(cross), /^remote_gateway: /);
  });

  test('noauth: requests without a token act as admin of project "admin"; configured tokens still scope', async () => {
    const h = harness(await open(), true);
    const r = await h.call('POST', '/v2.0/l2-remote-gateways', { l2_remote_gateway: { name: 'x', ipaddr: '127.0.0.2' } }, null);
    assert.equal(r.status, 201);
    assert.equal(r.body.l2_remote_gateway.tenant_id, 'admin');
    assert.equal((await h.call('GET', '/v2.0/l2-remote-gateways', undefined, TOKENS.P1)).body.l2_remote_gateways.length, 0);
    assert.equal((await h.call('GET', '/v2.0/l2-remote-gateways', undefined, null)).body.l2_remote_gateways.length, 1);
  });

  test('filters: equality on any scalar field, repeated values OR, booleans and MACs normalized; 400 for unknown or list fields', async () => {
    const h = harness(await open());
    await h.call('POST', '/v2.0/l2-gateways', { l2_gateway: { name: 'gw' } });
    for (const [name, ip] of [['r1', '127.0.0.2'], ['r2', '127.0.0.3'], ['r3', '127.0.0.4']]) await h.call('POST', '/v2.0/l2-remote-gateways', { l2_remote_gateway: { name, ipaddr: ip } });
    const names = async (q: string) => ((await h.call('GET', `/v2.0/l2-remote-gateways?${q}`)).body.l2_remote_gateways as Array<{ name: string }>).map((r) => r.name);
    assert.deepEqual(await names('name=r2'), ['r2']);
    assert.deepEqual(await names('name=r1&name=r3'), ['r1', 'r3']);
    assert.deepEqual(await names('name=r1&ipaddr=127.0.0.3'), []);
    assert.deepEqual(await names('ipaddr=127.0.0.4'), ['r3']);
    const c1 = (await h.call('POST', '/v2.0/l2-remote-gateway-connections', { l2_remote_gateway_connection: { gateway: 'gw', remote_gateway: 'r1', segmentation_id: 5000 } })).body.l2_remote_gateway_connection;
    await h.call('POST', '/v2.0/l2-remote-gateway-connections', { l2_remote_gateway_connection: { gateway: 'gw', remote_gateway: 'r2', segmentation_id: 5001, flood: false } });
    const segs = async (q: string) => ((await h.call('GET', `/v2.0/l2-remote-gateway-connections?${q}`)).body.l2_remote_gateway_connections as Array<{ segmentation_id: number }>).map((c) => c.segmentation_id);
    assert.deepEqual(await segs('segmentation_id=5001'), [5001]);
    assert.deepEqual(await segs('flood=False'), [5001]);
    assert.deepEqual(await segs('flood=true&status=BUILD'), [5000]);
    await h.call('POST', '/v2.0/l2-remote-macs', { l2_remote_mac: { mac_address: '52:54:00:00:00:0a', connection_id: c1.id } });
    await h.call('POST', '/v2.0/l2-remote-macs', { l2_remote_mac: { mac_address: '52:54:00:00:00:0b', connection_id: c1.id } });
    const macs = (await h.call('GET', `/v2.0/l2-remote-macs?mac_address=52-54-00-00-00-0A&connection_id=${c1.id}`)).body.l2_remote_macs;
    assert.deepEqual(macs.map((m: { mac_address: string }) => m.mac_address), ['52:54:00:00:00:0a']);

    const unknown = await h.call('GET', '/v2.0/l2-remote-gateways?colour=red');
    assert.equal(unknown.status, 400);
    assert.match(errorMessage(unknown), /^colour: /);
    assert.match(errorMessage(await h.call('GET', '/v2.0/l2-gateways?devices=x')), /^devices: /);
  });

  test('fields= selects fields on list and show (repeated or comma-separated); unknown field is a 400', async () => {
    const h = harness(await open());
    const r = (await h.call('POST', '/v2.0/l2-remote-gateways', { l2_remote_gateway: { name: 'r1', ipaddr: '127.0.0.2' } })).body.l2_remote_gateway;
    assert.deepEqual((await h.call('GET', '/v2.0/l2-remote-gateways?fields=id&fields=name')).body, { l2_remote_gateways: [{ id: r.id, name: 'r1' }] });
    assert.deepEqual((await h.call('GET', '/v2.0/l2-remote-gateways?fields=ipaddr,name&name=r1')).body, { l2_remote_gateways: [{ ipaddr: '127.0.0.2', name: 'r1' }] });
    assert.deepEqual((await h.call('GET', `/v2.0/l2-remote-gateways/${r.id}?fields=ipaddr`)).body, { l2_remote_gateway: { ipaddr: '127.0.0.2' } });
    const bad = await h.call('GET', '/v2.0/l2-remote-gateways?fields=colour');
    assert.equal(bad.status, 400);
    assert.match(errorMessage(bad), /^fields: .*colour/);
    assert.equal((await h.call('GET', `/v2.0/l2-remote-gateways/${r.id}?name=r1`)).status, 400, 'show takes no filters');
  });
});

test('GET /v2.0/openapi.json: generated from the route schemas, served without a token', async () => {
  const { openBgwStore } = await import('../../../src/bgw/store/index.js');
  const store = await openBgwStore('sqlite::memory:');
  try {
    const h = harness(store);
    const r = await h.call('GET', '/v2.0/openapi.json', undefined, null);
    assert.equal(r.status, 200);
    const doc = r.body;
    assert.equal(doc.openapi, '3.1.0');
    for (const p of ['l2-gateways', 'l2-gateway-connections', 'l2-remote-gateways', 'l2-remote-gateway-connections', 'l2-remote-macs']) {
      assert.deepEqual(Object.keys(doc.paths[`/v2.0/${p}`]).sort(), ['get', 'post'], p);
      assert.deepEqual(Object.keys(doc.paths[`/v2.0/${p}/{ref}`]).sort(), ['delete', 'get', 'parameters', 'put'], p);
    }
    const create = doc.components.schemas.l2_remote_gateway_connection_create;
    assert.deepEqual(create.properties.segmentation_id.minimum, 1);
    assert.deepEqual(create.properties.segmentation_id.maximum, 16777215);
    assert.equal(create.properties.flood.default, true);
    assert.deepEqual([...create.required].sort(), ['gateway', 'remote_gateway', 'segmentation_id']);
    assert.equal(create.additionalProperties, false);
    assert.deepEqual(doc.components.securitySchemes.token, { type: 'apiKey', in: 'header', name: 'X-Auth-Token' });
  } finally {
    await store.close();
  }
});
