/**
 * The Hyper Agent RPC API (../shared/spec/hyper-agent.md "Calls"): topic names, method names and
 * thin typed clients for both directions. Version 1.0; every method takes keyword arguments.
 *
 *   topic `hyper-agent-update`, server = instance id | hyper switch id   (the agent serves)
 *     plug(instance_id, hyper_vif, provider_vif) → null
 *     unplug(instance_id, hyper_vif) → null
 *     choose_hyper_switch(availability_zone?) → HyperSwitchState        (any server of the topic)
 *     report_state(state)  fanout cast: Hyper Switch heartbeats, fills each agent's registry
 *   topic `hyper-agent-callback`, server = compute host                  (the compute service serves)
 *     get_vifs_for_instance(instance_id) → [{net_info, provider_net_info}]
 *     get_vifs_for_hyper_switch(hyper_switch_id) → [{instance_id, net_info, provider_net_info}]
 *     report_state(state)  cast: the same heartbeat, stored in the compute database
 * `report_state` is Bambu's addition (Neutron agents report state the same way).
 */
import type { HyperSwitchState } from '../scheduler.js';
import type { HyperVif, ProviderVif, VifEntry } from '../vif.js';
import type { CallOptions, RpcTransport } from './types.js';

/** Topic the agents serve. */
export const AGENT_TOPIC = 'hyper-agent-update';
/** Topic the compute service serves. */
export const COMPUTE_TOPIC = 'hyper-agent-callback';
/** RPC API version of both endpoints. */
export const RPC_API_VERSION = '1.0';

/** Calls the compute service makes on agents. */
export class AgentRpcClient {
  constructor(
    private readonly transport: RpcTransport,
    private readonly opts: CallOptions = {},
  ) {}

  /** plug on the agent named `server` (instance id or hyper switch id). */
  async plug(server: string, instanceId: string, hyperVif: HyperVif, providerVif: ProviderVif): Promise<void> {
    await this.transport.call({ topic: AGENT_TOPIC, server }, 'plug', { instance_id: instanceId, hyper_vif: hyperVif, provider_vif: providerVif }, this.opts);
  }

  /** unplug on the agent named `server`. */
  async unplug(server: string, instanceId: string, hyperVif: HyperVif): Promise<void> {
    await this.transport.call({ topic: AGENT_TOPIC, server }, 'unplug', { instance_id: instanceId, hyper_vif: hyperVif }, this.opts);
  }

  /** choose_hyper_switch on any agent of the topic. @returns the chosen node */
  async chooseHyperSwitch(availabilityZone?: string): Promise<HyperSwitchState> {
    const args = availabilityZone ? { availability_zone: availabilityZone } : {};
    return (await this.transport.call({ topic: AGENT_TOPIC }, 'choose_hyper_switch', args, this.opts)) as HyperSwitchState;
  }
}

/** Calls an agent makes on the compute service. */
export class ComputeRpcClient {
  constructor(
    private readonly transport: RpcTransport,
    private readonly opts: CallOptions = {},
  ) {}

  /** VIFs of one instance (agent in vm mode, at start). */
  async getVifsForInstance(instanceId: string): Promise<unknown> {
    return this.transport.call({ topic: COMPUTE_TOPIC }, 'get_vifs_for_instance', { instance_id: instanceId }, this.opts);
  }

  /** VIFs of every instance of a Hyper Switch (agent in hyper-switch mode, at start). */
  async getVifsForHyperSwitch(hyperSwitchId: string): Promise<unknown> {
    return this.transport.call({ topic: COMPUTE_TOPIC }, 'get_vifs_for_hyper_switch', { hyper_switch_id: hyperSwitchId }, this.opts);
  }

  /** Heartbeat of a Hyper Switch: cast to the compute service and fanout to every agent. */
  async reportState(state: HyperSwitchState): Promise<void> {
    await Promise.all([
      this.transport.cast({ topic: COMPUTE_TOPIC }, 'report_state', { state }, this.opts),
      this.transport.cast({ topic: AGENT_TOPIC, fanout: true }, 'report_state', { state }, this.opts),
    ]);
  }
}

export type { VifEntry };
