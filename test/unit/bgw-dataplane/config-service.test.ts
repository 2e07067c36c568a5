/** The `l2gw:` config keys and startBgw's wiring (driver none: store + API, no dataplane). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseConfig } from '../../../src/config/index.js';
import { startBgw } from '../../../src/bgw/index.js';
import { silentLogger } from '../../../src/lib/log.js';

test('l2gw: defaults; local_vtep_ip required with driver linux; bad values name the key and line', () => {
  const c = parseConfig('l2gw:\n  driver: none\n');
  assert.deepEqual(
    { listen: c.l2gw!.listen, db: c.l2gw!.database_url, resync: c.l2gw!.resync_secs, noauth: c.l2gw!.noauth, mtu: c.l2gw!.underlay_mtu },
    { listen: '127.0.0.1:9697', db: 'sqlite:/var/lib/bambu/bgw.db', resync: 30, noauth: false, mtu: undefined },
  );
  assert.throws(() => parseConfig('l2gw:\n  listen: 127.0.0.1:1\n', 'f.yaml'), /f\.yaml:\d+: l2gw\.local_vtep_ip: required with driver linux/);
  assert.throws(() => parseConfig('l2gw:\n  driver: ovsdb\n', 'f.yaml'), /f\.yaml:2: l2gw\.driver: must be linux, evpn or none/);
  assert.throws(() => parseConfig('l2gw:\n  driver: none\n  listen: localhost\n', 'f.yaml'), /f\.yaml:3: l2gw\.listen:/);
  assert.throws(() => parseConfig('l2gw:\n  local_vtep_ip: 10.0.0.300\n', 'f.yaml'), /f\.yaml:2: l2gw\.local_vtep_ip: not an IP address/);
  assert.throws(() => parseConfig('l2gw:\n  driver: none\n  underlay_mtu: 500\n', 'f.yaml'), /f\.yaml:3: l2gw\.underlay_mtu/);
  assert.equal(parseConfig('l2gw:\n  local_vtep_ip: 10.99.0.1\n').l2gw!.driver, 'linux');
});

test('startBgw (driver none, relative sqlite path, port 0): API served, close idempotent', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bambu-bgw-svc-'));
  try {
    const db = relative(process.cwd(), join(dir, 'sub', 'bgw.db'));
    const cfg = parseConfig(`l2gw:\n  driver: none\n  listen: 127.0.0.1:0\n  database_url: sqlite:${db}\n  noauth: true\n`).l2gw!;
    const svc = await startBgw(cfg, { log: silentLogger, config: parseConfig('') });
    try {
      assert.match(svc.address, /^127\.0\.0\.1:\d+$/);
      assert.notEqual(svc.address, '127.0.0.1:0');
      assert.equal(svc.reconciler, undefined, 'driver none runs no reconciler');
      const r = await fetch(`http://${svc.address}/v2.0/l2-remote-gateways`);
      assert.equal(r.status, 200);
      assert.deepEqual(await r.json(), { l2_remote_gateways: [] });
      assert.ok(existsSync(join(dir, 'sub', 'bgw.db')), 'relative path resolved from the working directory');
    } finally {
      await svc.close();
      await svc.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('startBgw: an address in use is a clear error and the database is closed again', async () => {
  const a = await startBgw(parseConfig('l2gw:\n  driver: none\n  listen: 127.0.0.1:0\n  database_url: "sqlite::memory:"\n').l2gw!, { log: silentLogger, config: parseConfig('') });
  try {
    const cfg = parseConfig(`l2gw:\n  driver: none\n  listen: ${a.address}\n  database_url: "sqlite::memory:"\n`).l2gw!;
    await assert.rejects(startBgw(cfg, { log: silentLogger, config: parseConfig('') }), /l2gw\.listen 127\.0\.0\.1:\d+: address already in use/);
  } finally {
    await a.close();
  }
});
