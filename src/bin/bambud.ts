#!/usr/bin/env node
/**
 * `bambud` daemon entry point: parse argv, load config, start the subsystems, stop them on
 * SIGINT/SIGTERM. No logic here: the BGP speaker lives in src/bgp/, the border gateway in src/bgw/.
 */
import { Command } from 'commander';
import { loadConfig, parseConfig, type Config } from '../config/index.js';
import { createLogger } from '../lib/log.js';
import { toBambuError } from '../lib/errors.js';
import type { Service } from '../lib/service.js';
import { startBgp } from '../bgp/index.js';

const program = new Command('bambud')
  .description('Bambu daemon: BGP speaker (gRPC bgp.BgpService) and, with an `l2gw:` section, the L2 border gateway REST API')
  .option('-c, --config <file>', 'YAML config file (see README "Configuration"); without it, built-in loopback defaults')
  .option('--log-level <level>', 'override log_level (trace, debug, info, warn, error)')
  .option('--check', 'validate the config file and exit')
  .addHelpText(
    'after',
    '\nExit status: 0 after SIGINT/SIGTERM, 1 when start-up fails (e.g. a listen address cannot be bound), 2 for a bad config.\n' +
      '\nExamples:\n  bambud --config examples/bambud.yaml\n  bambud --config /etc/bambu/bambud.yaml --check\n  bambu info            # ask the running daemon over gRPC\n',
  )
  .parse(process.argv);

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

const opts = program.opts<{ config?: string; logLevel?: string; check?: boolean }>();

async function main(): Promise<void> {
  let config: Config;
  try {
    config = opts.config ? loadConfig(opts.config) : parseConfig('', 'defaults');
  } catch (err) {
    process.stderr.write(`bambud: ${toBambuError(err).message}\n`);
    process.exit(2);
  }
  if (opts.check) {
    process.stdout.write(`bambud: ${opts.config ?? 'defaults'}: OK\n`);
    return;
  }
  const level = opts.logLevel ?? config.log_level;
  if (!LOG_LEVELS.includes(level)) {
    process.stderr.write(`bambud: --log-level: "${level}" is not one of ${LOG_LEVELS.join(', ')}\n`);
    process.exit(2);
  }
  const log = createLogger(level);
  const services: Service[] = [];
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    for (const s of [...services].reverse()) await s.close().catch((err: unknown) => log.error({ err }, 'close failed'));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    const bgp = await startBgp(config, log.child({ subsystem: 'bgp' }));
    services.push(bgp);
    if (config.l2gw) {
      // Loaded only when configured: a BGP-only daemon does not depend on the gateway's modules.
      // Driver evpn runs its control plane over this process's BGP speaker (L2VPN EVPN family).
      const { startBgw } = await import('../bgw/index.js');
      const evpn = config.l2gw.driver === 'evpn' ? { evpn: bgp.evpnSpeaker() } : {};
      if (config.l2gw.driver === 'evpn' && !config.peers.some((p) => p.address_families?.includes('l2vpn-evpn'))) {
        log.warn('l2gw.driver evpn: no peer has address_families [l2vpn-evpn]; no MAC will be learned or advertised until one is added');
      }
      services.push(await startBgw(config.l2gw, { log: log.child({ subsystem: 'l2gw' }), config, ...evpn }));
    }
  } catch (err) {
    log.fatal({ err }, 'start-up failed');
    process.stderr.write(`bambud: start-up failed: ${toBambuError(err).message}\n`);
    for (const s of [...services].reverse()) await s.close().catch(() => undefined);
    process.exit(1);
  }
  log.info('bambud ready');
}

void main();
