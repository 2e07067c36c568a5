/**
 * What the Hyper Agent needs from the node: plug/unplug VIF devices and observe what is plugged.
 * Implementations: ovs.ts (Open vSwitch, os-vif style), linux-bridge.ts (no OVS), fake.ts (tests).
 * Reconciling follows observe → desire → diff (reconcile.ts) → apply through this interface.
 */
import type { PlugSpec } from '../vif.js';

/** A VIF found on the node. */
export interface PluggedVif {
  /** Bridge end device name (`qvo…`): the key VIFs are matched by. */
  qvo: string;
  qvb: string;
  /** external_ids:iface-id (the port id). */
  ifaceId: string;
  /** external_ids:vm-uuid. */
  instanceId: string;
  /** external_ids:attached-mac. */
  mac: string;
  /** False when the record exists but the device or its bridge membership is gone (re-plug needed). */
  healthy: boolean;
}

/** A VIF data plane. Every method is idempotent. */
export interface VifDataplane {
  readonly kind: string;
  /** Checks the node is usable (bridge present, tools installed). @throws BambuError FAILED_PRECONDITION / UNAVAILABLE */
  check(): Promise<void>;
  /** VIFs this agent plugged (found by external_ids / alias on `qvo…` devices). */
  list(): Promise<PluggedVif[]>;
  /**
   * Plugs one VIF; plugging an already-plugged identical VIF changes nothing.
   * On failure removes whatever it created (nothing half-plugged) and throws.
   * @throws BambuError CONFLICT when the devices belong to another port id; INTERNAL/UNAVAILABLE on tool failure
   */
  plug(spec: PlugSpec): Promise<void>;
  /** Removes the VIF's devices; absent is fine. */
  unplug(dev: { qvo: string; qvb: string }): Promise<void>;
}
