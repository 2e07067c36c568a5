/**
 * The EVPN driver's pure parts and its wiring over the fake kernel: the local-MAC scan, learned
 * state added to the desired state, extern_learn realization (desire/diff/render), and a
 * reconciler over EvpnDataplane installing what a peer advertises and removing it on withdrawal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { desire } from '../../../src/bgw/dataplane/desire.js';
import { diff } from '../../../src/bgw/dataplane/diff.js';
import { render } from '../../../src/bgw/dataplane/linux/render.js';
import { FakeDataplane } from '../../../src/bgw/dataplane/fake/index.js';
import { EvpnDataplane, localScan, withLearned } from '../../../src/bgw/dataplane/evpn/index.js';
import { Reconciler } from '../../../src/bgw/reconciler.js';
import type { DesiredSegment, DesiredState, StatusSink } from '../../../src/bgw/model/desired.js';
import type { Observed } from '../../../src/bgw/dataplane/types.js';
import { InMemoryEvpnFabric, deriveEvi, type2Route, type3Route, type EvpnView } from '../../../src/evpn/index.js';
import { silentLogger } from '../../../src/lib/log.js';
import { waitFor } from '../../helpers/wait.js';

const link = (name: string, kind: string, master?: string) => ({ name, kind, mtu: 1500, up: true, address: '52:54:00:aa:aa:aa', ...(master ? { master } : {}) });

test('localScan: dynamic master entries on local ports of bbrN; IPs from dynamic neighbours on bbrN', () => {
  const obs: Observed = {
    links: [link('bbr100', 'bridge'), link('bvx100', 'vxlan', 'bbr100'), link('hst0', 'veth', 'bbr100'), link('other0', 'veth', 'brx')],
    fdb: [
      { dev: 'hst0', mac: '52:54:00:00:00:01', flag: 'master', state: '' },
      { dev: 'hst0', mac: '52:54:00:00:00:0a', flag: 'master', state: 'permanent' }, // port's own address
      { dev: 'hst0', mac: '01:00:5e:00:00:01', flag: 'master', state: '' }, // multicast
      { dev: 'bvx100', mac: '52:54:00:00:00:02', flag: 'master', state: 'extern_learn' }, // remote
      { dev: 'bvx100', mac: '52:54:00:00:00:03', flag: 'master', state: '' }, // on the VXLAN port: never local
      { dev: 'other0', mac: '52:54:00:00:00:04', flag: 'master', state: '' }, // another bridge
    ],
    neigh: [
      { dev: 'bbr100', ip: '10.1.1.1', mac: '52:54:00:00:00:01', permanent: false },
      { dev: 'bbr100', ip: '10.1.1.2', mac: '52:54:00:00:00:02', permanent: false, externLearn: true },
      { dev: 'bbr100', ip: '10.1.1.3', mac: '52:54:00:00:00:01', permanent: true },
    ],
    addrs: [],
  };
  const s = localScan(obs, [100, 200]);
  assert.deepEqual([...s.get(100)!].map(([m, ips]) => [m, [...ips]]), [['52:54:00:00:00:01', ['10.1.1.1']]]);
  assert.equal(s.get(200)!.size, 0);
});

const seg = (over: Partial<DesiredSegment> = {}): DesiredSegment => ({ vni: 100, gatewayId: 'g', interfaces: [], remotes: [], macs: [], ...over });

const view = (macs: ReturnType<EvpnView['learnedMacs']>, vteps: ReturnType<EvpnView['remoteVteps']>): EvpnView => ({
  learnedMacs: () => macs,
  remoteVteps: () => vteps,
  duplicateMacs: () => [],
  localMacs: () => [],
});

test('learned state joins the first segment of its VNI and is realized as extern_learn entries', () => {
  const v = view([{ vni: 100, mac: '52:54:00:00:00:02', ips: ['10.1.1.2'], vtep: '10.99.0.2', peer: 'p', sequence: 1, sticky: false }], [{ vni: 100, vtep: '10.99.0.2', peer: 'p' }]);
  const st = withLearned({ segments: [seg(), seg({ gatewayId: 'h' }), seg({ vni: 200 })] }, v);
  assert.equal(st.segments[0]!.macs.length, 1);
  assert.equal(st.segments[1]!.macs.length, 0);
  assert.equal(st.segments[0]!.remotes[0]!.origin, 'evpn');
  const spec = desire(st, { localVtep: '10.99.0.1', underlayMtu: 1500 });
  assert.deepEqual(
    spec.fdb.filter((e) => e.mac !== '00:00:00:00:00:00').map((e) => [e.dev, e.mac, e.dst, e.flag, e.state, e.owners.length]),
    [
      ['bvx100', '52:54:00:00:00:02', '10.99.0.2', 'self', 'extern_learn', 0],
      ['bvx100', '52:54:00:00:00:02', undefined, 'master', 'extern_learn', 0],
    ],
  );
  assert.deepEqual(spec.neigh, [{ dev: 'bbr100', ip: '10.1.1.2', mac: '52:54:00:00:00:02', owners: [], externLearn: true }]);
  const ops = diff({ links: [], fdb: [], neigh: [], addrs: [] }, spec).ops;
  const lines = ops.filter((o) => o.op === 'fdb-add' || o.op === 'neigh-replace').flatMap((o) => render(o).lines);
  assert.deepEqual(lines, [
    'fdb append 00:00:00:00:00:00 dev bvx100 dst 10.99.0.2 self permanent',
    'fdb replace 52:54:00:00:00:02 dev bvx100 dst 10.99.0.2 self extern_learn',
    'fdb replace 52:54:00:00:00:02 dev bvx100 master extern_learn',
    'neigh replace 10.1.1.2 lladdr 52:54:00:00:00:02 dev bbr100 nud noarp extern_learn',
  ]);
});

test('a hand-entered MAC and a learned one for the same MAC: the hand-entered entry is kept, no conflict', () => {
  const api = { id: 'm1', connectionId: 'c1', mac: '52:54:00:00:00:02', vtep: '10.99.0.3', origin: 'api' as const };
  const v = view([{ vni: 100, mac: '52:54:00:00:00:02', ips: [], vtep: '10.99.0.2', peer: 'p', sequence: 0, sticky: false }], []);
  const spec = desire(withLearned({ segments: [seg({ macs: [api] })] }, v), { localVtep: '10.99.0.1', underlayMtu: 1500 });
  assert.deepEqual(spec.errors, []);
  assert.deepEqual(spec.fdb.map((e) => [e.dst, e.state]), [
    ['10.99.0.3', 'static'],
    [undefined, 'static'],
  ]);
});

class Sink implements StatusSink {
  async setStatus(): Promise<void> {}
}

test('reconciler over EvpnDataplane: a peer type 3 + type 2 become kernel entries; withdrawal removes them', async () => {
  const fabric = new InMemoryEvpnFabric();
  const peer = fabric.speaker('peer', { asn: 65000, routerId: '10.99.0.2' });
  const fake = new FakeDataplane({ links: [link('hst0', 'veth')], addrs: [{ dev: 'und0', ip: '10.99.0.1' }] });
  const dp = new EvpnDataplane({ inner: fake, speaker: fabric.speaker('me', { asn: 65000, routerId: '10.99.0.1' }), localVtep: '10.99.0.1', scanMs: 20 });
  const state: DesiredState = { segments: [seg({ interfaces: [{ name: 'hst0' }] })] };
  const r = new Reconciler({ dataplane: dp, desiredState: async () => state, status: new Sink(), log: silentLogger, localVtep: '10.99.0.1', resyncMs: 0, debounceMs: 5 });
  await r.start();
  try {
    const evi = deriveEvi(100, { routerId: '10.99.0.2', asn: 65000, index: 100 });
    const t2 = type2Route(evi, '10.99.0.2', '52:54:00:00:00:02', { sequence: 0 });
    peer.advertise(type3Route(evi, '10.99.0.2'));
    peer.advertise(t2);
    const has = (mac: string, state: string) => fake.state.fdb.some((e) => e.mac === mac && e.state === state && e.dev === 'bvx100');
    await waitFor('installed', () => has('00:00:00:00:00:00', 'permanent') && has('52:54:00:00:00:02', 'extern_learn'));
    // A host appears on the local port: advertised to the peer.
    const got: string[] = [];
    peer.onRoute((ev) => {
      if (ev.kind === 'update') got.push(ev.route.key);
    });
    fake.state.fdb.push({ dev: 'hst0', mac: '52:54:00:00:00:01', flag: 'master', state: '' });
    await waitFor('local MAC advertised', () => got.some((k) => k.includes('52:54:00:00:00:01')));
    peer.withdraw(t2.key);
    await waitFor('removed', () => !fake.state.fdb.some((e) => e.mac === '52:54:00:00:00:02'));
  } finally {
    await r.close();
  }
});

test('EVI route target: a connection\'s route_target, else the configured one, else ASN:VNI', () => {
  const fabric = new InMemoryEvpnFabric();
  const dp = new EvpnDataplane({
    inner: new FakeDataplane(),
    speaker: fabric.speaker('me', { asn: 65000, routerId: '10.99.0.1' }),
    localVtep: '10.99.0.1',
    routeTargets: new Map([[200, '65010:200']]),
  });
  const empty: Observed = { links: [], fdb: [], neigh: [], addrs: [] };
  dp.augment({ segments: [seg({ routeTarget: '65099:1' }), seg({ vni: 200 }), seg({ vni: 300 })] }, empty);
  assert.deepEqual(
    dp.core.eviList().map((e) => [e.vni, e.rd, e.rt]),
    [
      [100, '10.99.0.1:100', '65099:1'],
      [200, '10.99.0.1:200', '65010:200'],
      [300, '10.99.0.1:300', '65000:300'],
    ],
  );
  dp.core.close();
});
