/**
 * README Quick start, main job (issue 2 "Done when" 5): `npm start` runs scripts/start.sh, which
 * builds, starts bambud with the embedded default examples/bambud.yaml (loopback only) and shows it
 * answering the API. This test runs that script as written and checks what it prints, that the
 * daemon really answers gRPC (bambu info) and REST (border gateway), and that Ctrl-C stops it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BAMBU, ROOT, run, startDaemon } from '../helpers/proc.js';
import { waitFor } from '../helpers/wait.js';

test('npm start (scripts/start.sh) starts bambud on loopback and shows it answering', async () => {
  const daemon = startDaemon('bash', [join(ROOT, 'scripts', 'start.sh')], { cwd: ROOT, env: { ...process.env, BAMBU_CONFIG: '', BAMBU_GRPC: '' } });
  try {
    await waitFor('start.sh to report bambud answering', () => {
      if (daemon.child.exitCode !== null) throw new Error(`start.sh exited ${daemon.child.exitCode}: ${daemon.output()}`);
      return daemon.output().includes('bambud is answering on 127.0.0.1:50051');
    }, 120_000, 250);
    const out = daemon.output();
    assert.match(out, /start: bambud --config examples\/bambud\.yaml/);
    assert.match(out, /1179/, 'bambu info shows the BGP listen port of the default config');

    // The daemon answers its APIs while start.sh keeps it running.
    const info = JSON.parse(run(process.execPath, [BAMBU, 'info', '--json'], { env: { ...process.env, BAMBU_GRPC: '127.0.0.1:50051' } }).stdout);
    assert.equal(info.listen_port, 1179);
    const res = await fetch('http://127.0.0.1:9697/v2.0/l2-remote-gateways');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { l2_remote_gateways?: unknown };
    assert.ok(Array.isArray(body.l2_remote_gateways), JSON.stringify(body));

    daemon.child.kill('SIGINT');
    await waitFor('start.sh to exit after Ctrl-C', () => daemon.child.exitCode !== null || daemon.child.signalCode !== null, 15_000);
    assert.equal(daemon.child.exitCode, 0, daemon.output());
    await waitFor('gRPC port to close', async () => {
      const r = run(process.execPath, [BAMBU, 'info'], { check: false, env: { ...process.env, BAMBU_GRPC: '127.0.0.1:50051' } });
      return r.status !== 0;
    }, 15_000);
  } finally {
    await daemon.stop();
    run('pkill', ['-f', 'dist/src/bin/bambud.js --config examples/bambud.yaml'], { check: false });
  }
});
