/** GetServerInfo (seed 002 "Server Info"): BGP listen address and port, Loc-RIB size. */
import type { GetServerInfoResponse } from '../../../gen/bgp.js';
import type { BgpInstanceApi } from '../../instance-api.js';

/** The info handler bound to one instance. */
export function infoHandlers(bgp: BgpInstanceApi) {
  return {
    /** @returns listen_addr (bare IP), listen_port (as bound), num_routes (Loc-RIB destinations) */
    onGetServerInfo(): GetServerInfoResponse {
      const l = bgp.listenAddress();
      return { listenAddr: l.address, listenPort: l.port, numRoutes: bgp.numRoutes() };
    },
  };
}
