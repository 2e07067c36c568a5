/**
 * Two Bambu border gateways over real BGP (issue 7, Done when 2): two `bambud` processes, each in
 * its own namespace with `l2gw.driver: evpn`, iBGP AS 65000 over the underlay veth carrying only
 * L2VPN EVPN, driven only through the `bambu` CLI; no l2-remote-mac is created:
 *
 *   hostA ── [hst0] bgwA (bambud) [und0 10.99.0.1] ══ [und0 10.99.0.2] bgwB (bambud) [hst0] ── hostB
 *                                                                                  [hst1] ── hostB2
 *
 * Asserts: the session carries L2VPN EVPN; flood entries come from type 3 routes; the hosts ping
 * each other; each kernel holds the other's host MAC as the extern_learn pair towards the other
 * VTEP, listed as learned; moving hostA's MAC to site B (no carrier change) converges with
 * mobility sequence 1 at both sites and leaves no stale entry on either side.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../../helpers/wait.js';
import { Netns, link } from '../../helpers/netns.js';
import { HOST_A, HOST_B, VTEP_A, VTEP_B, buildTwoSites, ping, type TwoSites } from '../../integration/bgw-dataplane/topology.js';
import { VNI, hasFlood, hasPair, startSite, type2Of, type Site } from './site.js';

const ASN = 65000;

describe('EVPN between two bambuds over iBGP (namespaces, real kernels)', () => {
  let t: TwoSites;
  let hostB2: Netns;
  let A: Site;
  let B: Site;

  before(async () => {
    t = buildTwoSites('eb');
    hostB2 = Netns.create('ebh2');
    link(t.bgwB, 'hst1', null, hostB2, 'eth0', null);
    const started = await Promise.allSettled([
      startSite(t.bgwA, { asn: ASN, vtep: VTEP_A, peers: [{ address: VTEP_B, asn: ASN }], ports: ['hst0'], remoteVtep: VTEP_B }),
      startSite(t.bgwB, { asn: ASN, vtep: VTEP_B, peers: [{ address: VTEP_A, asn: ASN }], ports: ['hst0', 'hst1'], remoteVtep: VTEP_A }),
    ]);
    // Both assigned before any rethrow, so the after/finally stops whichever came up.
    if (started[0].status === 'fulfilled') A = started[0].value;
    if (started[1].status === 'fulfilled') B = started[1].value;
    for (const r of started) if (r.status === 'rejected') throw r.reason;
  });

  after(async () => {
    await A?.stop();
    await B?.stop();
    hostB2?.destroy();
    t?.destroy();
  });

  it('the session carries L2VPN EVPN; type 3 routes make flood entries', async () => {
    await waitFor('Established with l2vpn-evpn', () => {
      const peers = JSON.parse(A.cli('peer', 'list', '--json')) as { address: string; state: string; families?: string[] }[];
      const p = peers.find((x) => x.address === VTEP_B);
      return p !== undefined && /established/i.test(String(p.state));
    }, 60_000);
    await waitFor('flood entries from type 3', () => hasFlood(A.fdb(), VTEP_B) && hasFlood(B.fdb(), VTEP_A), 60_000);
    const t3 = A.evpnRoutes().filter((r) => r.paths.some((p) => p.evpn?.route_type === 3 && p.evpn.originator_ip === VTEP_B));
    assert.equal(t3.length, 1, 'B type 3 in A Loc-RIB');
    assert.equal(t3[0]!.paths[0]!.evpn!.vni, VNI);
    assert.equal(t3[0]!.paths[0]!.next_hop, VTEP_B);
  });

  it('hosts ping each other with no l2-remote-mac; MACs learned as extern_learn pairs, listed read-only', async () => {
    await waitFor('ping A → B', () => ping(t.hostA, HOST_B.ip), 60_000);
    assert.ok(ping(t.hostB, HOST_A.ip));
    await waitFor('A learned B host MAC', () => hasPair(A.fdb(), HOST_B.mac, VTEP_B), 30_000);
    await waitFor('B learned A host MAC', () => hasPair(B.fdb(), HOST_A.mac, VTEP_A), 30_000);
    assert.deepEqual(
      A.learned().map((m) => [m.mac_address, m.remote_vtep, m.sequence]),
      [[HOST_B.mac, VTEP_B, 0]],
    );
    assert.deepEqual(JSON.parse(A.cli('l2-remote-mac-list', '-f', 'json')), [], 'nothing typed by hand');
    const r = type2Of(A.evpnRoutes(), HOST_B.mac);
    assert.ok(r.length >= 1 && r.every((x) => x.paths[0]!.evpn!.vni === VNI && x.paths[0]!.peer_address === VTEP_B), JSON.stringify(r));
    const table = A.cli('route', 'list', '--family', 'evpn');
    assert.ok(table.split('\n').some((l) => l.includes(HOST_B.mac) && l.includes(` ${VNI} `) && l.includes(VTEP_B)), table);
  });

  it('moving hostA MAC to site B converges with a higher mobility sequence and no stale entry', async () => {
    await waitFor('B has hostA MAC with sequence 0', () => B.learned().some((m) => m.mac_address === HOST_A.mac && m.remote_vtep === VTEP_A && m.sequence === 0), 30_000);
    // The host leaves site A without a carrier change (site A's bridge keeps the entry until it
    // ages, so the MAC appears at B while A still advertises it: a move).
    t.hostA.exec('ip', ['addr', 'flush', 'dev', 'eth0']);
    t.hostA.exec('ip', ['link', 'set', 'eth0', 'address', '52:54:00:00:00:99']);
    hostB2.exec('ip', ['link', 'set', 'eth0', 'address', HOST_A.mac]);
    hostB2.exec('ip', ['addr', 'add', `${HOST_A.ip}/24`, 'dev', 'eth0']);
    hostB2.exec('ip', ['link', 'set', 'eth0', 'up']);
    await waitFor('moved host reaches hostB', () => ping(hostB2, HOST_B.ip), 30_000);
    await waitFor('A installs the moved MAC towards B with sequence 1', () => {
      const m = A.learned().find((x) => x.mac_address === HOST_A.mac);
      return m !== undefined && m.remote_vtep === VTEP_B && m.sequence === 1 && hasPair(A.fdb(), HOST_A.mac, VTEP_B);
    }, 60_000);
    await waitFor('B holds the MAC locally (advertised with sequence 1), nothing towards A', () => {
      const stale = B.fdb().some((e) => e.mac === HOST_A.mac && (e.dst === VTEP_A || e.flags?.includes('extern_learn')));
      const own = type2Of(B.evpnRoutes(), HOST_A.mac).filter((r) => r.paths.some((p) => p.peer_address === '' || p.peer_address === VTEP_B));
      const fromA = type2Of(B.evpnRoutes(), HOST_A.mac).filter((r) => r.paths.some((p) => p.peer_address === VTEP_A));
      return !B.learned().some((x) => x.mac_address === HOST_A.mac) && !stale && fromA.length === 0 && own.some((r) => r.paths[0]!.evpn!.mac_mobility_sequence === 1);
    }, 60_000);
    // Site A: the only entries for the MAC point at B; its own port holds none; it no longer advertises it.
    assert.equal(A.fdb().filter((e) => e.mac === HOST_A.mac && e.dst !== undefined && e.dst !== VTEP_B).length, 0);
    const onPort = JSON.parse(t.bgwA.exec('bridge', ['-j', 'fdb', 'show', 'dev', 'hst0']).stdout || '[]') as { mac: string }[];
    assert.ok(!onPort.some((e) => e.mac === HOST_A.mac), 'no stale entry on site A local port');
    const seqs = type2Of(A.evpnRoutes(), HOST_A.mac).map((r) => [r.paths[0]!.peer_address, r.paths[0]!.evpn!.mac_mobility_sequence]);
    assert.deepEqual(seqs, [[VTEP_B, 1]], 'A holds only B route, sequence 1');
    assert.ok(ping(t.hostB, HOST_A.ip), 'hostB reaches the moved host locally');
  });
});
