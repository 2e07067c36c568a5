/**
 * Interop with a real FRR VTEP (issue 7, Done when 1), with iBGP (AS 65000 both) and with eBGP
 * (65000 / 65001, route target 65000:100 configured explicitly on both sides):
 *
 *   hostA ── [hst0] bgwA (bambud, l2gw driver evpn) [und0 10.99.0.1] ══ [und0 10.99.0.2] frr (zebra+bgpd) [hst0] ── hostB
 *
 * Asserts: the session carries L2VPN EVPN (FRR's EVPN summary shows it Established); the hosts ping
 * each other; FRR's `show evpn mac vni all json` lists hostA's MAC as remote behind our VTEP; our
 * API lists hostB's MAC as learned behind FRR's VTEP (and the kernel holds its extern_learn pair);
 * a host gone (its port down, the bridge forgets the MAC) removes the entries on the other side,
 * both ways.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../../helpers/wait.js';
import { HOST_A, HOST_B, VTEP_A, VTEP_B, buildTwoSites, ping, type TwoSites } from '../../integration/bgw-dataplane/topology.js';
import { VNI, hasPair, startSite, type Site } from './site.js';
import { FrrVtep } from './frr-vtep.js';

for (const mode of ['ibgp', 'ebgp'] as const) {
  const ourAs = 65000;
  const frrAs = mode === 'ibgp' ? 65000 : 65001;
  const rt = mode === 'ebgp' ? '65000:100' : undefined;

  describe(`EVPN interop with FRR over ${mode}`, () => {
    let t: TwoSites;
    let A: Site;
    let frr: FrrVtep;

    before(async () => {
      t = buildTwoSites(mode === 'ibgp' ? 'fi' : 'fe');
      frr = await FrrVtep.start(t.bgwB, { asn: frrAs, vtep: VTEP_B, vni: VNI, port: 'hst0', peer: { address: VTEP_A, asn: ourAs }, ...(rt ? { routeTarget: rt } : {}) });
      A = await startSite(t.bgwA, { asn: ourAs, vtep: VTEP_A, peers: [{ address: VTEP_B, asn: frrAs }], ports: ['hst0'], remoteVtep: VTEP_B, ...(rt ? { routeTarget: rt } : {}) });
    });

    after(async () => {
      await A?.stop();
      await frr?.stop();
      t?.destroy();
    });

    it('the session carries L2VPN EVPN', async () => {
      await waitFor('FRR EVPN session Established', () => frr.neighborState(VTEP_A) === 'Established', 60_000).catch((err: unknown) => {
        throw new Error(`${(err as Error).message}\nFRR:\n${frr.output().slice(-3000)}\nbambud:\n${A.daemon.output().slice(-3000)}`);
      });
      const sum = frr.json<{ peers?: Record<string, { state?: string }> }>('show bgp l2vpn evpn summary json');
      assert.equal(sum.peers?.[VTEP_A]?.state, 'Established', JSON.stringify(sum));
    });

    it('hosts ping each other; FRR lists our host MAC as remote behind our VTEP; our API lists FRR host MAC as learned', async () => {
      await waitFor('ping A → B', () => ping(t.hostA, HOST_B.ip), 60_000);
      assert.ok(ping(t.hostB, HOST_A.ip));
      await waitFor('FRR: hostA MAC remote via our VTEP', () => {
        const m = frr.macs()[String(VNI)]?.[HOST_A.mac];
        return m?.type === 'remote' && m.remoteVtep === VTEP_A;
      }, 60_000);
      await waitFor('Bambu: hostB MAC learned via FRR VTEP', () => A.learned().some((m) => m.mac_address === HOST_B.mac && m.remote_vtep === VTEP_B), 60_000);
      assert.ok(hasPair(A.fdb(), HOST_B.mac, VTEP_B), 'extern_learn pair in our kernel');
      const routes = A.evpnRoutes();
      assert.ok(routes.some((r) => r.paths.some((p) => p.evpn?.route_type === 2 && p.evpn.mac_address === HOST_B.mac && p.evpn.vni === VNI && p.next_hop === VTEP_B)), JSON.stringify(routes));
    });

    it('withdrawing: a host gone removes its MAC on the other side, both ways', async () => {
      // hostA gone: its veth goes down, our bridge forgets the MAC, the type 2 is withdrawn.
      t.hostA.exec('ip', ['link', 'set', 'eth0', 'down']);
      await waitFor('FRR forgets hostA MAC', () => frr.macs()[String(VNI)]?.[HOST_A.mac] === undefined, 60_000);
      // hostB gone at FRR's site: zebra withdraws, we remove the learned MAC and its FDB pair.
      t.hostB.exec('ip', ['link', 'set', 'eth0', 'down']);
      await waitFor('Bambu forgets hostB MAC', () => !A.learned().some((m) => m.mac_address === HOST_B.mac) && !A.fdb().some((e) => e.mac === HOST_B.mac), 60_000);
    });
  });
}
