/**
 * The Linux driver against the real kernel, driven directly with DesiredState objects (no store,
 * no API): two gateways in namespaces, hosts behind them. Asserts the ping crossing, flood off,
 * ARP answered locally, convergence/idempotence, exact removal, foreign objects untouched, and a
 * kernel error surfacing as an ERROR status.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Reconciler } from '../../../src/bgw/reconciler.js';
import { LinuxDataplane } from '../../../src/bgw/dataplane/linux/index.js';
import type { DesiredState, DesiredSegment, StatusSink } from '../../../src/bgw/model/desired.js';
import { silentLogger } from '../../../src/lib/log.js';
import { waitFor } from '../../helpers/wait.js';
import { HOST_A, HOST_B, VTEP_A, VTEP_B, buildTwoSites, ours, ping, snapshot, type TwoSites } from './topology.js';

class Sink implements StatusSink {
  now = new Map<string, string>();
  async setStatus(_kind: string, id: string, status: string): Promise<void> {
    this.now.set(id, status);
  }
}

/** One gateway: a reconciler over the namespace's kernel with a settable desired state. */
function gateway(ns: string, localVtep: string) {
  const g = { state: { segments: [] } as DesiredState, sink: new Sink(), dp: new LinuxDataplane({ netns: ns }), r: undefined as unknown as Reconciler };
  g.r = new Reconciler({ dataplane: g.dp, desiredState: async () => g.state, status: g.sink, log: silentLogger, localVtep, resyncMs: 0 });
  return g;
}

function seg(vni: number, peerVtep: string, flood: boolean, macs: { mac: string; ip?: string }[], iface: string | null = 'hst0'): DesiredSegment {
  return {
    vni,
    gatewayId: 'gw',
    interfaces: iface === null ? [] : [{ name: iface }],
    remotes: [{ connectionId: `conn-${vni}`, remoteGatewayId: 'rg', vtep: peerVtep, flood }],
    macs: macs.map((m, i) => ({ id: `mac-${vni}-${i}`, connectionId: `conn-${vni}`, mac: m.mac, ip: m.ip, vtep: peerVtep, origin: 'api' as const })),
  };
}

describe('linux driver in namespaces', () => {
  let t: TwoSites;
  let A: ReturnType<typeof gateway>;
  let B: ReturnType<typeof gateway>;
  let pristineA: Awaited<ReturnType<typeof snapshot>>;

  const setBoth = async (a: DesiredState, b: DesiredState) => {
    A.state = a;
    B.state = b;
    await A.r.reconcileNow();
    await B.r.reconcileNow();
  };

  before(async () => {
    t = buildTwoSites('dp');
    A = gateway(t.bgwA.name, VTEP_A);
    B = gateway(t.bgwB.name, VTEP_B);
    // A foreign bridge with a permanent neighbour: never touched.
    t.bgwA.exec('ip', ['link', 'add', 'brforeign', 'type', 'bridge']);
    t.bgwA.exec('ip', ['neigh', 'add', '192.0.2.1', 'lladdr', '52:54:00:99:99:99', 'dev', 'brforeign', 'nud', 'permanent']);
    pristineA = await snapshot(t.bgwA);
    await A.r.start();
    await B.r.start();
  });

  after(async () => {
    await A?.r.close();
    await B?.r.close();
    t?.destroy();
  });

  it('flood + remote MACs: hostA pings hostB and back; kernel objects as specified; second pass is a no-op', async () => {
    await setBoth({ segments: [seg(5000, VTEP_B, true, [{ mac: HOST_B.mac, ip: HOST_B.ip }])] }, { segments: [seg(5000, VTEP_A, true, [{ mac: HOST_A.mac, ip: HOST_A.ip }])] });
    assert.equal(A.sink.now.get('conn-5000'), 'ACTIVE');
    assert.equal(A.sink.now.get('mac-5000-0'), 'ACTIVE');
    await waitFor('hostA → hostB', () => ping(t.hostA, HOST_B.ip));
    await waitFor('hostB → hostA', () => ping(t.hostB, HOST_A.ip));
    const s = ours(await snapshot(t.bgwA));
    assert.deepEqual(s.links, ['bbr5000 bridge master=- mtu=1450 up=true alias=bambu:bgw:bridge:5000', 'bvx5000 vxlan master=bbr5000 mtu=1450 up=true alias=bambu:bgw:vxlan:5000']);
    assert.deepEqual(s.fdb, [
      `bvx5000 00:00:00:00:00:00 ${VTEP_B} self permanent`,
      `bvx5000 ${HOST_B.mac} - master static`,
      `bvx5000 ${HOST_B.mac} ${VTEP_B} self static`,
    ]);
    assert.deepEqual(s.neigh, [`bbr5000 ${HOST_B.ip} ${HOST_B.mac}`]);
    const vx = (await A.dp.observe()).links.find((l) => l.name === 'bvx5000')!;
    assert.deepEqual([vx.vxlan, vx.port], [{ vni: 5000, local: VTEP_A, port: 4789, learning: false }, { learning: false, neighSuppress: true }]);
    assert.equal((await A.dp.observe()).links.find((l) => l.name === 'hst0')?.master, 'bbr5000');
    await A.r.reconcileNow();
    assert.equal(A.r.last?.ops, 0, 'converged: nothing left to do');
  });

  it('flood off and no remote MAC: traffic stops', async () => {
    await setBoth({ segments: [seg(5000, VTEP_B, false, [])] }, { segments: [seg(5000, VTEP_A, false, [])] });
    t.hostA.exec('ip', ['neigh', 'flush', 'dev', 'eth0']);
    t.hostB.exec('ip', ['neigh', 'flush', 'dev', 'eth0']);
    assert.equal(ping(t.hostA, HOST_B.ip), false);
    assert.equal(ping(t.hostB, HOST_A.ip), false);
    assert.deepEqual(ours(await snapshot(t.bgwA)).fdb, [], 'no flood entry, no MAC entries');
  });

  it('flood off with remote MACs + IPs: ARP is answered by the local gateway and unicast crosses', async () => {
    await setBoth({ segments: [seg(5000, VTEP_B, false, [{ mac: HOST_B.mac, ip: HOST_B.ip }])] }, { segments: [seg(5000, VTEP_A, false, [{ mac: HOST_A.mac, ip: HOST_A.ip }])] });
    t.hostA.exec('ip', ['neigh', 'flush', 'dev', 'eth0']);
    // Broadcast cannot cross (no all-zeros entry): an answer can only come from bgwA's suppression.
    await waitFor('hostA → hostB without flooding', () => ping(t.hostA, HOST_B.ip));
    const n = JSON.parse(t.hostA.exec('ip', ['-j', 'neigh', 'show', HOST_B.ip, 'dev', 'eth0']).stdout) as { lladdr?: string }[];
    assert.equal(n[0]?.lladdr, HOST_B.mac);
  });

  it('removing the MAC IP removes the neighbour entry; ARP for it is then not answered', async () => {
    await setBoth({ segments: [seg(5000, VTEP_B, false, [{ mac: HOST_B.mac }])] }, { segments: [seg(5000, VTEP_A, false, [{ mac: HOST_A.mac }])] });
    assert.deepEqual(ours(await snapshot(t.bgwA)).neigh, []);
    t.hostA.exec('ip', ['neigh', 'flush', 'dev', 'eth0']);
    assert.equal(ping(t.hostA, HOST_B.ip), false);
  });

  it('a foreign device with our name blocks its segment with an ERROR status; a kernel error is reported, not thrown', async () => {
    t.bgwA.exec('ip', ['link', 'add', 'bvx6000', 'type', 'bridge']);
    A.state = { segments: [seg(5000, VTEP_B, true, []), seg(6000, VTEP_B, true, [], null), seg(7000, VTEP_B, true, [], 'lo')] };
    try {
      await A.r.reconcileNow();
      assert.match(A.sink.now.get('conn-6000') ?? '', /^ERROR: interface bvx6000 exists and is not owned by bambu/);
      assert.match(A.sink.now.get('conn-7000') ?? '', /^ERROR: .*link set dev lo master bbr7000: RTNETLINK answers: Invalid argument/);
      assert.equal(A.sink.now.get('conn-5000'), 'ACTIVE');
      const links = (await A.dp.observe()).links;
      assert.equal(links.find((l) => l.name === 'bvx6000')?.kind, 'bridge', 'foreign device untouched');
      assert.equal(links.some((l) => l.name === 'bbr6000'), false);
    } finally {
      t.bgwA.exec('ip', ['link', 'del', 'bvx6000']);
    }
  });

  it('drift behind our back (deleted FDB entry, changed bridge MAC) is repaired by the next pass', async () => {
    A.state = { segments: [seg(5000, VTEP_B, true, [{ mac: HOST_B.mac, ip: HOST_B.ip }])] };
    await A.r.reconcileNow();
    const want = ours(await snapshot(t.bgwA));
    t.bgwA.exec('bridge', ['fdb', 'del', HOST_B.mac, 'dev', 'bvx5000', 'master']);
    t.bgwA.exec('ip', ['link', 'set', 'bbr5000', 'address', '52:54:00:77:77:77']);
    assert.notDeepEqual(ours(await snapshot(t.bgwA)), want);
    await A.r.reconcileNow();
    assert.deepEqual(ours(await snapshot(t.bgwA)), want);
  });

  it('bulk: 1000 remote MACs with IPs go through the batch path, converge, and leave again', async () => {
    const macs = Array.from({ length: 1000 }, (_, i) => ({ mac: `52:54:01:00:${((i >> 8) & 0xff).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`, ip: `10.101.${i >> 7}.${(i & 0x7f) + 1}` }));
    A.state = { segments: [seg(5000, VTEP_B, true, macs)] };
    await A.r.reconcileNow();
    const s = ours(await snapshot(t.bgwA));
    assert.equal(s.fdb.length, 1 + 2 * macs.length);
    assert.equal(s.neigh.length, macs.length);
    assert.ok([...A.sink.now.entries()].filter(([k]) => k.startsWith('mac-5000-')).every(([, v]) => v === 'ACTIVE'));
    await A.r.reconcileNow();
    assert.equal(A.r.last?.ops, 0);
    A.state = { segments: [seg(5000, VTEP_B, true, [])] };
    await A.r.reconcileNow();
    assert.deepEqual(ours(await snapshot(t.bgwA)).fdb, [`bvx5000 00:00:00:00:00:00 ${VTEP_B} self permanent`]);
    assert.deepEqual(ours(await snapshot(t.bgwA)).neigh, []);
  });

  it('an empty desired state removes exactly what the driver created', async () => {
    A.state = { segments: [] };
    await A.r.reconcileNow();
    assert.deepEqual(await snapshot(t.bgwA), pristineA);
  });
});
