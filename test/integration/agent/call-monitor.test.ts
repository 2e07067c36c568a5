/**
 * oslo.messaging call monitoring against our RabbitMQ transport: a Python caller with
 * `call_monitor_timeout=2` waits for a method that takes 5 s, because our server sends the
 * `ending: false` keep-alives every second as oslo's dispatcher does (without them the Python
 * caller gives up after 2 s). The broker runs on the host loopback on free ports (no namespace).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startRabbitMQ, type RabbitBroker } from '../../helpers/rabbitmq.js';
import { ROOT, run } from '../../helpers/proc.js';
import { RabbitTransport } from '../../../src/agent/rpc/rabbit.js';
import { silentLogger } from '../../../src/lib/log.js';
import { spawn } from 'node:child_process';

const SCRIPT = join(ROOT, 'test', 'fixtures', 'agent', 'oslo_compute.py');

/** Runs the Python caller without blocking this event loop (our server must keep running). */
function pyCall(url: string, server: string, method: string, extra: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const p = spawn('/usr/bin/python3', [SCRIPT, 'call', '--url', url, '--server', server, '--method', method, '--kwargs', '{}', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('exit', () => {
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>);
      } catch {
        reject(new Error(`python call failed: ${out}\n${err}`));
      }
    });
  });
}

describe('call monitoring keep-alives', { timeout: 180_000 }, () => {
  let broker: RabbitBroker;
  let transport: RabbitTransport;
  const server = `slow-${process.pid}`;

  before(async () => {
    broker = await startRabbitMQ();
    transport = await RabbitTransport.connect({ url: broker.url, exchange: 'hyperagent', timeoutSecs: 10, log: silentLogger });
    await transport.serve('hyper-agent-update', server, {
      version: '1.0',
      methods: { slow: () => new Promise((r) => setTimeout(() => r('done'), 5000)) },
    });
  });

  after(async () => {
    await transport?.close();
    await broker?.stop();
  });

  it('a 5 s method answers a caller whose call monitor times out after 2 s', async () => {
    const res = await pyCall(broker.url, server, 'slow', ['--timeout', '30', '--call-monitor-timeout', '2']);
    assert.deepEqual(res, { ok: true, result: 'done' });
  });

  it('the broker was private: on 127.0.0.1, its own node name', () => {
    assert.match(broker.url, /^rabbit:\/\/guest:guest@127\.0\.0\.1:\d+\/$/);
    assert.match(run('/usr/lib/rabbitmq/bin/rabbitmqctl', ['-q', '-n', broker.nodename, 'list_queues', 'name'], { env: broker.env }).stdout, new RegExp(`hyper-agent-update\\.${server}`));
  });
});
