/**
 * The `--device` argument of l2-gateway-create/update, networking-l2gw CLI syntax:
 *   name=<device>[,interface_names=<if>[|<vlan>[#<vlan>…]][;<if>…]]
 * e.g. `name=bgw1,interface_names=eth1;eth2|100#200` — eth1 untagged, eth2 with VLANs 100 and 200.
 */
import { InvalidArgumentError } from 'commander';

/** A device as the API's `devices` list takes it. */
export interface DeviceSpec {
  device_name: string;
  interfaces: Array<{ name: string; segmentation_id?: number[] }>;
}

/**
 * Parses one --device value.
 * @throws InvalidArgumentError naming the part at fault
 */
export function parseDeviceSpec(text: string): DeviceSpec {
  let name: string | undefined;
  let ifaces = '';
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? '' : part.slice(0, eq).trim();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (key === 'name') name = value;
    else if (key === 'interface_names') ifaces = value;
    else throw new InvalidArgumentError(`--device: unknown part "${part}" (expected name=<dev>[,interface_names=<if1>;<if2>|<vlan>])`);
  }
  if (!name) throw new InvalidArgumentError('--device: name=<device> is required');
  const interfaces = ifaces
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const [ifName, vlans] = s.split('|', 2) as [string, string | undefined];
      if (!ifName) throw new InvalidArgumentError(`--device: empty interface name in "${s}"`);
      if (vlans === undefined) return { name: ifName };
      const ids = vlans.split('#').map((v) => {
        if (!/^\d+$/.test(v)) throw new InvalidArgumentError(`--device: interface ${ifName}: "${v}" is not a VLAN id`);
        return Number(v);
      });
      return { name: ifName, segmentation_id: ids };
    });
  return { device_name: name, interfaces };
}

/** Commander reducer for a repeatable --device option. */
export function collectDevice(value: string, previous: DeviceSpec[] | undefined): DeviceSpec[] {
  return [...(previous ?? []), parseDeviceSpec(value)];
}
