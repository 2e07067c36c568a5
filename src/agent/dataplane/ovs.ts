/**
 * OVS hybrid plug as Nova's os-vif does it (without the qbr Linux bridge): a veth pair
 * `qvb<id[:11]>` (VM end: MAC, MTU) / `qvo<id[:11]>` (on the integration bridge, with
 * external_ids iface-id, iface-status=active, attached-mac, vm-uuid so the OVS agent wires it).
 */
import { BambuError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import type { OvsClient } from '../ovs/vsctl.js';
import type { PlugSpec } from '../vif.js';
import { deleteLink, listLinks } from './ip.js';
import { plugVeth } from './veth-plug.js';
import type { PluggedVif, VifDataplane } from './types.js';

/** The Open vSwitch VIF data plane. */
export class OvsDataplane implements VifDataplane {
  readonly kind = 'ovs';

  constructor(
    private readonly ovs: OvsClient,
    private readonly bridge: string,
    private readonly log: Logger,
  ) {}

  async check(): Promise<void> {
    if (!(await this.ovs.bridgeExists(this.bridge))) {
      throw new BambuError('FAILED_PRECONDITION', `bridge: Open vSwitch bridge ${this.bridge} does not exist`, 'bridge');
    }
  }

  async list(): Promise<PluggedVif[]> {
    const ports = new Set(await this.ovs.listPorts(this.bridge));
    const links = new Set((await listLinks()).map((l) => l.ifname));
    const out: PluggedVif[] = [];
    for (const i of await this.ovs.listInterfaces()) {
      const ids = i.externalIds;
      if (!i.name.startsWith('qvo') || !ports.has(i.name) || !ids['vm-uuid'] || !ids['iface-id']) continue;
      out.push({
        qvo: i.name,
        qvb: `qvb${i.name.slice(3)}`,
        ifaceId: ids['iface-id'],
        instanceId: ids['vm-uuid'],
        mac: ids['attached-mac'] ?? '',
        healthy: links.has(i.name),
      });
    }
    return out;
  }

  /** Plugs with the shared veth sequence; qvo joins the OVS bridge with the port's external_ids. */
  plug(spec: PlugSpec): Promise<void> {
    const addPort = (s: PlugSpec) => this.ovs.addPort(this.bridge, s.qvo, s.externalIds, s.mtu);
    return plugVeth(this, { attach: addPort, refresh: addPort }, spec, this.log);
  }

  async unplug(dev: { qvo: string; qvb: string }): Promise<void> {
    await this.ovs.delPort(dev.qvo);
    await deleteLink(dev.qvo);
    await deleteLink(dev.qvb);
  }
}
