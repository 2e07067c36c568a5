/**
 * Hyper Agent subsystem (../shared/spec/hyper-agent.md, seed 001):
 *   rpc/        the five calls over oslo.messaging-compatible RabbitMQ or broker-less Unix sockets
 *   vif.ts      VIF maps, device names, MTU;  scheduler.ts  choose_hyper_switch
 *   reconcile.ts convergence diff;  dataplane/  ovs | linux-bridge | fake;  ovs/  ovs-vsctl client
 *   hyper-agent.ts the agent;  compute/  the compute-side service and its store
 */
export { HyperAgent, type SyncReport } from './hyper-agent.js';
export { ComputeService, ComputeStore } from './compute/index.js';
export { openTransport } from './rpc/index.js';
export type { RpcTransport } from './rpc/index.js';
export { chooseHyperSwitch, HyperSwitchRegistry, type HyperSwitchState } from './scheduler.js';
export { OvsDataplane } from './dataplane/ovs.js';
export { LinuxBridgeDataplane } from './dataplane/linux-bridge.js';
export { FakeDataplane } from './dataplane/fake.js';
export type { VifDataplane, PluggedVif } from './dataplane/types.js';
export { OvsVsctl } from './ovs/vsctl.js';
