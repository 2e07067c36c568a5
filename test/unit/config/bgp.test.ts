/**
 * The BGP section of bambud's config (src/config/bgp.ts through src/config/index.ts): exactly the
 * spec's keys, defaults applied, every bad value reported as "file:LINE: key.path: reason", and
 * the mapping of a `peers[]` entry to the instance's PeerSettings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../../src/config/index.js';
import { peerSettingsFromConfig } from '../../../src/bgp/index.js';
import { BambuError } from '../../../src/lib/errors.js';
import { ROOT } from '../../helpers/proc.js';

function errorOf(text: string): string {
  try {
    parseConfig(text, 'b.yaml');
  } catch (e) {
    assert.ok(e instanceof BambuError);
    assert.equal(e.code, 'INVALID_ARGUMENT');
    return e.message;
  }
  assert.fail('expected a config error');
}

test('defaults: loopback, AS 65000, hold time 180, no peers', () => {
  const c = parseConfig('', 'b.yaml');
  assert.deepEqual(
    {
      asn: c.asn,
      router_id: c.router_id,
      listen_addr: c.listen_addr,
      grpc_listen_addr: c.grpc_listen_addr,
      log_level: c.log_level,
      hold_time_secs: c.hold_time_secs,
      connect_retry_secs: c.connect_retry_secs,
      accept_unconfigured_peers: c.accept_unconfigured_peers,
      bmp_servers: c.bmp_servers,
      peers: c.peers,
    },
    {
      asn: 65000,
      router_id: '127.0.0.1',
      listen_addr: '127.0.0.1:179',
      grpc_listen_addr: '127.0.0.1:50051',
      log_level: 'info',
      hold_time_secs: 180,
      connect_retry_secs: 30,
      accept_unconfigured_peers: false,
      bmp_servers: [],
      peers: [],
    },
  );
});

test('every spec key is accepted', () => {
  const c = parseConfig(
    [
      'asn: 4200000000',
      'router_id: 192.0.2.1',
      'listen_addr: "[::1]:1179"',
      'grpc_listen_addr: 127.0.0.1:50052',
      'log_level: debug',
      'hold_time_secs: 0',
      'connect_retry_secs: 5',
      'accept_unconfigured_peers: true',
      'bmp_servers:',
      '  - address: 127.0.0.1:11019',
      '    statistics_timeout: 60',
      'peers:',
      '  - address: 127.0.0.2:17900',
      '    asn: 65001',
      '    idle_hold_time_secs: 30',
      '    damp_peer_oscillations: true',
      '    allow_automatic_stop: true',
      '    passive_mode: false',
      '    delay_open_time_secs: 5',
      '    max_prefix: { limit: 10000, action: discard }',
      '    send_notification_without_open: true',
      '    collision_detect_established_state: false',
      '    min_route_advertisement_interval_secs: 0',
      '    local_address: 127.0.0.1',
      '    hold_time_secs: 90',
      '    connect_retry_secs: 10',
      '    address_families: [ipv4-unicast, l2vpn-evpn]',
      '    route_reflector_client: false',
      '    next_hop_self: 192.0.2.1',
      '    import-policy: []',
      '    export-policy: []',
      'defined-sets:',
      '  prefix-sets: []',
      '  neighbor-sets: []',
      '  as-path-sets: []',
      '  community-sets: []',
      '  ext-community-sets: []',
      '  large-community-sets: []',
      'policy-definitions: []',
    ].join('\n'),
    'b.yaml',
  );
  assert.equal(c.peers[0]!.max_prefix?.action, 'discard');
  assert.equal(c.bmp_servers[0]!.statistics_timeout, 60);
});

test('unknown keys are errors naming key and line — top level, in a peer, in max_prefix, in bmp_servers', () => {
  assert.equal(errorOf('asn: 65001\nlisten_adr: 127.0.0.1:1179\n'), 'b.yaml:2: listen_adr: unknown key');
  assert.equal(errorOf('peers:\n  - address: 127.0.0.2\n    remote_as: 65001\n'), 'b.yaml:3: peers[0].remote_as: unknown key');
  assert.equal(errorOf('peers:\n  - address: 127.0.0.2\n  - address: 127.0.0.3\n    max_prefix:\n      limit: 5\n      actoin: discard\n'), 'b.yaml:6: peers[1].max_prefix.actoin: unknown key');
  assert.equal(errorOf('bmp_servers:\n  - address: 127.0.0.1:11019\n    timeout: 3\n'), 'b.yaml:3: bmp_servers[0].timeout: unknown key');
  assert.equal(errorOf('defined-sets:\n  prefix-sets: []\n  prefix_sets: []\n'), 'b.yaml:3: defined-sets.prefix_sets: unknown key');
});

test('bad values name key and line', () => {
  const cases: Array<[string, RegExp]> = [
    ['listen_addr: 127.0.0.1:99999\n', /^b\.yaml:1: listen_addr: port "99999"/],
    ['listen_addr: localhost:179\n', /^b\.yaml:1: listen_addr: /],
    ['grpc_listen_addr: 127.0.0.1\n', /^b\.yaml:1: grpc_listen_addr: "127\.0\.0\.1" needs a port/],
    ['router_id: 0.0.0.0\n', /^b\.yaml:1: router_id: must be a non-zero dotted IPv4/],
    ['asn: 0\n', /^b\.yaml:1: asn: /],
    ['asn: 4294967296\n', /^b\.yaml:1: asn: /],
    ['hold_time_secs: 2\n', /^b\.yaml:1: hold_time_secs: must be 0 or 3\.\.65535/],
    ['log_level: loud\n', /^b\.yaml:1: log_level: /],
    ['peers:\n  - asn: 65001\n', /^b\.yaml:2: peers\[0\]\.address: /],
    ['peers:\n  - address: 127.0.0.2:0\n', /^b\.yaml:2: peers\[0\]\.address: port 0 is not allowed/],
    ['peers:\n  - address: 127.0.0.2\n    local_address: eth0\n', /^b\.yaml:3: peers\[0\]\.local_address: not an IP address/],
    ['peers:\n  - address: 127.0.0.2\n    address_families: [ipv4-flowspec]\n', /^b\.yaml:3: peers\[0\]\.address_families\[0\]: /],
    ['peers:\n  - address: 127.0.0.2\n  - address: 127.0.0.2:180\n', /^b\.yaml:3: peers\[1\]\.address: duplicate of peers\[0\]\.address/],
  ];
  for (const [text, re] of cases) assert.match(errorOf(text), re, text);
});

test('a peers[] entry maps to PeerSettings with only the keys given', () => {
  const c = parseConfig('peers:\n  - address: 127.0.0.2\n    asn: 65001\n    hold_time_secs: 9\n    passive_mode: true\n    max_prefix: { limit: 5 }\n    address_families: [ipv6-unicast]\n', 'b.yaml');
  assert.deepEqual(peerSettingsFromConfig(c.peers[0]!), {
    asn: 65001,
    holdTimeSecs: 9,
    passiveMode: true,
    maxPrefix: { limit: 5, action: 'terminate' },
    addressFamilies: ['ipv6-unicast'],
  });
});

test('examples/bambud.yaml (the quick-start default) is valid: loopback, 1179, 50051, no peers', () => {
  const c = parseConfig(readFileSync(join(ROOT, 'examples', 'bambud.yaml'), 'utf8'), 'examples/bambud.yaml');
  assert.equal(c.listen_addr, '127.0.0.1:1179');
  assert.equal(c.grpc_listen_addr, '127.0.0.1:50051');
  assert.equal(c.asn, 65000);
  assert.deepEqual(c.peers, []);
  assert.equal(c.l2gw?.driver, 'none');
  assert.equal(c.l2gw?.noauth, true);
});
