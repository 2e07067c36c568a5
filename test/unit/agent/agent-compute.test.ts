/**
 * Hyper Agent and compute service together over the broker-less transport, with the fake data
 * plane (no devices): plug/unplug idempotence, validation with nothing half-plugged, rollback of the
 * compute record when the agent fails, unknown instance, get_vifs_* answers, convergence at start.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HyperAgent } from '../../../src/agent/hyper-agent.js';
import { FakeDataplane } from '../../../src/agent/dataplane/fake.js';
import { ComputeService } from '../../../src/agent/compute/service.js';
import { ComputeStore } from '../../../src/agent/compute/store.js';
import { UnixTransport } from '../../../src/agent/rpc/unix.js';
import { AGENT_TOPIC } from '../../../src/agent/rpc/calls.js';
import { RpcRemoteError, RpcTimeoutError } from '../../../src/agent/rpc/failure.js';
import { agentConfigSchema, computeConfigSchema } from '../../../src/config/agent.js';
import { BambuError } from '../../../src/lib/errors.js';
import { silentLogger } from '../../../src/lib/log.js';
import { hyperVif, macFor, newPortId, providerVif } from '../../fixtures/agent/vifs.js';

describe('agent ⇄ compute over unix:DIR with a fake data plane', () => {
  let dir: string;
  let url: string;
  let store: ComputeStore;
  let transport: UnixTransport;
  let compute: ComputeService;
  const agents: HyperAgent[] = [];

  async function startAgent(mode: 'vm' | 'hyper-switch', id: string, dp = new FakeDataplane()): Promise<{ agent: HyperAgent; dp: FakeDataplane }> {
    const t = new UnixTransport({ url, timeoutSecs: 10, log: silentLogger });
    const agent = new HyperAgent({ config: agentConfigSchema.parse({ mode, id, transport_url: url, report_interval_secs: 0.2 }), transport: t, dataplane: dp, log: silentLogger, syncRetrySecs: 0.1 });
    await agent.start();
    await agent.synced;
    agents.push(agent);
    const stop = agent.stop.bind(agent);
    agent.stop = async () => {
      await stop();
      await t.close();
    };
    return { agent, dp };
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bambu-agent-unit-'));
    url = `unix:${join(dir, 'rpc')}`;
    store = await ComputeStore.open('sqlite::memory:');
    transport = new UnixTransport({ url, timeoutSecs: 10, log: silentLogger });
    compute = new ComputeService({ config: computeConfigSchema.parse({ transport_url: url, host: 'compute1' }), store, transport, log: silentLogger });
    await compute.serve();
  });

  after(async () => {
    for (const a of agents) await a.stop();
    await compute.close();
    await transport.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plug and unplug are idempotent, and get_vifs_for_instance lists what is stored', async () => {
    const inst = 'inst-idem';
    const { agent, dp } = await startAgent('vm', inst);
    await agent.synced;
    const port = newPortId();
    const mac = macFor(1);
    await compute.plugVif(inst, hyperVif(port, mac), providerVif(mac));
    await compute.plugVif(inst, hyperVif(port, mac), providerVif(mac));
    assert.deepEqual(dp.ops, [`plug qvo${port.slice(0, 11)}`], 'second plug changed nothing');
    assert.equal(dp.vifs.get(`qvo${port.slice(0, 11)}`)?.mtu, 1400);
    const listed = await compute.getVifsForInstance(inst);
    assert.equal(listed.length, 1);
    assert.equal((listed[0]!.net_info as { id: string }).id, port);
    await compute.unplugVif(inst, { id: port });
    assert.equal(dp.vifs.size, 0);
    assert.deepEqual(await compute.getVifsForInstance(inst), []);
    // unplug of an absent port straight at the agent succeeds
    await transport.call({ topic: AGENT_TOPIC, server: inst }, 'unplug', { instance_id: inst, hyper_vif: { id: port } });
  });

  it('bad input is refused naming the field; nothing is stored or plugged', async () => {
    const inst = 'inst-bad';
    const { dp } = await startAgent('vm', inst);
    const port = newPortId();
    await assert.rejects(compute.plugVif(inst, { ...hyperVif(port, macFor(2)), address: 'zz' }, providerVif(macFor(2))), /hyper_vif\.address: not a MAC address/);
    await assert.rejects(compute.plugVif(inst, hyperVif(port, macFor(2)), { id: 'p' }), /provider_vif\.address: missing required key/);
    // straight to the agent: same errors as remote errors
    await assert.rejects(
      transport.call({ topic: AGENT_TOPIC, server: inst }, 'plug', { instance_id: inst, hyper_vif: { id: port }, provider_vif: providerVif(macFor(2)) }),
      (e: Error) => e instanceof RpcRemoteError && e.code === 'INVALID_ARGUMENT' && e.excType === 'InvalidArgument' && /hyper_vif\.address: missing required key/.test(e.message),
    );
    await assert.rejects(
      transport.call({ topic: AGENT_TOPIC, server: inst }, 'plug', { instance_id: 'someone-else', hyper_vif: hyperVif(port, macFor(2)), provider_vif: providerVif(macFor(2)) }),
      (e: Error) => e instanceof RpcRemoteError && e.code === 'NOT_FOUND' && /instance someone-else/.test(e.message),
    );
    await assert.rejects(transport.call({ topic: AGENT_TOPIC, server: inst }, 'nope', {}), (e: Error) => e instanceof RpcRemoteError && e.excType === 'NoSuchMethod');
    assert.equal(dp.vifs.size, 0);
    assert.equal(await store.getVif(port), undefined);
    await assert.rejects(compute.getVifsForInstance('never-seen'), (e: Error) => e instanceof BambuError && e.code === 'NOT_FOUND');
  });

  it('when the agent fails to plug, the error reaches the caller and the compute record is rolled back', async () => {
    const inst = 'inst-fail';
    const { dp } = await startAgent('vm', inst);
    dp.failNextPlug = new BambuError('UNAVAILABLE', 'ovs-vsctl: database connection failed');
    const port = newPortId();
    await assert.rejects(compute.plugVif(inst, hyperVif(port, macFor(3)), providerVif(macFor(3))), (e: Error) => e instanceof RpcRemoteError && e.code === 'UNAVAILABLE' && /database connection failed/.test(e.message));
    assert.equal(await store.getVif(port), undefined);
    assert.equal(await store.getInstance(inst), undefined, 'instance created for this plug is gone too');
    assert.equal(dp.vifs.size, 0);
  });

  it('a call to an agent that does not run fails with a timeout-class error, nothing stored', async () => {
    const port = newPortId();
    await assert.rejects(compute.plugVif('inst-nobody', hyperVif(port, macFor(4)), providerVif(macFor(4))), (e: Error) => e instanceof RpcTimeoutError);
    assert.equal(await store.getVif(port), undefined);
  });

  it('a hyper-switch agent converges at start to get_vifs_for_hyper_switch', async () => {
    const hs = 'hs-conv';
    const dp = new FakeDataplane();
    const keepPort = newPortId();
    const stalePort = newPortId();
    const newPort = newPortId();
    // stale device already on the node (from an earlier life)
    await dp.plug({ instanceId: 'old', portId: stalePort, mac: macFor(9), qvb: `qvb${stalePort.slice(0, 11)}`, qvo: `qvo${stalePort.slice(0, 11)}`, mtu: 1450, externalIds: { 'iface-id': stalePort, 'vm-uuid': 'old' } });
    await dp.plug({ instanceId: 'i-keep', portId: keepPort, mac: macFor(5), qvb: `qvb${keepPort.slice(0, 11)}`, qvo: `qvo${keepPort.slice(0, 11)}`, mtu: 1400, externalIds: { 'iface-id': keepPort, 'vm-uuid': 'i-keep' } });
    dp.ops.length = 0;
    for (const [inst, port, n] of [['i-keep', keepPort, 5], ['i-new', newPort, 6]] as const) {
      await store.upsertInstance(inst, hs);
      await store.putVif({ instanceId: inst, portId: port, hyperVif: hyperVif(port, macFor(n)) as never, providerVif: providerVif(macFor(n)) as never });
    }
    const { agent } = await startAgent('hyper-switch', hs, dp);
    await agent.synced;
    assert.deepEqual(agent.lastSync, { plugged: [newPort], unplugged: [stalePort], failed: [] });
    assert.deepEqual(dp.ops, [`unplug qvo${stalePort.slice(0, 11)}`, `plug qvo${newPort.slice(0, 11)}`]);
  });

  it('a second server with the same name is refused', async () => {
    const t = new UnixTransport({ url, timeoutSecs: 5, log: silentLogger });
    try {
      await assert.rejects(t.serve('hyper-agent-callback', 'compute1', { version: '1.0', methods: {} }), /already listening/);
    } finally {
      await t.close();
    }
  });
});
