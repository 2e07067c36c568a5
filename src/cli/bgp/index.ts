/**
 * `bambu` BGP commands over the gRPC API bgp.BgpService (like bgpgg's `gg`): `peer …`, `route …`,
 * `bmp …`, `defined-set …`, `policy …`, `info`. Every command takes --grpc ADDR (or the root option, env BAMBU_GRPC, default
 * 127.0.0.1:50051) and --json; errors print the gRPC status message and exit 1.
 */
import type { Command } from 'commander';
import { DEFAULT_GRPC } from './client.js';
import { registerPeerCommands } from './peer.js';
import { registerRouteCommands } from './route.js';
import { registerInfoCommand } from './info.js';
import { registerBmpCommands } from './bmp.js';
import { registerDefinedSetCommands } from './defined-set.js';
import { registerPolicyCommands } from './policy.js';

/** Adds this subsystem's subcommands (and the root --grpc option) to `program`. */
export function registerBgpCommands(program: Command): void {
  program.option('--grpc <addr>', `bambud gRPC address for peer/route/bmp/defined-set/policy/info (env BAMBU_GRPC, default ${DEFAULT_GRPC})`);
  registerPeerCommands(program);
  registerRouteCommands(program);
  registerBmpCommands(program);
  registerDefinedSetCommands(program);
  registerPolicyCommands(program);
  registerInfoCommand(program);
}
