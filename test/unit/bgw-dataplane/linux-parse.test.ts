/** iproute2 JSON parsing, batch rendering and batch error attribution of the Linux adapter (no kernel). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAddrs, parseFdb, parseLinks, parseNeigh } from '../../../src/bgw/dataplane/linux/parse.js';
import { render } from '../../../src/bgw/dataplane/linux/render.js';
import { parseBatchErrors } from '../../../src/bgw/dataplane/linux/exec.js';

// Recorded from iproute2 6.1 in a namespace (trimmed to the fields we read plus a few we ignore).
const LINKS = JSON.stringify([
  { ifindex: 1, ifname: 'lo', flags: ['LOOPBACK'], mtu: 65536, address: '00:00:00:00:00:00' },
  { ifindex: 2, ifname: 'bbr5000', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: 1450, address: '02:00:00:00:13:88', linkinfo: { info_kind: 'bridge', info_data: { stp_state: 0 } }, ifalias: 'bambu:bgw:bridge:5000' },
  {
    ifindex: 3, ifname: 'bvx5000', flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], mtu: 1450, master: 'bbr5000', address: 'CA:38:A3:0F:32:14',
    linkinfo: { info_kind: 'vxlan', info_data: { id: 5000, local: '10.99.0.1', port: 4789, learning: false }, info_slave_kind: 'bridge', info_slave_data: { learning: false, neigh_suppress: true } },
  },
  { ifindex: 4, ifname: 'eth1.100', link: 'eth1', flags: ['BROADCAST'], mtu: 1500, address: '52:54:00:00:00:01', linkinfo: { info_kind: 'vlan', info_data: { protocol: '802.1Q', id: 100 } } },
]);
const FDB = '[{"mac":"52:54:00:00:00:02","ifname":"bvx5000","flags":[],"master":"bbr5000","state":"static"},{"mac":"ca:38:a3:0f:32:14","ifname":"bvx5000","flags":[],"master":"bbr5000","state":"permanent"},{"mac":"52:54:00:00:00:02","ifname":"bvx5000","dst":"10.99.0.2","flags":["self"],"state":"static"},{"mac":"00:00:00:00:00:00","ifname":"bvx5000","dst":"10.99.0.2","flags":["self"],"state":"permanent"}]';
const NEIGH = '[{"dst":"10.100.0.2","dev":"bbr5000","lladdr":"52:54:00:00:00:02","state":["PERMANENT"]},{"dst":"10.99.0.2","dev":"veth0","lladdr":"aa:bb:cc:dd:ee:ff","state":["REACHABLE"]},{"dst":"10.99.0.3","dev":"veth0","state":["FAILED"]}]';
const ADDRS = '[{"ifindex":1,"ifname":"lo","addr_info":[{"family":"inet","local":"127.0.0.1","prefixlen":8}]},{"ifindex":5,"ifname":"veth0","addr_info":[{"family":"inet","local":"10.99.0.1","prefixlen":24}]}]';

test('links: kind, alias, master, up, lower-case address, VXLAN and VLAN data, bridge-port flags', () => {
  const [lo, br, vx, vl] = parseLinks(LINKS);
  assert.deepEqual(lo, { name: 'lo', kind: '', mtu: 65536, up: false, address: '00:00:00:00:00:00' });
  assert.deepEqual([br!.kind, br!.alias, br!.up, br!.master], ['bridge', 'bambu:bgw:bridge:5000', true, undefined]);
  assert.deepEqual(vx!.vxlan, { vni: 5000, local: '10.99.0.1', port: 4789, learning: false });
  assert.deepEqual(vx!.port, { learning: false, neighSuppress: true });
  assert.equal(vx!.address, 'ca:38:a3:0f:32:14');
  assert.deepEqual(vl!.vlan, { id: 100, parent: 'eth1' });
  assert.deepEqual(parseLinks(''), []);
  assert.throws(() => parseLinks('{"not":"an array"}'), /expected a JSON array/);
});

test('fdb, neighbours, addresses', () => {
  assert.deepEqual(
    parseFdb(FDB).map((e) => `${e.dev} ${e.mac} ${e.dst ?? '-'} ${e.flag} ${e.state}`),
    ['bvx5000 52:54:00:00:00:02 - master static', 'bvx5000 ca:38:a3:0f:32:14 - master permanent', 'bvx5000 52:54:00:00:00:02 10.99.0.2 self static', 'bvx5000 00:00:00:00:00:00 10.99.0.2 self permanent'],
  );
  assert.deepEqual(parseNeigh(NEIGH), [
    { dev: 'bbr5000', ip: '10.100.0.2', mac: '52:54:00:00:00:02', permanent: true },
    { dev: 'veth0', ip: '10.99.0.2', mac: 'aa:bb:cc:dd:ee:ff', permanent: false },
    { dev: 'veth0', ip: '10.99.0.3', permanent: false },
  ]);
  assert.deepEqual(parseAddrs(ADDRS), [{ dev: 'lo', ip: '127.0.0.1' }, { dev: 'veth0', ip: '10.99.0.1' }]);
});

test('render: iproute2 batch lines per op', () => {
  const o = { owners: [] };
  assert.deepEqual(render({ op: 'vxlan-add', name: 'bvx5', vni: 5, local: '10.99.0.1', port: 4789, mtu: 1450, alias: 'bambu:bgw:vxlan:5', ...o }), {
    tool: 'ip',
    lines: ['link add name bvx5 mtu 1450 type vxlan id 5 local 10.99.0.1 dstport 4789 nolearning', 'link set dev bvx5 alias bambu:bgw:vxlan:5', 'link set dev bvx5 addrgenmode none'],
  });
  assert.deepEqual(render({ op: 'port-set', name: 'bvx5', learning: false, neighSuppress: true, ...o }), { tool: 'bridge', lines: ['link set dev bvx5 learning off neigh_suppress on'] });
  assert.deepEqual(render({ op: 'fdb-add', dev: 'bvx5', mac: '00:00:00:00:00:00', dst: '10.99.0.2', flag: 'self', state: 'permanent', ...o }).lines, ['fdb append 00:00:00:00:00:00 dev bvx5 dst 10.99.0.2 self permanent']);
  assert.deepEqual(render({ op: 'fdb-add', dev: 'bvx5', mac: '52:54:00:00:00:02', dst: '10.99.0.2', flag: 'self', state: 'static', ...o }).lines, ['fdb replace 52:54:00:00:00:02 dev bvx5 dst 10.99.0.2 self static']);
  assert.deepEqual(render({ op: 'fdb-add', dev: 'bvx5', mac: '52:54:00:00:00:02', flag: 'master', state: 'static', ...o }).lines, ['fdb replace 52:54:00:00:00:02 dev bvx5 master static']);
  assert.deepEqual(render({ op: 'fdb-del', dev: 'bvx5', mac: '00:00:00:00:00:00', dst: '10.99.0.2', flag: 'self', ...o }).lines, ['fdb del 00:00:00:00:00:00 dev bvx5 dst 10.99.0.2 self']);
  assert.deepEqual(render({ op: 'neigh-replace', dev: 'bbr5', ip: '10.100.0.2', mac: '52:54:00:00:00:02', ...o }).lines, ['neigh replace 10.100.0.2 lladdr 52:54:00:00:00:02 dev bbr5 nud permanent']);
  assert.deepEqual(render({ op: 'link-set', name: 'eth1', master: null, ...o }).lines, ['link set dev eth1 nomaster']);
  assert.deepEqual(render({ op: 'link-set', name: 'bvx5', master: 'bbr5', up: true, mtu: 1450, ...o }).lines, ['link set dev bvx5 mtu 1450', 'link set dev bvx5 master bbr5', 'link set dev bvx5 up']);
});

test('batch errors: the text before each "Command failed -:N" belongs to line N', () => {
  const stderr = 'RTNETLINK answers: File exists\nCommand failed -:2\nCannot find device "nosuch"\nCommand failed -:3\n';
  assert.deepEqual([...parseBatchErrors(stderr)], [
    [2, 'RTNETLINK answers: File exists'],
    [3, 'Cannot find device "nosuch"'],
  ]);
  assert.equal(parseBatchErrors('').size, 0);
});
