/**
 * `bambu` CLI: one commander program, one module per subsystem registering its subcommands.
 *   src/cli/bgp/   peer …, route …, info            (gRPC bgp.BgpService)
 *   src/cli/bgw/   l2-gateway-*, l2-remote-*        (REST /v2.0)
 *   src/cli/agent/ hyper-agent, vif …, hyper-switch …, compute …
 *   src/cli/demo/  demo two-sites                   (network namespaces)
 */
import { Command } from 'commander';
import { registerBgpCommands } from './bgp/index.js';
import { registerBgwCommands } from './bgw/index.js';
import { registerAgentCommands } from './agent/index.js';
import { registerDemoCommands } from './demo/index.js';

/** Builds the full `bambu` command tree (no side effects until parsed). */
export function buildCli(): Command {
  const program = new Command('bambu')
    .description('Bambu: cross-cloud Layer-2 connectivity — BGP speaker control, L2 border gateway, Hyper Agent')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions();
  registerBgpCommands(program);
  registerBgwCommands(program);
  registerAgentCommands(program);
  registerDemoCommands(program);
  return program;
}
