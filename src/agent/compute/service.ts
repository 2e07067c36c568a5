/**
 * The compute-side service (the cloud's "Nova compute" half of ../shared/spec/hyper-agent.md):
 * serves get_vifs_for_instance / get_vifs_for_hyper_switch / report_state on topic
 * `hyper-agent-callback`, stores instances, VIF pairs and Hyper Switch heartbeats, and drives agents
 * with plug / unplug / choose_hyper_switch.
 *
 * Which agent serves an instance: the instance's Hyper Switch when it has one (agent-less solution,
 * server = hyper switch id), else the agent on the VM itself (server = instance id).
 */
import { hostname } from 'node:os';
import type { ComputeConfig } from '../../config/agent.js';
import { BambuError, invalidArgument, notFound } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import { AgentRpcClient, COMPUTE_TOPIC, RPC_API_VERSION } from '../rpc/calls.js';
import type { RpcEndpoint, RpcServer, RpcTransport } from '../rpc/types.js';
import { isAlive, parseHyperSwitchState, type HyperSwitchState } from '../scheduler.js';
import { hyperVifSchema, parseInstanceId, parseVif, providerVifSchema } from '../vif.js';
import type { ComputeStore } from './store.js';

/** A Hyper Switch as `bambu hyper-switch list` shows it. */
export interface HyperSwitchView extends HyperSwitchState {
  alive: boolean;
  /** Seconds since the last heartbeat. */
  heartbeat_age_secs: number;
}

/** Where a plugged VIF went. */
export interface PlugOutcome {
  instance_id: string;
  port_id: string;
  /** RPC server that plugged it: the instance id or the Hyper Switch id. */
  agent: string;
  hyper_switch_id: string | null;
}

/** Dependencies of the compute service. */
export interface ComputeServiceDeps {
  config: ComputeConfig;
  store: ComputeStore;
  transport: RpcTransport;
  log: Logger;
  now?: () => number;
}

/** The compute-side service. */
export class ComputeService {
  private readonly agents: AgentRpcClient;
  private readonly now: () => number;
  private server: RpcServer | undefined;

  constructor(private readonly deps: ComputeServiceDeps) {
    this.agents = new AgentRpcClient(deps.transport, { timeoutSecs: deps.config.rpc_timeout_secs });
    this.now = deps.now ?? (() => Date.now() / 1000);
  }

  /** RPC server name on `hyper-agent-callback`. */
  get host(): string {
    return this.deps.config.host ?? hostname();
  }

  /** The endpoint agents call. */
  endpoint(): RpcEndpoint {
    return {
      version: RPC_API_VERSION,
      methods: {
        get_vifs_for_instance: (args) => this.getVifsForInstance(parseInstanceId(args.instance_id)),
        get_vifs_for_hyper_switch: (args) => this.getVifsForHyperSwitch(parseInstanceId(args.hyper_switch_id, 'hyper_switch_id')),
        report_state: async (args) => {
          await this.deps.store.reportHyperSwitch(parseHyperSwitchState(args.state), this.now());
          return null;
        },
      },
    };
  }

  /** Starts serving `hyper-agent-callback` as server `host`. */
  async serve(): Promise<void> {
    this.server = await this.deps.transport.serve(COMPUTE_TOPIC, this.host, this.endpoint());
    this.deps.log.info({ host: this.host, transport: this.deps.transport.kind }, 'compute: serving');
  }

  /** Stops serving. Idempotent. */
  async close(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }

  /**
   * get_vifs_for_instance.
   * @returns [{net_info, provider_net_info}] in plug order
   * @throws BambuError NOT_FOUND for an unknown instance
   */
  async getVifsForInstance(instanceId: string): Promise<{ net_info: unknown; provider_net_info: unknown }[]> {
    if (!(await this.deps.store.getInstance(instanceId))) throw notFound('instance', instanceId);
    return (await this.deps.store.vifsOfInstance(instanceId)).map((v) => ({ net_info: v.hyperVif, provider_net_info: v.providerVif }));
  }

  /** get_vifs_for_hyper_switch: every VIF of every instance placed on the node. */
  async getVifsForHyperSwitch(hyperSwitchId: string): Promise<{ instance_id: string; net_info: unknown; provider_net_info: unknown }[]> {
    return (await this.deps.store.vifsOfHyperSwitch(hyperSwitchId)).map((v) => ({ instance_id: v.instanceId, net_info: v.hyperVif, provider_net_info: v.providerVif }));
  }

  /**
   * Registers a VIF pair and plugs it through the instance's agent. The record is only kept if the
   * agent's plug succeeded (nothing half-done on error).
   * @param hyperSwitch place the instance on this Hyper Switch; "auto" = ask choose_hyper_switch;
   *                    undefined = keep the instance's current placement (default: its own agent)
   * @throws BambuError INVALID_ARGUMENT for bad input, CONFLICT for a port or placement clash,
   *         and the agent's error (RpcRemoteError / RpcTimeoutError) when plug failed
   */
  async plugVif(instanceIdIn: unknown, hyperVifIn: unknown, providerVifIn: unknown, hyperSwitch?: string): Promise<PlugOutcome> {
    const instanceId = parseInstanceId(instanceIdIn);
    const hyperVif = parseVif(hyperVifSchema, hyperVifIn, 'hyper_vif');
    const providerVif = parseVif(providerVifSchema, providerVifIn, 'provider_vif');
    const store = this.deps.store;
    const prior = await store.getVif(hyperVif.id);
    if (prior && prior.instanceId !== instanceId) throw new BambuError('CONFLICT', `hyper_vif.id: port ${hyperVif.id} belongs to instance ${prior.instanceId}`, 'hyper_vif.id');
    const instance = await store.getInstance(instanceId);
    let placement = instance?.hyperSwitchId ?? null;
    if (hyperSwitch !== undefined) {
      const wanted = hyperSwitch === 'auto' ? (placement ?? (await this.agents.chooseHyperSwitch()).id) : parseInstanceId(hyperSwitch, 'hyper_switch');
      if (placement && placement !== wanted) throw new BambuError('CONFLICT', `hyper_switch: instance ${instanceId} is on Hyper Switch ${placement}, not ${wanted}`, 'hyper_switch');
      placement = wanted;
    }
    const agent = placement ?? instanceId;
    await store.upsertInstance(instanceId, placement);
    await store.putVif({ instanceId, portId: hyperVif.id, hyperVif, providerVif });
    try {
      await this.agents.plug(agent, instanceId, hyperVif, providerVif);
    } catch (err) {
      // Roll back: restore the prior record or drop the new one (and a just-created instance).
      if (prior) await store.putVif(prior);
      else await store.deleteVif(hyperVif.id);
      if (!instance) await store.db.deleteFrom('instances').where('id', '=', instanceId).execute();
      else if (instance.hyperSwitchId !== placement) await store.upsertInstance(instanceId, instance.hyperSwitchId);
      throw err;
    }
    this.deps.log.info({ instance: instanceId, port: hyperVif.id, agent }, 'compute: plugged');
    return { instance_id: instanceId, port_id: hyperVif.id, agent, hyper_switch_id: placement };
  }

  /**
   * Unplugs a VIF through the instance's agent, then forgets it.
   * @param hyperVifIn at least `{id}`
   * @throws BambuError NOT_FOUND for an unknown instance or port; the agent's error (record kept)
   */
  async unplugVif(instanceIdIn: unknown, hyperVifIn: unknown): Promise<{ instance_id: string; port_id: string; agent: string }> {
    const instanceId = parseInstanceId(instanceIdIn);
    if (!hyperVifIn || typeof hyperVifIn !== 'object') throw invalidArgument('hyper_vif', 'missing or not a map');
    const portId = (hyperVifIn as Record<string, unknown>).id;
    if (typeof portId !== 'string' || !portId) throw invalidArgument('hyper_vif.id', 'missing required key');
    const instance = await this.deps.store.getInstance(instanceId);
    if (!instance) throw notFound('instance', instanceId);
    const stored = await this.deps.store.getVif(portId);
    if (!stored || stored.instanceId !== instanceId) throw notFound('port', `${portId} of instance ${instanceId}`);
    const agent = instance.hyperSwitchId ?? instanceId;
    await this.agents.unplug(agent, instanceId, stored.hyperVif);
    await this.deps.store.deleteVif(portId);
    this.deps.log.info({ instance: instanceId, port: portId, agent }, 'compute: unplugged');
    return { instance_id: instanceId, port_id: portId, agent };
  }

  /** Asks the agents which Hyper Switch a new VM should go to (choose_hyper_switch). */
  async chooseHyperSwitch(availabilityZone?: string): Promise<HyperSwitchState> {
    return this.agents.chooseHyperSwitch(availabilityZone);
  }

  /** Known Hyper Switches with liveness (heartbeat within agent_down_time_secs). */
  async listHyperSwitches(): Promise<HyperSwitchView[]> {
    const now = this.now();
    return (await this.deps.store.hyperSwitches()).map((r) => ({
      ...r.state,
      alive: isAlive(r, now, this.deps.config.agent_down_time_secs),
      heartbeat_age_secs: Math.max(0, Math.round(now - r.heartbeatAt)),
    }));
  }
}
