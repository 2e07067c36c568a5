/**
 * EVIs, route builders and the interpretation of received routes (src/evpn/routes.ts), with the
 * built routes encoded by the wire codec and compared to octets written from ../shared/spec/evpn.md.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePmsiTunnel, decodeExtCommunity, encodeUpdates, type CodecContext, encodeExtCommunity } from '../../../src/bgp/wire/index.js';
import { deriveEvi, parseReceived, routeTarget, type2Route, type3Route, type EvpnRoute } from '../../../src/evpn/index.js';
import { update } from '../../fixtures/bgp/octets.js';

const CTX: CodecContext = { fourOctetAs: true, extendedMessage: false, families: ['ipv4-unicast', 'l2vpn-evpn'] };
const EVI = deriveEvi(100, { routerId: '10.0.0.1', asn: 65000, index: 2 });

test('EVI: RD router-id:index, RT ASN:VNI (low 16 bits of a 4-octet AS), or the configured RT', () => {
  assert.deepEqual(EVI, { vni: 100, rd: '10.0.0.1:2', rt: '65000:100' });
  assert.equal(deriveEvi(5000, { routerId: '10.0.0.1', asn: 4200000001, index: 1 }).rt, `${4200000001 & 0xffff}:5000`);
  assert.equal(deriveEvi(100, { routerId: '10.0.0.1', asn: 65000, index: 1, rt: '65099:7' }).rt, '65099:7');
  assert.throws(() => deriveEvi(100, { routerId: '10.0.0.1', asn: 65000, index: 1, rt: 'x' }), /route target/);
  assert.throws(() => deriveEvi(100, { routerId: '10.0.0.1', asn: 65000, index: 70000 }), /RD index/);
  assert.equal(routeTarget('4200000000:7').kind, 'four-octet-as');
});

test('type 3 route encodes to the FRR layout: PMSI ingress replication, label = VNI, encapsulation 8, RT', () => {
  const r = type3Route(EVI, '10.0.0.1');
  assert.equal(r.key, '[3]:[10.0.0.1:2]:[0]:[32]:[10.0.0.1]');
  const pmsi = decodePmsiTunnel(r.attributes.pmsiTunnel!);
  assert.ok(typeof pmsi !== 'string');
  assert.deepEqual([pmsi.tunnelType, pmsi.label, pmsi.endpoint], [6, 100, '10.0.0.1']);
  const [octets] = encodeUpdates('l2vpn-evpn', [r.key], r.attributes, CTX);
  const expected = update(
    '',
    `90 0e 00 1c 00 19 46 04 0a 00 00 01 00   03 11 00 01 0a 00 00 01 00 02 00 00 00 00 20 0a 00 00 01
     40 01 01 00   40 02 00   c0 10 10 03 0c 00 00 00 00 00 08 00 02 fd e8 00 00 00 64   c0 16 09 00 06 00 00 64 0a 00 00 01`,
    '',
  );
  assert.equal(octets!.toString('hex'), expected.toString('hex'));
});

test('type 2 route: label = VNI; MAC Mobility community only once the sequence is > 0', () => {
  const r0 = type2Route(EVI, '10.0.0.1', '52:54:00:00:00:01', { sequence: 0 });
  assert.equal(r0.key, '[2]:[10.0.0.1:2]:[0]:[48]:[52:54:00:00:00:01]');
  assert.deepEqual(r0.data, { labels: [100] });
  assert.equal(r0.attributes.extCommunities?.length, 2);
  const r3 = type2Route(EVI, '10.0.0.1', '52:54:00:00:00:01', { ip: '10.1.1.5', sequence: 3 });
  assert.equal(r3.key, '[2]:[10.0.0.1:2]:[0]:[48]:[52:54:00:00:00:01]:[32]:[10.1.1.5]');
  assert.deepEqual(decodeExtCommunity(r3.attributes.extCommunities![2]!), { kind: 'mac-mobility', sticky: false, sequence: 3 });
  const [octets] = encodeUpdates('l2vpn-evpn', [r0.key], r0.attributes, CTX, { nlriData: () => r0.data });
  assert.ok(octets!.toString('hex').includes('022100010a0000010002' + '00'.repeat(14) + '30525400000001000000' + '64'));
});

/** A received copy of `r` as a peer would deliver it. */
function received(r: EvpnRoute, patch: Partial<EvpnRoute['attributes']> = {}): EvpnRoute {
  return { ...r, attributes: { ...r.attributes, ...patch } };
}

test('received routes: type 3 → VTEP, type 2 → MAC with sequence/sticky; imported by route target', () => {
  const peerEvi = deriveEvi(100, { routerId: '10.0.0.2', asn: 65000, index: 100 });
  const mine = [deriveEvi(100, { routerId: '10.0.0.1', asn: 65000, index: 100 })];
  assert.deepEqual(parseReceived(type3Route(peerEvi, '10.0.0.2'), mine, 65000, '10.0.0.1'), { type: 3, vni: 100, vtep: '10.0.0.2' });
  const t2 = type2Route(peerEvi, '10.0.0.2', '52:54:00:00:00:02', { ip: '10.1.1.2', sequence: 4, sticky: true });
  assert.deepEqual(parseReceived(t2, mine, 65000, '10.0.0.1'), { type: 2, vni: 100, vtep: '10.0.0.2', mac: '52:54:00:00:00:02', ip: '10.1.1.2', sequence: 4, sticky: true });
  const otherRt = deriveEvi(200, { routerId: '10.0.0.2', asn: 65000, index: 200 });
  assert.match((parseReceived(type3Route(otherRt, '10.0.0.2'), mine, 65000, '10.0.0.1') as { ignored: string }).ignored, /no EVI imports/);
});

test('received routes dropped: our AS in the path (eBGP echo), our own VTEP, other route types, other encapsulation', () => {
  const peerEvi = deriveEvi(100, { routerId: '10.0.0.2', asn: 65000, index: 100 });
  const t3 = type3Route(peerEvi, '10.0.0.2');
  const ign = (r: EvpnRoute) => (parseReceived(r, [EVI], 65000, '10.0.0.1') as { ignored?: string }).ignored ?? '';
  assert.match(ign(received(t3, { asPath: [{ type: 2, asns: [65001, 65000] }] })), /AS_PATH contains our AS/);
  assert.match(ign(type3Route(EVI, '10.0.0.1')), /our own VTEP/);
  assert.match(ign({ ...t3, key: '[5]:[10.0.0.2:1]:[0]:[24]:[192.0.2.0]' }), /route type 5/);
  const mpls = encodeExtCommunity({ kind: 'encapsulation', transitive: true, tunnelType: 10 });
  assert.match(ign(received(t3, { extCommunities: [mpls, t3.attributes.extCommunities![1]!] })), /not VXLAN/);
});
