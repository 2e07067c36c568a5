/**
 * `bambu hyper-agent`: runs the Hyper Agent in the foreground until SIGTERM/SIGINT.
 *   bambu hyper-agent --mode vm --instance-id ID [--transport-url URL] [--bridge br-int] [--backend ovs]
 *   bambu hyper-agent --mode hyper-switch --hyper-switch-id ID [--capacity N] [--availability-zone AZ]
 */
import { Option, type Command } from 'commander';
import { agentConfigSchema, type AgentConfig } from '../../config/agent.js';
import { BambuError } from '../../lib/errors.js';
import type { Logger } from '../../lib/log.js';
import { HyperAgent } from '../../agent/hyper-agent.js';
import { openTransport } from '../../agent/rpc/index.js';
import { OvsDataplane } from '../../agent/dataplane/ovs.js';
import { LinuxBridgeDataplane } from '../../agent/dataplane/linux-bridge.js';
import { OvsVsctl } from '../../agent/ovs/vsctl.js';
import type { VifDataplane } from '../../agent/dataplane/types.js';
import { addRpcOptions, loggerFor, num, parseWith, RPC_KEYS, stopOnSignals, toConfigInput } from './options.js';
import { fail } from '../output.js';

const AGENT_KEYS = {
  ...RPC_KEYS,
  mode: 'mode',
  bridge: 'bridge',
  backend: 'backend',
  ovsdb: 'ovsdb',
  defaultMtu: 'default_mtu',
  tunnelOverhead: 'tunnel_overhead',
  reportInterval: 'report_interval_secs',
  agentDownTime: 'agent_down_time_secs',
  host: 'host',
  tunnelIp: 'tunnel_ip',
  capacity: 'capacity',
  availabilityZone: 'availability_zone',
} as const;

/** Builds the agent config from parsed options. @throws BambuError INVALID_ARGUMENT */
export function agentConfigFromOptions(opts: Record<string, unknown>): AgentConfig {
  const input = toConfigInput(opts, AGENT_KEYS);
  const id = opts.mode === 'vm' ? opts.instanceId : opts.hyperSwitchId;
  if (opts.mode === 'vm' && !opts.instanceId) throw new BambuError('INVALID_ARGUMENT', '--instance-id: required with --mode vm');
  if (opts.mode === 'hyper-switch' && !opts.hyperSwitchId) throw new BambuError('INVALID_ARGUMENT', '--hyper-switch-id: required with --mode hyper-switch');
  return parseWith(agentConfigSchema, { ...input, id });
}

/** The data plane the config selects. */
export function dataplaneFor(cfg: AgentConfig, log: Logger): VifDataplane {
  return cfg.backend === 'ovs' ? new OvsDataplane(new OvsVsctl(cfg.ovsdb), cfg.bridge, log) : new LinuxBridgeDataplane(cfg.bridge, log);
}

/** Registers `bambu hyper-agent`. */
export function registerHyperAgentCommand(program: Command): void {
  const cmd = program.command('hyper-agent').description('run the Hyper Agent (serves plug/unplug/choose_hyper_switch, converges VIFs at start)');
  cmd
    .addOption(new Option('--mode <mode>', 'vm (one instance) or hyper-switch (many)').choices(['vm', 'hyper-switch']).makeOptionMandatory().env('BAMBU_AGENT_MODE'))
    .addOption(new Option('--instance-id <id>', 'vm mode: this VM instance id').env('BAMBU_INSTANCE_ID'))
    .addOption(new Option('--hyper-switch-id <id>', 'hyper-switch mode: this node id').env('BAMBU_HYPER_SWITCH_ID'))
    .addOption(new Option('--bridge <name>', 'integration bridge').env('BAMBU_BRIDGE'))
    .addOption(new Option('--backend <kind>', 'ovs or linux-bridge').choices(['ovs', 'linux-bridge']).env('BAMBU_BACKEND'))
    .addOption(new Option('--ovsdb <target>', 'ovs-vsctl --db target, e.g. unix:/run/openvswitch/db.sock').env('BAMBU_OVSDB'))
    .addOption(new Option('--default-mtu <octets>', 'MTU when a network has no meta.mtu').argParser(num('--default-mtu')))
    .addOption(new Option('--tunnel-overhead <octets>', 'subtracted from the network MTU (default 50)').argParser(num('--tunnel-overhead')))
    .addOption(new Option('--report-interval <secs>', 'hyper-switch heartbeat period').argParser(num('--report-interval')))
    .addOption(new Option('--agent-down-time <secs>', 'heartbeat age after which a Hyper Switch is dead').argParser(num('--agent-down-time')))
    .addOption(new Option('--host <name>', 'hyper-switch: host name reported'))
    .addOption(new Option('--tunnel-ip <ip>', 'hyper-switch: tunnel IP reported'))
    .addOption(new Option('--capacity <n>', 'hyper-switch: most VIFs this node takes').argParser(num('--capacity')))
    .addOption(new Option('--availability-zone <az>', 'hyper-switch: availability zone reported'));
  addRpcOptions(cmd).action(async (opts: Record<string, unknown>) => {
    let cfg: AgentConfig;
    try {
      cfg = agentConfigFromOptions(opts);
    } catch (err) {
      fail((err as Error).message);
    }
    const log = loggerFor(opts);
    // a daemon waits for its broker (about a minute of back-off) instead of giving up at once
    const transport = await openTransport({ url: cfg.transport_url, exchange: cfg.control_exchange, timeoutSecs: cfg.rpc_timeout_secs, log, initialRetries: 12 });
    const agent = new HyperAgent({ config: cfg, transport, dataplane: dataplaneFor(cfg, log), log });
    try {
      await agent.start();
    } catch (err) {
      await transport.close();
      fail((err as Error).message);
    }
    stopOnSignals(async () => {
      await agent.stop();
      await transport.close();
    }, log);
  });
}
