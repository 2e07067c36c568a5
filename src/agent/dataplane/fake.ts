/**
 * An in-memory VIF data plane for unit tests: same contract as the real ones, plus a way to
 * make the next plug fail (to test error paths) and a log of operations.
 */
import { BambuError } from '../../lib/errors.js';
import type { PlugSpec } from '../vif.js';
import type { PluggedVif, VifDataplane } from './types.js';

/** The fake data plane. `vifs` is keyed by `qvo` device name. */
export class FakeDataplane implements VifDataplane {
  readonly kind = 'fake';
  readonly vifs = new Map<string, PluggedVif & { mtu: number }>();
  readonly ops: string[] = [];
  /** When set, the next plug throws this error and leaves nothing behind. */
  failNextPlug: Error | undefined;

  async check(): Promise<void> {}

  async list(): Promise<PluggedVif[]> {
    return [...this.vifs.values()].map((v) => ({ ...v }));
  }

  async plug(spec: PlugSpec): Promise<void> {
    const existing = this.vifs.get(spec.qvo);
    if (existing && existing.ifaceId !== spec.externalIds['iface-id']) {
      throw new BambuError('CONFLICT', `hyper_vif.id: device ${spec.qvo} already belongs to port ${existing.ifaceId}`, 'hyper_vif.id');
    }
    if (existing?.healthy && existing.instanceId === spec.instanceId && existing.mac === spec.mac) return;
    if (this.failNextPlug) {
      const e = this.failNextPlug;
      this.failNextPlug = undefined;
      throw e;
    }
    this.ops.push(`plug ${spec.qvo}`);
    this.vifs.set(spec.qvo, {
      qvo: spec.qvo,
      qvb: spec.qvb,
      ifaceId: spec.externalIds['iface-id']!,
      instanceId: spec.instanceId,
      mac: spec.mac,
      healthy: true,
      mtu: spec.mtu,
    });
  }

  async unplug(dev: { qvo: string; qvb: string }): Promise<void> {
    if (this.vifs.delete(dev.qvo)) this.ops.push(`unplug ${dev.qvo}`);
  }
}
