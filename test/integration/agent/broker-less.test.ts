/**
 * Issue 4, done-when 5: the plug/unplug test over the broker-less default transport (`unix:DIR`),
 * all through the CLI: `bambu compute serve`, `bambu hyper-agent --mode vm`, `bambu vif plug`,
 * `bambu vif unplug`. Also: a bad VIF file is refused with the field named and nothing stored.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAMBU, run, startDaemon, type Daemon } from '../../helpers/proc.js';
import { waitFor } from '../../helpers/wait.js';
import { hyperVif, macFor, newPortId, providerVif } from '../../fixtures/agent/vifs.js';
import { AgentNode } from './harness.js';
import { ComputeStore } from '../../../src/agent/compute/store.js';

describe('plug/unplug over the broker-less transport, driven by the CLI', { timeout: 120_000 }, () => {
  let node: AgentNode;
  let compute: Daemon | undefined;
  const inst = `inst-bl-${process.pid}`;

  const bambu = (args: string[]) => run(process.execPath, [BAMBU, ...args, '--transport-url', node.url, '--database-url', node.dbUrl], { check: false });

  before(async () => {
    node = new AgentNode('ab');
    compute = startDaemon(process.execPath, [BAMBU, 'compute', 'serve', '--transport-url', node.url, '--database-url', node.dbUrl, '--host', 'compute1']);
    await waitFor('compute serving', () => compute!.output().includes('compute: serving'), 30_000);
    await node.startAgent('vm', inst);
  });

  after(async () => {
    await compute?.stop();
    await node?.close();
  });

  it('bambu vif plug puts the port on br-int with the external_ids; bambu vif unplug removes it', () => {
    const port = newPortId();
    const mac = macFor(0xc3);
    const hv = join(node.tmp, 'hyper.json');
    const pv = join(node.tmp, 'provider.json');
    writeFileSync(hv, JSON.stringify(hyperVif(port, mac, 1450)));
    writeFileSync(pv, JSON.stringify(providerVif(mac)));
    const r = bambu(['vif', 'plug', inst, '--hyper-vif', hv, '--provider-vif', pv, '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { instance_id: inst, port_id: port, agent: inst, hyper_switch_id: null });
    const qvo = `qvo${port.slice(0, 11)}`;
    assert.ok(node.ports().includes(qvo));
    assert.deepEqual(node.ovs.interfaceExternalIds(qvo), { 'iface-id': port, 'iface-status': 'active', 'attached-mac': mac, 'vm-uuid': inst });

    const u = bambu(['vif', 'unplug', inst, '--hyper-vif', hv, '--json']);
    assert.equal(u.status, 0, u.stderr);
    assert.ok(!node.ports().includes(qvo));
    assert.equal(node.ovs.interfaceExternalIds(qvo), undefined);
    assert.equal(node.ifindex(qvo), undefined, 'veth pair removed');
  });

  it('a VIF with a bad MAC is refused naming the field, and nothing is stored or plugged', async () => {
    const port = newPortId();
    const hv = join(node.tmp, 'bad-hyper.json');
    const pv = join(node.tmp, 'bad-provider.json');
    writeFileSync(hv, JSON.stringify(hyperVif(port, 'not-a-mac')));
    writeFileSync(pv, JSON.stringify(providerVif(macFor(0xc4))));
    const r = bambu(['vif', 'plug', inst, '--hyper-vif', hv, '--provider-vif', pv]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /hyper_vif\.address: not a MAC address/);
    assert.ok(!node.ports().includes(`qvo${port.slice(0, 11)}`));
    const store = await ComputeStore.open(node.dbUrl);
    try {
      assert.equal(await store.getVif(port), undefined);
    } finally {
      await store.close();
    }
  });
});
