/**
 * Shared set-up of the agent integration tests: a "node" namespace with a private Open vSwitch
 * (br-int, netdev datapath, fail_mode secure + actions=NORMAL since no OVS agent programs flows),
 * a broker-less run directory (`unix:DIR`), a SQLite compute database, and helpers to run
 * `bambu hyper-agent` inside the node namespace and the compute service in-process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Netns } from '../../helpers/netns.js';
import { startOvs, type OvsInstance } from '../../helpers/ovs.js';
import { BAMBU, startDaemon, type Daemon } from '../../helpers/proc.js';
import { waitFor } from '../../helpers/wait.js';
import { ComputeService } from '../../../src/agent/compute/service.js';
import { ComputeStore } from '../../../src/agent/compute/store.js';
import { UnixTransport } from '../../../src/agent/rpc/unix.js';
import { computeConfigSchema } from '../../../src/config/agent.js';
import { silentLogger } from '../../../src/lib/log.js';

/** One simulated compute + agent node. */
export class AgentNode {
  readonly tmp = mkdtempSync(join(tmpdir(), 'bambu-agent-'));
  readonly ns: Netns;
  /** The private Open vSwitch (absent for linux-bridge nodes). */
  readonly ovs: OvsInstance;
  readonly url: string;
  readonly dbUrl: string;
  private agents = new Set<Daemon>();
  store?: ComputeStore;
  transport?: UnixTransport;
  compute?: ComputeService;

  /** @param backend `ovs` starts a private Open vSwitch with br-int; `linux-bridge` starts none. */
  constructor(prefix: string, readonly backend: 'ovs' | 'linux-bridge' = 'ovs') {
    this.url = `unix:${join(this.tmp, 'rpc')}`;
    this.dbUrl = `sqlite:${join(this.tmp, 'compute.db')}`;
    this.ns = Netns.create(prefix);
    if (backend === 'ovs') {
      this.ovs = startOvs(this.ns);
      this.ovs.addBridge('br-int', { failModeSecure: true });
    } else {
      this.ovs = undefined as unknown as OvsInstance;
    }
  }

  /** Starts the compute service in this process (serving hyper-agent-callback). */
  async startCompute(): Promise<ComputeService> {
    this.store = await ComputeStore.open(this.dbUrl);
    this.transport = new UnixTransport({ url: this.url, timeoutSecs: 30, log: silentLogger });
    this.compute = new ComputeService({ config: computeConfigSchema.parse({ transport_url: this.url, host: 'compute1' }), store: this.store, transport: this.transport, log: silentLogger });
    await this.compute.serve();
    return this.compute;
  }

  /** Runs `bambu hyper-agent` inside the node namespace; waits until it serves. */
  async startAgent(mode: 'vm' | 'hyper-switch', id: string): Promise<Daemon> {
    const idArgs = mode === 'vm' ? ['--instance-id', id] : ['--hyper-switch-id', id];
    const [cmd, args] = this.ns.wrap(process.execPath, [
      BAMBU, 'hyper-agent', '--mode', mode, ...idArgs, '--transport-url', this.url, '--bridge', 'br-int', '--backend', this.backend,
      ...(this.ovs ? ['--ovsdb', this.ovs.db] : []), '--log-level', 'debug', '--report-interval', '1',
    ]);
    const d = startDaemon(cmd, args);
    this.agents.add(d);
    await waitFor('hyper-agent serving', () => {
      if (d.child.exitCode !== null) throw new Error(`hyper-agent exited ${d.child.exitCode}: ${d.output().slice(-3000)}`);
      return d.output().includes('hyper-agent: serving');
    }, 30_000);
    return d;
  }

  /** Stops one agent (SIGTERM). */
  async stopAgent(d: Daemon): Promise<void> {
    await d.stop();
    this.agents.delete(d);
  }

  /** Ports on br-int (OVS ports, or the Linux bridge's members). */
  ports(): string[] {
    if (this.ovs) return this.ovs.vsctl(['list-ports', 'br-int']).split('\n').filter(Boolean);
    const r = this.ns.exec('ip', ['-j', 'link', 'show', 'master', 'br-int'], { check: false });
    return r.status === 0 ? (JSON.parse(r.stdout || '[]') as { ifname: string }[]).map((l) => l.ifname) : [];
  }

  /** ifindex of a link in the node namespace, or undefined. */
  ifindex(name: string): number | undefined {
    const r = this.ns.exec('ip', ['-j', 'link', 'show', 'dev', name], { check: false });
    return r.status === 0 ? (JSON.parse(r.stdout) as { ifindex: number }[])[0]!.ifindex : undefined;
  }

  /** Stops everything and removes namespace and files. */
  async close(): Promise<void> {
    for (const d of this.agents) await d.stop();
    await this.compute?.close();
    await this.transport?.close();
    await this.store?.close();
    this.ovs?.stop();
    this.ns.destroy();
    rmSync(this.tmp, { recursive: true, force: true });
  }
}
