/**
 * Configuration of the Hyper Agent (`bambu hyper-agent`) and of the compute-side service
 * (`bambu compute serve`, `bambu vif …`, `bambu hyper-switch list`), ../shared/spec/hyper-agent.md.
 * Owned by the agent subsystem. Values come from CLI options and environment variables
 * (BAMBU_TRANSPORT_URL, BAMBU_COMPUTE_DATABASE_URL, …); the schemas give defaults and checks.
 */
import { z } from 'zod';

/** Default broker-less transport: a directory of Unix sockets on this host (src/agent/rpc/unix.ts). */
export const DEFAULT_TRANSPORT_URL = 'unix:/run/bambu/rpc';

/** Keys shared by the agent and the compute service: how to reach the RPC bus. */
export const rpcConfigShape = {
  /** `rabbit://user:pass@host:port/vhost` (oslo.messaging RabbitMQ driver) or `unix:DIR` (broker-less). */
  transport_url: z.string().min(1).default(DEFAULT_TRANSPORT_URL),
  /** oslo.messaging `control_exchange`: the topic exchange every call goes through. */
  control_exchange: z.string().min(1).default('hyperagent'),
  /** How long a call waits for its reply, seconds (oslo `rpc_response_timeout`). */
  rpc_timeout_secs: z.number().positive().default(60),
};

/** `bambu hyper-agent` settings. */
export const agentConfigSchema = z
  .object({
    ...rpcConfigShape,
    /** `vm`: serves one instance on a client VM; `hyper-switch`: serves every VM of a Hyper Switch node. */
    mode: z.enum(['vm', 'hyper-switch']),
    /** Instance id (vm mode) or Hyper Switch id (hyper-switch mode): the agent's RPC server name. */
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'letters, digits, "_", ".", ":", "-" (max 128)'),
    /** Integration bridge the `qvo…` ends join (Open vSwitch bridge, or Linux bridge in linux-bridge mode). */
    bridge: z.string().min(1).max(15).default('br-int'),
    backend: z.enum(['ovs', 'linux-bridge']).default('ovs'),
    /** ovs-vsctl `--db` target, e.g. `unix:/run/openvswitch/db.sock`; empty = ovs-vsctl's default. */
    ovsdb: z.string().default(''),
    /** MTU used when a network carries no `meta.mtu`, octets. */
    default_mtu: z.number().int().min(576).max(65535).default(1500),
    /** Octets subtracted from the network MTU for the tunnel (VXLAN over IPv4: 14+20+8+8 = 50). */
    tunnel_overhead: z.number().int().min(0).max(1000).default(50),
    /** Hyper-switch mode: seconds between state reports (heartbeats). */
    report_interval_secs: z.number().positive().default(10),
    /** Seconds without a heartbeat after which a Hyper Switch counts as dead (Neutron `agent_down_time`). */
    agent_down_time_secs: z.number().positive().default(30),
    /** Hyper-switch mode: what the node reports about itself. */
    host: z.string().min(1).optional(),
    tunnel_ip: z.string().optional(),
    capacity: z.number().int().min(1).default(100),
    availability_zone: z.string().min(1).default('nova'),
  })
  .strict();

export type AgentConfig = z.infer<typeof agentConfigSchema>;

/** `bambu compute serve` / `bambu vif …` / `bambu hyper-switch list` settings. */
export const computeConfigSchema = z
  .object({
    ...rpcConfigShape,
    /** `sqlite:PATH` (default) or `postgres://…` (src/lib/db.ts). */
    database_url: z.string().min(1).default('sqlite:/var/lib/bambu/compute.db'),
    /** RPC server name of this compute service on topic `hyper-agent-callback`. */
    host: z.string().min(1).optional(),
    /** Seconds without a heartbeat after which a Hyper Switch counts as dead. */
    agent_down_time_secs: z.number().positive().default(30),
  })
  .strict();

export type ComputeConfig = z.infer<typeof computeConfigSchema>;
