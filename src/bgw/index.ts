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
import { createDataplane } from './dataplane/index.js';
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
 * @throws BambuError UNAVAILABLE when the database cannot be opened or the address is taken;
 *         INVALID_ARGUMENT for a bad `listen` or a missing `local_vtep_ip`
 */
export async function startBgw(cfg: L2gwConfig, ctx: { log: Logger; config: Config }): Promise<BgwService> {
  const { log } = ctx;
  const hp = parseHostPort(cfg.listen);
  if (typeof hp === 'string' || hp.port === undefined) throw new BambuError('INVALID_ARGUMENT', `l2gw.listen: ${typeof hp === 'string' ? hp : 'needs a port'}`, 'l2gw.listen');
  const store = await openBgwStore(cfg.database_url, { log });
  let reconciler: Reconciler | undefined;
  let unsubscribe: (() => void) | undefined;
  const app = buildBgwApi(store, { noauth: cfg.noauth, tokens: cfg.tokens, log });
  try {
    const dataplane = createDataplane(cfg.driver);
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
    await app.close().catch(() => undefined);
    await store.close();
    throw err;
  }
  const a = app.server.address();
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
      await app.close().catch((err: unknown) => log.warn({ err }, 'l2gw API close failed'));
      await reconciler?.close();
      await store.close();
    },
  };
}
