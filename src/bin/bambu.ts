#!/usr/bin/env node
/** `bambu` CLI entry point: parse argv and run; all logic lives in src/cli/. */
import { buildCli } from '../cli/index.js';

buildCli()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    process.stderr.write(`bambu: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
