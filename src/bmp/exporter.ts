/**
 * The BMP exporter (RFC 7854): the set of collector sessions (AddBmpServer / RemoveBmpServer /
 * ListBmpServers and the `bmp_servers` config key), each a BmpSession fed by the BGP instance's
 * monitor hooks.
 */
import { BambuError, invalidArgument, notFound } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import { canonicalIP, isIPv4 } from '../lib/ip.js';
import { BmpSession, type MonitorSource } from './session.js';

/** What the gRPC handlers may do with the exporter. */
export interface BmpApi {
  /**
   * Adds a collector and starts connecting to it.
   * @param statisticsTimeoutSecs seconds between Statistics Reports, 0 = none
   * @param extras adjRibOut: also monitor the post-policy Adj-RIB-Out (RFC 8671)
   * @throws BambuError INVALID_ARGUMENT, ALREADY_EXISTS
   */
  addServer(address: string, port: number, statisticsTimeoutSecs: number, extras?: { adjRibOut?: boolean }): void;
  /** Sends Termination and forgets the collector. `port` undefined matches the only one at `address`. @throws NOT_FOUND */
  removeServer(address: string, port?: number): Promise<void>;
  /** "IP:PORT" of every collector ("[v6]:PORT" for IPv6). */
  listServers(): string[];
}

/** Exporter options. */
export interface BmpExporterOptions {
  readonly source: MonitorSource;
  /** sysName of the Initiation message (e.g. "bambud 65000 10.0.0.1"). */
  readonly sysName: string;
  readonly log: Logger;
  readonly maxQueueBytes?: number;
  readonly backoffSecs?: { readonly initial: number; readonly max: number };
}

const SYS_DESCR = 'Bambu bambud BGP speaker (TypeScript); BMP RFC 7854, pre-policy Adj-RIB-In';

/** Collector sessions of one BGP instance. */
export class BmpExporter implements BmpApi {
  private readonly sessions = new Map<string, BmpSession>();

  constructor(private readonly opts: BmpExporterOptions) {}

  addServer(address: string, port: number, statisticsTimeoutSecs: number, extras: { adjRibOut?: boolean } = {}): void {
    const ip = canonicalIP(address, 'address');
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalidArgument('address', `port must be 1..65535, got ${port}`);
    if (!Number.isInteger(statisticsTimeoutSecs) || statisticsTimeoutSecs < 0 || statisticsTimeoutSecs > 0x7fffffff / 1000) {
      throw invalidArgument('statistics_timeout', `must be 0..${Math.floor(0x7fffffff / 1000)} seconds, got ${statisticsTimeoutSecs}`);
    }
    const key = hostPort(ip, port);
    if (this.sessions.has(key)) throw new BambuError('ALREADY_EXISTS', `BMP server ${key} already exists`);
    const s = new BmpSession(this.opts.source, {
      address: ip,
      port,
      statisticsTimeoutSecs,
      sysName: this.opts.sysName,
      sysDescr: SYS_DESCR,
      log: this.opts.log,
      ...(this.opts.maxQueueBytes !== undefined ? { maxQueueBytes: this.opts.maxQueueBytes } : {}),
      ...(this.opts.backoffSecs ? { backoffSecs: this.opts.backoffSecs } : {}),
      ...(extras.adjRibOut ? { adjRibOut: true } : {}),
    });
    this.sessions.set(key, s);
    this.opts.log.info({ bmp: key, statisticsTimeoutSecs }, 'BMP server added');
    s.start();
  }

  async removeServer(address: string, port?: number): Promise<void> {
    let ip: string;
    try {
      ip = canonicalIP(address, 'address');
    } catch {
      throw notFound('BMP server', address);
    }
    const keys = [...this.sessions.entries()].filter(([, s]) => s.opts.address === ip && (port === undefined || s.opts.port === port)).map(([k]) => k);
    if (keys.length === 0) throw notFound('BMP server', port === undefined ? address : hostPort(ip, port));
    if (keys.length > 1) throw invalidArgument('address', `several BMP servers at ${ip}; give IP:PORT`);
    const s = this.sessions.get(keys[0]!)!;
    this.sessions.delete(keys[0]!);
    await s.stop();
  }

  listServers(): string[] {
    return [...this.sessions.keys()];
  }

  /** The session of a collector (tests, metrics): drops and sent counters. */
  session(key: string): BmpSession | undefined {
    return this.sessions.get(key);
  }

  /** Terminates every session. */
  async close(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((s) => s.stop()));
  }
}

function hostPort(ip: string, port: number): string {
  return isIPv4(ip) ? `${ip}:${port}` : `[${ip}]:${port}`;
}
