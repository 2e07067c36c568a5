/** src/cli/bgw/device-spec.ts: the --device syntax name=<dev>[,interface_names=<if>|<vlan>#<vlan>;…]. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError } from 'commander';
import { collectDevice, parseDeviceSpec } from '../../../src/cli/bgw/device-spec.js';
import { formatDevices } from '../../../src/cli/bgw/resources.js';

test('parses a device with untagged and tagged interfaces, or none', () => {
  assert.deepEqual(parseDeviceSpec('name=bgw1,interface_names=eth1;eth2|100#200'), {
    device_name: 'bgw1',
    interfaces: [{ name: 'eth1' }, { name: 'eth2', segmentation_id: [100, 200] }],
  });
  assert.deepEqual(parseDeviceSpec('name=bgw1'), { device_name: 'bgw1', interfaces: [] });
  assert.deepEqual(collectDevice('name=b', collectDevice('name=a', undefined)).map((d) => d.device_name), ['a', 'b']);
});

test('rejects malformed specs with a message naming --device', () => {
  for (const bad of ['interface_names=eth1', 'name=x,ports=eth1', 'name=x,interface_names=eth1|abc', 'name=x,interface_names=|100']) {
    assert.throws(() => parseDeviceSpec(bad), (e: unknown) => e instanceof InvalidArgumentError && /--device/.test(e.message), bad);
  }
});

test('formatDevices prints the same syntax back', () => {
  assert.equal(formatDevices([{ device_name: 'bgw1', interfaces: [{ name: 'eth1', segmentation_id: [] }, { name: 'eth2', segmentation_id: [100, 200] }] }]), 'bgw1: eth1; eth2|100#200');
});
