/** `bambu info`: GetServerInfo — is bambud answering, where does it listen, how big is Loc-RIB. */
import type { Command } from 'commander';
import type { GetServerInfoResponse } from '../../gen/bgp.js';
import { printObject } from '../output.js';
import { BgpCli, clientOptions, withClientOptions } from './client.js';

/** Adds `info` to `program`. */
export function registerInfoCommand(program: Command): void {
  withClientOptions(
    program
      .command('info')
      .description('ask bambud for its BGP listen address and Loc-RIB size (GetServerInfo)')
      .addHelpText('after', '\nExamples:\n  bambu info\n  bambu info --grpc 127.0.0.1:50051 --json\n'),
  ).action(async (_o: unknown, cmd: Command) => {
    const { grpc, json } = clientOptions(cmd);
    const cli = new BgpCli(grpc);
    const r = await cli.call<object, GetServerInfoResponse>('getServerInfo', {});
    cli.close();
    printObject({ grpc, listen_addr: r.listenAddr, listen_port: r.listenPort, num_routes: r.numRoutes }, json);
  });
}
