/** Transport URL handling and agent/compute config defaults (src/agent/rpc, src/config/agent.ts). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTransport, rabbitUrlToAmqp, unixUrlToDir } from '../../../src/agent/rpc/index.js';
import { agentConfigSchema, computeConfigSchema, DEFAULT_TRANSPORT_URL } from '../../../src/config/agent.js';
import { agentConfigFromOptions } from '../../../src/cli/agent/hyper-agent.js';
import { silentLogger } from '../../../src/lib/log.js';

describe('transport URLs', () => {
  it('rabbit:// maps to amqp:// with the same vhost rules as oslo (empty = "/") and a 60 s heartbeat', () => {
    assert.equal(rabbitUrlToAmqp('rabbit://guest:guest@127.0.0.1:5672/'), 'amqp://guest:guest@127.0.0.1:5672/?heartbeat=60');
    assert.equal(rabbitUrlToAmqp('rabbit://u:p@h:5673/nova'), 'amqp://u:p@h:5673/nova?heartbeat=60');
    assert.equal(rabbitUrlToAmqp('rabbit://u:p@h1:5672,u:p@h2:5672/v?heartbeat=10'), 'amqp://u:p@h1:5672/v?heartbeat=10', 'first host only');
    assert.equal(rabbitUrlToAmqp('rabbit://u:p@h'), 'amqp://u:p@h/?heartbeat=60');
    assert.throws(() => rabbitUrlToAmqp('amqp://h/'), /transport_url: not a rabbit:\/\/ URL/);
    assert.throws(() => rabbitUrlToAmqp('rabbit:///'), /transport_url: no host/);
  });

  it('unix:DIR and unix://DIR name the run directory', () => {
    assert.equal(unixUrlToDir('unix:/run/bambu/rpc'), '/run/bambu/rpc');
    assert.equal(unixUrlToDir('unix:///run/bambu/rpc/'), '/run/bambu/rpc');
    assert.throws(() => unixUrlToDir('unix:relative'), /transport_url: not a unix:\/ABSOLUTE\/DIR URL/);
  });

  it('an unknown scheme is refused naming transport_url', async () => {
    await assert.rejects(openTransport({ url: 'kafka://x', exchange: 'hyperagent', timeoutSecs: 1, log: silentLogger }), /transport_url: unsupported scheme/);
  });

  it('an unreachable broker is a clear UNAVAILABLE error, password hidden', async () => {
    await assert.rejects(
      openTransport({ url: 'rabbit://guest:secret@127.0.0.1:1/', exchange: 'hyperagent', timeoutSecs: 1, log: silentLogger }),
      (e: Error & { code?: string }) => e.code === 'UNAVAILABLE' && /cannot connect to RabbitMQ at rabbit:\/\/\*\*\*@127\.0\.0\.1:1\//.test(e.message) && !e.message.includes('secret'),
    );
  });
});

describe('agent and compute config', () => {
  it('defaults: broker-less transport, exchange hyperagent, br-int, ovs, 50 octets overhead', () => {
    const c = agentConfigSchema.parse({ mode: 'vm', id: 'i-1' });
    assert.equal(c.transport_url, DEFAULT_TRANSPORT_URL);
    assert.equal(c.control_exchange, 'hyperagent');
    assert.equal(c.bridge, 'br-int');
    assert.equal(c.backend, 'ovs');
    assert.equal(c.tunnel_overhead, 50);
    assert.equal(computeConfigSchema.parse({}).database_url, 'sqlite:/var/lib/bambu/compute.db');
  });

  it('CLI options map onto the schema; the mode decides which id is required', () => {
    const c = agentConfigFromOptions({ mode: 'hyper-switch', hyperSwitchId: 'hs1', capacity: 20, tunnelOverhead: 70, transportUrl: 'rabbit://a:b@h/' });
    assert.equal(c.id, 'hs1');
    assert.equal(c.capacity, 20);
    assert.equal(c.tunnel_overhead, 70);
    assert.equal(c.transport_url, 'rabbit://a:b@h/');
    assert.throws(() => agentConfigFromOptions({ mode: 'vm' }), /--instance-id: required with --mode vm/);
    assert.throws(() => agentConfigFromOptions({ mode: 'hyper-switch' }), /--hyper-switch-id: required/);
    assert.throws(() => agentConfigFromOptions({ mode: 'vm', instanceId: 'x', bridge: 'a-name-longer-than-15' }), /bridge: Too big: expected string to have <=15 characters/);
  });
});
