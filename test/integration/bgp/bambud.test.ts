/**
 * bambud's life cycle as an entry point: a bad config exits 2 naming key and line, --check
 * validates only, an occupied listen address exits 1 saying so, and SIGTERM stops cleanly (exit 0,
 * gRPC and BGP ports released).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BAMBUD, run } from '../../helpers/proc.js';
import { freePort, startTestBambud } from '../../helpers/grpc.js';
import { waitFor } from '../../helpers/wait.js';

function withConfig<T>(text: string, fn: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'bambu-cfg-'));
  try {
    const path = join(dir, 'bambud.yaml');
    writeFileSync(path, text);
    return fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a config with an unknown key exits 2 and names key and line', () => {
  withConfig('asn: 65000\npeers:\n  - address: 127.0.0.2\n    remote_asn: 1\n', (path) => {
    const r = run(process.execPath, [BAMBUD, '--config', path], { check: false });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim(), `bambud: ${path}:4: peers[0].remote_asn: unknown key`);
  });
});

test('a missing config file exits 2 with the path', () => {
  const r = run(process.execPath, [BAMBUD, '--config', '/nonexistent/bambud.yaml'], { check: false });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read config \/nonexistent\/bambud\.yaml/);
});

test('--check validates without starting', () => {
  withConfig('asn: 65000\nlisten_addr: 127.0.0.1:1\n', (path) => {
    const r = run(process.execPath, [BAMBUD, '--config', path, '--check'], { check: false });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /OK/);
  });
});

test('an occupied BGP or gRPC port exits 1 with "already in use"', async () => {
  const busy: Server = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
  const port = (busy.address() as { port: number }).port;
  try {
    const grpc = await freePort();
    for (const yaml of [`listen_addr: 127.0.0.1:${port}\ngrpc_listen_addr: 127.0.0.1:${grpc}\n`, `listen_addr: 127.0.0.1:0\ngrpc_listen_addr: 127.0.0.1:${port}\n`]) {
      withConfig(yaml, (path) => {
        const r = run(process.execPath, [BAMBUD, '--config', path], { check: false, timeoutMs: 30_000 });
        assert.equal(r.status, 1, r.stderr);
        assert.match(r.stderr, new RegExp(`start-up failed: .*127\\.0\\.0\\.1:${port}: address already in use`));
      });
    }
  } finally {
    busy.close();
  }
});

test('SIGTERM stops bambud with exit 0 and frees its ports', async () => {
  const d = await startTestBambud();
  const exited = new Promise<number | null>((r) => d.daemon.child.once('exit', (code) => r(code)));
  d.daemon.child.kill('SIGTERM');
  assert.equal(await exited, 0);
  await d.stop();
  // The ports are free again: something else can bind them.
  const [, port] = d.grpc.split(':');
  for (const p of [Number(port), d.bgpPort]) {
    await waitFor(`port ${p} to be free`, () => new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(p, '127.0.0.1', () => s.close(() => resolve(true)));
    }), 10_000);
  }
});
