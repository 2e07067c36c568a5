/**
 * Options shared by the agent-side commands, mapped onto src/config/agent.ts keys
 * (`--transport-url` → transport_url …); each also reads an environment variable.
 */
import { Option, type Command } from 'commander';
import type { z } from 'zod';
import { BambuError } from '../../lib/errors.js';
import { createLogger, type Logger } from '../../lib/log.js';

/** Parses a number option, naming it on error. */
export function num(name: string): (v: string) => number {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new BambuError('INVALID_ARGUMENT', `${name}: not a number: ${v}`);
    return n;
  };
}

/** Adds --transport-url, --control-exchange, --rpc-timeout, --log-level. */
export function addRpcOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--transport-url <url>', 'rabbit://user:pass@host:port/vhost or unix:/DIR (broker-less)').env('BAMBU_TRANSPORT_URL'))
    .addOption(new Option('--control-exchange <name>', 'oslo.messaging control exchange').env('BAMBU_CONTROL_EXCHANGE'))
    .addOption(new Option('--rpc-timeout <secs>', 'seconds a call waits for its reply').argParser(num('--rpc-timeout')))
    .addOption(new Option('--log-level <level>', 'trace|debug|info|warn|error|silent').env('BAMBU_LOG_LEVEL').default('info'));
}

/** Adds --database-url, --host, --agent-down-time (compute side). */
export function addComputeOptions(cmd: Command): Command {
  return addRpcOptions(cmd)
    .addOption(new Option('--database-url <url>', 'sqlite:PATH or postgres://… (compute store)').env('BAMBU_COMPUTE_DATABASE_URL'))
    .addOption(new Option('--host <name>', 'RPC server name of the compute service on hyper-agent-callback').env('BAMBU_COMPUTE_HOST'))
    .addOption(new Option('--agent-down-time <secs>', 'heartbeat age after which a Hyper Switch is dead').argParser(num('--agent-down-time')));
}

/** Commander's camelCase option object → config keys (snake_case), dropping undefined. */
export function toConfigInput(opts: Record<string, unknown>, keys: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [opt, key] of Object.entries(keys)) if (opts[opt] !== undefined) out[key] = opts[opt];
  return out;
}

/** Option → config key of the shared RPC/compute options. */
export const RPC_KEYS = { transportUrl: 'transport_url', controlExchange: 'control_exchange', rpcTimeout: 'rpc_timeout_secs' } as const;
export const COMPUTE_KEYS = { ...RPC_KEYS, databaseUrl: 'database_url', host: 'host', agentDownTime: 'agent_down_time_secs' } as const;

/**
 * Validates option values with a config schema.
 * @throws BambuError INVALID_ARGUMENT naming the config key
 */
export function parseWith<S extends z.ZodType>(schema: S, input: Record<string, unknown>): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new BambuError('INVALID_ARGUMENT', `${i.path.join('.') || 'options'}: ${i.message}`);
  }
  return r.data;
}

/** The process logger at the option's level. */
export function loggerFor(opts: Record<string, unknown>): Logger {
  return createLogger(String(opts.logLevel ?? 'info'));
}

/** Runs `stop` on SIGTERM/SIGINT, then exits 0. */
export function stopOnSignals(stop: () => Promise<void>, log: Logger): void {
  let stopping = false;
  const handler = (sig: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal: sig }, 'stopping');
    stop()
      .catch((err: Error) => log.error({ err: err.message }, 'stop failed'))
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => handler('SIGTERM'));
  process.on('SIGINT', () => handler('SIGINT'));
}
