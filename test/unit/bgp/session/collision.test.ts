/**
 * RFC 4271 §6.8 collision resolution and the NOTIFICATION texts (RFC 4486, RFC 8203).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bgpIdValue, resolveCollision } from '../../../../src/bgp/session/collision.js';
import { describeNotification } from '../../../../src/bgp/session/open.js';
import { parseShutdownCommunication, shutdownCommunication } from '../../../../src/bgp/fsm/index.js';

test('BGP Identifiers compare as unsigned 32-bit numbers', () => {
  assert.ok(bgpIdValue('10.0.0.2') > bgpIdValue('9.255.255.255'));
  assert.equal(bgpIdValue('255.255.255.255'), 0xffffffff);
});

test('the connection initiated by the higher BGP Identifier survives', () => {
  // Existing = ours (outgoing), candidate = theirs (incoming).
  assert.equal(resolveCollision('10.0.0.1', '10.0.0.2', true, false), 'candidate', 'they are higher: keep theirs');
  assert.equal(resolveCollision('10.0.0.3', '10.0.0.2', true, false), 'existing', 'we are higher: keep ours');
  // Existing = theirs (incoming), candidate = ours (outgoing, simultaneous open).
  assert.equal(resolveCollision('10.0.0.1', '10.0.0.2', false, true), 'existing');
  assert.equal(resolveCollision('10.0.0.3', '10.0.0.2', false, true), 'candidate');
  // Both ends agree: in the first case 10.0.0.1 keeps the connection 10.0.0.2 opened; seen from
  // 10.0.0.2 that connection is its own outgoing candidate, which it keeps as well.
  assert.equal(resolveCollision('10.0.0.2', '10.0.0.1', false, true), 'candidate');
});

test('two connections initiated by the same side: the newer one is kept', () => {
  assert.equal(resolveCollision('10.0.0.9', '10.0.0.2', false, false), 'candidate');
});

test('RFC 8203 shutdown communication: length-prefixed UTF-8, cut at 255 octets on a character boundary', () => {
  const d = shutdownCommunication('maintenance');
  assert.deepEqual([...d], [11, ...Buffer.from('maintenance')]);
  assert.equal(parseShutdownCommunication(d), 'maintenance');
  const long = shutdownCommunication('é'.repeat(200));
  assert.equal(long[0], 254, '127 two-octet characters');
  assert.equal(parseShutdownCommunication(long), 'é'.repeat(127));
  assert.equal(parseShutdownCommunication(new Uint8Array([5, 0x61])), undefined, 'length beyond the data');
});

test('NOTIFICATION texts name the RFC 4486 subcode and carry the shutdown message', () => {
  assert.equal(describeNotification(6, 2, shutdownCommunication('bye')), 'Cease/Administrative Shutdown (6/2): bye');
  assert.equal(describeNotification(4, 0), 'Hold Timer Expired (4/0)');
  assert.equal(describeNotification(6, 7), 'Cease/Connection Collision Resolution (6/7)');
  assert.equal(describeNotification(99, 1), 'Unknown error (99/1)');
});
