/**
 * bgw REST API resources through fastify inject(), on SQLite and PostgreSQL: create (201) / list /
 * show / update (200) / delete (204) for all five resources with Neutron wrappers; 400 naming the
 * field; 404; 409 duplicate, in use, ambiguous name; name-or-UUID lookup; cascade of MACs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend } from './backends.js';
import { errorMessage, harness, type Harness } from './api-harness.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function created(h: Harness, path: string, key: string, obj: Record<string, unknown>) {
  const r = await h.call('POST', `/v2.0/${path}`, { [key]: obj });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body[key];
}

/** Gateway "gw" and remote "siteB" in project p1. */
async function base(h: Harness) {
  const gw = await created(h, 'l2-gateways', 'l2_gateway', { name: 'gw', devices: [{ device_name: 'bgw', interfaces: [{ name: 'eth1' }, { name: 'eth2', segmentation_id: [100, 200] }] }] });
  const remote = await created(h, 'l2-remote-gateways', 'l2_remote_gateway', { name: 'siteB', ipaddr: '127.0.0.2' });
  return { gw, remote };
}

forEachBackend('bgw api resources', (open) => {
  test('l2-remote-gateways: CRUD with wrappers, name lookup, 409 duplicate, 400 naming the field', async () => {
    const h = harness(await open());
    const r = await created(h, 'l2-remote-gateways', 'l2_remote_gateway', { name: 'siteB', ipaddr: '127.0.0.2' });
    assert.match(r.id, UUID);
    assert.deepEqual(r, { id: r.id, name: 'siteB', ipaddr: '127.0.0.2', tenant_id: 'p1', project_id: 'p1' });

    const list = await h.call('GET', '/v2.0/l2-remote-gateways');
    assert.equal(list.status, 200);
    assert.deepEqual(list.body, { l2_remote_gateways: [r] });
    assert.deepEqual((await h.call('GET', `/v2.0/l2-remote-gateways/${r.id}`)).body, { l2_remote_gateway: r });
    assert.deepEqual((await h.call('GET', '/v2.0/l2-remote-gateways/siteB')).body, { l2_remote_gateway: r }, 'by name');

    const dup = await h.call('POST', '/v2.0/l2-remote-gateways', { l2_remote_gateway: { name: 'siteB', ipaddr: '127.0.0.3' } });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.NeutronError.type, 'Conflict');
    assert.match(errorMessage(dup), /siteB/);

    const bad = await h.call('POST', '/v2.0/l2-remote-gateways', { l2_remote_gateway: { name: 'x', ipaddr: '999.1.1.1' } });
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.body.NeutronError).sort(), ['detail', 'message', 'type']);
    assert.match(errorMessage(bad), /^ipaddr: /);
    assert.match(errorMessage(await h.call('POST', '/v2.0/l2-remote-gateways', { l2_remote_gateway: { ipaddr: '127.0.0.3' } })), /^name: /);
    assert.match(errorMessage(await h.call('POST', '/v2.0/l2-remote-gateways', { l2_remote_gateway: { name: 'x', ipaddr: '::1', color: 'red' } })), /^color: /);
    assert.match(errorMessage(await h.call('POST', '/v2.0/l2-remote-gateways', { name: 'x', ipaddr: '::1' })), /l2_remote_gateway/);
    const malformed = await h.call('POST', '/v2.0/l2-remote-gateways', '{"l2_remote_gateway": {');
    assert.equal(malformed.status, 400);
    assert.match(errorMessage(malformed), /^body: malformed JSON/);

    const upd = await h.call('PUT', '/v2.0/l2-remote-gateways/siteB', { l2_remote_gateway: { ipaddr: '::1' } });
    assert.equal(upd.status, 200);
    assert.equal(upd.body.l2_remote_gateway.ipaddr, '::1');
    assert.equal(upd.body.l2_remote_gateway.name, 'siteB', 'partial update keeps other fields');
    const ren = await h.call('PUT', `/v2.0/l2-remote-gateways/${r.id}`, { l2_remote_gateway: { name: 'siteC' } });
    assert.equal(ren.body.l2_remote_gateway.name, 'siteC');
    assert.equal((await h.call('PUT', `/v2.0/l2-remote-gateways/${r.id}`, { l2_remote_gateway: { id: r.id } })).status, 400, 'id is read-only');
    assert.match(errorMessage(await h.call('PUT', `/v2.0/l2-remote-gateways/${r.id}`, { l2_remote_gateway: { ipaddr: 'nope' } })), /^ipaddr: /);

    const del = await h.call('DELETE', '/v2.0/l2-remote-gateways/siteC');
    assert.equal(del.status, 204);
    assert.equal(del.body, undefined);
    const gone = await h.call('GET', `/v2.0/l2-remote-gateways/${r.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.NeutronError.type, 'NotFound');
    assert.equal((await h.call('DELETE', `/v2.0/l2-remote-gateways/${r.id}`)).status, 404);
    assert.equal((await h.call('PUT', '/v2.0/l2-remote-gateways/nobody', { l2_remote_gateway: { name: 'z' } })).status, 404);
  });

  test('ambiguous name across projects (admin view) is a 409 listing the ids', async () => {
    const h = harness(await open());
    const a = await created(h, 'l2-remote-gateways', 'l2_remote_gateway', { name: 'dup', ipaddr: '127.0.0.2' });
    const b = (await h.call('POST', '/v2.0/l2-remote-gateways', { l2_remote_gateway: { name: 'dup', ipaddr: '127.0.0.3' } }, 'tok-p2')).body.l2_remote_gateway;
    const r = await h.call('GET', '/v2.0/l2-remote-gateways/dup', undefined, 'tok-admin');
    assert.equal(r.status, 409);
    assert.match(errorMessage(r), new RegExp(a.id));
    assert.match(errorMessage(r), new RegExp(b.id));
    assert.equal((await h.call('DELETE', '/v2.0/l2-remote-gateways/dup', undefined, 'tok-admin')).status, 409);
    // each project sees only its own: unambiguous
    assert.equal((await h.call('GET', '/v2.0/l2-remote-gateways/dup')).body.l2_remote_gateway.id, a.id);
    // ambiguous l2-gateway names too, also as a reference in a body
    await created(h, 'l2-gateways', 'l2_gateway', { name: 'g' });
    await created(h, 'l2-gateways', 'l2_gateway', { name: 'g' });
    const conn = await h.call('POST', '/v2.0/l2-remote-gateway-connections', { l2_remote_gateway_connection: { gateway: 'g', remote_gateway: 'dup', segmentation_id: 7 } });
    assert.equal(conn.status, 409);
    assert.match(errorMessage(conn), /^gateway: .*ambiguous/);
  });

  test('l2-gateways: devices with optional interfaces, VLAN lists, update, 400s name nested fields', async () => {
    const h = harness(await open());
    const bare = await created(h, 'l2-gateways', 'l2_gateway', { name: 'border', devices: [{ device_name: 'bgw' }] });
    assert.deepEqual(bare.devices.map((d: { device_name: string; interfaces: unknown[] }) => [d.device_name, d.interfaces]), [['bgw', []]]);
    const gw = await created(h, 'l2-gateways', 'l2_gateway', { name: 'gw', devices: [{ device_name: 'sw', interfaces: [{ name: 'eth1', segmentation_id: 100 }, { name: 'eth2', segmentation_id: ['200', 300] }] }] });
    assert.deepEqual(gw.devices[0].interfaces, [
      { name: 'eth1', segmentation_id: [100] },
      { name: 'eth2', segmentation_id: [200, 300] },
    ]);
    assert.match(gw.devices[0].id, UUID);
    const bad = await h.call('POST', '/v2.0/l2-gateways', { l2_gateway: { name: 'x', devices: [{ device_name: 'sw', interfaces: [{ name: 'e', segmentation_id: [4096] }] }] } });
    assert.equal(bad.status, 400);
    assert.match(errorMessage(bad), /^devices\[0\]\.interfaces\[0\]\.segmentation_id/);
    assert.match(errorMessage(await h.call('POST', '/v2.0/l2-gateways', { l2_gateway: { name: 'x', devices: [{ device_name: 'a' }, { device_name: 'a' }] } })), /^devices\[1\]\.device_name: duplicate/);
    const upd = await h.call('PUT', '/v2.0/l2-gateways/gw', { l2_gateway: { devices: [{ device_name: 'sw', interfaces: [{ name: 'eth9' }] }] } });
    assert.equal(upd.status, 200);
    assert.deepEqual(upd.body.l2_gateway.devices[0].interfaces, [{ name: 'eth9', segmentation_id: [] }]);
    assert.equal(upd.body.l2_gateway.devices[0].id, gw.devices[0].id, 'device id kept for the same device_name');
    assert.equal(upd.body.l2_gateway.name, 'gw');
    assert.equal((await h.call('DELETE', '/v2.0/l2-gateways/border')).status, 204);
  });

  test('l2-gateway-connections: gateway by name or id, unique (gateway, network), VLAN range, in-use gateway', async () => {
    const h = harness(await open());
    const { gw } = await base(h);
    const c = await created(h, 'l2-gateway-connections', 'l2_gateway_connection', { l2_gateway_id: 'gw', network_id: 'net-1', segmentation_id: 100 });
    assert.deepEqual(c, { id: c.id, l2_gateway_id: gw.id, network_id: 'net-1', segmentation_id: 100, tenant_id: 'p1', project_id: 'p1' });
    const c2 = await created(h, 'l2-gateway-connections', 'l2_gateway_connection', { l2_gateway_id: gw.id, network_id: 'net-2' });
    assert.equal(c2.segmentation_id, null);
    assert.equal((await h.call('POST', '/v2.0/l2-gateway-connections', { l2_gateway_connection: { l2_gateway_id: gw.id, network_id: 'net-1' } })).status, 409);
    assert.match(errorMessage(await h.call('POST', '/v2.0/l2-gateway-connections', { l2_gateway_connection: { l2_gateway_id: gw.id, network_id: 'n', segmentation_id: 4096 } })), /^segmentation_id: /);
    const nogw = await h.call('POST', '/v2.0/l2-gateway-connections', { l2_gateway_connection: { l2_gateway_id: 'nope', network_id: 'n' } });
    assert.equal(nogw.status, 404);
    assert.match(errorMessage(nogw), /^l2_gateway_id: /);
    const inUse = await h.call('DELETE', `/v2.0/l2-gateways/${gw.id}`);
    assert.equal(inUse.status, 409);
    assert.match(errorMessage(inUse), new RegExp(c.id));
    assert.equal((await h.call('PUT', `/v2.0/l2-gateway-connections/${c.id}`, { l2_gateway_connection: { segmentation_id: 7 } })).body.l2_gateway_connection.segmentation_id, 7);
    assert.equal((await h.call('PUT', `/v2.0/l2-gateway-connections/${c.id}`, { l2_gateway_connection: { network_id: 'x' } })).status, 400);
    assert.equal((await h.call('GET', `/v2.0/l2-gateway-connections/${c.id}`)).body.l2_gateway_connection.segmentation_id, 7);
    assert.equal((await h.call('DELETE', `/v2.0/l2-gateway-connections/${c.id}`)).status, 204);
    assert.equal((await h.call('DELETE', `/v2.0/l2-gateway-connections/${c2.id}`)).status, 204);
    assert.equal((await h.call('DELETE', `/v2.0/l2-gateways/${gw.id}`)).status, 204);
  });

  test('l2-remote-gateway-connections: names resolved, VNI range, flood default, 404 references, unique triple, update, remote in use', async () => {
    const h = harness(await open());
    const { gw, remote } = await base(h);
    const c = await created(h, 'l2-remote-gateway-connections', 'l2_remote_gateway_connection', { gateway: 'gw', remote_gateway: 'siteB', segmentation_id: 5000 });
    assert.deepEqual(c, { id: c.id, gateway: gw.id, remote_gateway: remote.id, segmentation_id: 5000, network_id: null, flood: true, route_target: null, status: 'BUILD', tenant_id: 'p1', project_id: 'p1' });
    const noflood = await created(h, 'l2-remote-gateway-connections', 'l2_remote_gateway_connection', { gateway: gw.id, remote_gateway: remote.id, segmentation_id: '16777215', flood: false });
    assert.equal(noflood.flood, false);
    assert.equal(noflood.segmentation_id, 16777215);
    for (const bad of [0, 16777216, 'abc', 1.5]) {
      const r = await h.call('POST', '/v2.0/l2-remote-gateway-connections', { l2_remote_gateway_connection: { gateway: gw.id, remote_gateway: remote.id, segmentation_id: bad } });
      assert.equal(r.status, 400, `segmentation_id ${bad}`);
      assert.match(errorMessage(r), /^segmentation_id: /);
    }
    assert.match(errorMessage(await h.call('POST', '/v2.0/l2-remote-gateway-connections', { l2_remote_gateway_connection: { gateway: gw.id, remote_gateway: remote.id, segmentation_id: 9, flood: 'maybe' } })), /^flood: /);
    assert.match(errorMessage(await h.call('POST', '/v2.0/l2-remote-gateway-connections', { l2_remote_gateway_connection: { gateway: gw.id, segmentation_id: 9 } })), /^remote_gateway: /);
    const missingRemote = await h.call('POST', '/v2.0/l2-remote-gateway-connections', { l2_remote_gateway_connection: { gateway: gw.id, remote_gateway: 'nowhere', segmentation_id: 9 } });
    assert.equal(missingRemote.status, 404);
    assert.match(errorMessage(missingRemote), /^remote_gateway: /);
    const missingGw = await h.call('POST', '/v2.0/l2-remote-gateway-connections', { l2_remote_gateway_connection: { gateway: '00000000-0000-4000-8000-000000000000', remote_gateway: remote.id, segmentation_id: 9 } });
    assert.equal(missingGw.status, 404);
    assert.match(errorMessage(missingGw), /^gateway: /);
    assert.equal((await h.call('POST', '/v2.0/l2-remote-gateway-connections', { l2_remote_gateway_connection: { gateway: 'gw', remote_gateway: 'siteB', segmentation_id: 5000 } })).status, 409);

    await created(h, 'l2-remote-gateways', 'l2_remote_gateway', { name: 'siteC', ipaddr: '127.0.0.3' });
    const upd = await h.call('PUT', `/v2.0/l2-remote-gateway-connections/${c.id}`, { l2_remote_gateway_connection: { remote_gateway: 'siteC', segmentation_id: 6000 } });
    assert.equal(upd.status, 200);
    assert.equal(upd.body.l2_remote_gateway_connection.segmentation_id, 6000);
    assert.notEqual(upd.body.l2_remote_gateway_connection.remote_gateway, remote.id);
    assert.equal((await h.call('PUT', `/v2.0/l2-remote-gateway-connections/${c.id}`, { l2_remote_gateway_connection: { gateway: gw.id } })).status, 400, 'gateway is not updatable');
    const clash = await h.call('PUT', `/v2.0/l2-remote-gateway-connections/${noflood.id}`, { l2_remote_gateway_connection: { remote_gateway: 'siteC', segmentation_id: 6000 } });
    assert.equal(clash.status, 409);

    const inUse = await h.call('DELETE', '/v2.0/l2-remote-gateways/siteB');
    assert.equal(inUse.status, 409);
    assert.match(errorMessage(inUse), new RegExp(noflood.id));
  });

  test('l2-remote-macs: normalized unicast MAC, IP validated, unique per connection, update IP, cascade on connection delete', async () => {
    const h = harness(await open());
    await base(h);
    const c = await created(h, 'l2-remote-gateway-connections', 'l2_remote_gateway_connection', { gateway: 'gw', remote_gateway: 'siteB', segmentation_id: 5000 });
    const m = await created(h, 'l2-remote-macs', 'l2_remote_mac', { mac_address: '52-54-00-AB-CD-EF', ip_address: '10.0.0.2', connection_id: c.id });
    assert.deepEqual(m, { id: m.id, mac_address: '52:54:00:ab:cd:ef', ip_address: '10.0.0.2', connection_id: c.id, status: 'BUILD', tenant_id: 'p1', project_id: 'p1' });
    const noip = await created(h, 'l2-remote-macs', 'l2_remote_mac', { mac_address: '5254.0000.0002', connection_id: c.id });
    assert.equal(noip.mac_address, '52:54:00:00:00:02');
    assert.equal(noip.ip_address, null);
    assert.equal((await h.call('POST', '/v2.0/l2-remote-macs', { l2_remote_mac: { mac_address: '52:54:00:ab:cd:ef', connection_id: c.id } })).status, 409);
    for (const bad of ['ff:ff:ff:ff:ff:ff', '01:00:5e:00:00:01', '00:00:00:00:00:00', '52:54:00:ab:cd', 'zz:54:00:ab:cd:ef']) {
      const r = await h.call('POST', '/v2.0/l2-remote-macs', { l2_remote_mac: { mac_address: bad, connection_id: c.id } });
      assert.equal(r.status, 400, bad);
      assert.match(errorMessage(r), /^mac_address: /);
    }
    assert.match(errorMessage(await h.call('POST', '/v2.0/l2-remote-macs', { l2_remote_mac: { mac_address: '52:54:00:00:00:09', ip_address: '10.0.0', connection_id: c.id } })), /^ip_address: /);
    const noconn = await h.call('POST', '/v2.0/l2-remote-macs', { l2_remote_mac: { mac_address: '52:54:00:00:00:09', connection_id: '00000000-0000-4000-8000-000000000000' } });
    assert.equal(noconn.status, 404);
    assert.match(errorMessage(noconn), /^connection_id: /);

    const upd = await h.call('PUT', `/v2.0/l2-remote-macs/${m.id}`, { l2_remote_mac: { ip_address: 'fd00::2' } });
    assert.equal(upd.status, 200);
    assert.equal(upd.body.l2_remote_mac.ip_address, 'fd00::2');
    assert.equal((await h.call('PUT', `/v2.0/l2-remote-macs/${m.id}`, { l2_remote_mac: { mac_address: '52:54:00:00:00:03' } })).status, 400, 'MAC is not updatable');
    assert.equal((await h.call('PUT', `/v2.0/l2-remote-macs/${m.id}`, { l2_remote_mac: { ip_address: null } })).body.l2_remote_mac.ip_address, null);

    assert.equal((await h.call('DELETE', `/v2.0/l2-remote-gateway-connections/${c.id}`)).status, 204);
    assert.deepEqual((await h.call('GET', '/v2.0/l2-remote-macs')).body, { l2_remote_macs: [] }, 'MACs deleted with their connection');
    assert.equal((await h.call('GET', `/v2.0/l2-remote-macs/${m.id}`)).status, 404);
    assert.equal((await h.call('DELETE', '/v2.0/l2-remote-gateways/siteB')).status, 204, 'no longer in use');
  });
});

test('unknown paths and unsupported media types answer NeutronError bodies', async () => {
  const { openBgwStore } = await import('../../../src/bgw/store/index.js');
  const store = await openBgwStore('sqlite::memory:');
  try {
    const h = harness(store);
    const r = await h.call('GET', '/v2.0/l2-nothing');
    assert.equal(r.status, 404);
    assert.equal(typeof r.body.NeutronError.message, 'string');
    const text = await h.app.inject({ method: 'POST', url: '/v2.0/l2-remote-gateways', headers: { 'x-auth-token': 'tok-p1', 'content-type': 'application/xml' }, payload: '<l2_remote_gateway/>' });
    assert.equal(text.statusCode, 415);
    assert.equal(text.json().NeutronError.type, 'HTTPUnsupportedMediaType');
  } finally {
    await store.close();
  }
});
