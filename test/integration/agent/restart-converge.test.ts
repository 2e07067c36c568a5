/**
 * Issue 4, done-when 3: a Hyper Switch agent restarted after its VIF list changed converges —
 * the missing port is plugged, the stale one removed, and the unchanged one left untouched
 * (same device, not re-created).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../../helpers/wait.js';
import { hyperVif, macFor, newPortId, providerVif } from '../../fixtures/agent/vifs.js';
import { AgentNode } from './harness.js';
import type { HyperVif, ProviderVif } from '../../../src/agent/vif.js';

describe('agent restart converges to the compute service\'s VIF list', { timeout: 120_000 }, () => {
  let node: AgentNode;

  before(async () => {
    node = new AgentNode('ac');
    await node.startCompute();
  });

  after(async () => {
    await node?.close();
  });

  it('plugs what is missing and unplugs what is no longer listed', async () => {
    const hs = `hs-${process.pid}`;
    const store = node.store!;
    const p = [newPortId(), newPortId(), newPortId()];
    const qvo = p.map((id) => `qvo${id.slice(0, 11)}`);
    const put = async (i: number) => {
      await store.upsertInstance(`inst-${i}-${process.pid}`, hs);
      await store.putVif({ instanceId: `inst-${i}-${process.pid}`, portId: p[i]!, hyperVif: hyperVif(p[i]!, macFor(0xd0 + i)) as HyperVif, providerVif: providerVif(macFor(0xd0 + i)) as ProviderVif });
    };
    await put(0);
    await put(1);

    let agent = await node.startAgent('hyper-switch', hs);
    await waitFor('first sync plugs p0 and p1', () => node.ports().includes(qvo[0]!) && node.ports().includes(qvo[1]!), 30_000);
    const ifindex0 = node.ifindex(qvo[0]!);
    assert.ok(ifindex0);
    await node.stopAgent(agent);

    // While the agent is down: p1 is deleted, p2 is added.
    assert.equal(await store.deleteVif(p[1]!), true);
    await put(2);

    agent = await node.startAgent('hyper-switch', hs);
    await waitFor('restart sync plugs p2 and removes p1', () => node.ports().includes(qvo[2]!) && !node.ports().includes(qvo[1]!), 30_000);
    assert.ok(node.ports().includes(qvo[0]!), 'p0 kept');
    assert.equal(node.ifindex(qvo[0]!), ifindex0, 'p0 not re-created');
    assert.equal(node.ifindex(qvo[1]!), undefined, 'p1 devices removed');
    assert.deepEqual(node.ovs.interfaceExternalIds(qvo[2]!), { 'iface-id': p[2], 'iface-status': 'active', 'attached-mac': macFor(0xd2), 'vm-uuid': `inst-2-${process.pid}` });
    await waitFor('converged log line', () => /"plugged":1,"unplugged":1/.test(agent.output()), 10_000);
  });
});
