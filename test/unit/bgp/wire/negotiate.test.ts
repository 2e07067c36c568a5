/** Capability negotiation (RFC 4271 §4.2, RFC 4760 §8, RFC 6793, RFC 8654, RFC 2918, RFC 7313). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { negotiate, type Capability, type OpenMessage } from '../../../../src/bgp/wire/index.js';

function open(myAs: number, holdTime: number, capabilities: Capability[]): OpenMessage {
  return { type: 'open', version: 4, myAs, holdTime, bgpId: '192.0.2.1', capabilities };
}

test('features both sides advertised are on; families are intersected; hold time is the minimum', () => {
  const local = open(65001, 180, [
    { code: 'multiprotocol', family: 'ipv4-unicast' },
    { code: 'multiprotocol', family: 'ipv6-unicast' },
    { code: 'four-octet-as', asn: 65001 },
    { code: 'extended-message' },
    { code: 'route-refresh' },
  ]);
  const remote = open(23456, 90, [
    { code: 'multiprotocol', family: 'ipv6-unicast' },
    { code: 'multiprotocol', family: 'l2vpn-evpn' },
    { code: 'four-octet-as', asn: 4200000000 },
    { code: 'extended-message' },
    { code: 'route-refresh' },
  ]);
  assert.deepEqual(negotiate(local, remote), {
    asn: 4200000000,
    holdTime: 90,
    fourOctetAs: true,
    extendedMessage: true,
    routeRefresh: true,
    enhancedRouteRefresh: false,
    families: ['ipv6-unicast'],
  });
});

test('a side without the capability turns the feature off', () => {
  const local = open(65001, 30, [{ code: 'four-octet-as', asn: 65001 }, { code: 'extended-message' }, { code: 'enhanced-route-refresh' }]);
  const remote = open(65002, 180, []);
  const n = negotiate(local, remote);
  assert.equal(n.fourOctetAs, false);
  assert.equal(n.extendedMessage, false);
  assert.equal(n.routeRefresh, false);
  assert.equal(n.asn, 65002);
  assert.equal(n.holdTime, 30);
});

test('no Multiprotocol capability on either side implies IPv4 unicast (RFC 4760 §8)', () => {
  assert.deepEqual(negotiate(open(1, 90, []), open(2, 90, [])).families, ['ipv4-unicast']);
  assert.deepEqual(negotiate(open(1, 90, [{ code: 'multiprotocol', family: 'ipv4-unicast' }]), open(2, 90, [])).families, ['ipv4-unicast']);
  assert.deepEqual(negotiate(open(1, 90, [{ code: 'multiprotocol', family: 'ipv6-unicast' }]), open(2, 90, [])).families, []);
});

test('Enhanced Route Refresh on both sides implies route refresh (RFC 7313 §4)', () => {
  const n = negotiate(open(1, 0, [{ code: 'enhanced-route-refresh' }]), open(2, 90, [{ code: 'enhanced-route-refresh' }]));
  assert.equal(n.enhancedRouteRefresh, true);
  assert.equal(n.routeRefresh, true);
  assert.equal(n.holdTime, 0);
});
