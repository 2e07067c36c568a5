/**
 * Issue 3, done-when 3: `kill -9` of a gateway's bambud, changes in its database while it is down
 * (made through the CLI against a second, short-lived bambud with driver none on the same
 * database), and a restart: the kernel converges to the database with no stale entry — it equals
 * the kernel a gateway builds from scratch from the same database.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../../helpers/wait.js';
import { HOST_A, HOST_B, VTEP_A, VTEP_B, ours, ping, snapshot } from './topology.js';
import { connectSite, useTwoGatewaySites } from './daemon.js';

describe('restart after kill -9 with database changes while down', () => {
  const sites = useTwoGatewaySites('rst');

  it('converges to the database, no stale entry', async () => {
    const a = connectSite(sites.A, { name: 'gwA', iface: 'hst0', remoteName: 'siteB', remoteVtep: VTEP_B, vni: 5000, macs: [{ mac: HOST_B.mac, ip: HOST_B.ip }] });
    connectSite(sites.B, { name: 'gwB', iface: 'hst0', remoteName: 'siteA', remoteVtep: VTEP_A, vni: 5000, macs: [{ mac: HOST_A.mac, ip: HOST_A.ip }] });
    sites.A.cli(['l2-remote-gateway-create', 'siteC', '10.99.0.4']);
    const c6 = sites.A.json<{ id: string }>(['l2-remote-gateway-connection-create', 'gwA', '--remote=siteC', '--segmentation-id=6000']);
    sites.A.cli(['l2-remote-mac-create', '52:54:00:00:00:66', c6.id, '--ipaddr=10.100.0.66']);
    await waitFor('hostA → hostB', () => ping(sites.t.hostA, HOST_B.ip));
    await waitFor('segment 6000 realized', async () => ours(await snapshot(sites.t.bgwA)).neigh.length === 2);

    await sites.A.stop('SIGKILL');
    // While bgwA's daemon is down: a second bambud (driver none, other port) on the same database.
    const side = await sites.A.start({ driver: 'none', port: 9698 });
    try {
      const macs = sites.A.json<{ id: string; mac_address: string }[]>(['l2-remote-mac-list'], { port: 9698 });
      sites.A.cli(['l2-remote-mac-delete', macs.find((m) => m.mac_address === HOST_B.mac)!.id], { port: 9698 });
      sites.A.cli(['l2-remote-mac-create', '52:54:00:00:00:55', a.connectionId, '--ipaddr=10.100.0.55'], { port: 9698 });
      sites.A.cli(['l2-remote-gateway-connection-delete', c6.id], { port: 9698 });
      sites.A.cli(['l2-remote-gateway-update', 'siteB', '--ip-addr', '10.99.0.3'], { port: 9698 });
    } finally {
      await side.stop();
    }
    const stale = ours(await snapshot(sites.t.bgwA));
    assert.ok(stale.links.some((l) => l.startsWith('bbr6000')), 'the kernel still holds the old state while the daemon is down');

    await sites.A.start();
    const want = {
      links: ['bbr5000 bridge master=- mtu=1450 up=true alias=bambu:bgw:bridge:5000', 'bvx5000 vxlan master=bbr5000 mtu=1450 up=true alias=bambu:bgw:vxlan:5000'],
      fdb: ['bvx5000 00:00:00:00:00:00 10.99.0.3 self permanent', 'bvx5000 52:54:00:00:00:55 - master static', 'bvx5000 52:54:00:00:00:55 10.99.0.3 self static'],
      neigh: ['bbr5000 10.100.0.55 52:54:00:00:00:55'],
    };
    await waitFor('bgwA converged after restart', async () => JSON.stringify(ours(await snapshot(sites.t.bgwA))) === JSON.stringify(want)).catch(async () => {
      assert.deepEqual(ours(await snapshot(sites.t.bgwA)), want);
    });
    const converged = await snapshot(sites.t.bgwA);

    // The same database realized from scratch gives the same kernel: nothing stale survived.
    await sites.A.stop('SIGKILL');
    sites.t.bgwA.exec('ip', ['link', 'del', 'bbr5000']);
    sites.t.bgwA.exec('ip', ['link', 'del', 'bvx5000']);
    await sites.A.start();
    await waitFor('bgwA rebuilt from scratch', async () => ours(await snapshot(sites.t.bgwA)).neigh.length === 1 && ours(await snapshot(sites.t.bgwA)).fdb.length === 3);
    const fresh = await snapshot(sites.t.bgwA);
    const noBridgeMac = (s: typeof fresh) => ({ ...s, links: s.links.map((l) => (l.startsWith('bvx') ? l.replace(/ [0-9a-f:]{17}$/, '') : l)) });
    assert.deepEqual(noBridgeMac(fresh), noBridgeMac(converged));

    // Back to working order through the CLI on the restarted daemon.
    sites.A.cli(['l2-remote-gateway-update', 'siteB', '--ip-addr', VTEP_B]);
    sites.A.cli(['l2-remote-mac-create', HOST_B.mac, a.connectionId, `--ipaddr=${HOST_B.ip}`]);
    await waitFor('hostA → hostB after restart', () => ping(sites.t.hostA, HOST_B.ip));
  });
});
