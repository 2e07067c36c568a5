/**
 * Issue 4, done-when 2: with a real Open vSwitch, two "VM" namespaces plugged through the agent
 * (hyper-switch mode, driven by the compute service over the broker-less transport) reach each
 * other across br-int (ping), and unplugging one cuts it off.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Netns } from '../../helpers/netns.js';
import { waitFor } from '../../helpers/wait.js';
import { hyperVif, macFor, newPortId, providerVif } from '../../fixtures/agent/vifs.js';
import { AgentNode } from './harness.js';

describe('VMs plugged through the Hyper Agent talk across br-int', { timeout: 120_000 }, () => {
  let node: AgentNode;
  const vms: Netns[] = [];

  before(async () => {
    node = new AgentNode('ap');
    await node.startCompute();
  });

  after(async () => {
    for (const v of vms) v.destroy();
    await node?.close();
  });

  it('ping works between two plugged VMs and stops after unplug', async () => {
    const hs = `hs-${process.pid}`;
    await node.startAgent('hyper-switch', hs);
    const vm = [
      { inst: `vm-a-${process.pid}`, port: newPortId(), mac: macFor(0xa1), ip: '10.77.0.1' },
      { inst: `vm-b-${process.pid}`, port: newPortId(), mac: macFor(0xb2), ip: '10.77.0.2' },
    ];
    for (const v of vm) {
      const out = await node.compute!.plugVif(v.inst, hyperVif(v.port, v.mac, 1500), providerVif(v.mac), hs);
      assert.equal(out.agent, hs);
      const qvb = `qvb${v.port.slice(0, 11)}`;
      const ns = Netns.create('vm');
      vms.push(ns);
      // Move the VM-facing end into the "VM" and address it there.
      node.ns.exec('ip', ['link', 'set', qvb, 'netns', ns.name]);
      ns.exec('ip', ['addr', 'add', `${v.ip}/24`, 'dev', qvb]);
      ns.exec('ip', ['link', 'set', qvb, 'up']);
      const link = JSON.parse(ns.exec('ip', ['-j', 'link', 'show', 'dev', qvb]).stdout)[0] as { address: string; mtu: number };
      assert.equal(link.address, v.mac);
      assert.equal(link.mtu, 1450);
    }
    await waitFor('ping A → B across br-int', () => vms[0]!.exec('ping', ['-c', '1', '-W', '1', vm[1]!.ip], { check: false }).status === 0, 30_000);

    await node.compute!.unplugVif(vm[1]!.inst, { id: vm[1]!.port });
    assert.ok(!node.ports().includes(`qvo${vm[1]!.port.slice(0, 11)}`), 'B port gone from br-int');
    assert.ok(node.ports().includes(`qvo${vm[0]!.port.slice(0, 11)}`), 'A port still there');
    const r = vms[0]!.exec('ping', ['-c', '2', '-W', '1', vm[1]!.ip], { check: false });
    assert.notEqual(r.status, 0, 'no reply once B is unplugged');
  });
});
