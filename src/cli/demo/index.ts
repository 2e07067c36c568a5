/** Registers `bambu demo …`: self-contained demonstrations in network namespaces (root only). */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { runTwoSites } from './two-sites.js';

/** Adds the demo subcommands to `program`. */
export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('Demonstrations in network namespaces (needs root)');
  demo
    .command('two-sites')
    .description('Join two sites at layer 2 with two border gateways (VXLAN), configured with the bambu CLI, and ping across')
    .option('--vni <n>', 'VXLAN VNI of the segment', (v) => {
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 16777215) throw new InvalidArgumentError('--vni: must be 1–16777215');
      return Number(v);
    }, 5000)
    .option('--keep', 'keep the topology and daemons running until Ctrl-C')
    .addHelpText('after', '\nExample:\n  sudo bambu demo two-sites\n')
    .action(async (opts: { vni: number; keep?: boolean }) => {
      try {
        process.exitCode = await runTwoSites({ vni: opts.vni, keep: opts.keep === true, out: (l) => process.stdout.write(`${l}\n`) });
      } catch (err) {
        process.stderr.write(`bambu: ${(err as Error).message}\n`);
        process.exitCode = 2;
      }
    });
}
