/**
 * Border-gateway store (src/bgw/store) on SQLite and PostgreSQL: CRUD, unique keys, references,
 * in-use refusals, cascade of MACs, status handling, concurrency, change notification,
 * desiredState(), and data and migrations surviving a reopen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openDatabase } from '../../../src/lib/db.js';
import { BambuError } from '../../../src/lib/errors.js';
import type { BgwStore, StoreChange } from '../../../src/bgw/store/index.js';
import { bgwMigrations } from '../../../src/bgw/store/migrations/index.js';
import { forEachBackend } from './backends.js';

const code = (c: string, re?: RegExp) => (e: unknown) => e instanceof BambuError && e.code === c && (!re || re.test(e.message));

/** A gateway, a remote gateway, a connection on VNI 5000 and one MAC, in project p1. */
async function seed(store: BgwStore) {
  const gw = await store.l2Gateways.create({ name: 'gw', tenant_id: 'p1', devices: [{ device_name: 'bgw', interfaces: [{ name: 'eth1', segmentation_id: [] }] }] });
  const remote = await store.remoteGateways.create({ name: 'siteB', ipaddr: '127.0.0.2', tenant_id: 'p1' });
  const conn = await store.remoteGatewayConnections.create({ gateway: gw.id, remote_gateway: remote.id, segmentation_id: 5000, network_id: null, flood: true, tenant_id: 'p1' });
  const mac = await store.remoteMacs.create({ mac_address: '52:54:00:00:00:01', ip_address: '10.0.0.2', connection_id: conn.id, tenant_id: 'p1' });
  return { gw, remote, conn, mac };
}

forEachBackend('bgw store', (open, newUrl) => {
  test('create / get / list / update / delete round-trip every field', async () => {
    const store = await open();
    const { gw, remote, conn, mac } = await seed(store);
    assert.match(gw.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(await store.l2Gateways.get(gw.id), gw);
    assert.equal(gw.devices[0]!.interfaces[0]!.name, 'eth1');
    assert.equal(gw.project_id, 'p1');
    assert.deepEqual(await store.remoteGateways.get(remote.id), { id: remote.id, name: 'siteB', ipaddr: '127.0.0.2', tenant_id: 'p1', project_id: 'p1' });
    assert.deepEqual(await store.remoteGatewayConnections.get(conn.id), conn);
    assert.equal(conn.flood, true);
    assert.equal(conn.status, 'BUILD');
    assert.deepEqual(await store.remoteMacs.get(mac.id), mac);

    const renamed = await store.remoteGateways.update(remote.id, { name: 'siteC' });
    assert.equal(renamed.name, 'siteC');
    assert.equal(renamed.ipaddr, '127.0.0.2');
    assert.deepEqual(await store.remoteGateways.get(remote.id), renamed);

    const other = await store.remoteGateways.create({ name: 'x', ipaddr: '::1', tenant_id: 'p2' });
    assert.deepEqual((await store.remoteGateways.list()).map((r) => r.id), [remote.id, other.id]);
    assert.deepEqual((await store.remoteGateways.list({ tenantId: 'p2' })).map((r) => r.id), [other.id]);

    await store.remoteGateways.delete(other.id);
    assert.equal(await store.remoteGateways.get(other.id), undefined);
    await assert.rejects(store.remoteGateways.delete(other.id), code('NOT_FOUND'));
    await assert.rejects(store.remoteGateways.update(other.id, { name: 'y' }), code('NOT_FOUND'));
  });

  test('unique keys: remote gateway name per project, connection triple, MAC per connection, gateway/network', async () => {
    const store = await open();
    const { gw, remote, conn } = await seed(store);
    await assert.rejects(store.remoteGateways.create({ name: 'siteB', ipaddr: '127.0.0.3', tenant_id: 'p1' }), code('ALREADY_EXISTS', /siteB/));
    await store.remoteGateways.create({ name: 'siteB', ipaddr: '127.0.0.3', tenant_id: 'p2' }); // other project: fine
    const r2 = await store.remoteGateways.create({ name: 'siteD', ipaddr: '127.0.0.4', tenant_id: 'p1' });
    await assert.rejects(store.remoteGateways.update(r2.id, { name: 'siteB' }), code('ALREADY_EXISTS'));
    await assert.rejects(
      store.remoteGatewayConnections.create({ gateway: gw.id, remote_gateway: remote.id, segmentation_id: 5000, network_id: null, flood: false, tenant_id: 'p1' }),
      code('ALREADY_EXISTS', new RegExp(conn.id)),
    );
    await store.remoteGatewayConnections.create({ gateway: gw.id, remote_gateway: remote.id, segmentation_id: 5001, network_id: null, flood: true, tenant_id: 'p1' });
    await assert.rejects(store.remoteMacs.create({ mac_address: '52:54:00:00:00:01', ip_address: null, connection_id: conn.id, tenant_id: 'p1' }), code('ALREADY_EXISTS'));
    await store.l2GatewayConnections.create({ l2_gateway_id: gw.id, network_id: 'net1', segmentation_id: 100, tenant_id: 'p1' });
    await assert.rejects(store.l2GatewayConnections.create({ l2_gateway_id: gw.id, network_id: 'net1', segmentation_id: null, tenant_id: 'p1' }), code('ALREADY_EXISTS'));
  });

  test('references must exist; errors name the field', async () => {
    const store = await open();
    const { gw, remote } = await seed(store);
    const missing = '00000000-0000-4000-8000-000000000000';
    await assert.rejects(
      store.remoteGatewayConnections.create({ gateway: missing, remote_gateway: remote.id, segmentation_id: 1, network_id: null, flood: true, tenant_id: 'p1' }),
      (e: unknown) => e instanceof BambuError && e.code === 'NOT_FOUND' && e.field === 'gateway',
    );
    await assert.rejects(
      store.remoteGatewayConnections.create({ gateway: gw.id, remote_gateway: missing, segmentation_id: 1, network_id: null, flood: true, tenant_id: 'p1' }),
      (e: unknown) => e instanceof BambuError && e.code === 'NOT_FOUND' && e.field === 'remote_gateway',
    );
    await assert.rejects(store.remoteMacs.create({ mac_address: '52:54:00:00:00:09', ip_address: null, connection_id: missing, tenant_id: 'p1' }), (e: unknown) => e instanceof BambuError && e.field === 'connection_id');
    await assert.rejects(store.l2GatewayConnections.create({ l2_gateway_id: missing, network_id: 'n', segmentation_id: null, tenant_id: 'p1' }), (e: unknown) => e instanceof BambuError && e.field === 'l2_gateway_id');
  });

  test('in use: remote gateway and gateway cannot be deleted while connections use them; connection delete cascades MACs', async () => {
    const store = await open();
    const { gw, remote, conn, mac } = await seed(store);
    await assert.rejects(store.remoteGateways.delete(remote.id), code('CONFLICT', new RegExp(conn.id)));
    await assert.rejects(store.l2Gateways.delete(gw.id), code('CONFLICT', new RegExp(conn.id)));
    assert.ok(await store.remoteGateways.get(remote.id), 'refused delete left the object');
    await store.remoteGatewayConnections.delete(conn.id);
    assert.equal(await store.remoteMacs.get(mac.id), undefined, 'MAC deleted with its connection');
    assert.deepEqual(await store.remoteMacs.list(), []);
    await store.remoteGateways.delete(remote.id);
    await store.l2Gateways.delete(gw.id);
    assert.deepEqual(await store.l2Gateways.list(), []);
  });

  test('setStatus records driver outcomes, ignores unknown ids, does not notify; API updates never overwrite status', async () => {
    const store = await open();
    const { remote, conn, mac } = await seed(store);
    const changes: StoreChange[] = [];
    store.onChange((c) => changes.push(c));
    await store.setStatus('l2_remote_gateway_connection', conn.id, 'ACTIVE');
    await store.setStatus('l2_remote_mac', mac.id, 'ERROR: RTNETLINK answers: File exists');
    await store.setStatus('l2_remote_mac', '00000000-0000-4000-8000-000000000000', 'ACTIVE');
    assert.equal((await store.remoteGatewayConnections.get(conn.id))!.status, 'ACTIVE');
    assert.equal((await store.remoteMacs.get(mac.id))!.status, 'ERROR: RTNETLINK answers: File exists');
    assert.deepEqual(changes, []);

    await store.remoteGateways.update(remote.id, { ipaddr: '127.0.0.9' });
    const moved = await store.remoteMacs.update(mac.id, { ip_address: '10.0.0.3' });
    assert.equal(moved.ip_address, '10.0.0.3');
    assert.equal(moved.status, 'ERROR: RTNETLINK answers: File exists', 'status stays what the dataplane last reported');
    const flooded = await store.remoteGatewayConnections.update(conn.id, { flood: false });
    assert.equal(flooded.flood, false);
    assert.equal(flooded.status, 'ACTIVE');
    assert.equal(changes.length, 3, 'each update notified once');

    // a status report racing with API updates is never lost
    await Promise.all([
      store.remoteMacs.update(mac.id, { ip_address: '10.0.0.4' }),
      store.setStatus('l2_remote_mac', mac.id, 'ACTIVE'),
      store.remoteMacs.update(mac.id, { ip_address: '10.0.0.5' }),
    ]);
    const after = (await store.remoteMacs.get(mac.id))!;
    assert.equal(after.status, 'ACTIVE');
    assert.equal(after.ip_address, '10.0.0.5');
  });

  test('concurrent writes: one of several identical creates wins, the rest are 409; concurrent partial updates all apply', async () => {
    const store = await open();
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => store.remoteGateways.create({ name: 'same', ipaddr: `127.0.0.${i + 2}`, tenant_id: 'p1' })));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof BambuError && r.reason.code === 'ALREADY_EXISTS', String(r.reason));
    assert.equal((await store.remoteGateways.list()).length, 1);
    const r = (await store.remoteGateways.list())[0]!;
    await Promise.all([store.remoteGateways.update(r.id, { name: 'renamed' }), store.remoteGateways.update(r.id, { ipaddr: '::1' })]);
    const final = (await store.remoteGateways.get(r.id))!;
    assert.deepEqual([final.name, final.ipaddr], ['renamed', '::1']);
  });

  test('onChange is called after each committed write, not after a failed one, and can be removed', async () => {
    const store = await open();
    const changes: StoreChange[] = [];
    const off = store.onChange((c) => changes.push(c));
    store.onChange(() => {
      throw new Error('a broken listener does not break writes');
    });
    const r = await store.remoteGateways.create({ name: 'a', ipaddr: '127.0.0.2', tenant_id: 'p1' });
    await assert.rejects(store.remoteGateways.create({ name: 'a', ipaddr: '127.0.0.2', tenant_id: 'p1' }));
    await store.remoteGateways.update(r.id, { ipaddr: '127.0.0.3' });
    await store.remoteGateways.delete(r.id);
    assert.deepEqual(changes, [
      { kind: 'l2_remote_gateway', op: 'create', id: r.id },
      { kind: 'l2_remote_gateway', op: 'update', id: r.id },
      { kind: 'l2_remote_gateway', op: 'delete', id: r.id },
    ]);
    off();
    await store.remoteGateways.create({ name: 'b', ipaddr: '127.0.0.2', tenant_id: 'p1' });
    assert.equal(changes.length, 3);
  });

  test('a database keeps its data across close and reopen; migrations are recorded once', async () => {
    const url = await newUrl();
    const a = await open(url);
    const { gw, remote, conn, mac } = await seed(a);
    await a.close();
    await a.close(); // idempotent
    const b = await open(url);
    assert.deepEqual(await b.remoteGateways.get(remote.id), remote);
    assert.deepEqual(await b.l2Gateways.get(gw.id), gw);
    assert.deepEqual(await b.remoteGatewayConnections.get(conn.id), conn);
    assert.deepEqual(await b.remoteMacs.get(mac.id), mac);
    const raw = await openDatabase(url, bgwMigrations, 'bgw_migrations');
    try {
      const { rows } = await sql<{ name: string }>`select name from bgw_migrations order by name`.execute(raw.db);
      assert.deepEqual(rows.map((r) => r.name), Object.keys(bgwMigrations).sort());
    } finally {
      await raw.db.destroy();
    }
  });

  test('desiredState: one segment per (gateway, VNI) with interfaces, remotes and MACs', async () => {
    const store = await open();
    const { gw, remote, conn, mac } = await seed(store);
    const remote2 = await store.remoteGateways.create({ name: 'siteC', ipaddr: '127.0.0.3', tenant_id: 'p1' });
    const conn2 = await store.remoteGatewayConnections.create({ gateway: gw.id, remote_gateway: remote2.id, segmentation_id: 5000, network_id: null, flood: false, tenant_id: 'p1' });
    const mac2 = await store.remoteMacs.create({ mac_address: '52:54:00:00:00:02', ip_address: null, connection_id: conn2.id, tenant_id: 'p1' });
    const state = await store.desiredState();
    assert.equal(state.segments.length, 1);
    const seg = state.segments[0]!;
    assert.equal(seg.vni, 5000);
    assert.equal(seg.gatewayId, gw.id);
    assert.deepEqual(seg.interfaces, [{ name: 'eth1' }]);
    assert.deepEqual(
      [...seg.remotes].sort((a, b) => a.vtep.localeCompare(b.vtep)),
      [
        { connectionId: conn.id, remoteGatewayId: remote.id, vtep: '127.0.0.2', flood: true },
        { connectionId: conn2.id, remoteGatewayId: remote2.id, vtep: '127.0.0.3', flood: false },
      ],
    );
    assert.deepEqual(seg.macs, [
      { id: mac.id, connectionId: conn.id, mac: '52:54:00:00:00:01', ip: '10.0.0.2', vtep: '127.0.0.2', origin: 'api' },
      { id: mac2.id, connectionId: conn2.id, mac: '52:54:00:00:00:02', vtep: '127.0.0.3', origin: 'api' },
    ]);
    await store.remoteGatewayConnections.delete(conn.id);
    await store.remoteGatewayConnections.delete(conn2.id);
    assert.deepEqual(await store.desiredState(), { segments: [] });
  });
});
