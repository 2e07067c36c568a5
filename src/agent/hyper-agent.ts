/**
 * The Hyper Agent (../shared/spec/hyper-agent.md): serves plug / unplug / choose_hyper_switch on topic
 * `hyper-agent-update` as server = its instance id (vm mode) or Hyper Switch id (hyper-switch mode);
 * at start (and on `sync()`) asks the compute service for its VIFs and converges the node.
 *
 * Data flow: RPC handlers and the sync loop enqueue work on one promise chain (`serialize`), so the
 * data plane has a single writer. Hyper-switch mode also casts `report_state` every
 * `report_interval_secs`; every agent keeps a registry of those heartbeats to answer
 * `choose_hyper_switch` (the compute service stores the same heartbeats for `bambu hyper-switch list`).
 */
import { hostname } from 'node:os';
import type { AgentConfig } from '../config/agent.js';
import { BambuError, invalidArgument, notFound, toBambuError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import type { VifDataplane } from './dataplane/types.js';
import { diffVifs } from './reconcile.js';
import { AGENT_TOPIC, ComputeRpcClient, RPC_API_VERSION } from './rpc/calls.js';
import type { RpcEndpoint, RpcServer, RpcTransport } from './rpc/types.js';
import { HyperSwitchRegistry, parseHyperSwitchState, type HyperSwitchState } from './scheduler.js';
import { deviceNames, hyperVifSchema, parseInstanceId, parseVif, plugSpec, providerVifSchema, type PlugSpec } from './vif.js';

/** Result of one convergence run. */
export interface SyncReport {
  plugged: string[];
  unplugged: string[];
  /** Entries of the compute's list that were invalid or failed to plug, with the reason. */
  failed: { entry: string; error: string }[];
}

/** Dependencies of an agent. */
export interface HyperAgentDeps {
  config: AgentConfig;
  transport: RpcTransport;
  dataplane: VifDataplane;
  log: Logger;
  /** Seconds between sync retries while the compute service is unreachable (default 5). */
  syncRetrySecs?: number;
}

/** One Hyper Agent process. */
export class HyperAgent {
  private readonly cfg: AgentConfig;
  private readonly compute: ComputeRpcClient;
  readonly registry = new HyperSwitchRegistry();
  private server: RpcServer | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private reportTimer: NodeJS.Timeout | undefined;
  private syncTimer: NodeJS.Timeout | undefined;
  private syncedResolve!: () => void;
  /** Resolves after the first successful convergence. */
  readonly synced: Promise<void> = new Promise((r) => (this.syncedResolve = r));
  /** The last convergence outcome. */
  lastSync: SyncReport | undefined;

  constructor(private readonly deps: HyperAgentDeps) {
    this.cfg = deps.config;
    this.compute = new ComputeRpcClient(deps.transport, { timeoutSecs: deps.config.rpc_timeout_secs });
  }

  /** The RPC endpoint this agent serves (exposed for tests). */
  endpoint(): RpcEndpoint {
    return {
      version: RPC_API_VERSION,
      methods: {
        plug: (args) => this.serialize(() => this.onPlug(args)),
        unplug: (args) => this.serialize(() => this.onUnplug(args)),
        choose_hyper_switch: (args) => this.onChooseHyperSwitch(args),
        report_state: (args) => {
          this.registry.report(parseHyperSwitchState(args.state));
          return null;
        },
      },
    };
  }

  /**
   * Checks the data plane, starts serving, reports state (hyper-switch mode) and starts the
   * initial sync, retried until it succeeds.
   * @throws BambuError when the data plane is unusable or the RPC server cannot start
   */
  async start(): Promise<void> {
    await this.deps.dataplane.check();
    this.server = await this.deps.transport.serve(AGENT_TOPIC, this.cfg.id, this.endpoint());
    this.deps.log.info({ mode: this.cfg.mode, id: this.cfg.id, transport: this.deps.transport.kind, backend: this.deps.dataplane.kind }, 'hyper-agent: serving');
    if (this.cfg.mode === 'hyper-switch') {
      void this.reportState();
      this.reportTimer = setInterval(() => void this.reportState(), this.cfg.report_interval_secs * 1000);
    }
    void this.syncLoop();
  }

  private async syncLoop(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.sync();
      this.syncedResolve();
    } catch (err) {
      this.deps.log.warn({ err: (err as Error).message }, 'hyper-agent: sync failed, retrying');
      this.syncTimer = setTimeout(() => void this.syncLoop(), (this.deps.syncRetrySecs ?? 5) * 1000);
    }
  }

  /** Stops serving and reporting. Idempotent. Plugged VIFs stay (they belong to running VMs). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.reportTimer);
    clearTimeout(this.syncTimer);
    await this.server?.close();
    await this.chain.catch(() => undefined);
  }

  /** Runs `fn` after every earlier data-plane operation (single writer). */
  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async onPlug(args: Record<string, unknown>): Promise<null> {
    const instanceId = this.checkInstance(args.instance_id);
    const hyperVif = parseVif(hyperVifSchema, args.hyper_vif, 'hyper_vif');
    parseVif(providerVifSchema, args.provider_vif, 'provider_vif');
    const spec = plugSpec(instanceId, hyperVif, { defaultMtu: this.cfg.default_mtu, tunnelOverhead: this.cfg.tunnel_overhead });
    await this.ensureNotOtherInstance(spec.qvo, instanceId);
    await this.deps.dataplane.plug(spec);
    this.deps.log.info({ instance: instanceId, port: hyperVif.id }, 'hyper-agent: plug');
    return null;
  }

  private async onUnplug(args: Record<string, unknown>): Promise<null> {
    const instanceId = this.checkInstance(args.instance_id);
    const vif = args.hyper_vif;
    if (!vif || typeof vif !== 'object') throw invalidArgument('hyper_vif', 'missing or not a map');
    const id = (vif as Record<string, unknown>).id;
    const parsedId = hyperVifSchema.shape.id.safeParse(id);
    if (!parsedId.success) throw invalidArgument('hyper_vif.id', id === undefined ? 'missing required key' : parsedId.error.issues[0]!.message);
    const dev = deviceNames(parsedId.data);
    await this.ensureNotOtherInstance(dev.qvo, instanceId);
    await this.deps.dataplane.unplug(dev);
    this.deps.log.info({ instance: instanceId, port: parsedId.data }, 'hyper-agent: unplug');
    return null;
  }

  private onChooseHyperSwitch(args: Record<string, unknown>): HyperSwitchState {
    const az = args.availability_zone;
    if (az !== undefined && az !== null && typeof az !== 'string') throw invalidArgument('availability_zone', 'not a string');
    return this.registry.choose(this.cfg.agent_down_time_secs, az ?? undefined);
  }

  /** Validates instance_id; in vm mode it must be the agent's own instance. */
  private checkInstance(value: unknown): string {
    const id = parseInstanceId(value);
    if (this.cfg.mode === 'vm' && id !== this.cfg.id) throw notFound('instance', `${id} (this agent serves instance ${this.cfg.id})`);
    return id;
  }

  /** Refuses to touch devices another instance owns. */
  private async ensureNotOtherInstance(qvo: string, instanceId: string): Promise<void> {
    const cur = (await this.deps.dataplane.list()).find((p) => p.qvo === qvo);
    if (cur && cur.instanceId !== instanceId) {
      throw new BambuError('CONFLICT', `hyper_vif.id: ${qvo} is plugged for instance ${cur.instanceId}, not ${instanceId}`, 'hyper_vif.id');
    }
  }

  /**
   * Asks the compute service for this node's VIFs and converges: unplugs what is no longer listed,
   * plugs what is missing. Invalid entries are reported and skipped, never half-plugged.
   * @throws the RPC error when the compute service cannot be asked (nothing is changed then)
   */
  async sync(): Promise<SyncReport> {
    let raw: unknown;
    try {
      raw = this.cfg.mode === 'vm' ? await this.compute.getVifsForInstance(this.cfg.id) : await this.compute.getVifsForHyperSwitch(this.cfg.id);
    } catch (err) {
      if (toBambuError(err).code !== 'NOT_FOUND') throw err;
      raw = []; // the compute service does not know us: nothing should be plugged
    }
    if (!Array.isArray(raw)) throw new BambuError('INTERNAL', 'get_vifs_*: compute returned a non-list');
    return this.serialize(() => this.converge(raw as unknown[]));
  }

  private async converge(entries: unknown[]): Promise<SyncReport> {
    const report: SyncReport = { plugged: [], unplugged: [], failed: [] };
    const desired: PlugSpec[] = [];
    const keep = new Set<string>();
    entries.forEach((e, i) => {
      const entry = (e && typeof e === 'object' ? e : {}) as Record<string, unknown>;
      try {
        const instanceId = this.cfg.mode === 'vm' ? this.cfg.id : parseInstanceId(entry.instance_id, `[${i}].instance_id`);
        const hyperVif = parseVif(hyperVifSchema, entry.net_info, `[${i}].net_info`);
        parseVif(providerVifSchema, entry.provider_net_info, `[${i}].provider_net_info`);
        desired.push(plugSpec(instanceId, hyperVif, { defaultMtu: this.cfg.default_mtu, tunnelOverhead: this.cfg.tunnel_overhead }));
      } catch (err) {
        const id = (entry.net_info as Record<string, unknown> | undefined)?.id;
        if (typeof id === 'string' && id) keep.add(deviceNames(id).qvo);
        report.failed.push({ entry: `[${i}]`, error: (err as Error).message });
      }
    });
    const diff = diffVifs(desired, await this.deps.dataplane.list(), keep);
    for (const o of diff.toUnplug) {
      await this.deps.dataplane.unplug(o);
      report.unplugged.push(o.ifaceId);
    }
    for (const s of diff.toPlug) {
      try {
        await this.deps.dataplane.plug(s);
        report.plugged.push(s.portId);
      } catch (err) {
        report.failed.push({ entry: s.portId, error: (err as Error).message });
      }
    }
    this.lastSync = report;
    this.deps.log.info({ plugged: report.plugged.length, unplugged: report.unplugged.length, failed: report.failed }, 'hyper-agent: converged');
    return report;
  }

  /** Hyper-switch mode: this node's current state. */
  async state(): Promise<HyperSwitchState> {
    return {
      id: this.cfg.id,
      host: this.cfg.host ?? hostname(),
      ip: this.cfg.tunnel_ip ?? '',
      capacity: this.cfg.capacity,
      vif_count: (await this.deps.dataplane.list()).length,
      availability_zone: this.cfg.availability_zone,
    };
  }

  private async reportState(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.compute.reportState(await this.state());
    } catch (err) {
      this.deps.log.debug({ err: (err as Error).message }, 'hyper-agent: report_state not delivered');
    }
  }
}
