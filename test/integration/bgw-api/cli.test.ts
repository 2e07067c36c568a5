/**
 * `bambu` border-gateway commands (dist/src/bin/bambu.js, the seed's command names) against a
 * listening API on 127.0.0.1: tables for people, -f json for scripts, the API's NeutronError message
 * and exit status 1 on errors, --url/--token and BAMBU_URL/BAMBU_TOKEN.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { buildBgwApi } from '../../../src/bgw/api/index.js';
import { openBgwStore, type BgwStore } from '../../../src/bgw/store/index.js';
import { silentLogger } from '../../../src/lib/log.js';
import { BAMBU } from '../../helpers/proc.js';

let store: BgwStore;
let app: FastifyInstance;
let url: string;

before(async () => {
  store = await openBgwStore('sqlite::memory:');
  app = buildBgwApi(store, { noauth: false, tokens: [{ token: 'cli-token', project_id: 'p1', admin: false }], log: silentLogger });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});

after(async () => {
  await app?.close();
  await store?.close();
});

/** Runs `bambu ARGS` asynchronously (the API runs in this process). */
function bambu(args: string[], env: NodeJS.ProcessEnv = { BAMBU_URL: url, BAMBU_TOKEN: 'cli-token' }): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BAMBU, ...args], { env: { PATH: process.env.PATH, ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

async function ok(args: string[]): Promise<string> {
  const r = await bambu(args);
  assert.equal(r.status, 0, `bambu ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const jsonOf = async (args: string[]) => JSON.parse(await ok([...args, '-f', 'json'])) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

test('the seed commands create, list, update and delete through the API', async () => {
  const gw = await jsonOf(['l2-gateway-create', 'bgw-a', '--device', 'name=bgw-a,interface_names=eth1;eth2|100#200']);
  assert.equal(gw.name, 'bgw-a');
  assert.deepEqual(gw.devices[0].interfaces, [{ name: 'eth1', segmentation_id: [] }, { name: 'eth2', segmentation_id: [100, 200] }]);

  const rgw = await jsonOf(['l2-remote-gateway-create', 'siteB', '127.0.0.2']);
  assert.deepEqual([rgw.name, rgw.ipaddr, rgw.tenant_id], ['siteB', '127.0.0.2', 'p1']);
  const table = await ok(['l2-remote-gateway-list']);
  assert.match(table, /siteB/);
  assert.match(table, /127\.0\.0\.2/);
  assert.match(table.split('\n')[1]!, /id.*name.*ipaddr/, 'table header row');
  await ok(['l2-remote-gateway-create', 'siteX', '127.0.0.7']);
  const one = await jsonOf(['l2-remote-gateway-list', 'siteB']);
  assert.deepEqual(one.map((g: { id: string }) => g.id), [rgw.id], 'seed 000 form: list <remote-gw-name/uuid>');
  await ok(['l2-remote-gateway-delete', 'siteX']);

  const conn = await jsonOf(['l2-remote-gateway-connection-create', 'bgw-a', '--remote=siteB', '--segmentation-id=5000']);
  assert.deepEqual([conn.gateway, conn.remote_gateway, conn.segmentation_id, conn.flood], [gw.id, rgw.id, 5000, true]);
  const quiet = await jsonOf(['l2-remote-gateway-connection-create', 'bgw-a', '--remote', 'siteB', '--segmentation-id', '5001', '--no-flood']);
  assert.equal(quiet.flood, false);

  const mac = await jsonOf(['l2-remote-mac-create', '52:54:00:AA:BB:01', conn.id, '--ipaddr=10.0.0.2']);
  assert.deepEqual([mac.mac_address, mac.ip_address, mac.connection_id], ['52:54:00:aa:bb:01', '10.0.0.2', conn.id]);
  const moved = await jsonOf(['l2-remote-mac-update', '52:54:00:aa:bb:01', conn.id, '--ipaddr=10.0.0.3']);
  assert.equal(moved.id, mac.id);
  assert.equal(moved.ip_address, '10.0.0.3');
  const macs = await jsonOf(['l2-remote-mac-list']);
  assert.deepEqual(macs.map((m: { ip_address: string }) => m.ip_address), ['10.0.0.3']);

  const renamed = await jsonOf(['l2-remote-gateway-update', 'siteB', '--name', 'siteC', '--ip-addr', '127.0.0.9']);
  assert.deepEqual([renamed.id, renamed.name, renamed.ipaddr], [rgw.id, 'siteC', '127.0.0.9']);
  assert.equal((await jsonOf(['l2-remote-gateway-show', 'siteC'])).ipaddr, '127.0.0.9');

  const other = await jsonOf(['l2-remote-gateway-create', 'siteD', '::1']);
  const reconn = await jsonOf(['l2-remote-gateway-connection-update', conn.id, '--remote=siteD', '--segmentation-id=6000']);
  assert.deepEqual([reconn.remote_gateway, reconn.segmentation_id], [other.id, 6000]);
  assert.equal((await jsonOf(['l2-remote-gateway-connection-update', quiet.id, '--flood'])).flood, true);
  const conns = await jsonOf(['l2-remote-gateway-connection-list']);
  assert.deepEqual(conns.map((c: { segmentation_id: number }) => c.segmentation_id).sort(), [5001, 6000]);

  assert.match(await ok(['l2-remote-mac-delete', mac.id]), new RegExp(`Deleted l2_remote_mac: ${mac.id}`));
  await ok(['l2-remote-gateway-connection-delete', conn.id]);
  await ok(['l2-remote-gateway-connection-delete', quiet.id]);
  await ok(['l2-remote-gateway-delete', 'siteC']);
  await ok(['l2-remote-gateway-delete', other.id]);
  assert.deepEqual(await jsonOf(['l2-remote-gateway-list']), []);

  const gc = await jsonOf(['l2-gateway-connection-create', 'bgw-a', 'net-1', '--segmentation-id', '100']);
  assert.deepEqual([gc.l2_gateway_id, gc.network_id, gc.segmentation_id], [gw.id, 'net-1', 100]);
  assert.equal((await jsonOf(['l2-gateway-connection-list'])).length, 1);
  assert.equal((await jsonOf(['l2-gateway-connection-show', gc.id])).network_id, 'net-1');
  await ok(['l2-gateway-connection-delete', gc.id]);
  assert.equal((await jsonOf(['l2-gateway-update', 'bgw-a', '--name', 'bgw-b'])).name, 'bgw-b');
  assert.match(await ok(['l2-gateway-list']), /bgw-b .*bgw-a: eth1; eth2\|100#200/);
  assert.equal((await jsonOf(['l2-gateway-show', 'bgw-b'])).id, gw.id);
  await ok(['l2-gateway-delete', 'bgw-b']);
  assert.deepEqual(await jsonOf(['l2-gateway-list']), []);
});

test("errors print the API's NeutronError message and exit 1", async () => {
  await ok(['l2-remote-gateway-create', 'dup', '127.0.0.2']);
  const dup = await bambu(['l2-remote-gateway-create', 'dup', '127.0.0.3']);
  assert.equal(dup.status, 1);
  assert.match(dup.stderr, /^bambu: l2_remote_gateway named "dup" in project p1 already exists/);
  const bad = await bambu(['l2-remote-gateway-create', 'x', 'not-an-ip']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^bambu: ipaddr: not an IPv4 or IPv6 address/);
  const missing = await bambu(['l2-remote-gateway-show', 'nowhere']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /not found/);
  const noMac = await bambu(['l2-remote-mac-update', '52:54:00:00:00:01', '00000000-0000-4000-8000-000000000000', '--ipaddr=10.0.0.1']);
  assert.equal(noMac.status, 1);
  assert.match(noMac.stderr, /l2_remote_mac 52:54:00:00:00:01 on connection .* not found/);
});

test('--url and --token options override BAMBU_URL / BAMBU_TOKEN; a wrong token is a 401 message', async () => {
  const r = await bambu(['l2-remote-gateway-list', '-f', 'json', '--url', url, '--token', 'cli-token'], {});
  assert.equal(r.status, 0, r.stderr);
  assert.ok(Array.isArray(JSON.parse(r.stdout)));
  const wrong = await bambu(['l2-remote-gateway-list', '--token', 'nope']);
  assert.equal(wrong.status, 1);
  assert.match(wrong.stderr, /^bambu: X-Auth-Token: unknown token/);
  const noToken = await bambu(['l2-remote-gateway-list'], { BAMBU_URL: url });
  assert.equal(noToken.status, 1);
  assert.match(noToken.stderr, /authentication required/);
});
