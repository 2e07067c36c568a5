/** Registers `bambu demo …` (placeholder until the two-site demo lands). */
import type { Command } from 'commander';

/** Adds the demo subcommands to `program`. */
export function registerDemoCommands(_program: Command): void {}
