/** The reconcile loop over the fake adapter: statuses, error reporting, serialization, debouncing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Reconciler, underlayMtu } from '../../../src/bgw/reconciler.js';
import { FakeDataplane } from '../../../src/bgw/dataplane/fake/index.js';
import type { DesiredState, StatusSink } from '../../../src/bgw/model/desired.js';
import type { Op } from '../../../src/bgw/dataplane/types.js';
import { silentLogger } from '../../../src/lib/log.js';
import { waitFor } from '../../helpers/wait.js';

const STATE: DesiredState = {
  segments: [
    {
      vni: 5000,
      gatewayId: 'gw',
      interfaces: [],
      remotes: [{ connectionId: 'c1', remoteGatewayId: 'r', vtep: '10.99.0.2', flood: true }],
      macs: [
        { id: 'm1', connectionId: 'c1', mac: '52:54:00:00:00:02', ip: '10.100.0.2', vtep: '10.99.0.2', origin: 'api' },
        { id: 'e1', connectionId: 'c1', mac: '52:54:00:00:00:09', vtep: '10.99.0.2', origin: 'evpn' },
      ],
    },
  ],
};

class Sink implements StatusSink {
  calls: string[] = [];
  now = new Map<string, string>();
  async setStatus(kind: string, id: string, status: string): Promise<void> {
    this.calls.push(`${kind}/${id}=${status}`);
    this.now.set(id, status);
  }
}

function setup(state: () => DesiredState = () => STATE) {
  const fake = new FakeDataplane({ links: [{ name: 'veth0', kind: 'veth', mtu: 9000, up: true, address: '52:54:00:aa:aa:aa' }], addrs: [{ dev: 'veth0', ip: '10.99.0.1' }] });
  const sink = new Sink();
  const r = new Reconciler({ dataplane: fake, desiredState: async () => state(), status: sink, log: silentLogger, localVtep: '10.99.0.1', resyncMs: 0, debounceMs: 10 });
  return { fake, sink, r };
}

test('start: realizes the state, reports ACTIVE once per API object (not for EVPN MACs), then stays quiet', async () => {
  const { fake, sink, r } = setup();
  await r.start();
  assert.deepEqual(sink.calls.sort(), ['l2_remote_gateway_connection/c1=ACTIVE', 'l2_remote_mac/m1=ACTIVE']);
  assert.equal(fake.state.links.find((l) => l.name === 'bvx5000')?.mtu, 8950, 'MTU from the underlay link holding the local VTEP, minus 50');
  await r.reconcileNow();
  assert.equal(sink.calls.length, 2, 'unchanged statuses are not written again');
  assert.equal(r.last?.ops, 0);
  await r.close();
});

test('kernel errors become "ERROR: <message>" on exactly the owning objects, and ACTIVE again once fixed', async () => {
  const { fake, sink, r } = setup();
  let broken = true;
  fake.failWith = (op: Op) => (broken && op.op === 'neigh-replace' ? 'RTNETLINK answers: Invalid argument' : undefined);
  await r.start();
  assert.equal(sink.now.get('m1'), 'ERROR: RTNETLINK answers: Invalid argument');
  assert.equal(sink.now.get('c1'), 'ACTIVE');
  broken = false;
  await r.reconcileNow();
  assert.equal(sink.now.get('m1'), 'ACTIVE');
  await r.close();
});

test('observe failure: every object gets the error, nothing throws', async () => {
  const { fake, sink, r } = setup();
  fake.observe = async () => {
    throw new Error('ip: command not found');
  };
  await r.start();
  assert.equal(sink.now.get('c1'), 'ERROR: dataplane: ip: command not found');
  assert.equal(sink.now.get('m1'), 'ERROR: dataplane: ip: command not found');
  await r.close();
});

test('passes are serialized and triggers are coalesced', async () => {
  let version = 0;
  const { fake, r } = setup(() => (version % 2 === 0 ? STATE : { segments: [] }));
  let inFlight = 0;
  let maxInFlight = 0;
  const apply = fake.apply.bind(fake);
  fake.apply = async (ops) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((res) => setTimeout(res, 20));
    try {
      return await apply(ops);
    } finally {
      inFlight--;
    }
  };
  await r.start();
  const before = r.passes;
  for (let i = 0; i < 20; i++) {
    version++;
    r.trigger();
  }
  void r.reconcileNow();
  void r.reconcileNow();
  await waitFor('passes settle', async () => {
    await r.reconcileNow();
    return r.last?.ops === 0;
  });
  assert.equal(maxInFlight, 1, 'never two applies at once');
  assert.ok(r.passes - before < 10, `20 triggers coalesced into few passes (${r.passes - before})`);
  assert.equal(fake.state.links.some((l) => l.name === 'bbr5000'), true, 'final state (version 20: segment present) realized');
  await r.close();
});

test('underlay MTU: configured, else the VTEP link, else 1500', () => {
  const obs = { links: [{ name: 'u', kind: 'veth', mtu: 9000, up: true, address: '' }], fdb: [], neigh: [], addrs: [{ dev: 'u', ip: '10.99.0.1' }] };
  assert.equal(underlayMtu(obs, '10.99.0.1', 1600), 1600);
  assert.equal(underlayMtu(obs, '10.99.0.1'), 9000);
  assert.equal(underlayMtu(obs, '10.99.0.7'), 1500);
});
