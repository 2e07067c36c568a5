/**
 * Test helpers for the BGP wire codec: build expected octets from hex written after the RFC
 * layouts (independent of the encoder), and assert NOTIFICATION errors.
 */
import assert from 'node:assert/strict';
import { BgpNotificationError, type CodecContext } from '../../../../src/bgp/wire/index.js';

export { frame, hex, update } from '../../../fixtures/bgp/octets.js';

/** 4-octet AS session with IPv4 and IPv6 unicast. */
export const CTX4: CodecContext = { fourOctetAs: true, extendedMessage: false, families: ['ipv4-unicast', 'ipv6-unicast'] };
/** 2-octet AS session (peer without the 4-octet AS capability). */
export const CTX2: CodecContext = { fourOctetAs: false, extendedMessage: false, families: ['ipv4-unicast', 'ipv6-unicast'] };

/** Asserts that fn throws BgpNotificationError code/subcode; returns it for further checks. */
export function assertNotification(fn: () => unknown, code: number, subcode: number): BgpNotificationError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof BgpNotificationError, `expected BgpNotificationError ${code}/${subcode}, got ${String(caught)}`);
  assert.equal(`${caught.code}/${caught.subcode}`, `${code}/${subcode}`, caught.message);
  return caught;
}

/** Base attributes used around an attribute under test: ORIGIN IGP, AS_PATH [65001] (4-octet), NEXT_HOP 192.0.2.1. */
export const BASE_ATTRS_HEX = {
  origin: '40 01 01 00',
  asPath4: '40 02 06 02 01 00 00 fd e9',
  asPath2: '40 02 04 02 01 fd e9',
  nextHop: '40 03 04 c0 00 02 01',
};
