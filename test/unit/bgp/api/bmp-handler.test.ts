/** AddBmpServer handler: request fields reach the BMP exporter (incl. the RFC 8671 extension field). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bmpHandlers } from '../../../../src/bgp/api/handlers/bmp.js';
import type { BmpApi } from '../../../../src/bmp/index.js';
import { BambuError } from '../../../../src/lib/errors.js';

/** Records addServer calls; the real exporter is covered by test/unit/bmp and test/integration/bmp. */
function recorder(): { api: BmpApi; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const api: BmpApi = {
    addServer: (...args) => void calls.push(args),
    removeServer: async () => undefined,
    listServers: () => [],
  };
  return { api, calls };
}

test('AddBmpServer passes address, port, statistics_timeout and route_monitoring_adj_rib_out', () => {
  const { api, calls } = recorder();
  const h = bmpHandlers(api);
  h.onAddBmpServer({ address: '127.0.0.1:11019', statisticsTimeout: 60, routeMonitoringAdjRibOut: true });
  h.onAddBmpServer({ address: '127.0.0.2:11019', statisticsTimeout: undefined, routeMonitoringAdjRibOut: undefined });
  assert.deepEqual(calls, [
    ['127.0.0.1', 11019, 60, { adjRibOut: true }],
    ['127.0.0.2', 11019, 0, { adjRibOut: false }],
  ]);
});

test('AddBmpServer without a port is INVALID_ARGUMENT naming address', () => {
  const h = bmpHandlers(recorder().api);
  assert.throws(() => h.onAddBmpServer({ address: '127.0.0.1', statisticsTimeout: undefined, routeMonitoringAdjRibOut: undefined }), (e: unknown) => e instanceof BambuError && e.field === 'address');
});
