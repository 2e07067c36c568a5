/** What the convergence run needs from a target under test (bambud, BIRD, FRR bgpd, GoBGP). */

/** Addresses and ASNs of one run: the target, its tester (iBGP) peers and its monitor (eBGP). */
export interface Topology {
  /** Target's loopback address and BGP port (it listens; every peer connects to it). */
  readonly address: string;
  readonly port: number;
  readonly asn: number;
  readonly routerId: string;
  /** Hold Time, seconds. */
  readonly holdTime: number;
  readonly testers: readonly string[];
  readonly monitor: { readonly address: string; readonly asn: number };
}

/** A started target. */
export interface RunningTarget {
  /** PID of the routing daemon itself (for /proc figures). */
  readonly pid: number;
  /** True while the process runs. */
  alive(): boolean;
  /** Last output, for failure reports. */
  output(): string;
  /** Stops the daemon and removes its files. */
  stop(): Promise<void>;
}

/** One implementation under test. */
export interface Target {
  /** Name in the table: bambud, bird, frr, gobgp. */
  readonly name: string;
  /** Version text, or undefined when unknown. */
  version(): string | undefined;
  /** Why it cannot run here (binary missing …), or undefined when it can. */
  missing(): string | undefined;
  /**
   * Starts it for `topo`: every peer passive on the target side, testers iBGP, monitor eBGP.
   * @throws Error when it does not come up
   */
  start(topo: Topology, opts: StartOptions): Promise<RunningTarget>;
}

/** Extra start options (bambud only uses them). */
export interface StartOptions {
  /** Directory for a V8 CPU profile of the daemon (node --cpu-prof), when wanted. */
  readonly cpuProfileDir?: string;
  /** V8 old-space limit, MiB (node --max-old-space-size). */
  readonly maxOldSpaceMiB?: number;
}
