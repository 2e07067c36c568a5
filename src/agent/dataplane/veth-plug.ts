/**
 * The plug sequence both veth-based VIF data planes share (os-vif style hybrid plug, spec
 * hyper-agent.md "What plug does on the node"): refuse devices owned by another port, refresh an
 * already healthy plug, otherwise clear crash leftovers, create the `qvb…`/`qvo…` veth pair and
 * attach `qvo…` to the bridge; on any failure roll back so nothing is left half-plugged.
 */
import { BambuError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import type { PlugSpec } from '../vif.js';
import { createVethPair } from './ip.js';
import type { VifDataplane } from './types.js';

/** What differs between back-ends: how `qvo…` joins the bridge and how its identity is refreshed. */
export interface VethAttach {
  /** Attaches the freshly created `qvo…` to the bridge with the port's identity (external_ids). */
  attach(spec: PlugSpec): Promise<void>;
  /** Re-writes the identity of an already healthy plug (idempotent). */
  refresh(spec: PlugSpec): Promise<void>;
}

/**
 * Plugs `spec` through `dp` (whose unplug also clears leftovers of a crash) and `how`.
 * @throws BambuError CONFLICT (field hyper_vif.id) when `qvo…` belongs to another port; the
 *         back-end's error after rolling back when a step fails
 */
export async function plugVeth(dp: VifDataplane, how: VethAttach, spec: PlugSpec, log: Logger): Promise<void> {
  await dp.check();
  const existing = (await dp.list()).find((p) => p.qvo === spec.qvo);
  if (existing && existing.ifaceId !== spec.externalIds['iface-id']) {
    throw new BambuError('CONFLICT', `hyper_vif.id: device ${spec.qvo} already belongs to port ${existing.ifaceId}`, 'hyper_vif.id');
  }
  if (existing?.healthy) {
    await how.refresh(spec);
    return;
  }
  try {
    await dp.unplug(spec); // leftovers of a crash (record without device, device without record)
    await createVethPair(spec.qvb, spec.qvo, spec.mac, spec.mtu);
    await how.attach(spec);
    log.info({ port: spec.portId, qvo: spec.qvo, mtu: spec.mtu, dataplane: dp.kind }, 'VIF plugged');
  } catch (err) {
    await dp.unplug(spec).catch((e: Error) => log.error({ err: e.message, qvo: spec.qvo, dataplane: dp.kind }, 'VIF plug rollback failed'));
    throw err;
  }
}
