/**
 * Options every border-gateway command takes (`--url`, `--token`, `-f`), and the action wrapper
 * that turns API errors into `bambu: <NeutronError message>` and exit status 1.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { fail } from '../output.js';
import { BgwClient, DEFAULT_URL } from './client.js';

/** The common options as commander parses them. */
export interface CommonOptions {
  url: string;
  token?: string;
  format: 'table' | 'json';
}

/** Adds --url, --token and -f/--format to `cmd`. */
export function withCommonOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--url <url>', 'border-gateway API URL').env('BAMBU_URL').default(DEFAULT_URL))
    .addOption(new Option('--token <token>', 'X-Auth-Token').env('BAMBU_TOKEN'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'));
}

/** Parses an integer option, failing with the option name in the message. */
export function intOption(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name}: "${value}" is not a non-negative integer`);
    return Number(value);
  };
}

/**
 * Wraps a command action: builds the client from the common options, runs `fn`, and reports
 * failures as `bambu: <message>` with exit status 1.
 */
export function action<A extends unknown[]>(fn: (client: BgwClient, opts: CommonOptions & Record<string, unknown>, ...args: A) => Promise<void>) {
  return async (...all: unknown[]): Promise<void> => {
    const cmd = all[all.length - 1] as Command;
    const opts = cmd.opts() as CommonOptions & Record<string, unknown>;
    const args = all.slice(0, cmd.registeredArguments.length) as A;
    try {
      await fn(new BgwClient(opts.url, opts.token), opts, ...args);
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err));
    }
  };
}
