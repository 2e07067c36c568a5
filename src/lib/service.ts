/** Something bambud started and must stop on shutdown (BGP instance, gRPC server, REST API …). */
export interface Service {
  /** Stops accepting work and releases sockets, timers and databases. Idempotent. */
  close(): Promise<void>;
}
