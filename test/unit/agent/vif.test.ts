/** VIF map validation and plug specs (src/agent/vif.ts). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deviceNames, hyperVifSchema, parseInstanceId, parseVif, plugSpec, providerVifSchema, tunnelMtu } from '../../../src/agent/vif.js';
import { hyperVif, providerVif } from '../../fixtures/agent/vifs.js';

const PORT = '5b6c4a3e-1f2d-4c5b-9a8e-7d6c5b4a3f21';

describe('VIF maps', () => {
  it('accepts a Nova-shaped VIF and keeps unknown keys', () => {
    const v = parseVif(hyperVifSchema, { ...hyperVif(PORT, 'FA:16:3E:00:00:01'), qbh_params: { x: 1 } }, 'hyper_vif');
    assert.equal(v.address, 'fa:16:3e:00:00:01', 'MAC lower-cased');
    assert.deepEqual((v as Record<string, unknown>).qbh_params, { x: 1 });
    assert.equal(parseVif(providerVifSchema, providerVif('fa:16:3e:00:00:02'), 'provider_vif').id, 'prov-fa163e000002');
  });

  it('names the missing or malformed key', () => {
    const cases: [Record<string, unknown> | undefined | string, RegExp][] = [
      [undefined, /^hyper_vif: missing$/],
      ['x', /^hyper_vif: must be a map$/],
      [{ ...hyperVif(PORT, 'fa:16:3e:00:00:01'), address: undefined }, /^hyper_vif\.address: missing required key$/],
      [hyperVif(PORT, 'fa:16:3e:00:00'), /^hyper_vif\.address: not a MAC address/],
      [hyperVif(PORT, '01:00:5e:00:00:01'), /^hyper_vif\.address: multicast/],
      [hyperVif(PORT, '00:00:00:00:00:00'), /^hyper_vif\.address: the all-zero MAC/],
      [hyperVif('bad id!', 'fa:16:3e:00:00:01'), /^hyper_vif\.id: not a port id/],
      [{ ...hyperVif(PORT, 'fa:16:3e:00:00:01'), network: { label: 'x' } }, /^hyper_vif\.network\.id: missing required key$/],
      [{ ...hyperVif(PORT, 'fa:16:3e:00:00:01'), network: undefined }, /^hyper_vif\.network: missing required key$/],
    ];
    for (const [input, re] of cases) {
      assert.throws(() => parseVif(hyperVifSchema, input, 'hyper_vif'), (e: Error & { code?: string }) => e.code === 'INVALID_ARGUMENT' && re.test(e.message), `${JSON.stringify(input)?.slice(0, 60)} → ${re}`);
    }
    assert.throws(() => parseVif(providerVifSchema, { id: 'p' }, 'provider_vif'), /provider_vif\.address: missing required key/);
  });

  it('instance ids must be non-empty safe strings', () => {
    assert.equal(parseInstanceId('8f1e2d3c-0000-4000-8000-000000000001'), '8f1e2d3c-0000-4000-8000-000000000001');
    assert.throws(() => parseInstanceId(undefined), /instance_id: missing/);
    assert.throws(() => parseInstanceId('a b'), /instance_id: not an instance id/);
  });

  it('device names are qvb/qvo + 11 characters of the port id (≤ 15)', () => {
    assert.deepEqual(deviceNames(PORT), { qvb: 'qvb5b6c4a3e-1f', qvo: 'qvo5b6c4a3e-1f' });
    assert.ok(deviceNames(PORT).qvo.length <= 15);
  });

  it('MTU is the network MTU (or the default) minus the tunnel overhead, never below 576', () => {
    assert.equal(tunnelMtu(1500, 1500, 50), 1450);
    assert.equal(tunnelMtu(undefined, 9000, 50), 8950);
    assert.equal(tunnelMtu(null, 1500, 0), 1500);
    assert.throws(() => tunnelMtu(600, 1500, 50), /hyper_vif\.network\.meta\.mtu: MTU 600 minus tunnel overhead 50 is below 576/);
  });

  it('the plug spec carries the os-vif external_ids', () => {
    const v = parseVif(hyperVifSchema, hyperVif(PORT, 'fa:16:3e:00:00:01', 1450), 'hyper_vif');
    const s = plugSpec('inst-1', v, { defaultMtu: 1500, tunnelOverhead: 50 });
    assert.deepEqual(s.externalIds, { 'iface-id': PORT, 'iface-status': 'active', 'attached-mac': 'fa:16:3e:00:00:01', 'vm-uuid': 'inst-1' });
    assert.equal(s.mtu, 1400);
    assert.equal(s.qvb, 'qvb5b6c4a3e-1f');
  });
});
