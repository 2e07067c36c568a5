/**
 * The few iproute2 operations the VIF data planes need (veth pairs, MAC, MTU, bridge ports, alias),
 * through `ip` (iproute2 JSON output).
 */
import { execChecked, execTool } from './exec.js';

/** One link as `ip -j -d link show` describes it (fields used here). */
export interface IpLink {
  ifname: string;
  address?: string;
  mtu?: number;
  master?: string;
  ifalias?: string;
  operstate?: string;
  flags?: string[];
  linkinfo?: { info_kind?: string };
}

/** True when a link of that name exists in this namespace. */
export async function linkExists(name: string): Promise<boolean> {
  return (await execTool('ip', ['link', 'show', 'dev', name])).status === 0;
}

/** Every link with details (`ip -j -d link show`). */
export async function listLinks(): Promise<IpLink[]> {
  const out = await execChecked('ip', ['-j', '-d', 'link', 'show']);
  return JSON.parse(out || '[]') as IpLink[];
}

/**
 * Creates the veth pair `vmEnd`/`bridgeEnd`, gives `vmEnd` the MAC, both the MTU, and sets both up.
 * @param mtu octets
 * @throws BambuError INTERNAL with `ip`'s message (the caller rolls back)
 */
export async function createVethPair(vmEnd: string, bridgeEnd: string, mac: string, mtu: number): Promise<void> {
  await execChecked('ip', ['link', 'add', vmEnd, 'mtu', String(mtu), 'address', mac, 'type', 'veth', 'peer', 'name', bridgeEnd, 'mtu', String(mtu)]);
  await execChecked('ip', ['link', 'set', bridgeEnd, 'up']);
  await execChecked('ip', ['link', 'set', vmEnd, 'up']);
}

/** Deletes a link (its veth peer goes with it, wherever it is); absent is fine. */
export async function deleteLink(name: string): Promise<void> {
  if (await linkExists(name)) await execTool('ip', ['link', 'del', 'dev', name]);
}

/** Runs `ip link set dev NAME …args`. */
export async function setLink(name: string, ...args: string[]): Promise<void> {
  await execChecked('ip', ['link', 'set', 'dev', name, ...args]);
}
