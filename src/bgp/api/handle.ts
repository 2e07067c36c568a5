/**
 * Adapters from plain async functions to grpc-js handler signatures. Each adapter runs the
 * function, sends its result, and turns any throw into a gRPC status via toGrpcError, so a bad
 * request never escapes as an unhandled rejection and the daemon never crashes on input.
 */
import type {
  handleClientStreamingCall,
  handleServerStreamingCall,
  handleUnaryCall,
  ServerReadableStream,
} from '@grpc/grpc-js';
import type { Logger } from '../../lib/log.js';
import { toGrpcError } from './status.js';

/**
 * Wraps `fn(request) → response` as a unary handler.
 * @param rpc name for logs
 */
export function unary<Req, Res>(rpc: string, log: Logger, fn: (req: Req) => Res | Promise<Res>): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => fn(call.request))
      .then(
        (res) => callback(null, res),
        (err: unknown) => callback(toGrpcError(err, log, rpc)),
      );
  };
}

/**
 * Wraps `fn(request) → iterable of items` as a server-streaming handler. Items are written one at a
 * time, waiting for 'drain' when the socket buffer is full, so a large RIB is never copied into
 * memory; a cancelled call stops the iteration.
 */
export function serverStream<Req, Item>(rpc: string, log: Logger, fn: (req: Req) => Iterable<Item>): handleServerStreamingCall<Req, Item> {
  return (call) => {
    // Resolves when the client goes away, so a writer waiting for 'drain' never hangs.
    const cancelled = new Promise<void>((r) => call.once('cancelled', () => r()));
    void (async () => {
      try {
        for (const item of fn(call.request)) {
          if (call.cancelled) return;
          if (!call.write(item)) await Promise.race([new Promise<void>((r) => call.once('drain', () => r())), cancelled]);
        }
        call.end();
      } catch (err) {
        if (!call.cancelled) call.emit('error', toGrpcError(err, log, rpc));
      }
    })();
  };
}

/**
 * Wraps a client-streaming handler: `onItem` runs for each message as it arrives (nothing is
 * buffered beyond grpc-js' flow control window), `finish` builds the response at end of stream.
 * The first throw from `onItem` ends the call with that error; `finish` receives nothing further.
 */
export function clientStream<Req, Res>(
  rpc: string,
  log: Logger,
  handlers: { onItem: (req: Req, index: number) => void; finish: () => Res },
): handleClientStreamingCall<Req, Res> {
  return (call: ServerReadableStream<Req, Res>, callback) => {
    // A cancelled call ends the iteration below instead of leaving it waiting forever.
    call.once('cancelled', () => call.destroy());
    void (async () => {
      let index = 0;
      try {
        for await (const req of call as AsyncIterable<Req>) handlers.onItem(req, index++);
        callback(null, handlers.finish());
      } catch (err) {
        if (!call.cancelled) callback(toGrpcError(err, log, rpc));
      }
    })();
  };
}
