/**
 * The bgw REST API over real TCP on 127.0.0.1, spoken byte for byte as a Neutron client
 * (python-neutronclient / keystoneauth) sends it: HTTP/1.1 request text on a socket, JSON bodies
 * wrapped as {"l2_remote_gateway": {...}}, X-Auth-Token, Content-Type application/json (also on
 * DELETE without a body). Checks status lines, content types and the bodies.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildBgwApi } from '../../../src/bgw/api/index.js';
import { openBgwStore, type BgwStore } from '../../../src/bgw/store/index.js';
import { silentLogger } from '../../../src/lib/log.js';

interface RawResponse {
  statusLine: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

let dir: string;
let store: BgwStore;
let app: FastifyInstance;
let port: number;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bambu-bgw-raw-'));
  store = await openBgwStore(`sqlite:${join(dir, 'bgw.db')}`);
  app = buildBgwApi(store, {
    noauth: false,
    tokens: [
      { token: 'neutron-admin-token', project_id: 'service', admin: true },
      { token: 'tenant-a-token', project_id: 'a1b2c3', admin: false },
      { token: 'tenant-b-token', project_id: 'd4e5f6', admin: false },
    ],
    log: silentLogger,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as { port: number }).port;
});

after(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends one request as raw HTTP/1.1 text and reads the response until the server closes. */
function raw(method: string, path: string, opts: { token?: string; body?: string; contentType?: string } = {}): Promise<RawResponse> {
  const body = opts.body ?? '';
  const lines = [
    `${method} ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'User-Agent: python-neutronclient',
    'Accept: application/json',
    'Accept-Encoding: gzip, deflate',
    'Connection: close',
  ];
  if (opts.token) lines.push(`X-Auth-Token: ${opts.token}`);
  if (opts.contentType !== undefined || body !== '') lines.push(`Content-Type: ${opts.contentType ?? 'application/json'}`);
  lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  const request = lines.join('\r\n') + '\r\n\r\n' + body;
  return new Promise((resolve, reject) => {
    const sock = connect({ host: '127.0.0.1', port }, () => sock.end(request));
    const chunks: Buffer[] = [];
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', reject);
    sock.setTimeout(10_000, () => sock.destroy(new Error('raw HTTP: no answer within 10 s')));
    sock.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...headerLines] = head!.split('\r\n');
      const headers: Record<string, string> = {};
      for (const h of headerLines) {
        const i = h.indexOf(':');
        headers[h.slice(0, i).toLowerCase()] = h.slice(i + 1).trim();
      }
      resolve({ statusLine: statusLine!, status: Number(statusLine!.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
  });
}

const json = (r: RawResponse) => JSON.parse(r.body) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const A = 'tenant-a-token';

test('a Neutron client session: remote gateway, connection, MACs, updates, conflicts and deletes', async () => {
  const gwRes = await raw('POST', '/v2.0/l2-gateways', { token: A, body: '{"l2_gateway": {"name": "bgw-a", "devices": [{"device_name": "bgw-a", "interfaces": [{"name": "eth1"}]}]}}' });
  assert.equal(gwRes.statusLine, 'HTTP/1.1 201 Created');
  const gw = json(gwRes).l2_gateway;

  const created = await raw('POST', '/v2.0/l2-remote-gateways', { token: A, body: '{"l2_remote_gateway": {"name": "siteB", "ipaddr": "127.0.0.2"}}' });
  assert.equal(created.status, 201);
  assert.match(created.headers['content-type']!, /^application\/json/);
  const rgw = json(created).l2_remote_gateway;
  assert.deepEqual(Object.keys(json(created)), ['l2_remote_gateway']);
  assert.deepEqual(rgw, { id: rgw.id, name: 'siteB', ipaddr: '127.0.0.2', tenant_id: 'a1b2c3', project_id: 'a1b2c3' });

  const listed = await raw('GET', '/v2.0/l2-remote-gateways?name=siteB&fields=id&fields=name', { token: A });
  assert.equal(listed.status, 200);
  assert.deepEqual(json(listed), { l2_remote_gateways: [{ id: rgw.id, name: 'siteB' }] });

  const updated = await raw('PUT', `/v2.0/l2-remote-gateways/${rgw.id}`, { token: A, body: '{"l2_remote_gateway": {"ipaddr": "127.0.0.3"}}', contentType: 'application/json; charset=UTF-8' });
  assert.equal(updated.statusLine, 'HTTP/1.1 200 OK');
  assert.equal(json(updated).l2_remote_gateway.ipaddr, '127.0.0.3');

  const conn = await raw('POST', '/v2.0/l2-remote-gateway-connections', {
    token: A,
    body: JSON.stringify({ l2_remote_gateway_connection: { gateway: gw.id, remote_gateway: 'siteB', segmentation_id: 5000 } }),
  });
  assert.equal(conn.status, 201);
  const c = json(conn).l2_remote_gateway_connection;
  assert.equal(c.flood, true);
  assert.equal(c.status, 'BUILD');
  assert.equal(c.remote_gateway, rgw.id);

  const mac = await raw('POST', '/v2.0/l2-remote-macs', { token: A, body: JSON.stringify({ l2_remote_mac: { mac_address: '52:54:00:AA:00:01', ip_address: '10.10.0.2', connection_id: c.id } }) });
  assert.equal(mac.status, 201);
  assert.equal(json(mac).l2_remote_mac.mac_address, '52:54:00:aa:00:01');

  const inUse = await raw('DELETE', `/v2.0/l2-remote-gateways/${rgw.id}`, { token: A, contentType: 'application/json' });
  assert.equal(inUse.statusLine, 'HTTP/1.1 409 Conflict');
  assert.deepEqual(Object.keys(json(inUse).NeutronError).sort(), ['detail', 'message', 'type']);
  assert.equal(json(inUse).NeutronError.type, 'Conflict');
  assert.match(json(inUse).NeutronError.message, new RegExp(c.id));

  const delConn = await raw('DELETE', `/v2.0/l2-remote-gateway-connections/${c.id}`, { token: A, contentType: 'application/json' });
  assert.equal(delConn.statusLine, 'HTTP/1.1 204 No Content');
  assert.equal(delConn.body, '');
  assert.deepEqual(json(await raw('GET', '/v2.0/l2-remote-macs', { token: A })), { l2_remote_macs: [] }, 'MACs went with the connection');

  assert.equal((await raw('DELETE', `/v2.0/l2-remote-gateways/${rgw.id}`, { token: A })).status, 204);
  const gone = await raw('GET', `/v2.0/l2-remote-gateways/${rgw.id}`, { token: A });
  assert.equal(gone.statusLine, 'HTTP/1.1 404 Not Found');
  assert.equal(json(gone).NeutronError.type, 'NotFound');
});

test('older clients that append ".json" to the path are served the same resources', async () => {
  const r = await raw('POST', '/v2.0/l2-remote-gateways.json', { token: A, body: '{"l2_remote_gateway": {"name": "json-suffix", "ipaddr": "127.0.0.5"}}' });
  assert.equal(r.status, 201);
  const id = json(r).l2_remote_gateway.id;
  assert.equal(json(await raw('GET', `/v2.0/l2-remote-gateways/${id}.json?fields=name`, { token: A })).l2_remote_gateway.name, 'json-suffix');
  assert.equal((await raw('DELETE', `/v2.0/l2-remote-gateways/${id}.json`, { token: A })).status, 204);
  assert.equal((await raw('GET', '/v2.0/openapi.json')).status, 200, 'the OpenAPI document keeps its name');
});

test('errors as a Neutron client sees them: 400 naming the field, 401, 403', async () => {
  const bad = await raw('POST', '/v2.0/l2-remote-gateways', { token: A, body: '{"l2_remote_gateway": {"name": "x", "ipaddr": "300.0.0.1"}}' });
  assert.equal(bad.statusLine, 'HTTP/1.1 400 Bad Request');
  assert.equal(json(bad).NeutronError.type, 'BadRequest');
  assert.match(json(bad).NeutronError.message, /^ipaddr: /);

  const noToken = await raw('GET', '/v2.0/l2-remote-gateways');
  assert.equal(noToken.statusLine, 'HTTP/1.1 401 Unauthorized');
  assert.equal(json(noToken).NeutronError.type, 'NotAuthorized');
  assert.equal((await raw('GET', '/v2.0/l2-remote-gateways', { token: 'expired-token' })).status, 401);

  const theirs = json(await raw('POST', '/v2.0/l2-remote-gateways', { token: 'tenant-b-token', body: '{"l2_remote_gateway": {"name": "b-site", "ipaddr": "::1"}}' })).l2_remote_gateway;
  const forbidden = await raw('PUT', `/v2.0/l2-remote-gateways/${theirs.id}`, { token: A, body: '{"l2_remote_gateway": {"name": "mine"}}' });
  assert.equal(forbidden.statusLine, 'HTTP/1.1 403 Forbidden');
  assert.equal(json(forbidden).NeutronError.type, 'Forbidden');
  const admin = await raw('GET', `/v2.0/l2-remote-gateways/${theirs.id}`, { token: 'neutron-admin-token' });
  assert.equal(admin.status, 200);
  assert.equal(json(admin).l2_remote_gateway.tenant_id, 'd4e5f6');
});
