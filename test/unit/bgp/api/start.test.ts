/**
 * startBgp (src/bgp/index.ts) in-process: the real instance and gRPC server from a parsed config on
 * ephemeral loopback ports; configured peers appear; policies the speaker lacks stop start-up;
 * bind failures become advice (root for ports below 1024, address in use).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindError, startBgp } from '../../../../src/bgp/index.js';
import { parseConfig } from '../../../../src/config/index.js';
import { BambuError } from '../../../../src/lib/errors.js';
import { silentLogger } from '../../../../src/lib/log.js';
import { BgpTestClient } from '../../../helpers/grpc.js';

test('startBgp serves the API for the configured instance; close() stops both', async () => {
  const config = parseConfig('asn: 65010\nlisten_addr: 127.0.0.1:0\ngrpc_listen_addr: 127.0.0.1:0\npeers:\n  - address: 127.0.0.9:17909\n    asn: 65009\n', 't.yaml');
  const svc = await startBgp(config, silentLogger);
  const client = new BgpTestClient(svc.grpcAddress);
  try {
    const info = await client.call('getServerInfo', {});
    assert.equal(info.listenAddr, '127.0.0.1');
    assert.ok(info.listenPort > 0, 'the ephemeral BGP port actually bound is reported');
    const { peers } = await client.call('listPeers', {});
    assert.deepEqual(peers.map((p: { address: string; port: number; asn: number }) => [p.address, p.port, p.asn]), [['127.0.0.9', 17909, 65009]]);
  } finally {
    client.close();
    await svc.close();
    await svc.close(); // idempotent
  }
});

test('a peer whose export-policy names an unknown policy stops start-up (fail closed, no unfiltered route leaks)', async () => {
  const config = parseConfig('listen_addr: 127.0.0.1:0\ngrpc_listen_addr: 127.0.0.1:0\npeers:\n  - address: 127.0.0.9\n    export-policy: [only-mine]\n', 't.yaml');
  await assert.rejects(startBgp(config, silentLogger), (e: unknown) => e instanceof BambuError && e.code === 'NOT_FOUND' && /^peers\[0\] \(127\.0\.0\.9\): .*only-mine/.test(e.message));
});

test('a bad defined set in the config names its path', async () => {
  const config = parseConfig(
    'listen_addr: 127.0.0.1:0\ngrpc_listen_addr: 127.0.0.1:0\ndefined-sets:\n  prefix-sets:\n    - name: a\n      prefixes:\n        - prefix: 10.0.0.0/8\n          masklength-range: "30..24"\n',
    't.yaml',
  );
  await assert.rejects(startBgp(config, silentLogger), (e: unknown) => e instanceof BambuError && e.code === 'INVALID_ARGUMENT' && /^defined-sets\.prefix-sets\[0\]: .*masklength_range 30\.\.24/.test(e.message));
});

test('bind errors become advice', () => {
  const eacces = Object.assign(new Error('listen EACCES: permission denied 0.0.0.0:179'), { code: 'EACCES' });
  assert.match(bindError('listen_addr', '0.0.0.0:179', eacces).message, /^listen_addr 0\.0\.0\.0:179: permission denied — ports below 1024 .* need root/);
  const wrapped = new BambuError('UNAVAILABLE', 'BGP listen 127.0.0.1:179: EADDRINUSE listen EADDRINUSE: address already in use');
  const e = bindError('listen_addr', '127.0.0.1:179', wrapped);
  assert.equal(e.code, 'UNAVAILABLE');
  assert.match(e.message, /^listen_addr 127\.0\.0\.1:179: address already in use/);
  const other = bindError('grpc_listen_addr', '127.0.0.1:1', new Error('weird'));
  assert.equal(other.message, 'grpc_listen_addr 127.0.0.1:1: weird');
});
