/**
 * BMP RPCs of bgp.BgpService (seed 002 "BMP Management"): AddBmpServer, RemoveBmpServer,
 * ListBmpServers, acting on the BMP exporter (src/bmp/).
 */
import type { AddBmpServerRequest, AddBmpServerResponse, ListBmpServersResponse, RemoveBmpServerRequest, RemoveBmpServerResponse } from '../../../gen/bgp.js';
import { invalidArgument } from '../../../lib/errors.js';
import type { BmpApi } from '../../../bmp/index.js';
import { parseHostPort } from '../address.js';

/** The BMP handlers bound to one exporter. */
export function bmpHandlers(bmp: BmpApi) {
  return {
    /**
     * AddBmpServer: address "IP:PORT" of the collector, statistics_timeout seconds (0/unset = no
     * Statistics Reports), extension route_monitoring_adj_rib_out (RFC 8671 Adj-RIB-Out
     * monitoring, default off). @throws INVALID_ARGUMENT, ALREADY_EXISTS
     */
    onAddBmpServer(req: AddBmpServerRequest): AddBmpServerResponse {
      const hp = parseHostPort(req.address);
      if (typeof hp === 'string') throw invalidArgument('address', hp);
      if (hp.port === undefined) throw invalidArgument('address', `"${req.address}" needs a port, e.g. 127.0.0.1:11019`);
      bmp.addServer(hp.address, hp.port, req.statisticsTimeout ?? 0, { adjRibOut: req.routeMonitoringAdjRibOut ?? false });
      return { success: true, message: `BMP server ${req.address} added` };
    },

    /** RemoveBmpServer: "IP:PORT" or a bare IP; Termination is sent first. @throws INVALID_ARGUMENT, NOT_FOUND */
    async onRemoveBmpServer(req: RemoveBmpServerRequest): Promise<RemoveBmpServerResponse> {
      const hp = parseHostPort(req.address);
      if (typeof hp === 'string') throw invalidArgument('address', hp);
      await bmp.removeServer(hp.address, hp.port);
      return { success: true, message: `BMP server ${req.address} removed` };
    },

    /** ListBmpServers: "IP:PORT" of each collector. */
    onListBmpServers(): ListBmpServersResponse {
      return { addresses: bmp.listServers() };
    },
  };
}
