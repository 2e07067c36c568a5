/**
 * Registers the agent subcommands of `bambu`: `hyper-agent`, `compute serve`, `vif plug|unplug`,
 * `hyper-switch list` (docs/agent.md).
 */
import type { Command } from 'commander';
import { registerHyperAgentCommand } from './hyper-agent.js';
import { registerComputeCommands } from './compute.js';

/** Adds this subsystem's subcommands to `program`. */
export function registerAgentCommands(program: Command): void {
  registerHyperAgentCommand(program);
  registerComputeCommands(program);
}
