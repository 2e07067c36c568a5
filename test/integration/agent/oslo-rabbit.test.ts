/**
 * Issue 4, done-when 1: a real RabbitMQ (Debian rabbitmq-server) with Debian's python3-oslo.messaging
 * as the compute side. Everything runs inside one test-created namespace "node" (broker, private
 * Open vSwitch with br-int, our agent, the Python scripts), so only that namespace's loopback is used.
 * Asserts: our agent's get_vifs_for_instance at start is answered by a Python oslo RPC server (and
 * converges to its answer); Python RPCClient.call('plug') returns None and the port is on br-int
 * with the spec's external_ids, MAC and tunnel MTU; a repeated plug is harmless; 'unplug' removes
 * it; bad calls raise oslo_messaging.RemoteError with our error class and nothing is half-plugged.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Netns } from '../../helpers/netns.js';
import { startOvs, type OvsInstance } from '../../helpers/ovs.js';
import { startRabbitMQ, type RabbitBroker } from '../../helpers/rabbitmq.js';
import { BAMBU, ROOT, startDaemon, type Daemon } from '../../helpers/proc.js';
import { waitFor } from '../../helpers/wait.js';
import { hyperVif, macFor, newPortId, providerVif } from '../../fixtures/agent/vifs.js';

const PY = '/usr/bin/python3';
const SCRIPT = join(ROOT, 'test', 'fixtures', 'agent', 'oslo_compute.py');
const INSTANCE = `inst-${process.pid}`;

describe('Hyper Agent over RabbitMQ with a Python oslo.messaging compute', { timeout: 300_000 }, () => {
  let ns: Netns;
  let ovs: OvsInstance;
  let broker: RabbitBroker;
  let tmp: string;
  let pyServer: Daemon | undefined;
  let agent: Daemon | undefined;
  const bootPort = newPortId();
  const bootMac = macFor(0x10001);

  /** RPCClient.call from Python inside the namespace; returns the script's JSON line. */
  function pyCall(method: string, kwargs: Record<string, unknown>, server: string | null = INSTANCE): Record<string, unknown> {
    const args = ['call', '--url', broker.url, '--method', method, '--kwargs', JSON.stringify(kwargs), '--timeout', '30'];
    if (server) args.push('--server', server);
    const r = ns.exec(PY, [SCRIPT, ...args], { timeoutMs: 90_000 });
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
  }

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'bambu-agent-rmq-'));
    ns = Netns.create('ar');
    ovs = startOvs(ns);
    ovs.addBridge('br-int');
    broker = await startRabbitMQ(ns);
    // The Python compute knows one VIF of our instance: the agent must plug it at start.
    writeFileSync(join(tmp, 'vifs.json'), JSON.stringify({ [INSTANCE]: [{ net_info: hyperVif(bootPort, bootMac), provider_net_info: providerVif(bootMac) }] }));
    const [pc, pa] = ns.wrap(PY, [SCRIPT, 'serve', '--url', broker.url, '--host', 'compute1', '--vifs', join(tmp, 'vifs.json'), '--log', join(tmp, 'calls.jsonl')]);
    pyServer = startDaemon(pc, pa);
    await waitFor('python oslo RPC server', () => pyServer!.output().includes('READY'), 60_000);
    const [ac, aa] = ns.wrap(process.execPath, [
      BAMBU, 'hyper-agent', '--mode', 'vm', '--instance-id', INSTANCE, '--transport-url', broker.url,
      '--bridge', 'br-int', '--backend', 'ovs', '--ovsdb', ovs.db, '--log-level', 'debug',
    ]);
    agent = startDaemon(ac, aa);
  });

  after(async () => {
    await agent?.stop();
    await pyServer?.stop();
    await broker?.stop();
    ovs?.stop();
    ns?.destroy();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('calls get_vifs_for_instance on the Python server at start and plugs its answer', async () => {
    const qvo = `qvo${bootPort.slice(0, 11)}`;
    const ids = await waitFor(`boot VIF ${qvo} on br-int`, () => ovs.interfaceExternalIds(qvo), 60_000).catch((err: Error) => {
      throw new Error(`${err.message}\nagent output:\n${agent?.output().slice(-4000)}`);
    });
    assert.equal(ids['iface-id'], bootPort);
    assert.equal(ids['vm-uuid'], INSTANCE);
    const calls = readFileSync(join(tmp, 'calls.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { method: string; kwargs: Record<string, unknown> });
    assert.deepEqual(calls[0], { ...calls[0], method: 'get_vifs_for_instance', kwargs: { instance_id: INSTANCE } });
  });

  it('plug from Python RPCClient.call returns None and the port is on br-int with the right external_ids', async () => {
    await waitFor('agent serving', () => agent!.output().includes('hyper-agent: serving'), 60_000);
    const port = newPortId();
    const mac = macFor(0x20002);
    const res = pyCall('plug', { instance_id: INSTANCE, hyper_vif: hyperVif(port, mac, 1450), provider_vif: providerVif(mac) });
    assert.deepEqual(res, { ok: true, result: null });
    const qvo = `qvo${port.slice(0, 11)}`;
    const qvb = `qvb${port.slice(0, 11)}`;
    assert.ok(ovs.vsctl(['list-ports', 'br-int']).split('\n').includes(qvo), 'qvo port on br-int');
    assert.deepEqual(ovs.interfaceExternalIds(qvo), { 'iface-id': port, 'iface-status': 'active', 'attached-mac': mac, 'vm-uuid': INSTANCE });
    const link = JSON.parse(ns.exec('ip', ['-j', 'link', 'show', 'dev', qvb]).stdout)[0] as { address: string; mtu: number };
    assert.equal(link.address, mac, 'MAC on the VM-facing end');
    assert.equal(link.mtu, 1400, 'network MTU 1450 minus 50 octets of VXLAN overhead');

    // plug again: still one port, same ids
    assert.deepEqual(pyCall('plug', { instance_id: INSTANCE, hyper_vif: hyperVif(port, mac, 1450), provider_vif: providerVif(mac) }), { ok: true, result: null });
    assert.equal(ovs.vsctl(['list-ports', 'br-int']).split('\n').filter((p) => p === qvo).length, 1);

    const un = pyCall('unplug', { instance_id: INSTANCE, hyper_vif: hyperVif(port, mac, 1450) });
    assert.deepEqual(un, { ok: true, result: null });
    assert.equal(ovs.interfaceExternalIds(qvo), undefined, 'Interface row gone');
    assert.equal(ns.exec('ip', ['link', 'show', 'dev', qvb], { check: false }).status !== 0, true, 'veth pair gone');
    // unplug of something absent succeeds
    assert.deepEqual(pyCall('unplug', { instance_id: INSTANCE, hyper_vif: hyperVif(port, mac, 1450) }), { ok: true, result: null });
  });

  it('a bad plug raises oslo_messaging.RemoteError in Python and leaves nothing behind', () => {
    const port = newPortId();
    const bad = hyperVif(port, macFor(0x30003));
    delete bad.address;
    const res = pyCall('plug', { instance_id: INSTANCE, hyper_vif: bad, provider_vif: providerVif(macFor(0x30003)) });
    assert.equal(res.ok, false);
    assert.equal(res.exception, 'RemoteError');
    assert.equal(res.module, 'oslo_messaging.rpc.client');
    assert.equal(res.exc_type, 'InvalidArgument');
    assert.match(String(res.value), /hyper_vif\.address: missing required key/);
    assert.equal(ovs.interfaceExternalIds(`qvo${port.slice(0, 11)}`), undefined);
    assert.notEqual(ns.exec('ip', ['link', 'show', 'dev', `qvb${port.slice(0, 11)}`], { check: false }).status, 0);

    const badMac = pyCall('plug', { instance_id: INSTANCE, hyper_vif: hyperVif(port, 'fa:16:3e:zz:00:01'), provider_vif: providerVif(macFor(3)) });
    assert.equal(badMac.exc_type, 'InvalidArgument');
    assert.match(String(badMac.value), /hyper_vif\.address: not a MAC address/);

    const other = pyCall('plug', { instance_id: 'some-other-instance', hyper_vif: hyperVif(port, macFor(4)), provider_vif: providerVif(macFor(4)) });
    assert.equal(other.exc_type, 'NotFound');
    assert.match(String(other.value), /instance some-other-instance/);

    const nsm = pyCall('no_such_method', {});
    assert.equal(nsm.exception, 'RemoteError');
    assert.equal(nsm.exc_type, 'NoSuchMethod');
    assert.match(String(nsm.value), /Endpoint does not support RPC method no_such_method/);
  });

  it('an exception raised by the Python server reaches our agent as a remote error (KeyError)', async () => {
    const [c, a] = ns.wrap(process.execPath, [
      BAMBU, 'hyper-agent', '--mode', 'vm', '--instance-id', 'unknown-to-python', '--transport-url', broker.url,
      '--bridge', 'br-int', '--backend', 'ovs', '--ovsdb', ovs.db, '--log-level', 'debug',
    ]);
    const other = startDaemon(c, a);
    try {
      await waitFor('sync failure logged', () => other.output().split('\n').some((l) => l.includes('sync failed') && l.includes("remote builtins.KeyError: 'unknown-to-python'")), 60_000);
    } finally {
      await other.stop();
    }
  });

  it('declares the broker objects exactly as oslo.messaging does', () => {
    const rows = broker.ctl(['list_queues', 'name', 'durable', 'auto_delete', 'arguments', 'consumers']).trim().split('\n').map((l) => l.split('\t'));
    const byName = new Map(rows.map((r) => [r[0]!, r.slice(1)]));
    assert.deepEqual(byName.get('hyper-agent-update')?.slice(0, 3), ['false', 'false', '[]']);
    assert.deepEqual(byName.get(`hyper-agent-update.${INSTANCE}`), ['false', 'false', '[]', '1']);
    const replyQueues = rows.filter((r) => r[0]!.startsWith('reply_'));
    assert.ok(replyQueues.length >= 1 && replyQueues.every((r) => /^reply_[0-9a-f]{32}$/.test(r[0]!) && r[3] === '[{"x-expires",1800000}]'), JSON.stringify(replyQueues));
    const fanout = rows.filter((r) => r[0]!.startsWith('hyper-agent-update_fanout_'));
    assert.ok(fanout.some((r) => r[3] === '[{"x-expires",1800000}]' && r[4] === '1'), JSON.stringify(fanout));
    const exchanges = broker.ctl(['list_exchanges', 'name', 'type', 'durable', 'auto_delete']).trim().split('\n').map((l) => l.split('\t'));
    assert.ok(exchanges.some((e) => e.join(' ') === 'hyperagent topic false false'));
    assert.ok(exchanges.some((e) => e.join(' ') === 'hyper-agent-update_fanout fanout false true'));
  });

  it('the agent reconnects after the broker drops its connection and serves again', async () => {
    broker.ctl(['close_all_connections', 'test: connection loss']);
    await waitFor('agent noticed the loss', () => agent!.output().includes('rabbit: connection lost'), 30_000);
    const res = await waitFor('plug served again after reconnect', () => {
      const r = pyCall('unplug', { instance_id: INSTANCE, hyper_vif: { id: newPortId() } });
      return r.ok ? r : undefined;
    }, 60_000);
    assert.deepEqual(res, { ok: true, result: null });
    assert.doesNotMatch(agent!.output(), /cannot reopen channel/);
  });

  it('our compute CLI drives the agent over RabbitMQ too (bambu vif plug / unplug)', () => {
    const port = newPortId();
    const mac = macFor(0x40004);
    writeFileSync(join(tmp, 'h.json'), JSON.stringify(hyperVif(port, mac)));
    writeFileSync(join(tmp, 'p.json'), JSON.stringify(providerVif(mac)));
    const common = ['--transport-url', broker.url, '--database-url', `sqlite:${join(tmp, 'compute.db')}`, '--json'];
    const plug = ns.exec(process.execPath, [BAMBU, 'vif', 'plug', INSTANCE, '--hyper-vif', join(tmp, 'h.json'), '--provider-vif', join(tmp, 'p.json'), ...common]);
    assert.deepEqual(JSON.parse(plug.stdout), { instance_id: INSTANCE, port_id: port, agent: INSTANCE, hyper_switch_id: null });
    assert.equal(ovs.interfaceExternalIds(`qvo${port.slice(0, 11)}`)?.['iface-id'], port);
    ns.exec(process.execPath, [BAMBU, 'vif', 'unplug', INSTANCE, '--hyper-vif', join(tmp, 'h.json'), ...common]);
    assert.equal(ovs.interfaceExternalIds(`qvo${port.slice(0, 11)}`), undefined);
    // a plug for an instance whose agent does not run: oslo-style timeout, nothing stored
    const lost = ns.exec(process.execPath, [BAMBU, 'vif', 'plug', 'no-such-vm', '--hyper-vif', join(tmp, 'h.json'), '--provider-vif', join(tmp, 'p.json'), '--rpc-timeout', '2', ...common], { check: false });
    assert.equal(lost.status, 1);
    assert.match(lost.stderr, /Timed out waiting for a reply to message ID [0-9a-f]{32}/);
  });
});
