/**
 * VIF plugging for nodes without Open vSwitch: the same veth pair `qvb…`/`qvo…`, with `qvo…`
 * enslaved to a Linux bridge (created if missing). The port's identity (iface-id, vm-uuid,
 * attached-mac) is kept in the `qvo…` link alias ("bambu iface-id=… vm-uuid=… attached-mac=…"),
 * which is how the agent finds its VIFs again after a restart.
 */
import { BambuError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import type { PlugSpec } from '../vif.js';
import { execChecked } from './exec.js';
import { deleteLink, linkExists, listLinks, setLink } from './ip.js';
import { plugVeth } from './veth-plug.js';
import type { PluggedVif, VifDataplane } from './types.js';

const ALIAS_PREFIX = 'bambu ';

/** Encodes external_ids into a link alias. */
export function encodeAlias(ids: Record<string, string>): string {
  return ALIAS_PREFIX + ['iface-id', 'vm-uuid', 'attached-mac'].map((k) => `${k}=${ids[k] ?? ''}`).join(' ');
}

/** Decodes a link alias written by encodeAlias; undefined if it is not ours. */
export function decodeAlias(alias: string | undefined): Record<string, string> | undefined {
  if (!alias?.startsWith(ALIAS_PREFIX)) return undefined;
  const out: Record<string, string> = {};
  for (const kv of alias.slice(ALIAS_PREFIX.length).split(' ')) {
    const i = kv.indexOf('=');
    if (i > 0) out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}

/** The Linux-bridge VIF data plane. */
export class LinuxBridgeDataplane implements VifDataplane {
  readonly kind = 'linux-bridge';

  constructor(
    private readonly bridge: string,
    private readonly log: Logger,
  ) {}

  async check(): Promise<void> {
    if (await linkExists(this.bridge)) return;
    try {
      await execChecked('ip', ['link', 'add', this.bridge, 'type', 'bridge']);
      await setLink(this.bridge, 'up');
    } catch (err) {
      throw new BambuError('FAILED_PRECONDITION', `bridge: cannot create Linux bridge ${this.bridge}: ${(err as Error).message}`, 'bridge');
    }
  }

  async list(): Promise<PluggedVif[]> {
    const out: PluggedVif[] = [];
    for (const l of await listLinks()) {
      const ids = decodeAlias(l.ifalias);
      if (!l.ifname.startsWith('qvo') || !ids?.['iface-id'] || !ids['vm-uuid']) continue;
      out.push({
        qvo: l.ifname,
        qvb: `qvb${l.ifname.slice(3)}`,
        ifaceId: ids['iface-id'],
        instanceId: ids['vm-uuid'],
        mac: ids['attached-mac'] ?? '',
        healthy: l.master === this.bridge,
      });
    }
    return out;
  }

  /** Plugs with the shared veth sequence; identity lives in the qvo alias, the bridge is its master. */
  plug(spec: PlugSpec): Promise<void> {
    return plugVeth(this, {
      attach: async (s) => {
        await setLink(s.qvo, 'alias', encodeAlias(s.externalIds));
        await setLink(s.qvo, 'master', this.bridge);
      },
      refresh: (s) => setLink(s.qvo, 'alias', encodeAlias(s.externalIds)),
    }, spec, this.log);
  }

  async unplug(dev: { qvo: string; qvb: string }): Promise<void> {
    await deleteLink(dev.qvo);
    await deleteLink(dev.qvb);
  }
}
