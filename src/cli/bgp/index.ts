/** Registers the bgp subcommands of `bambu` (placeholder until the bgp CLI lands). */
import type { Command } from 'commander';

/** Adds this subsystem's subcommands to `program`. */
export function registerBgpCommands(_program: Command): void {}
