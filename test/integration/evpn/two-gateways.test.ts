/**
 * Two border gateways with the EVPN driver, in-process (store + REST API + reconciler + EVPN core
 * each), joined through the in-memory EvpnSpeaker fabric (the BGP engine does not carry the family
 * yet), over real kernels in namespaces:
 *
 *   hostA ── [hst0] bgwA [und0 10.99.0.1] ══ [und0 10.99.0.2] bgwB [hst0] ── hostB
 *                                                               [hst1] ── hostB2 (later: hostA's MAC + IP)
 *
 * Asserts: with no l2-remote-mac and flood off on the connections, the hosts ping each other; each
 * side's kernel holds the other's MAC as the extern_learn FDB pair towards its VTEP and a flood
 * entry from the type 3 route; the API lists learned MACs (origin VTEP) and remote VTEPs. Moving
 * hostA's MAC to site B converges with mobility sequence 1 and leaves no stale entry on either
 * side. A host IP resolved at one site becomes an extern_learn neighbour at the other (MAC+IP).
 * Session loss removes what was learned.
 */
import { describe, it, before, after } from 'node:test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildBgwApi } from '../../../src/bgw/api/index.js';
import { openBgwStore, type BgwStore } from '../../../src/bgw/store/index.js';
import { Reconciler } from '../../../src/bgw/reconciler.js';
import { EvpnDataplane } from '../../../src/bgw/dataplane/evpn/index.js';
import { LinuxDataplane } from '../../../src/bgw/dataplane/linux/index.js';
import { InMemoryEvpnFabric } from '../../../src/evpn/index.js';
import { silentLogger } from '../../../src/lib/log.js';
import { waitFor } from '../../helpers/wait.js';
import { BAMBU } from '../../helpers/proc.js';
import { Netns, link } from '../../helpers/netns.js';
import { HOST_A, HOST_B, VTEP_A, VTEP_B, buildTwoSites, ping, type TwoSites } from '../bgw-dataplane/topology.js';

const VNI = 100;

/** One gateway: store, API, EVPN driver over the namespace's kernel, reconciler. */
async function gateway(ns: Netns, fabric: InMemoryEvpnFabric, name: string, vtep: string, peerVtep: string, interfaces: string[]) {
  const store: BgwStore = await openBgwStore('sqlite::memory:', { log: silentLogger });
  const speaker = fabric.speaker(name, { asn: 65000, routerId: vtep });
  const dp = new EvpnDataplane({ inner: new LinuxDataplane({ netns: ns.name }), speaker, localVtep: vtep, scanMs: 200, log: silentLogger });
  const api: FastifyInstance = buildBgwApi(store, { noauth: true, tokens: [], log: silentLogger, evpn: dp.core });
  const call = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const r = await api.inject({ method, url, ...(body ? { payload: body as object } : {}) });
    assert.ok(r.statusCode < 300, `${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const gw = await call('POST', '/v2.0/l2-gateways', { l2_gateway: { name: 'gw', devices: [{ device_name: name, interfaces: interfaces.map((n) => ({ name: n })) }] } });
  const rg = await call('POST', '/v2.0/l2-remote-gateways', { l2_remote_gateway: { name: 'peer', ipaddr: peerVtep } });
  await call('POST', '/v2.0/l2-remote-gateway-connections', {
    l2_remote_gateway_connection: { gateway: gw.l2_gateway.id, remote_gateway: rg.l2_remote_gateway.id, segmentation_id: VNI, flood: false },
  });
  const r = new Reconciler({ dataplane: dp, desiredState: () => store.desiredState(), status: store, log: silentLogger, localVtep: vtep, resyncMs: 1000, debounceMs: 20 });
  const off = store.onChange(() => r.trigger());
  await r.start();
  await api.listen({ host: '127.0.0.1', port: 0 });
  const addr = api.server.address() as { port: number };
  return {
    dp,
    call,
    /** Runs the `bambu` CLI against this gateway's API (asynchronously: the API is in this process). */
    cli: async (...args: string[]) => (await promisify(execFile)(process.execPath, [BAMBU, ...args, '--url', `http://127.0.0.1:${addr.port}`], { timeout: 30_000 })).stdout,
    learned: async () => (await call('GET', `/v2.0/l2-learned-macs?segmentation_id=${VNI}`)).l2_learned_macs as { mac_address: string; ip_addresses: string[]; remote_vtep: string; sequence: number }[],
    vteps: async () => (await call('GET', '/v2.0/l2-evpn-vteps')).l2_evpn_vteps as { segmentation_id: number; remote_vtep: string }[],
    fdb: () => ns.exec('bridge', ['-j', 'fdb', 'show', 'dev', `bvx${VNI}`]).stdout,
    async close() {
      off();
      await r.close();
      await api.close();
      await store.close();
    },
  };
}

type Gw = Awaited<ReturnType<typeof gateway>>;
type Fdb = { mac: string; dst?: string; flags?: string[]; master?: string; state?: string }[];
const fdbOf = (g: Gw): Fdb => JSON.parse(g.fdb() || '[]') as Fdb;
/** The extern_learn pair of `mac` towards `vtep` on the VXLAN device. */
const hasPair = (g: Gw, mac: string, vtep: string): boolean => {
  const f = fdbOf(g);
  const self = f.some((e) => e.mac === mac && e.dst === vtep && e.flags?.includes('self') && e.flags.includes('extern_learn'));
  const master = f.some((e) => e.mac === mac && e.master === `bbr${VNI}` && e.flags?.includes('extern_learn'));
  return self && master;
};
const hasFlood = (g: Gw, vtep: string): boolean => fdbOf(g).some((e) => e.mac === '00:00:00:00:00:00' && e.dst === vtep);
const anyEntry = (g: Gw, mac: string): boolean => fdbOf(g).some((e) => e.mac === mac);

describe('EVPN between two border gateways (in-memory speaker, real kernels)', () => {
  let t: TwoSites;
  let hostB2: Netns;
  let fabric: InMemoryEvpnFabric;
  let A: Gw;
  let B: Gw;

  before(async () => {
    t = buildTwoSites('ev');
    hostB2 = Netns.create('evh2');
    link(t.bgwB, 'hst1', null, hostB2, 'eth0', null);
    fabric = new InMemoryEvpnFabric();
    A = await gateway(t.bgwA, fabric, 'A', VTEP_A, VTEP_B, ['hst0']);
    B = await gateway(t.bgwB, fabric, 'B', VTEP_B, VTEP_A, ['hst0', 'hst1']);
  });

  after(async () => {
    await A?.close();
    await B?.close();
    hostB2?.destroy();
    t?.destroy();
  });

  it('type 3 routes make flood entries (the connections have flood off) and list remote VTEPs', async () => {
    await waitFor("flood entries from type 3", () => hasFlood(A, VTEP_B) && hasFlood(B, VTEP_A));
    assert.deepEqual(await A.vteps(), [{ segmentation_id: VNI, remote_vtep: VTEP_B, peer: 'B' }]);
    assert.deepEqual(await B.vteps(), [{ segmentation_id: VNI, remote_vtep: VTEP_A, peer: 'A' }]);
  });

  it('hosts ping each other with no l2-remote-mac; MACs learned as extern_learn pairs, listed read-only', async () => {
    await waitFor('ping A → B', () => ping(t.hostA, HOST_B.ip));
    assert.ok(ping(t.hostB, HOST_A.ip));
    await waitFor('A learned B host MAC', () => hasPair(A, HOST_B.mac, VTEP_B));
    await waitFor('B learned A host MAC', () => hasPair(B, HOST_A.mac, VTEP_A));
    const la = await A.learned();
    assert.deepEqual(
      la.map((m) => [m.mac_address, m.remote_vtep, m.sequence]),
      [[HOST_B.mac, VTEP_B, 0]],
    );
    assert.equal((await A.call('GET', '/v2.0/l2-remote-macs')).l2_remote_macs.length, 0, 'nothing typed by hand');
    const cli = JSON.parse(await A.cli('l2-remote-mac-list', '--learned', '-f', 'json')) as { mac_address: string; remote_vtep: string }[];
    assert.deepEqual(cli.map((m) => [m.mac_address, m.remote_vtep]), [[HOST_B.mac, VTEP_B]]);
    assert.deepEqual(JSON.parse(await A.cli('l2-remote-mac-list', '-f', 'json')), [], 'hand-entered list stays empty');
    assert.match(await A.cli('l2-evpn-vtep-list'), new RegExp(VTEP_B.replace(/\./g, '\\.')));
    assert.deepEqual(JSON.parse(await A.cli('l2-evpn-duplicate-mac-list', '-f', 'json')), []);
    await assert.rejects(A.cli('l2-evpn-duplicate-mac-clear', String(VNI), HOST_B.mac), /not found/);
  });

  it('moving hostA MAC to site B converges with a higher mobility sequence and no stale entry', async () => {
    // The host leaves site A without a carrier change (the bridge keeps its entry until it ages, so
    // site A still advertises the MAC when it appears at B — a move, not an age-out + learn).
    await waitFor('A advertises the MAC with sequence 0', () => A.dp.core.localMacs().some((l) => l.mac === HOST_A.mac && l.advertised && l.sequence === 0));
    t.hostA.exec('ip', ['addr', 'flush', 'dev', 'eth0']);
    t.hostA.exec('ip', ['link', 'set', 'eth0', 'address', '52:54:00:00:00:99']);
    hostB2.exec('ip', ['link', 'set', 'eth0', 'address', HOST_A.mac]);
    hostB2.exec('ip', ['addr', 'add', `${HOST_A.ip}/24`, 'dev', 'eth0']);
    hostB2.exec('ip', ['link', 'set', 'eth0', 'up']);
    // The moved host talks: site B's bridge learns its MAC on hst1 (taking over the extern_learn entry).
    await waitFor('moved host reaches hostB', () => ping(hostB2, HOST_B.ip));
    await waitFor('A installs the moved MAC towards B with sequence 1', async () => {
      const m = (await A.learned()).find((x) => x.mac_address === HOST_A.mac);
      return m !== undefined && m.remote_vtep === VTEP_B && m.sequence === 1 && hasPair(A, HOST_A.mac, VTEP_B);
    });
    await waitFor('B holds the MAC locally, nothing towards A', async () => {
      const learned = await B.learned();
      const local = B.dp.core.localMacs().find((l) => l.mac === HOST_A.mac);
      const stale = fdbOf(B).some((e) => e.mac === HOST_A.mac && (e.dst === VTEP_A || e.flags?.includes('extern_learn')));
      return !learned.some((x) => x.mac_address === HOST_A.mac) && local?.advertised === true && local.sequence === 1 && !stale;
    });
    // Site A: the only entry for the MAC is the pair towards B (no self entry towards A's own port).
    assert.equal(fdbOf(A).filter((e) => e.mac === HOST_A.mac && e.dst !== undefined && e.dst !== VTEP_B).length, 0);
    const onPort = JSON.parse(t.bgwA.exec('bridge', ['-j', 'fdb', 'show', 'dev', 'hst0']).stdout || '[]') as Fdb;
    assert.ok(!onPort.some((e) => e.mac === HOST_A.mac), 'no stale entry on site A local port');
    assert.ok(!A.dp.core.localMacs().some((l) => l.mac === HOST_A.mac && l.advertised), 'site A no longer advertises it');
    assert.ok(ping(t.hostB, HOST_A.ip), 'hostB reaches the moved host locally');
  });

  it('MAC+IP: an address on site B\'s bridge resolves hostB; site A installs an extern_learn neighbour on its bridge (for ARP suppression)', async () => {
    t.bgwB.exec('ip', ['addr', 'add', '10.100.0.253/24', 'dev', `bbr${VNI}`]);
    await waitFor('B resolves hostB', () => t.bgwB.exec('ping', ['-c', '1', '-W', '1', HOST_B.ip], { check: false }).status === 0);
    await waitFor('A learns the IP of hostB', async () => (await A.learned()).find((m) => m.mac_address === HOST_B.mac)?.ip_addresses?.includes(HOST_B.ip) === true);
    await waitFor('A holds the neighbour entry', () => {
      const n = JSON.parse(t.bgwA.exec('ip', ['-j', 'neigh', 'show', 'dev', `bbr${VNI}`]).stdout || '[]') as { dst: string; lladdr?: string; extern_learn?: unknown }[];
      return n.some((e) => e.dst === HOST_B.ip && e.lladdr === HOST_B.mac && 'extern_learn' in e);
    });
  });

  it('session loss removes learned MACs and flood entries; re-establishing restores them', async () => {
    fabric.disconnect('A', 'B');
    await waitFor('A forgets B', async () => (await A.learned()).length === 0 && !hasFlood(A, VTEP_B) && !anyEntry(A, HOST_B.mac));
    assert.deepEqual(await A.vteps(), []);
    fabric.connect('A', 'B');
    await waitFor('A relearns B', () => hasFlood(A, VTEP_B) && hasPair(A, HOST_B.mac, VTEP_B));
  });
});
