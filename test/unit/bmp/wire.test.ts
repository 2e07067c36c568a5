/**
 * BMP encoders (RFC 7854 §4) against byte layouts written out by hand from the RFC's diagrams.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeInitiation, encodePeerDown, encodePeerUp, encodeRouteMonitoring, encodeStatisticsReport, encodeTermination, perPeerHeader } from '../../../src/bmp/index.js';

const hex = (b: Buffer) => b.toString('hex');

test('Initiation: common header (version 3, length, type 4) + sysDescr (1) and sysName (2) TLVs', () => {
  const m = encodeInitiation('r1', 'abc');
  assert.equal(hex(m), '03' + '00000013' + '04' + '0001' + '0003' + '616263' + '0002' + '0002' + '7231');
});

test('Termination: string TLV (0) then reason TLV (1) = 0 administratively closed', () => {
  assert.equal(hex(encodeTermination(0, 'x')), '03' + '00000011' + '05' + '0000' + '0001' + '78' + '0001' + '0002' + '0000');
});

test('per-peer header: type 0, flags (V for IPv6), distinguisher 0, address in the low octets, AS, BGP ID, timestamp', () => {
  const ms = 1_700_000_000_123;
  const v4 = perPeerHeader({ address: '127.0.0.2', asn: 65001, bgpId: '10.0.0.2' }, ms);
  assert.equal(v4.length, 42);
  assert.equal(
    hex(v4),
    '00' + '00' + '0000000000000000' + '000000000000000000000000' + '7f000002' + '0000fde9' + '0a000002' + (1_700_000_000).toString(16).padStart(8, '0') + (123_000).toString(16).padStart(8, '0'),
  );
  const v6 = perPeerHeader({ address: '2001:db8::1', asn: 4200000000, bgpId: '10.0.0.3' }, 0);
  assert.equal(v6[1], 0x80);
  assert.equal(hex(v6.subarray(10, 26)), '20010db8000000000000000000000001');
  assert.equal(v6.readUInt32BE(26), 4200000000);
});

test('Peer Up: header, local address (16), local port, remote port, both OPENs verbatim', () => {
  const sent = Buffer.from('aa', 'hex');
  const recv = Buffer.from('bbcc', 'hex');
  const m = encodePeerUp({ address: '127.0.0.2', asn: 1, bgpId: '1.1.1.1' }, 0, { address: '127.0.0.1', port: 179, remotePort: 40000 }, sent, recv);
  assert.equal(m[5], 3);
  assert.equal(m.readUInt32BE(1), m.length);
  const body = m.subarray(6 + 42);
  assert.equal(hex(body), '00000000000000000000000000000000'.slice(0, 24) + '7f000001' + '00b3' + '9c40' + 'aa' + 'bbcc');
});

test('Peer Down: reason octet then data; Route Monitoring: header then the UPDATE PDU; Statistics Report: count + 64-bit gauges', () => {
  const p = { address: '127.0.0.2', asn: 1, bgpId: '1.1.1.1' };
  const down = encodePeerDown(p, 0, 2, Buffer.from('0000', 'hex'));
  assert.equal(down[5], 2);
  assert.equal(hex(down.subarray(48)), '02' + '0000');
  const rm = encodeRouteMonitoring(p, 0, Buffer.from('ffee', 'hex'));
  assert.equal(rm[5], 0);
  assert.equal(hex(rm.subarray(48)), 'ffee');
  const st = encodeStatisticsReport(p, 0, [[7, 5], [8, 2 ** 40]]);
  assert.equal(st[5], 1);
  assert.equal(hex(st.subarray(48)), '00000002' + '0007' + '0008' + '0000000000000005' + '0008' + '0008' + '0000010000000000');
});
