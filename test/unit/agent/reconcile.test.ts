/** Convergence diff (src/agent/reconcile.ts). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffVifs } from '../../../src/agent/reconcile.js';
import type { PluggedVif } from '../../../src/agent/dataplane/types.js';
import { hyperVifSchema, parseVif, plugSpec, type PlugSpec } from '../../../src/agent/vif.js';
import { hyperVif } from '../../fixtures/agent/vifs.js';

const spec = (port: string, inst = 'i1', mac = 'fa:16:3e:00:00:01'): PlugSpec => plugSpec(inst, parseVif(hyperVifSchema, hyperVif(port, mac), 'hyper_vif'), { defaultMtu: 1500, tunnelOverhead: 50 });
const seen = (s: PlugSpec, over: Partial<PluggedVif> = {}): PluggedVif => ({ qvo: s.qvo, qvb: s.qvb, ifaceId: s.portId, instanceId: s.instanceId, mac: s.mac, healthy: true, ...over });

describe('diffVifs', () => {
  const a = spec('aaaaaaaa-0000-4000-8000-000000000001');
  const b = spec('bbbbbbbb-0000-4000-8000-000000000002');
  const c = spec('cccccccc-0000-4000-8000-000000000003');

  it('nothing to do when observed equals desired', () => {
    assert.deepEqual(diffVifs([a, b], [seen(a), seen(b)]), { toPlug: [], toUnplug: [] });
  });

  it('plugs missing, unplugs unlisted', () => {
    const d = diffVifs([a, c], [seen(a), seen(b)]);
    assert.deepEqual(d.toPlug.map((s) => s.portId), [c.portId]);
    assert.deepEqual(d.toUnplug.map((o) => o.ifaceId), [b.portId]);
  });

  it('re-plugs an unhealthy device and one whose identity changed', () => {
    const moved = spec(a.portId, 'i2');
    const d = diffVifs([moved, b], [seen(a), seen(b, { healthy: false })]);
    assert.deepEqual(d.toPlug.map((s) => s.portId).sort(), [a.portId, b.portId].sort());
    assert.deepEqual(d.toUnplug.map((o) => o.ifaceId), [a.portId]);
  });

  it('keeps devices of entries that failed validation', () => {
    const d = diffVifs([], [seen(a), seen(b)], new Set([a.qvo]));
    assert.deepEqual(d.toUnplug.map((o) => o.ifaceId), [b.portId]);
  });

  it('an empty list unplugs everything', () => {
    assert.equal(diffVifs([], [seen(a), seen(b)]).toUnplug.length, 2);
  });
});
