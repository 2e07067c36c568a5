/**
 * Proto ↔ domain conversion at the gRPC edge: AddRouteRequest → PathAttributes → Path keeps every
 * attribute; AS_PATH segment types are renumbered (API AS_SET=0/AS_SEQUENCE=1, wire 1/2);
 * extended communities go through the codec's 8-octet form losslessly, with byte vectors built
 * by hand from RFC 4360 / RFC 9012 / RFC 9135.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AddRouteRequest, AsPathSegmentType, ExtendedCommunity, Origin } from '../../../../src/gen/bgp.js';
import { addRouteRequestToDomain, pathToProto } from '../../../../src/bgp/api/convert/path-attributes.js';
import { extCommunityFromProto, extCommunityToProto } from '../../../../src/bgp/api/convert/ext-community.js';
import { peerToProto, statisticsToProto } from '../../../../src/bgp/api/convert/peer.js';
import { AS_PATH_SEGMENT } from '../../../../src/bgp/types.js';
import { FakeInstance } from './fake-instance.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('AddRouteRequest → domain: canonical prefix, wire segment types, LOCAL_PREF default 100', () => {
  const r = addRouteRequestToDomain(
    AddRouteRequest.fromPartial({
      prefix: '2001:DB8:0::/48',
      nextHop: '2001:db8::1',
      origin: Origin.EGP,
      asPath: [
        { segmentType: AsPathSegmentType.AS_SEQUENCE, asns: [65001, 4200000000] },
        { segmentType: AsPathSegmentType.AS_SET, asns: [65003, 65004] },
      ],
    }),
  );
  assert.equal(r.prefix, '2001:db8::/48');
  assert.equal(r.family, 6);
  assert.equal(r.attrs.localPref, 100);
  assert.equal(r.attrs.origin, 1);
  assert.deepEqual(r.attrs.asPath, [
    { type: AS_PATH_SEGMENT.AS_SEQUENCE, asns: [65001, 4200000000] },
    { type: AS_PATH_SEGMENT.AS_SET, asns: [65003, 65004] },
  ]);
  assert.equal(r.attrs.med, undefined);
  assert.equal(r.attrs.communities, undefined);
});

test('an IPv4-mapped IPv6 next hop for an IPv4 prefix is stored as the IPv4 address', () => {
  const r = addRouteRequestToDomain(AddRouteRequest.fromPartial({ prefix: '10.0.0.0/8', nextHop: '::ffff:192.0.2.7' }));
  assert.equal(r.attrs.nextHop, '192.0.2.7');
});

test('AddRouteRequest → domain → Path round trip keeps every attribute', () => {
  const req = AddRouteRequest.fromPartial({
    prefix: '10.0.0.0/24',
    nextHop: '192.0.2.1',
    origin: Origin.INCOMPLETE,
    asPath: [{ segmentType: AsPathSegmentType.AS_SEQUENCE, asns: [65001, 65002, 65003] }, { segmentType: AsPathSegmentType.AS_SET, asns: [7, 8] }],
    localPref: 200,
    med: 0,
    atomicAggregate: true,
    communities: [65001 * 65536 + 100, 0xffffff01],
    extendedCommunities: [{ community: { $case: 'twoOctetAs', value: { isTransitive: true, subType: 2, asn: 65001, localAdmin: 100 } } }],
    largeCommunities: [{ globalAdmin: 4200000000, localData1: 1, localData2: 100 }],
  });
  const r = addRouteRequestToDomain(req);
  const path = pathToProto({ attrs: r.attrs, peerAddress: '', best: true });
  assert.deepEqual(
    { origin: path.origin, asPath: path.asPath, nextHop: path.nextHop, localPref: path.localPref, med: path.med, atomicAggregate: path.atomicAggregate, communities: path.communities, extendedCommunities: path.extendedCommunities, largeCommunities: path.largeCommunities },
    { origin: req.origin, asPath: req.asPath, nextHop: req.nextHop, localPref: 200, med: 0, atomicAggregate: true, communities: req.communities, extendedCommunities: req.extendedCommunities, largeCommunities: req.largeCommunities },
  );
  assert.equal(path.best, true);
  assert.equal(path.peerAddress, '');
});

test('Path: confederation segments are shown as AS_SEQUENCE/AS_SET; unknown attributes keep flags and value', () => {
  const path = pathToProto({
    attrs: {
      origin: 0,
      asPath: [{ type: AS_PATH_SEGMENT.AS_CONFED_SEQUENCE, asns: [1] }, { type: AS_PATH_SEGMENT.AS_CONFED_SET, asns: [2] }],
      atomicAggregate: false,
      unknown: [{ flags: 0xe0, type: 99, value: Uint8Array.of(1, 2, 3) }],
    },
    peerAddress: '127.0.0.2',
    best: false,
  });
  assert.deepEqual(path.asPath.map((s) => s.segmentType), [AsPathSegmentType.AS_SEQUENCE, AsPathSegmentType.AS_SET]);
  assert.deepEqual(path.unknownAttributes, [{ attrType: 99, flags: 0xe0, value: Buffer.from([1, 2, 3]) }]);
  assert.equal(path.nextHop, '');
  assert.equal(path.localPref, undefined);
});

/** Each spec kind with its 8 octets written out by hand. */
const vectors: Array<[string, ExtendedCommunity, string]> = [
  ['route target 65001:100 (RFC 4360 §3.1, type 0x00 sub 0x02)', { community: { $case: 'twoOctetAs', value: { isTransitive: true, subType: 2, asn: 65001, localAdmin: 100 } } }, '0002fde900000064'],
  ['non-transitive two-octet AS (0x40)', { community: { $case: 'twoOctetAs', value: { isTransitive: false, subType: 3, asn: 1, localAdmin: 2 } } }, '4003000100000002'],
  ['IPv4 address specific 192.0.2.1:7 (§3.2)', { community: { $case: 'ipv4Address', value: { isTransitive: true, subType: 2, address: '192.0.2.1', localAdmin: 7 } } }, '0102c00002010007'],
  ['four-octet AS 4200000000:9 (RFC 5668)', { community: { $case: 'fourOctetAs', value: { isTransitive: true, subType: 2, asn: 4200000000, localAdmin: 9 } } }, '0202fa56ea000009'],
  ['link bandwidth AS 65001, 1250000 B/s', { community: { $case: 'linkBandwidth', value: { isTransitive: false, asn: 65001, bandwidth: 1250000 } } }, '4004fde949989680'],
  ['color 100 (RFC 9012 §4.3)', { community: { $case: 'color', value: { isTransitive: true, color: 100 } } }, '030b000000000064'],
  ['encapsulation VXLAN (RFC 9012 §4.1)', { community: { $case: 'encapsulation', value: { isTransitive: true, tunnelType: 8 } } }, '030c000000000008'],
  ['router MAC (RFC 9135 §8.1)', { community: { $case: 'routerMac', value: { isTransitive: true, macAddress: Buffer.from('020000aabbcc', 'hex') } } }, '0603020000aabbcc'],
  ['opaque, sub-type 0', { community: { $case: 'opaque', value: { isTransitive: false, value: Buffer.from('010203040506', 'hex') } } }, '4300010203040506'],
  ['unknown type 0x80', { community: { $case: 'unknown', value: { typeCode: 0x80, value: Buffer.from('01020304050607', 'hex') } } }, '8001020304050607'],
];

for (const [name, ec, bytes] of vectors) {
  test(`extended community ${name}: proto → octets → proto`, () => {
    const raw = extCommunityFromProto(ec, 'ec');
    assert.equal(hex(raw), bytes);
    assert.deepEqual(extCommunityToProto(raw), ec);
  });
}

test('kinds without a proto message come back as unknown {type_code, 7 octets} and re-encode identically', () => {
  for (const bytes of ['0600000000000005' /* MAC mobility seq 5 */, '030b0001000000c8' /* color with flags */, '0301010203040506' /* opaque sub-type 1 */, '4004fde980000000' /* link bandwidth -0 */, '4004fde9bf800000' /* link bandwidth -1 */]) {
    const proto = extCommunityToProto(Buffer.from(bytes, 'hex'));
    assert.equal(proto.community?.$case, 'unknown', bytes);
    assert.equal(hex(extCommunityFromProto(proto, 'ec')), bytes);
  }
});

test('property: any 8 octets survive octets → proto → octets', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (raw) => {
      assert.equal(hex(extCommunityFromProto(extCommunityToProto(raw), 'ec')), hex(raw));
    }),
    { numRuns: 2000 },
  );
});

test('PeerInfo → Peer: bare IP, port in the extension field, states mapped; statistics copied', () => {
  const bgp = new FakeInstance();
  bgp.addPeer('127.0.0.2', 17900, { asn: 65001 });
  const info = bgp.getPeer('127.0.0.2');
  const p = peerToProto({ ...info, state: 'established', adminState: 'prefix-limit-exceeded' });
  assert.equal(p.address, '127.0.0.2');
  assert.equal(p.port, 17900);
  assert.equal(p.asn, 65001);
  assert.equal(p.state, 5);
  assert.equal(p.adminState, 2);
  assert.equal(p.configured, true);
  const s = statisticsToProto(info.statistics);
  assert.deepEqual(
    [s.openSent, s.keepaliveSent, s.updateSent, s.notificationSent, s.openReceived, s.keepaliveReceived, s.updateReceived, s.notificationReceived],
    [1, 2, 3, 4, 5, 6, 7, 8],
  );
  assert.equal(s.establishedTransitions, 14);
});
