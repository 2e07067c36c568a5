/**
 * Issue 3, done-when 2: update commands take effect in the kernel (a remote gateway's new IP moves
 * the FDB entries; a MAC's new IP moves the neighbour entry) and delete commands remove exactly the
 * kernel state their create commands added (kernel snapshots compared before/after).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../../helpers/wait.js';
import { HOST_A, HOST_B, VTEP_A, VTEP_B, ours, ping, snapshot } from './topology.js';
import { connectSite, useTwoGatewaySites } from './daemon.js';

type Snap = Awaited<ReturnType<typeof snapshot>>;

describe('update and delete commands in the kernel', () => {
  const sites = useTwoGatewaySites('upd');

  /** Waits until `want` holds for bgwA's kernel and returns that snapshot. */
  const settle = (what: string, want: (s: Snap) => boolean) =>
    waitFor(what, async () => {
      const s = await snapshot(sites.t.bgwA);
      return want(s) ? s : undefined;
    });
  /** Waits until bgwA's kernel (or its bambu part with `part`) equals `want` exactly. */
  const settleTo = async (what: string, want: unknown, part: (s: Snap) => unknown = (s) => s) => {
    try {
      await settle(what, (s) => JSON.stringify(part(s)) === JSON.stringify(want));
    } catch {
      assert.deepEqual(part(await snapshot(sites.t.bgwA)), want, what);
    }
  };

  it('l2-remote-gateway-update --ip-addr moves the FDB entries; l2-remote-mac-update --ipaddr moves the neighbour entry', async () => {
    const a = connectSite(sites.A, { name: 'gwA', iface: 'hst0', remoteName: 'siteB', remoteVtep: VTEP_B, vni: 5000, macs: [{ mac: HOST_B.mac, ip: HOST_B.ip }] });
    connectSite(sites.B, { name: 'gwB', iface: 'hst0', remoteName: 'siteA', remoteVtep: VTEP_A, vni: 5000, macs: [{ mac: HOST_A.mac, ip: HOST_A.ip }] });
    await waitFor('hostA → hostB', () => ping(sites.t.hostA, HOST_B.ip));

    sites.A.cli(['l2-remote-gateway-update', 'siteB', '--ip-addr', '10.99.0.3']);
    await settleTo('FDB moved to 10.99.0.3', [`bvx5000 00:00:00:00:00:00 10.99.0.3 self permanent`, `bvx5000 ${HOST_B.mac} - master static`, `bvx5000 ${HOST_B.mac} 10.99.0.3 self static`], (s) => ours(s).fdb);
    assert.equal(ping(sites.t.hostA, HOST_B.ip), false, 'nothing answers at 10.99.0.3');

    sites.A.cli(['l2-remote-gateway-update', 'siteB', '--ip-addr', VTEP_B]);
    await waitFor('hostA → hostB again', () => ping(sites.t.hostA, HOST_B.ip));

    sites.A.cli(['l2-remote-mac-update', HOST_B.mac, a.connectionId, '--ipaddr=10.100.0.22']);
    await settleTo('neighbour moved', [`bbr5000 10.100.0.22 ${HOST_B.mac}`], (s) => ours(s).neigh);
    sites.A.cli(['l2-remote-mac-update', HOST_B.mac, a.connectionId, `--ipaddr=${HOST_B.ip}`]);
    await settleTo('neighbour back', [`bbr5000 ${HOST_B.ip} ${HOST_B.mac}`], (s) => ours(s).neigh);
  });

  it('delete commands remove exactly what the create commands added', async () => {
    const conns = sites.A.json<{ id: string }[]>(['l2-remote-gateway-connection-list']);
    const macs = sites.A.json<{ id: string }[]>(['l2-remote-mac-list']);
    assert.equal(conns.length, 1);
    assert.equal(macs.length, 1);
    const withMac = await snapshot(sites.t.bgwA);

    // A second MAC on the same connection, then its delete: back to the same kernel state.
    sites.A.cli(['l2-remote-mac-create', '52:54:00:00:00:33', conns[0]!.id, '--ipaddr=10.100.0.33']);
    await settle('second MAC in the kernel', (s) => ours(s).neigh.length === 2 && ours(s).fdb.length === 5);
    assert.deepEqual(ours(await snapshot(sites.t.bgwA)).fdb.filter((e) => e.includes('52:54:00:00:00:33')), ['bvx5000 52:54:00:00:00:33 - master static', `bvx5000 52:54:00:00:00:33 ${VTEP_B} self static`]);
    const extra = sites.A.json<{ id: string; mac_address: string }[]>(['l2-remote-mac-list']).find((m) => m.mac_address === '52:54:00:00:00:33')!;
    sites.A.cli(['l2-remote-mac-delete', extra.id]);
    await settleTo('second MAC gone', withMac);

    // A second segment (connection 6000 with a MAC), then deleting the connection (which deletes its MACs).
    sites.A.cli(['l2-remote-gateway-create', 'siteC', '10.99.0.4']);
    const before6000 = await snapshot(sites.t.bgwA);
    const c6 = sites.A.json<{ id: string }>(['l2-remote-gateway-connection-create', 'gwA', '--remote=siteC', '--segmentation-id=6000']);
    sites.A.cli(['l2-remote-mac-create', '52:54:00:00:00:44', c6.id, '--ipaddr=10.100.0.44']);
    await settleTo('segment 6000 in the kernel', [`bvx6000 00:00:00:00:00:00 10.99.0.4 self permanent`, 'bvx6000 52:54:00:00:00:44 - master static', 'bvx6000 52:54:00:00:00:44 10.99.0.4 self static'], (s) =>
      ours(s).fdb.filter((e) => e.startsWith('bvx6000 ')),
    );
    assert.ok((await snapshot(sites.t.bgwA)).links.some((l) => l.startsWith('bvx6000 vxlan master=bbr6000')));
    sites.A.cli(['l2-remote-gateway-connection-delete', c6.id]);
    await settleTo('segment 6000 gone', before6000);

    // Everything: MAC, connection, remote gateways, gateway. The gateway's interface is released.
    sites.A.cli(['l2-remote-mac-delete', macs[0]!.id]);
    sites.A.cli(['l2-remote-gateway-connection-delete', conns[0]!.id]);
    await settleTo('segment 5000 gone', { links: [], fdb: [], neigh: [] }, ours);
    const empty = await snapshot(sites.t.bgwA);
    const hst0 = empty.links.find((l) => l.startsWith('hst0 '))!;
    assert.match(hst0, /master=- /, 'hst0 released from the deleted bridge, not deleted');
    assert.equal(ping(sites.t.hostA, HOST_B.ip), false);
  });

  it('kernel and planning errors surface in the status field through the API; the daemon keeps serving', async () => {
    sites.A.cli(['l2-gateway-create', 'gwLo', '--device', 'name=lo-dev,interface_names=lo']);
    sites.A.cli(['l2-gateway-create', 'gwGhost', '--device', 'name=ghost-dev,interface_names=nosuch0']);
    sites.A.cli(['l2-remote-gateway-create', 'siteD', '10.99.0.5']);
    const lo = sites.A.json<{ id: string }>(['l2-remote-gateway-connection-create', 'gwLo', '--remote=siteD', '--segmentation-id=7000']);
    const ghost = sites.A.json<{ id: string }>(['l2-remote-gateway-connection-create', 'gwGhost', '--remote=siteD', '--segmentation-id=7001']);
    const statusOf = (id: string) => sites.A.json<{ id: string; status: string }[]>(['l2-remote-gateway-connection-list']).find((c) => c.id === id)?.status ?? '';
    await waitFor('ERROR status from the kernel', () => statusOf(lo.id).startsWith('ERROR:'));
    assert.match(statusOf(lo.id), /^ERROR: link set dev lo master bbr7000: RTNETLINK answers: Invalid argument/);
    await waitFor('ERROR status from planning', () => statusOf(ghost.id).startsWith('ERROR:'));
    assert.equal(statusOf(ghost.id), 'ERROR: interface nosuch0 not found');
    sites.A.cli(['l2-remote-gateway-connection-delete', lo.id]);
    sites.A.cli(['l2-remote-gateway-connection-delete', ghost.id]);
    await settle('segments 7000/7001 gone', (s) => ours(s).links.length === 0);
    assert.ok(sites.A.daemon && sites.A.daemon.child.exitCode === null, 'bambud still running');
  });
});
