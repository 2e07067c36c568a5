/**
 * Linux-bridge mode (nodes without Open vSwitch): the agent plugs `qvo…` into a Linux bridge it
 * creates, keeps the port identity in the link alias, two plugged "VMs" ping each other, a restart
 * finds its VIFs again (nothing re-created), and unplug cuts the traffic.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Netns } from '../../helpers/netns.js';
import { waitFor } from '../../helpers/wait.js';
import { hyperVif, macFor, newPortId, providerVif } from '../../fixtures/agent/vifs.js';
import { AgentNode } from './harness.js';

describe('Hyper Agent in linux-bridge mode', { timeout: 120_000 }, () => {
  let node: AgentNode;
  const vms: Netns[] = [];

  before(async () => {
    node = new AgentNode('al', 'linux-bridge');
    await node.startCompute();
  });

  after(async () => {
    for (const v of vms) v.destroy();
    await node?.close();
  });

  it('plugs into a Linux bridge, survives a restart, ping works, unplug cuts it', async () => {
    const hs = `hsl-${process.pid}`;
    let agent = await node.startAgent('hyper-switch', hs);
    const vm = [
      { inst: `lb-a-${process.pid}`, port: newPortId(), mac: macFor(0xe1), ip: '10.78.0.1' },
      { inst: `lb-b-${process.pid}`, port: newPortId(), mac: macFor(0xe2), ip: '10.78.0.2' },
    ];
    for (const v of vm) await node.compute!.plugVif(v.inst, hyperVif(v.port, v.mac, 1500), providerVif(v.mac), hs);
    const qvo = vm.map((v) => `qvo${v.port.slice(0, 11)}`);
    assert.deepEqual(node.ports().sort(), [...qvo].sort());
    const alias = (JSON.parse(node.ns.exec('ip', ['-j', '-d', 'link', 'show', 'dev', qvo[0]!]).stdout)[0] as { ifalias: string }).ifalias;
    assert.equal(alias, `bambu iface-id=${vm[0]!.port} vm-uuid=${vm[0]!.inst} attached-mac=${vm[0]!.mac}`);

    const before = qvo.map((q) => node.ifindex(q));
    await node.stopAgent(agent);
    agent = await node.startAgent('hyper-switch', hs);
    await waitFor('restart sync done', () => agent.output().includes('hyper-agent: converged'), 20_000);
    assert.deepEqual(qvo.map((q) => node.ifindex(q)), before, 'found again by alias, not re-created');

    for (const v of vm) {
      const qvb = `qvb${v.port.slice(0, 11)}`;
      const ns = Netns.create('lv');
      vms.push(ns);
      node.ns.exec('ip', ['link', 'set', qvb, 'netns', ns.name]);
      ns.exec('ip', ['addr', 'add', `${v.ip}/24`, 'dev', qvb]);
      ns.exec('ip', ['link', 'set', qvb, 'up']);
    }
    await waitFor('ping A → B across the Linux bridge', () => vms[0]!.exec('ping', ['-c', '1', '-W', '1', vm[1]!.ip], { check: false }).status === 0, 30_000);
    await node.compute!.unplugVif(vm[1]!.inst, { id: vm[1]!.port });
    assert.deepEqual(node.ports(), [qvo[0]]);
    assert.notEqual(vms[0]!.exec('ping', ['-c', '2', '-W', '1', vm[1]!.ip], { check: false }).status, 0);
  });
});
