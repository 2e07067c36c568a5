/**
 * The compute service's store on both engines src/lib/db.ts offers: SQLite (default) and a
 * throwaway PostgreSQL server. Same contract on each: migrations in `agent_migrations`, instances
 * with placement, VIF pairs as JSON (unknown keys kept), per-instance and per-Hyper-Switch listing,
 * heartbeat upsert.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { ComputeStore } from '../../../src/agent/compute/store.js';
import type { HyperVif, ProviderVif } from '../../../src/agent/vif.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres.js';
import { hyperVif, macFor, providerVif } from '../../fixtures/agent/vifs.js';

async function contract(store: ComputeStore): Promise<void> {
  const hv = (id: string, n: number) => ({ ...hyperVif(id, macFor(n)), extra_key: { kept: true } }) as unknown as HyperVif;
  const pv = (n: number) => providerVif(macFor(n)) as ProviderVif;
  await store.upsertInstance('vm-1');
  await store.upsertInstance('vm-2', 'hs-1');
  await store.upsertInstance('vm-3', 'hs-1');
  await store.upsertInstance('vm-1'); // no-op: placement unchanged
  assert.deepEqual(await store.getInstance('vm-1'), { id: 'vm-1', hyperSwitchId: null });
  await store.upsertInstance('vm-1', 'hs-2');
  assert.deepEqual(await store.getInstance('vm-1'), { id: 'vm-1', hyperSwitchId: 'hs-2' });

  await store.putVif({ instanceId: 'vm-2', portId: 'p-a', hyperVif: hv('p-a', 1), providerVif: pv(1) });
  await store.putVif({ instanceId: 'vm-3', portId: 'p-b', hyperVif: hv('p-b', 2), providerVif: pv(2) });
  await store.putVif({ instanceId: 'vm-1', portId: 'p-c', hyperVif: hv('p-c', 3), providerVif: pv(3) });
  await store.putVif({ instanceId: 'vm-2', portId: 'p-a', hyperVif: hv('p-a', 4), providerVif: pv(4) }); // replace
  const a = await store.getVif('p-a');
  assert.equal(a?.hyperVif.address, macFor(4));
  assert.deepEqual((a?.hyperVif as unknown as { extra_key: unknown }).extra_key, { kept: true });
  assert.deepEqual((await store.vifsOfHyperSwitch('hs-1')).map((v) => [v.instanceId, v.portId]).sort(), [['vm-2', 'p-a'], ['vm-3', 'p-b']]);
  assert.deepEqual((await store.vifsOfInstance('vm-1')).map((v) => v.portId), ['p-c']);
  assert.equal(await store.deleteVif('p-c'), true);
  assert.equal(await store.deleteVif('p-c'), false);

  const state = { id: 'hs-1', host: 'node-1', ip: '192.0.2.1', capacity: 10, vif_count: 2, availability_zone: 'az1' };
  await store.reportHyperSwitch(state, 1000.5);
  await store.reportHyperSwitch({ ...state, vif_count: 3 }, 1010.25);
  const hs = await store.hyperSwitches();
  assert.equal(hs.length, 1);
  assert.equal(hs[0]!.heartbeatAt, 1010.25);
  assert.equal(hs[0]!.state.vif_count, 3);
  const migrations = await sql<{ name: string }>`select name from agent_migrations`.execute(store.db);
  assert.deepEqual(migrations.rows.map((r) => r.name), ['0001_instances_vifs_hyper_switches']);
}

describe('compute store', { timeout: 120_000 }, () => {
  let dir: string;
  let pgServer: PostgresServer | undefined;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bambu-compute-store-'));
  });

  after(async () => {
    await pgServer?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('SQLite file, reopened (migrations not re-run)', async () => {
    const url = `sqlite:${join(dir, 'c.db')}`;
    const s = await ComputeStore.open(url);
    try {
      await contract(s);
    } finally {
      await s.close();
    }
    const again = await ComputeStore.open(url);
    try {
      assert.equal((await again.vifsOfHyperSwitch('hs-1')).length, 2);
    } finally {
      await again.close();
    }
  });

  it('PostgreSQL', async () => {
    pgServer = await startPostgres();
    const s = await ComputeStore.open(await pgServer.createDatabase('bambu_compute'));
    try {
      assert.equal(s.engine, 'postgres');
      await contract(s);
    } finally {
      await s.close();
    }
  });
});
