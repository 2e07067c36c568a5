/**
 * Compute-side commands:
 *   bambu compute serve                       serve get_vifs_for_* / report_state (foreground)
 *   bambu vif plug <instance> --hyper-vif F --provider-vif F [--hyper-switch ID|auto]
 *   bambu vif unplug <instance> --hyper-vif F
 *   bambu hyper-switch list [--json]
 * `vif` and `hyper-switch` open the compute database and the RPC transport themselves (no daemon
 * needed), like nova-manage; they share the database with `compute serve`.
 */
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { computeConfigSchema, type ComputeConfig } from '../../config/agent.js';
import { BambuError } from '../../lib/errors.js';
import { silentLogger, type Logger } from '../../lib/log.js';
import { ComputeService } from '../../agent/compute/service.js';
import { ComputeStore } from '../../agent/compute/store.js';
import { openTransport } from '../../agent/rpc/index.js';
import type { RpcTransport } from '../../agent/rpc/types.js';
import { fail, printObject, printRows } from '../output.js';
import { addComputeOptions, COMPUTE_KEYS, loggerFor, parseWith, stopOnSignals, toConfigInput } from './options.js';

/** Reads a VIF map from a JSON file. @throws BambuError INVALID_ARGUMENT naming the option */
export function readJsonFile(path: string, option: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new BambuError('INVALID_ARGUMENT', `${option}: cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new BambuError('INVALID_ARGUMENT', `${option}: ${path} is not JSON: ${(err as Error).message}`);
  }
}

/** Opens store (+ transport when `rpc`), runs `fn`, closes both; errors end the process with a message. */
async function withService<T>(opts: Record<string, unknown>, rpc: boolean, fn: (svc: ComputeService, cfg: ComputeConfig) => Promise<T>, log: Logger = silentLogger): Promise<T | undefined> {
  let store: ComputeStore | undefined;
  let transport: RpcTransport | undefined;
  try {
    const cfg = parseWith(computeConfigSchema, toConfigInput(opts, COMPUTE_KEYS));
    store = await ComputeStore.open(cfg.database_url);
    transport = rpc ? await openTransport({ url: cfg.transport_url, exchange: cfg.control_exchange, timeoutSecs: cfg.rpc_timeout_secs, log }) : new NoTransport();
    return await fn(new ComputeService({ config: cfg, store, transport, log }), cfg);
  } catch (err) {
    fail((err as Error).message);
  } finally {
    await transport?.close().catch(() => undefined);
    await store?.close().catch(() => undefined);
  }
}

/** Placeholder transport for commands that need only the database. */
class NoTransport implements RpcTransport {
  readonly kind = 'none';
  async serve(): Promise<never> {
    throw new BambuError('INTERNAL', 'no transport');
  }
  async call(): Promise<never> {
    throw new BambuError('INTERNAL', 'no transport');
  }
  async cast(): Promise<void> {}
  async close(): Promise<void> {}
}

/** Registers `compute serve`, `vif plug|unplug`, `hyper-switch list`. */
export function registerComputeCommands(program: Command): void {
  const compute = program.command('compute').description('compute-side service of the Hyper Agent (the cloud\'s Nova compute side)');
  addComputeOptions(compute.command('serve').description('serve get_vifs_for_instance / get_vifs_for_hyper_switch / report_state')).action(async (opts: Record<string, unknown>) => {
    const log = loggerFor(opts);
    let store: ComputeStore | undefined;
    let transport: RpcTransport | undefined;
    try {
      const cfg = parseWith(computeConfigSchema, toConfigInput(opts, COMPUTE_KEYS));
      store = await ComputeStore.open(cfg.database_url);
      transport = await openTransport({ url: cfg.transport_url, exchange: cfg.control_exchange, timeoutSecs: cfg.rpc_timeout_secs, log, initialRetries: 12 });
      const svc = new ComputeService({ config: cfg, store, transport, log });
      await svc.serve();
      const [s, t] = [store, transport];
      stopOnSignals(async () => {
        await svc.close();
        await t.close();
        await s.close();
      }, log);
    } catch (err) {
      await transport?.close().catch(() => undefined);
      await store?.close().catch(() => undefined);
      fail((err as Error).message);
    }
  });

  const vif = program.command('vif').description('register and plug / unplug VIF pairs of an instance');
  addComputeOptions(
    vif
      .command('plug <instance>')
      .description('store a VIF pair and plug it through the instance\'s agent')
      .requiredOption('--hyper-vif <file>', 'JSON file with the hyper VIF map')
      .requiredOption('--provider-vif <file>', 'JSON file with the provider VIF map')
      .option('--hyper-switch <id>', 'place the instance on this Hyper Switch ("auto": choose_hyper_switch)')
      .option('--json', 'JSON output'),
  ).action(async (instance: string, opts: Record<string, unknown>) => {
    await withService(opts, true, async (svc) => {
      const hyper = readJsonFile(String(opts.hyperVif), '--hyper-vif');
      const provider = readJsonFile(String(opts.providerVif), '--provider-vif');
      const out = await svc.plugVif(instance, hyper, provider, opts.hyperSwitch as string | undefined);
      printObject({ ...out }, Boolean(opts.json));
    }, loggerFor({ logLevel: opts.logLevel === 'info' ? 'warn' : opts.logLevel }));
  });
  addComputeOptions(
    vif
      .command('unplug <instance>')
      .description('unplug a VIF through the instance\'s agent and forget it')
      .requiredOption('--hyper-vif <file>', 'JSON file with the hyper VIF map (at least its id)')
      .option('--json', 'JSON output'),
  ).action(async (instance: string, opts: Record<string, unknown>) => {
    await withService(opts, true, async (svc) => {
      const out = await svc.unplugVif(instance, readJsonFile(String(opts.hyperVif), '--hyper-vif'));
      printObject({ ...out }, Boolean(opts.json));
    }, loggerFor({ logLevel: opts.logLevel === 'info' ? 'warn' : opts.logLevel }));
  });

  const hs = program.command('hyper-switch').description('Hyper Switch nodes known to the compute service');
  addComputeOptions(hs.command('list').description('list Hyper Switches with capacity, load and liveness').addOption(new Option('--json', 'JSON output'))).action(
    async (opts: Record<string, unknown>) => {
      await withService(opts, false, async (svc) => {
        const rows = await svc.listHyperSwitches();
        printRows(rows as unknown as Record<string, unknown>[], ['id', 'host', 'ip', 'availability_zone', 'vif_count', 'capacity', 'alive', 'heartbeat_age_secs'], Boolean(opts.json));
      });
    },
  );
}
