/** Registers the bgw subcommands of `bambu` (placeholder until the bgw CLI lands). */
import type { Command } from 'commander';

/** Adds this subsystem's subcommands to `program`. */
export function registerBgwCommands(_program: Command): void {}
