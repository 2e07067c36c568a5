/** Registers the agent subcommands of `bambu` (placeholder until the agent CLI lands). */
import type { Command } from 'commander';

/** Adds this subsystem's subcommands to `program`. */
export function registerAgentCommands(_program: Command): void {}
