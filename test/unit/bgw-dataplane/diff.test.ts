/**
 * Pure desire + diff against plain data and the fake adapter: what the plan does on an empty kernel,
 * on drift, on updates and deletions, what it never touches, and that applying it converges.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DesiredState, DesiredSegment } from '../../../src/bgw/model/desired.js';
import { desire } from '../../../src/bgw/dataplane/desire.js';
import { diff } from '../../../src/bgw/dataplane/diff.js';
import { FakeDataplane } from '../../../src/bgw/dataplane/fake/index.js';
import { bridgeMac, vlanName } from '../../../src/bgw/dataplane/names.js';
import type { Observed, Op } from '../../../src/bgw/dataplane/types.js';

const OPTS = { localVtep: '10.99.0.1', underlayMtu: 1500 };

function segment(vni: number, over: Partial<DesiredSegment> = {}): DesiredSegment {
  return {
    vni,
    gatewayId: 'gw1',
    interfaces: [],
    remotes: [{ connectionId: `c${vni}`, remoteGatewayId: 'rg1', vtep: '10.99.0.2', flood: true }],
    macs: [{ id: `m${vni}`, connectionId: `c${vni}`, mac: '52:54:00:00:00:02', ip: '10.100.0.2', vtep: '10.99.0.2', origin: 'api' }],
    ...over,
  };
}

const state = (...segments: DesiredSegment[]): DesiredState => ({ segments });
const plan = (obs: Observed, s: DesiredState) => diff(obs, desire(s, OPTS));

/** Applies the plan for `s` to `fake` and returns it. */
async function converge(fake: FakeDataplane, s: DesiredState) {
  const p = plan(await fake.observe(), s);
  const r = await fake.apply(p.ops);
  assert.deepEqual(r.failed, [], 'fake kernel accepted every op');
  return p;
}

/** A veth with an address, as the underlay / host-facing port of a gateway. */
const hostPort = (name: string, extra: Partial<Observed['links'][number]> = {}) => ({ name, kind: 'veth', mtu: 1500, up: true, address: '52:54:00:aa:aa:01', ...extra });

test('empty kernel: bridge with fixed MAC, VXLAN port, flood entry, two FDB entries per MAC, neighbour on the bridge', () => {
  const p = plan({ links: [hostPort('eth1')], fdb: [], neigh: [], addrs: [] }, state(segment(5000, { interfaces: [{ name: 'eth1' }] })));
  assert.deepEqual(p.errors, []);
  const by = (k: Op['op']) => p.ops.filter((o) => o.op === k);
  assert.deepEqual(
    by('bridge-add').map((o) => o.op === 'bridge-add' && [o.name, o.address, o.mtu, o.alias]),
    [['bbr5000', bridgeMac('10.99.0.1', 5000), 1450, 'bambu:bgw:bridge:5000']],
  );
  assert.deepEqual(
    by('vxlan-add').map((o) => o.op === 'vxlan-add' && [o.name, o.vni, o.local, o.port, o.mtu]),
    [['bvx5000', 5000, '10.99.0.1', 4789, 1450]],
  );
  assert.deepEqual(by('port-set').map((o) => o.op === 'port-set' && [o.name, o.learning, o.neighSuppress]), [['bvx5000', false, true]]);
  const masters = by('link-set').filter((o) => o.op === 'link-set' && o.master === 'bbr5000').map((o) => o.op === 'link-set' && o.name);
  assert.deepEqual(masters.sort(), ['bvx5000', 'eth1']);
  assert.deepEqual(
    by('fdb-add').map((o) => o.op === 'fdb-add' && `${o.mac} ${o.dst ?? '-'} ${o.flag} ${o.state}`).sort(),
    ['00:00:00:00:00:00 10.99.0.2 self permanent', '52:54:00:00:00:02 - master static', '52:54:00:00:00:02 10.99.0.2 self static'],
  );
  assert.deepEqual(by('neigh-replace').map((o) => o.op === 'neigh-replace' && [o.dev, o.ip, o.mac]), [['bbr5000', '10.100.0.2', '52:54:00:00:00:02']]);
  // Bridges are created before what is enslaved to them, FDB after the devices, neighbours last.
  const idx = (k: Op['op']) => p.ops.findIndex((o) => o.op === k);
  assert.ok(idx('bridge-add') < idx('vxlan-add') && idx('vxlan-add') < idx('link-set') && idx('port-set') < idx('fdb-add') && idx('fdb-add') < idx('neigh-replace'));
});

test('bridge MAC is fixed per (local VTEP, VNI), locally administered unicast, and differs between sites', () => {
  const a = bridgeMac('10.99.0.1', 5000);
  assert.equal(a, bridgeMac('10.99.0.1', 5000));
  assert.notEqual(a, bridgeMac('10.99.0.2', 5000));
  assert.notEqual(a, bridgeMac('10.99.0.1', 5001));
  assert.match(a, /^02(:[0-9a-f]{2}){5}$/);
});

test('flood false: no all-zeros entry; IPv6 underlay: 70 octets of overhead', () => {
  const s = state(segment(7, { remotes: [{ connectionId: 'c7', remoteGatewayId: 'r', vtep: 'fd00::2', flood: false }], macs: [] }));
  const spec = desire(s, { localVtep: 'FD00:0::1', underlayMtu: 9000 });
  assert.deepEqual(spec.fdb, []);
  assert.equal(spec.segments[0]!.mtu, 8930);
  assert.equal(spec.segments[0]!.local, 'fd00::1', 'canonical form, as iproute2 prints it');
});

test('applying the plan converges: a second diff is empty', async () => {
  const fake = new FakeDataplane({ links: [hostPort('eth1')] });
  const s = state(segment(5000, { interfaces: [{ name: 'eth1' }] }), segment(6000));
  await converge(fake, s);
  assert.deepEqual(plan(await fake.observe(), s).ops, []);
  const eth1 = fake.state.links.find((l) => l.name === 'eth1')!;
  assert.equal(eth1.master, 'bbr5000');
});

test('remote VTEP change moves the flood entry and the MAC entry; MAC IP change moves the neighbour', async () => {
  const fake = new FakeDataplane();
  await converge(fake, state(segment(5000)));
  const moved = segment(5000);
  moved.remotes[0]!.vtep = '10.99.0.3';
  moved.macs[0]!.vtep = '10.99.0.3';
  moved.macs[0]!.ip = '10.100.0.3';
  const p = plan(await fake.observe(), state(moved));
  const kinds = p.ops.map((o) => o.op);
  assert.ok(!kinds.includes('link-del') && !kinds.includes('vxlan-add'), 'devices are kept');
  await fake.apply(p.ops);
  const fdb = fake.state.fdb.map((e) => `${e.mac} ${e.dst ?? '-'} ${e.flag}`).sort();
  assert.deepEqual(fdb, ['00:00:00:00:00:00 10.99.0.3 self', '52:54:00:00:00:02 - master', '52:54:00:00:00:02 10.99.0.3 self']);
  assert.deepEqual(fake.state.neigh.map((n) => `${n.dev} ${n.ip} ${n.mac}`), ['bbr5000 10.100.0.3 52:54:00:00:00:02']);
});

test('deleting everything removes exactly what was created, and nothing foreign', async () => {
  const foreign = { links: [hostPort('eth1'), { name: 'br-other', kind: 'bridge', mtu: 1500, up: true, address: '52:54:00:bb:bb:bb' }], fdb: [], neigh: [{ dev: 'br-other', ip: '192.0.2.1', mac: '52:54:00:cc:cc:cc', permanent: true }], addrs: [] };
  const fake = new FakeDataplane(foreign);
  const before = await fake.observe();
  await converge(fake, state(segment(5000, { interfaces: [{ name: 'eth1' }] })));
  assert.notDeepEqual(fake.state, before);
  await converge(fake, state());
  assert.deepEqual(fake.state, before);
});

test('a foreign link with our name blocks the segment (error to its owners) and is never touched', async () => {
  const squatter = { name: 'bbr5000', kind: 'bridge', mtu: 1500, up: true, address: '52:54:00:dd:dd:dd' };
  const p = plan({ links: [squatter], fdb: [], neigh: [], addrs: [] }, state(segment(5000)));
  assert.deepEqual(p.ops.filter((o) => JSON.stringify(o).includes('5000')), []);
  const owners = [...new Set(p.errors.flatMap((e) => e.owners.map((o) => o.id)))].sort();
  assert.deepEqual(owners, ['c5000', 'm5000']);
  for (const e of p.errors) assert.match(e.message, /bbr5000 exists and is not owned by bambu/);
});

test('a foreign interface is released (nomaster), never deleted; one in a foreign bridge is left alone', async () => {
  const fake = new FakeDataplane({ links: [hostPort('eth1'), hostPort('eth2', { master: 'brx' }), { name: 'brx', kind: 'bridge', mtu: 1500, up: true, address: '52:54:00:bb:bb:bb' }] });
  await converge(fake, state(segment(5000, { interfaces: [{ name: 'eth1' }] })));
  const p = plan(await fake.observe(), state(segment(5000, { interfaces: [{ name: 'eth2' }] })));
  assert.deepEqual(p.ops.map((o) => o.op === 'link-set' && [o.name, o.master]).filter(Boolean), [['eth1', null]]);
  assert.match(p.errors[0]!.message, /eth2 is a port of brx, which bambu does not own/);
  await fake.apply(p.ops);
  assert.ok(fake.state.links.some((l) => l.name === 'eth1' && l.master === undefined));
});

test('VLAN sub-interfaces: created on the parent, owned, enslaved; long names fit in 15 octets', async () => {
  assert.equal(vlanName('eth1', 100), 'eth1.100');
  const long = vlanName('enp0s31f6longer', 4094);
  assert.ok(long.length <= 15 && long.endsWith('.4094'), long);
  const fake = new FakeDataplane({ links: [hostPort('eth1')] });
  await converge(fake, state(segment(5000, { interfaces: [{ name: 'eth1', vlan: 100 }] })));
  const sub = fake.state.links.find((l) => l.name === 'eth1.100')!;
  assert.deepEqual([sub.kind, sub.master, sub.alias, sub.vlan], ['vlan', 'bbr5000', 'bambu:bgw:vlan:5000', { id: 100, parent: 'eth1' }]);
  // A missing parent is an error for the segment's owners, not a crash.
  const p = plan(await fake.observe(), state(segment(5000, { interfaces: [{ name: 'nosuch', vlan: 7 }] })));
  assert.match(p.errors.map((e) => e.message).join(), /interface nosuch not found/);
  assert.ok(p.ops.some((o) => o.op === 'link-del' && o.name === 'eth1.100'), 'the no longer wanted sub-interface is removed');
});

test('drift repair: bridge address changed behind our back is restored and its neighbours re-added', async () => {
  const fake = new FakeDataplane();
  await converge(fake, state(segment(5000)));
  await fake.apply([{ op: 'link-set', name: 'bbr5000', address: '52:54:00:ee:ee:ee', owners: [] }]);
  assert.equal(fake.state.neigh.length, 0, 'fake kernel flushes neighbours on an address change');
  await converge(fake, state(segment(5000)));
  assert.equal(fake.state.links.find((l) => l.name === 'bbr5000')!.address, bridgeMac('10.99.0.1', 5000));
  assert.equal(fake.state.neigh.length, 1);
});

test('VXLAN device with the wrong VNI/local/learning is recreated and its FDB re-added', async () => {
  const fake = new FakeDataplane();
  await converge(fake, state(segment(5000)));
  await converge(fake, state(segment(5000)));
  const p = diff(await fake.observe(), desire(state(segment(5000)), { ...OPTS, localVtep: '10.99.0.9' }));
  assert.ok(p.ops.some((o) => o.op === 'link-del' && o.name === 'bvx5000'));
  assert.equal(p.ops.filter((o) => o.op === 'fdb-add').length, 3);
  assert.equal(p.ops.filter((o) => o.op === 'fdb-del').length, 0, 'no deletes on a device that is recreated');
});

test('conflicts keep the first object and report the others', () => {
  const s = state(
    segment(5000, {
      remotes: [
        { connectionId: 'a', remoteGatewayId: 'r1', vtep: '10.99.0.2', flood: true },
        { connectionId: 'b', remoteGatewayId: 'r2', vtep: '10.99.0.3', flood: true },
      ],
      macs: [
        { id: 'm1', connectionId: 'a', mac: '52:54:00:00:00:02', ip: '10.100.0.2', vtep: '10.99.0.2', origin: 'api' },
        { id: 'm2', connectionId: 'b', mac: '52:54:00:00:00:02', vtep: '10.99.0.3', origin: 'api' },
        { id: 'm3', connectionId: 'b', mac: '52:54:00:00:00:03', ip: '10.100.0.2', vtep: '10.99.0.3', origin: 'api' },
      ],
    }),
  );
  const spec = desire(s, OPTS);
  assert.deepEqual(spec.errors.map((e) => e.owners.map((o) => o.id).join()), ['m2', 'm3']);
  assert.equal(spec.fdb.filter((e) => e.mac === '00:00:00:00:00:00').length, 2, 'one flood entry per VTEP');
});

test('values the kernel cannot take are errors for their owners, never batch lines', () => {
  const s = state(
    segment(5000, {
      interfaces: [{ name: 'eth0 up' }, { name: 'eth1', vlan: 4095 }, { name: 'eth2' }],
      remotes: [
        { connectionId: 'c1', remoteGatewayId: 'r', vtep: '10.99.0.2', flood: true },
        { connectionId: 'c2', remoteGatewayId: 'r', vtep: '10.99.0.256', flood: true },
      ],
      macs: [
        { id: 'ok', connectionId: 'c1', mac: '52:54:00:00:00:02', ip: '10.100.0.2', vtep: '10.99.0.2', origin: 'api' },
        { id: 'badip', connectionId: 'c1', mac: '52:54:00:00:00:03', ip: '10.100.0.256', vtep: '10.99.0.2', origin: 'api' },
        { id: 'mcast', connectionId: 'c1', mac: '01:00:5e:00:00:01', vtep: '10.99.0.2', origin: 'api' },
      ],
    }),
    segment(0),
  );
  const spec = desire(s, OPTS);
  const byOwner = new Map(spec.errors.flatMap((e) => e.owners.map((o) => [o.id, e.message] as const)));
  assert.match(byOwner.get('c2')!, /remote VTEP "10\.99\.0\.256" is not an IP address/);
  assert.match(byOwner.get('badip')!, /IP "10\.100\.0\.256" of MAC 52:54:00:00:00:03 is not an IP address/);
  assert.match(byOwner.get('mcast')!, /not a unicast MAC/);
  assert.match(byOwner.get('m0')!, /segmentation_id 0 is not a VXLAN VNI/);
  assert.match(spec.errors.map((e) => e.message).join(), /interface name "eth0 up" is not valid on Linux.*VLAN 4095 of interface eth1 is not 1–4094/);
  assert.deepEqual(spec.segments.map((g) => [g.vni, g.ports.map((p) => p.name)]), [[5000, ['eth2']]]);
  assert.deepEqual(spec.fdb.map((e) => `${e.mac} ${e.dst ?? '-'}`).sort(), ['00:00:00:00:00:00 10.99.0.2', '52:54:00:00:00:02 -', '52:54:00:00:00:02 10.99.0.2']);
  assert.deepEqual(spec.neigh.map((n) => n.ip), ['10.100.0.2']);
});

// Property: from any kernel state reached for A, the plan for B leads to the same kernel as B from scratch.
const macArb = fc.integer({ min: 1, max: 40 }).map((n) => `52:54:00:00:00:${n.toString(16).padStart(2, '0')}`);
const segArb = fc.record({
  vni: fc.integer({ min: 1, max: 4 }),
  vtep: fc.constantFrom('10.99.0.2', '10.99.0.3'),
  flood: fc.boolean(),
  macs: fc.uniqueArray(fc.record({ mac: macArb, ip: fc.option(fc.integer({ min: 1, max: 40 }).map((n) => `10.100.0.${n}`), { nil: undefined }) }), { selector: (m) => m.mac, maxLength: 4 }),
});
const stateArb = fc.uniqueArray(segArb, { selector: (s) => s.vni, maxLength: 3 }).map(
  (segs): DesiredState =>
    state(
      ...segs.map((g) => ({
        vni: g.vni,
        gatewayId: 'gw',
        interfaces: [],
        remotes: [{ connectionId: `c${g.vni}`, remoteGatewayId: 'r', vtep: g.vtep, flood: g.flood }],
        macs: g.macs.map((m, i) => ({ id: `m${g.vni}-${i}`, connectionId: `c${g.vni}`, mac: m.mac, ip: m.ip, vtep: g.vtep, origin: 'api' as const })),
      })),
    ),
);
const canon = (o: Observed) => JSON.stringify({ links: [...o.links].sort((a, b) => a.name.localeCompare(b.name)), fdb: o.fdb.map((e) => JSON.stringify(e)).sort(), neigh: o.neigh.map((e) => JSON.stringify(e)).sort() });

test('property: A then B converges to the same kernel as B alone, and B is then stable', async () => {
  await fc.assert(
    fc.asyncProperty(stateArb, stateArb, async (a, b) => {
      const viaA = new FakeDataplane();
      await converge(viaA, a);
      await converge(viaA, b);
      const direct = new FakeDataplane();
      await converge(direct, b);
      assert.equal(canon(viaA.state), canon(direct.state));
      assert.deepEqual(plan(await viaA.observe(), b).ops, []);
    }),
    { numRuns: 200 },
  );
});
