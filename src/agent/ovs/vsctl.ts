/**
 * Open vSwitch access through `ovs-vsctl` (the project's only OVS client for now; when the border
 * gateway's OVSDB client lands, this interface is where it plugs in). Table and column names are
 * the OVSDB `Open_vSwitch` schema's (Bridge, Port, Interface, external_ids, mtu_request).
 */
import { BambuError } from '../../lib/errors.js';
import { execTool } from '../dataplane/exec.js';

/** An Interface row (columns used here). */
export interface OvsInterface {
  name: string;
  externalIds: Record<string, string>;
}

/** The OVS operations the Hyper Agent needs. */
export interface OvsClient {
  bridgeExists(bridge: string): Promise<boolean>;
  /** Port names on `bridge`. */
  listPorts(bridge: string): Promise<string[]>;
  /** Every Interface row with its external_ids. */
  listInterfaces(): Promise<OvsInterface[]>;
  /** Adds `port` (a system device) to `bridge` (or updates it) with external_ids and mtu_request. */
  addPort(bridge: string, port: string, externalIds: Record<string, string>, mtu?: number): Promise<void>;
  /** Removes `port` from whatever bridge holds it; absent is fine. */
  delPort(port: string): Promise<void>;
}

/** Decodes an OVSDB JSON map `["map", [[k, v], …]]`. */
function decodeMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(v) && v[0] === 'map' && Array.isArray(v[1])) for (const [k, val] of v[1] as [string, string][]) out[k] = String(val);
  return out;
}

/** Quotes an OVSDB string value for ovs-vsctl's `key=value` syntax. */
function q(s: string): string {
  return JSON.stringify(s);
}

/** OvsClient over the `ovs-vsctl` command. */
export class OvsVsctl implements OvsClient {
  /**
   * @param db        ovs-vsctl `--db` target (e.g. `unix:/run/openvswitch/db.sock`); "" = default
   * @param timeoutSecs ovs-vsctl `--timeout`
   */
  constructor(
    private readonly db = '',
    private readonly timeoutSecs = 10,
  ) {}

  private async vsctl(args: string[], okStatuses: number[] = [0]): Promise<{ stdout: string; status: number }> {
    const base = [`--timeout=${this.timeoutSecs}`, ...(this.db ? [`--db=${this.db}`] : [])];
    const r = await execTool('ovs-vsctl', [...base, ...args], (this.timeoutSecs + 5) * 1000);
    if (!okStatuses.includes(r.status)) throw new BambuError('UNAVAILABLE', `ovs-vsctl ${args.join(' ')}: ${(r.stderr || r.stdout).trim() || `exit ${r.status}`}`);
    return r;
  }

  async bridgeExists(bridge: string): Promise<boolean> {
    return (await this.vsctl(['br-exists', bridge], [0, 2])).status === 0;
  }

  async listPorts(bridge: string): Promise<string[]> {
    return (await this.vsctl(['list-ports', bridge])).stdout.split('\n').filter(Boolean);
  }

  async listInterfaces(): Promise<OvsInterface[]> {
    const out = (await this.vsctl(['--format=json', '--columns=name,external_ids', 'list', 'Interface'])).stdout;
    const parsed = JSON.parse(out) as { data: [string, unknown][] };
    return parsed.data.map(([name, ids]) => ({ name, externalIds: decodeMap(ids) }));
  }

  async addPort(bridge: string, port: string, externalIds: Record<string, string>, mtu?: number): Promise<void> {
    const sets = Object.entries(externalIds).map(([k, v]) => `external_ids:${k}=${q(v)}`);
    if (mtu !== undefined) sets.push(`mtu_request=${mtu}`);
    await this.vsctl(['--', '--may-exist', 'add-port', bridge, port, '--', 'set', 'Interface', port, ...sets]);
  }

  async delPort(port: string): Promise<void> {
    await this.vsctl(['--if-exists', 'del-port', port]);
  }
}
