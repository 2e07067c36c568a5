/** `bambu bmp add|remove|list` over bgp.BgpService (BMP collectors, RFC 7854). */
import type { Command } from 'commander';
import { AddBmpServerRequest, RemoveBmpServerRequest, type AddBmpServerResponse, type ListBmpServersResponse, type RemoveBmpServerResponse } from '../../gen/bgp.js';
import { printRows } from '../output.js';
import { BgpCli, clientOptions, withClientOptions } from './client.js';
import { parseUint } from './parse.js';
import { printResult } from './peer.js';

/** Adds `bmp …` to `program`. */
export function registerBmpCommands(program: Command): void {
  const bmp = program
    .command('bmp')
    .description('BMP monitoring stations bambud streams to (RFC 7854): add, remove, list')
    .addHelpText('after', '\nExamples:\n  bambu bmp add 127.0.0.1:11019 --statistics-timeout 60\n  bambu bmp list\n  bambu bmp remove 127.0.0.1:11019\n');

  withClientOptions(
    bmp
      .command('add')
      .description('add a collector (AddBmpServer); bambud connects to it and reconnects with backoff')
      .argument('<address>', 'collector IP:PORT')
      .option('-s, --statistics-timeout <secs>', 'seconds between Statistics Reports (0 = none)', parseUint),
  ).action(async (address: string, o: { statisticsTimeout?: number }, cmd: Command) => {
    const { grpc, json } = clientOptions(cmd);
    const cli = new BgpCli(grpc);
    const r = await cli.call<AddBmpServerRequest, AddBmpServerResponse>('addBmpServer', AddBmpServerRequest.fromPartial({ address, statisticsTimeout: o.statisticsTimeout }));
    cli.close();
    printResult(r, json);
  });

  withClientOptions(bmp.command('remove').description('remove a collector (RemoveBmpServer; Termination is sent)').argument('<address>', 'collector IP:PORT (or IP)')).action(
    async (address: string, _o: unknown, cmd: Command) => {
      const { grpc, json } = clientOptions(cmd);
      const cli = new BgpCli(grpc);
      const r = await cli.call<RemoveBmpServerRequest, RemoveBmpServerResponse>('removeBmpServer', RemoveBmpServerRequest.fromPartial({ address }));
      cli.close();
      printResult(r, json);
    },
  );

  withClientOptions(bmp.command('list').description('list collectors (ListBmpServers)')).action(async (_o: unknown, cmd: Command) => {
    const { grpc, json } = clientOptions(cmd);
    const cli = new BgpCli(grpc);
    const r = await cli.call<object, ListBmpServersResponse>('listBmpServers', {});
    cli.close();
    printRows(r.addresses.map((a) => (json ? { address: a } : { Address: a })), ['Address'], json);
  });
}
