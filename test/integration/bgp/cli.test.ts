/**
 * `bambu` BGP commands (dist/src/bin/bambu.js) against a real bambud: peer add/list/show/disable/
 * enable/reset/remove, route add/list/remove, info — tables for people, --json for scripts — and
 * errors: the gRPC status message on stderr, exit status 1.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BAMBU, run } from '../../helpers/proc.js';
import { freePort, startTestBambud, type TestBambud } from '../../helpers/grpc.js';

let d: TestBambud;

before(async () => {
  d = await startTestBambud();
});
after(async () => {
  await d?.stop();
});

/** Runs `bambu ARGS` with BAMBU_GRPC pointing at the test daemon. */
function bambu(args: string[], env: NodeJS.ProcessEnv = {}) {
  return run(process.execPath, [BAMBU, ...args], { check: false, env: { ...process.env, BAMBU_GRPC: d.grpc, ...env } });
}

function ok(args: string[]): string {
  const r = bambu(args);
  assert.equal(r.status, 0, `bambu ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

test('peer add / list / show, as table and JSON', () => {
  assert.match(ok(['peer', 'add', '127.0.0.7:17907', '--asn', '65007', '--hold-time', '30']), /peer 127\.0\.0\.7:17907 added/);
  const table = ok(['peer', 'list']);
  assert.match(table, /Address/);
  assert.match(table, /127\.0\.0\.7\s*│\s*17907\s*│\s*65007\s*│\s*(IDLE|CONNECT|ACTIVE)/);
  const peers = JSON.parse(ok(['peer', 'list', '--json']));
  const p = peers.find((x: { address: string }) => x.address === '127.0.0.7');
  assert.deepEqual([p.port, p.asn, p.admin_state, p.configured], [17907, 65007, 'UP', true]);
  const shown = JSON.parse(ok(['peer', 'show', '127.0.0.7', '--json']));
  assert.equal(shown.peer.address, '127.0.0.7');
  assert.equal(typeof shown.statistics.open_sent, 'number');
  assert.match(ok(['peer', 'show', '127.0.0.7:17907']), /Established transitions/);
});

test('peer disable / enable / reset / remove', () => {
  ok(['peer', 'add', '127.0.0.8', '--asn', '65008']);
  ok(['peer', 'disable', '127.0.0.8', '--message', 'maintenance']);
  assert.equal(JSON.parse(ok(['peer', 'show', '127.0.0.8', '--json'])).peer.admin_state, 'DOWN');
  ok(['peer', 'enable', '127.0.0.8']);
  assert.equal(JSON.parse(ok(['peer', 'show', '127.0.0.8', '--json'])).peer.admin_state, 'UP');
  ok(['peer', 'reset', '127.0.0.8', '--type', 'hard']);
  assert.match(ok(['peer', 'remove', '127.0.0.8']), /removed/);
  const r = bambu(['peer', 'show', '127.0.0.8']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^bambu: .*127\.0\.0\.8.*\(NOT_FOUND\)/);
});

test('route add / list (table, JSON, family) / remove', () => {
  ok(['route', 'add', '10.9.0.0/24', '-n', '192.0.2.9', '--as-path', '65001 65002 {65003,65004}', '--local-pref', '200', '--med', '5', '-c', '65001:100', '-c', 'no-export', '--large-community', '65001:1:2', '--ext-community', 'rt:65000:100']);
  ok(['route', 'add', '2001:db8:9::/48', '--next-hop', '2001:db8::9']);
  const table = ok(['route', 'list']);
  assert.match(table, /10\.9\.0\.0\/24\s*│\s*192\.0\.2\.9\s*│\s*local\s*│\s*65001 65002 \{65003,65004\}\s*│\s*igp\s*│\s*200\s*│\s*5\s*│\s*65001:100 no-export 65001:1:2 rt:65000:100/);
  const routes = JSON.parse(ok(['route', 'list', '--json']));
  const r = routes.find((x: { prefix: string }) => x.prefix === '10.9.0.0/24');
  assert.deepEqual(r.paths[0].as_path, [
    { segment_type: 'AS_SEQUENCE', asns: [65001, 65002] },
    { segment_type: 'AS_SET', asns: [65003, 65004] },
  ]);
  assert.equal(r.paths[0].local_pref, 200);
  assert.deepEqual(r.paths[0].communities, [65001 * 65536 + 100, 0xffffff01]);
  const v6 = JSON.parse(ok(['route', 'list', '--family', 'ipv6-unicast', '--json']));
  assert.deepEqual(v6.map((x: { prefix: string }) => x.prefix), ['2001:db8:9::/48']);
  assert.match(ok(['route', 'remove', '10.9.0.0/24']), /removed/);
  ok(['route', 'remove', '2001:db8:9::/48']);
  assert.deepEqual(JSON.parse(ok(['route', 'list', '--json'])).filter((x: { prefix: string }) => x.prefix === '10.9.0.0/24'), []);
});

test('errors: status message on stderr and exit 1 (server-side validation, NOT_FOUND, bad CLI syntax)', () => {
  let r = bambu(['route', 'add', '10.9.0.1/24', '-n', '192.0.2.9']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^bambu: prefix: .*host bits.*\(INVALID_ARGUMENT\)/);
  r = bambu(['route', 'remove', '10.99.0.0/24']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /NOT_FOUND/);
  r = bambu(['route', 'list', '--rib', 'adj-in']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /peer_address: required/);
  r = bambu(['route', 'add', '10.9.0.0/24', '-n', '192.0.2.9', '-c', '65001:x']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /community/);
});

test('info answers through --grpc, BAMBU_GRPC and the root option; an unreachable daemon is exit 1 with advice', async () => {
  const info = JSON.parse(ok(['info', '--json']));
  assert.equal(info.listen_port, d.bgpPort);
  assert.equal(bambu(['--grpc', d.grpc, 'info'], { BAMBU_GRPC: '127.0.0.1:1' }).status, 0);
  assert.equal(bambu(['info', '--grpc', d.grpc], { BAMBU_GRPC: '127.0.0.1:1' }).status, 0);
  const dead = `127.0.0.1:${await freePort()}`;
  const r = bambu(['info'], { BAMBU_GRPC: dead });
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`cannot reach bambud at ${dead.replace(/\./g, '\\.')}`));
});

test('--help teaches with examples', () => {
  assert.match(ok(['peer', '--help']), /Examples:\n\s+bambu peer add 127\.0\.0\.2:17900 --asn 65001/);
  assert.match(ok(['route', 'add', '--help']), /--next-hop/);
  assert.match(ok(['route', 'list', '--help']), /--rib <rib>/);
});
