/**
 * Public surface of the L2 border gateway: `startBgw` wires the store (src/bgw/store/), the REST
 * API (src/bgw/api/) and the dataplane reconciler (src/bgw/reconciler.ts over a driver from
 * src/bgw/dataplane/).
 *
 *   REST API ──write──▶ store ──onChange──▶ reconciler.trigger() ──▶ observe/desire/diff/apply
 *                                                      └──setStatus──▶ store (`status` fields)
 */
import type { Config } from '../config/index.js';
import type { L2gwConfig } from '../config/l2gw.js';
import type { Logger } from '../lib/log.js';
import type { Service } from '../lib/service.js';
import { BambuError } from '../lib/errors.js';
import { parseHostPort } from '../bgp/api/address.js';
import { openBgwStore } from './store/index.js';
import { buildBgwApi } from './api/index.js';
import { createDataplane, EvpnDataplane } from './dataplane/index.js';
import type { EvpnSpeaker } from '../evpn/speaker.js';
import { Reconciler } from './reconciler.js';

/** The running border gateway. */
export interface BgwService extends Service {
  /** Address the REST API listens on ("IP:PORT", the real port when `listen` had port 0). */
  readonly address: string;
  /** The reconciler, absent with driver none. */
  readonly reconciler?: Reconciler;
}

/**
 * Starts the border gateway: opens the database (migrations), runs a first reconcile pass, serves
 * the REST API on `listen`, and reconciles again after every API write (debounced) and every
 * `resync_secs`.
 * With driver evpn, `ctx.evpn` is the BGP speaker carrying L2VPN EVPN (bambud passes its BGP
 * instance's, same process): local MACs are advertised through it, remote ones learned from it,
 * and the REST API's EVPN views read its core.
 * @throws BambuError UNAVAILABLE when the database cannot be opened or the address is taken, or
 *         for driver evpn without `ctx.evpn`; INVALID_ARGUMENT for a bad `listen` or a missing
 *         `local_vtep_ip`
 */
export async function startBgw(cfg: L2gwConfig, ctx: { log: Logger; config: Config; evpn?: EvpnSpeaker }): Promise<BgwService> {
  const { log } = ctx;
  const hp = parseHostPort(cfg.listen);
  if (typeof hp === 'string' || hp.port === undefined) throw new BambuError('INVALID_ARGUMENT', `l2gw.listen: ${typeof hp === 'string' ? hp : 'needs a port'}`, 'l2gw.listen');
  const store = await openBgwStore(cfg.database_url, { log });
  let reconciler: Reconciler | undefined;
  let unsubscribe: (() => void) | undefined;
  let app: ReturnType<typeof buildBgwApi> | undefined;
  try {
    const dataplane = createDataplane(cfg.driver, evpnOptions(cfg, ctx));
    app = buildBgwApi(store, { noauth: cfg.noauth, tokens: cfg.tokens, log, ...(dataplane instanceof EvpnDataplane ? { evpn: dataplane.core } : {}) });
    if (dataplane) {
      if (!cfg.local_vtep_ip) throw new BambuError('INVALID_ARGUMENT', 'l2gw.local_vtep_ip: required with driver linux', 'l2gw.local_vtep_ip');
      reconciler = new Reconciler({
        dataplane,
        desiredState: () => store.desiredState(),
        status: store,
        log,
        localVtep: cfg.local_vtep_ip,
        ...(cfg.underlay_mtu !== undefined ? { underlayMtu: cfg.underlay_mtu } : {}),
        resyncMs: cfg.resync_secs * 1000,
      });
      const r = reconciler;
      unsubscribe = store.onChange(() => r.trigger());
      await r.start();
    }
    try {
      await app.listen({ host: hp.address, port: hp.port });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new BambuError('UNAVAILABLE', `l2gw.listen ${cfg.listen}: ${code === 'EADDRINUSE' ? 'address already in use' : (err as Error).message}`);
    }
  } catch (err) {
    unsubscribe?.();
    await reconciler?.close();
    await app?.close().catch(() => undefined);
    await store.close();
    throw err;
  }
  const api = app;
  const a = api.server.address();
  const address = a && typeof a === 'object' ? (a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`) : cfg.listen;
  log.info({ address, driver: cfg.driver, database: cfg.database_url.replace(/\/\/[^@]*@/, '//***@') }, 'l2gw API listening');
  let closed = false;
  return {
    address,
    ...(reconciler ? { reconciler } : {}),
    async close() {
      if (closed) return;
      closed = true;
      unsubscribe?.();
      await api.close().catch((err: unknown) => log.warn({ err }, 'l2gw API close failed'));
      await reconciler?.close();
      await store.close();
    },
  };
}

/** The evpn driver's options from `l2gw.evpn` and the speaker (undefined without a speaker). */
function evpnOptions(cfg: L2gwConfig, ctx: { log: Logger; evpn?: EvpnSpeaker }): Parameters<typeof createDataplane>[1] {
  if (cfg.driver !== 'evpn' || !ctx.evpn || !cfg.local_vtep_ip) return {};
  const e = cfg.evpn;
  return {
    evpn: {
      speaker: ctx.evpn,
      localVtep: cfg.local_vtep_ip,
      scanMs: e.scan_interval_ms,
      duplicate: { maxMoves: e.duplicate_max_moves, windowSecs: e.duplicate_window_secs },
      routeTargets: new Map(Object.entries(e.route_targets).map(([vni, rt]) => [Number(vni), rt])),
      log: ctx.log.child({ component: 'evpn' }),
    },
  };
}
