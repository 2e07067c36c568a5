/**
 * Issue 4, done-when 4, end to end: Hyper Switch agents heartbeat (report_state, every 0.2 s) to the
 * compute service and to every agent; `choose_hyper_switch` (asked by the compute service over the
 * broker-less transport) picks the least-loaded live node, skips a node once its heartbeat lapses
 * (agent_down_time 2 s), and with no live node fails with a clear error. `bambu hyper-switch list`
 * shows the same registry from the compute database. Data planes are fakes; a node's load is the VIFs the compute database lists for it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HyperAgent } from '../../../src/agent/hyper-agent.js';
import { FakeDataplane } from '../../../src/agent/dataplane/fake.js';
import { ComputeService } from '../../../src/agent/compute/service.js';
import { ComputeStore } from '../../../src/agent/compute/store.js';
import { UnixTransport } from '../../../src/agent/rpc/unix.js';
import { RpcRemoteError } from '../../../src/agent/rpc/failure.js';
import { agentConfigSchema, computeConfigSchema } from '../../../src/config/agent.js';
import { silentLogger } from '../../../src/lib/log.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BAMBU } from '../../helpers/proc.js';
import { waitFor } from '../../helpers/wait.js';
import { hyperVif, macFor, newPortId, providerVif } from '../../fixtures/agent/vifs.js';

const execFileAsync = promisify(execFile);

describe('choose_hyper_switch with live agents', { timeout: 60_000 }, () => {
  let dir: string;
  let url: string;
  let dbUrl: string;
  let store: ComputeStore;
  let transport: UnixTransport;
  let compute: ComputeService;
  const running = new Map<string, { agent: HyperAgent; t: UnixTransport }>();

  /** Starts an agent; the compute database lists `load` VIFs on it, which its start-up sync plugs. */
  async function startAgent(mode: 'vm' | 'hyper-switch', id: string, load = 0, capacity = 10): Promise<void> {
    const dp = new FakeDataplane();
    for (let i = 0; i < load; i++) {
      const port = newPortId();
      const mac = macFor(i + 1);
      await store.upsertInstance(`${id}-vm${i}`, id);
      await store.putVif({ instanceId: `${id}-vm${i}`, portId: port, hyperVif: hyperVif(port, mac) as never, providerVif: providerVif(mac) as never });
    }
    const t = new UnixTransport({ url, timeoutSecs: 10, log: silentLogger });
    const config = agentConfigSchema.parse({ mode, id, transport_url: url, report_interval_secs: 0.2, agent_down_time_secs: 2, capacity, host: `host-${id}`, tunnel_ip: '127.0.0.1' });
    const agent = new HyperAgent({ config, transport: t, dataplane: dp, log: silentLogger, syncRetrySecs: 0.2 });
    await agent.start();
    await agent.synced;
    assert.equal(dp.vifs.size, load);
    running.set(id, { agent, t });
  }

  async function stopAgent(id: string): Promise<void> {
    const r = running.get(id)!;
    running.delete(id);
    await r.agent.stop();
    await r.t.close();
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bambu-choose-'));
    url = `unix:${join(dir, 'rpc')}`;
    dbUrl = `sqlite:${join(dir, 'compute.db')}`;
    store = await ComputeStore.open(dbUrl);
    transport = new UnixTransport({ url, timeoutSecs: 10, log: silentLogger });
    compute = new ComputeService({ config: computeConfigSchema.parse({ transport_url: url, host: 'compute1', agent_down_time_secs: 2 }), store, transport, log: silentLogger });
    await compute.serve();
  });

  after(async () => {
    for (const id of [...running.keys()]) await stopAgent(id);
    await compute.close();
    await transport.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('no Hyper Switch has reported → clear error', async () => {
    await startAgent('vm', 'vm-only');
    await assert.rejects(compute.chooseHyperSwitch(), (e: Error) => e instanceof RpcRemoteError && e.code === 'UNAVAILABLE' && /no live Hyper Switch with free capacity \(no Hyper Switch has reported\)/.test(e.message));
  });

  it('least-loaded first, a dead node skipped after its heartbeat lapses, none alive → clear error', async () => {
    await startAgent('hyper-switch', 'hs-busy', 6);
    await startAgent('hyper-switch', 'hs-idle', 1);
    await startAgent('hyper-switch', 'hs-full', 2, 2);
    await waitFor('every agent and the compute service know all three', async () =>
      [...running.values()].every((r) => r.agent.registry.list().length === 3) && (await compute.listHyperSwitches()).length === 3, 10_000);
    const chosen = await compute.chooseHyperSwitch();
    assert.equal(chosen.id, 'hs-idle');
    assert.equal(chosen.vif_count, 1);
    assert.equal(chosen.host, 'host-hs-idle');

    // vif plug --hyper-switch auto places a new instance on the chosen node and plugs it there
    const port = newPortId();
    const placed = await compute.plugVif('auto-vm', hyperVif(port, macFor(99)), providerVif(macFor(99)), 'auto');
    assert.deepEqual(placed, { instance_id: 'auto-vm', port_id: port, agent: 'hs-idle', hyper_switch_id: 'hs-idle' });
    assert.deepEqual((await compute.getVifsForHyperSwitch('hs-idle')).map((v) => v.instance_id).sort(), ['auto-vm', 'hs-idle-vm0']);

    // the compute database has the same registry (bambu hyper-switch list)
    // (async exec: a blocking spawnSync would stall the in-process agents' heartbeats)
    const cli = await execFileAsync(process.execPath, [BAMBU, 'hyper-switch', 'list', '--json', '--database-url', dbUrl, '--agent-down-time', '5']);
    const listed = JSON.parse(cli.stdout) as { id: string; vif_count: number; capacity: number; alive: boolean }[];
    assert.deepEqual(listed.map((h) => [h.id, h.capacity, h.alive]), [['hs-busy', 10, true], ['hs-full', 2, true], ['hs-idle', 10, true]]);
    assert.deepEqual(listed.map((h) => h.vif_count).slice(0, 2), [6, 2]);

    await stopAgent('hs-idle');
    const next = await waitFor('hs-idle skipped once its heartbeat lapsed', async () => {
      const s = await compute.chooseHyperSwitch();
      return s.id !== 'hs-idle' ? s : undefined;
    }, 10_000);
    assert.equal(next.id, 'hs-busy', 'hs-full has no room');
    assert.equal((await compute.listHyperSwitches()).find((h) => h.id === 'hs-idle')?.alive, false);

    await stopAgent('hs-busy');
    await stopAgent('hs-full');
    const err = await waitFor('no live node', async () => compute.chooseHyperSwitch().then(() => undefined, (e: Error) => e), 10_000);
    assert.ok(err instanceof RpcRemoteError);
    assert.equal(err.code, 'UNAVAILABLE');
    assert.match(err.message, /no live Hyper Switch with free capacity: .*hs-busy dead \(last heartbeat \d+ s ago\)/);
  });
});
