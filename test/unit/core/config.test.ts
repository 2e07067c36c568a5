/** src/config/index.ts: YAML parsing, defaults, and errors naming key path and line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/config/index.js';
import { BambuError } from '../../../src/lib/errors.js';

function errorOf(text: string): string {
  try {
    parseConfig(text, 'c.yaml');
  } catch (e) {
    assert.ok(e instanceof BambuError);
    return e.message;
  }
  assert.fail('expected a config error');
}

test('empty config gets loopback defaults', () => {
  const c = parseConfig('', 'c.yaml');
  assert.equal(c.grpc_listen_addr, '127.0.0.1:50051');
  assert.equal(c.hold_time_secs, 180);
  assert.deepEqual(c.peers, []);
  assert.equal(c.l2gw, undefined);
});

test('unknown top-level key names the key and its line', () => {
  assert.equal(errorOf('asn: 65001\nrouter_idd: 1.1.1.1\n'), 'c.yaml:2: router_idd: unknown key');
});

test('unknown nested key inside a list item names the path and line', () => {
  const msg = errorOf('asn: 65001\npeers:\n  - address: 127.0.0.2\n    hold_tme_secs: 9\n');
  assert.equal(msg, 'c.yaml:4: peers[0].hold_tme_secs: unknown key');
});

test('wrong type names the path and the line of the value', () => {
  const msg = errorOf('asn: 65001\nhold_time_secs: soon\n');
  assert.match(msg, /^c\.yaml:2: hold_time_secs: /);
});

test('YAML syntax errors carry the line', () => {
  assert.match(errorOf('asn: 65001\npeers: [\n'), /^c\.yaml:\d+: YAML syntax/);
});
