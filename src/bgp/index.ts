/**
 * Public surface of the BGP speaker (src/bgp/): `startBgp` wires the instance (the one owner of
 * peers and RIBs, instance.ts) to its northbound edge, the gRPC server (api/).
 *
 *   config (YAML) ──peers, policy──▶ BgpInstance ◀── api/ handlers ◀── gRPC bgp.BgpService ◀── bambu, Python …
 *                                 │        │ monitor hooks          │
 *                 TCP listen_addr (RFC 4271)  └──▶ BmpExporter (src/bmp/) ──▶ BMP collectors (RFC 7854)
 */
import type { Config } from '../config/index.js';
import type { PeerConfigYaml } from '../config/bgp.js';
import type { Logger } from '../lib/log.js';
import type { Service } from '../lib/service.js';
import type { PeerSettings } from './instance-api.js';
import { BambuError, toBambuError } from '../lib/errors.js';
import { createBgpInstance } from './instance.js';
import { BGP_PORT, parseHostPort } from './api/address.js';
import { startGrpcServer } from './api/server.js';
import { BmpExporter } from '../bmp/index.js';
import type { EvpnSpeaker } from '../evpn/speaker.js';
import { BgpEvpnSpeaker } from './evpn-speaker.js';
import { assignmentsFromConfig, definedSetsFromConfig, policyFromConfig } from './policy-config.js';

export type { BgpInstanceApi } from './instance-api.js';

/** A running BGP speaker: instance plus gRPC server. */
export interface BgpService extends Service {
  /** "IP:PORT" the gRPC server bound. */
  readonly grpcAddress: string;
  /**
   * The speaker as the EVPN core sees it (one per service, made on first call): L2VPN EVPN routes
   * of the Loc-RIB in and out (evpn-speaker.ts). Peers carry the family when configured with
   * `address_families: [l2vpn-evpn]`.
   */
  evpnSpeaker(): EvpnSpeaker;
}

/**
 * Maps one YAML `peers[]` entry to PeerSettings (keys are the snake_case of the fields).
 * The config schema (src/config/bgp.ts) has already checked every value.
 */
export function peerSettingsFromConfig(p: PeerConfigYaml): PeerSettings {
  const s: PeerSettings = {
    asn: p.asn,
    localAddress: p.local_address,
    holdTimeSecs: p.hold_time_secs,
    connectRetrySecs: p.connect_retry_secs,
    idleHoldTimeSecs: p.idle_hold_time_secs,
    dampPeerOscillations: p.damp_peer_oscillations,
    allowAutomaticStop: p.allow_automatic_stop,
    passiveMode: p.passive_mode,
    delayOpenTimeSecs: p.delay_open_time_secs,
    maxPrefix: p.max_prefix,
    sendNotificationWithoutOpen: p.send_notification_without_open,
    collisionDetectEstablishedState: p.collision_detect_established_state,
    minRouteAdvertisementIntervalSecs: p.min_route_advertisement_interval_secs,
    addressFamilies: p.address_families,
    routeReflectorClient: p.route_reflector_client,
    nextHopSelf: p.next_hop_self,
  };
  for (const k of Object.keys(s) as (keyof PeerSettings)[]) if (s[k] === undefined) delete s[k];
  return s;
}

/**
 * Turns a listen failure into advice (ports below 1024 need root; address in use). grpc-js reports
 * the errno only inside its message, so the code is also looked for there.
 */
export function bindError(what: string, addr: string, err: unknown): BambuError {
  const e = err as NodeJS.ErrnoException | undefined;
  const code = /\b(EACCES|EPERM|EADDRINUSE|EADDRNOTAVAIL)\b/.exec(`${e?.code ?? ''} ${e?.message ?? ''}`)?.[1];
  if (code === 'EACCES' || code === 'EPERM') {
    return new BambuError('UNAVAILABLE', `${what} ${addr}: permission denied — ports below 1024 (BGP's 179) need root or CAP_NET_BIND_SERVICE; run as root or use a port ≥ 1024, e.g. 127.0.0.1:1179`);
  }
  if (code === 'EADDRINUSE') return new BambuError('UNAVAILABLE', `${what} ${addr}: address already in use (another bambud, bgpd or bird?)`);
  if (code === 'EADDRNOTAVAIL') return new BambuError('UNAVAILABLE', `${what} ${addr}: no local interface has that address`);
  if (err instanceof BambuError) return err;
  return new BambuError('UNAVAILABLE', `${what} ${addr}: ${toBambuError(err).message}`);
}

/**
 * Starts the BGP instance (listener on listen_addr, configured peers) and the gRPC server on
 * grpc_listen_addr.
 * @param config validated config (src/config/index.ts)
 * @param log    the subsystem's logger
 * @returns the running service; close() stops the gRPC server, then the instance (which sends
 *          CEASE to established peers)
 * @throws BambuError UNAVAILABLE when a listen address cannot be bound (message says why),
 *         INVALID_ARGUMENT for a peer the instance refuses or a policy the speaker lacks
 */
export async function startBgp(config: Config, log: Logger): Promise<BgpService> {
  const listen = parseHostPort(config.listen_addr);
  if (typeof listen === 'string') throw new BambuError('INVALID_ARGUMENT', `listen_addr: ${listen}`, 'listen_addr');
  const instance = createBgpInstance({
    asn: config.asn,
    routerId: config.router_id,
    listenAddress: listen.address,
    listenPort: listen.port ?? BGP_PORT,
    holdTimeSecs: config.hold_time_secs,
    connectRetrySecs: config.connect_retry_secs,
    acceptUnconfiguredPeers: config.accept_unconfigured_peers,
    log,
  });
  try {
    await instance.start();
  } catch (err) {
    await instance.close().catch(() => undefined);
    throw bindError('listen_addr', config.listen_addr, err);
  }
  const bmp = new BmpExporter({ source: instance, sysName: `bambud AS${config.asn} ${config.router_id}`, log });
  try {
    // Policy before peers: a session must never run without its configured policy.
    const at = (path: string, fn: () => void) => {
      try {
        fn();
      } catch (err) {
        const b = toBambuError(err);
        throw new BambuError(b.code, `${path}: ${b.message}`);
      }
    };
    for (const { path, def } of definedSetsFromConfig(config['defined-sets'])) at(path, () => instance.addDefinedSet(def, true));
    for (const [i, p] of (config['policy-definitions'] ?? []).entries()) at(`policy-definitions[${i}]`, () => instance.addPolicy(policyFromConfig(p)));
    for (const [i, p] of config.peers.entries()) {
      const hp = parseHostPort(p.address) as { address: string; port?: number };
      at(`peers[${i}] (${p.address})`, () => {
        // Assignments are set before the session can start (addPeer only schedules the connect).
        instance.addPeer(hp.address, hp.port ?? BGP_PORT, peerSettingsFromConfig(p));
        for (const [direction, a] of assignmentsFromConfig(p)) instance.setPolicyAssignment(hp.address, direction, a);
      });
    }
    for (const [i, b] of config.bmp_servers.entries()) {
      const hp = parseHostPort(b.address) as { address: string; port: number };
      at(`bmp_servers[${i}]`, () => bmp.addServer(hp.address, hp.port, b.statistics_timeout ?? 0, { adjRibOut: b.route_monitoring_adj_rib_out ?? false }));
    }
    const grpc = await startGrpcServer(instance, config.grpc_listen_addr, log, bmp).catch((err: unknown) => {
      throw bindError('grpc_listen_addr', config.grpc_listen_addr, err);
    });
    const bound = instance.listenAddress();
    log.info({ bgp: `${bound.address}:${bound.port}`, grpc: grpc.address, peers: config.peers.length, asn: config.asn }, 'BGP speaker started');
    let closing: Promise<void> | undefined;
    let evpn: BgpEvpnSpeaker | undefined;
    return {
      grpcAddress: grpc.address,
      evpnSpeaker() {
        evpn ??= new BgpEvpnSpeaker(instance);
        return evpn;
      },
      close() {
        closing ??= (async () => {
          evpn?.close();
          await grpc.close();
          await bmp.close();
          await instance.close();
        })();
        return closing;
      },
    };
  } catch (err) {
    await bmp.close().catch(() => undefined);
    await instance.close().catch(() => undefined);
    throw err;
  }
}
