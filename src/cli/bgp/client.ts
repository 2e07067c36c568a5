/**
 * The CLI's side of bgp.BgpService: one grpc-js client per command, promise wrappers with a
 * deadline, and error reporting (`bambu: <status message>`, exit 1) shared by every BGP command.
 */
import { credentials, Metadata, status as Status, type ServiceError } from '@grpc/grpc-js';
import type { Command } from 'commander';
import { BgpServiceClient } from '../../gen/bgp.js';
import { fail } from '../output.js';

/** Default gRPC address of bambud (seed 002: grpc_listen_addr default). */
export const DEFAULT_GRPC = '127.0.0.1:50051';

/** How long a unary call may take before the CLI gives up (seconds). */
const DEADLINE_SECS = 30;

/** Options every BGP command takes. */
export interface ClientOptions {
  grpc?: string;
  json?: boolean;
}

/** Adds --grpc and --json to a leaf command. */
export function withClientOptions(cmd: Command): Command {
  return cmd
    .option('--grpc <addr>', `bambud gRPC address IP:PORT (env BAMBU_GRPC, default ${DEFAULT_GRPC})`)
    .option('--json', 'print JSON for scripts instead of a table');
}

/** The options of `cmd`, with --grpc from the command, the root program, BAMBU_GRPC or the default. */
export function clientOptions(cmd: Command): { grpc: string; json: boolean } {
  const o = cmd.optsWithGlobals<ClientOptions>();
  return { grpc: cmd.opts<ClientOptions>().grpc ?? o.grpc ?? process.env.BAMBU_GRPC ?? DEFAULT_GRPC, json: Boolean(o.json) };
}

type Unary<Req, Res> = (req: Req, md: Metadata, opts: { deadline: number }, cb: (err: ServiceError | null, res: Res) => void) => unknown;

/** A connected client with `call()` for unary RPCs. Close it when done (the CLI exits anyway). */
export class BgpCli {
  readonly client: BgpServiceClient;
  constructor(readonly address: string) {
    this.client = new BgpServiceClient(address, credentials.createInsecure());
  }

  /**
   * Calls a unary RPC. On error prints the gRPC status message and exits 1 (never returns).
   * @param method ts-proto method name ("addPeer" …)
   * @param req    the full request message (use X.fromPartial)
   */
  async call<Req, Res>(method: keyof BgpServiceClient, req: Req): Promise<Res> {
    const fn = this.client[method] as unknown as Unary<Req, Res>;
    try {
      return await new Promise<Res>((resolve, reject) => {
        fn.call(this.client, req, new Metadata(), { deadline: Date.now() + DEADLINE_SECS * 1000 }, (err, res) => (err ? reject(err) : resolve(res)));
      });
    } catch (err) {
      this.fail(err);
    }
  }

  /** Prints a gRPC error the way every command does, closes the channel, exits 1. */
  fail(err: unknown): never {
    this.client.close();
    const e = err as ServiceError;
    if (e.code === Status.UNAVAILABLE || e.code === Status.DEADLINE_EXCEEDED) {
      fail(`cannot reach bambud at ${this.address} (${e.details || Status[e.code]}); is it running? Set --grpc or BAMBU_GRPC`);
    }
    fail(e.code !== undefined ? `${e.details} (${Status[e.code]})` : String(err));
  }

  close(): void {
    this.client.close();
  }
}
