/**
 * L2VPN EVPN (AFI 25 / SAFI 70) on the wire: byte vectors written by hand from the layouts in
 * ../shared/spec/evpn.md (FRR 8.4 captures) and RFC 7432 §7 / RFC 9136 §3, decoded and encoded;
 * round trips of the route keys; withdrawals matching without the label; malformed routes.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  type CodecContext,
  type UpdateMessage,
  BgpNotificationError,
  decodeExtCommunity,
  decodeMessage,
  decodePmsiTunnel,
  encodeExtCommunity,
  encodeMessage,
  encodePmsiTunnel,
  encodeUpdates,
  encodeWithdrawals,
  formatEvpnKey,
  parseEvpnKey,
  parseRd,
  formatRd,
} from '../../../../src/bgp/wire/index.js';
import type { PathAttributes } from '../../../../src/bgp/types.js';
import { hex, update } from './helpers.js';

const CTX: CodecContext = { fourOctetAs: true, extendedMessage: false, families: ['ipv4-unicast', 'l2vpn-evpn'] };

// RD 10.0.0.1:2 (type 1), as FRR builds `router-id:index`.
const RD = '00 01 0a 00 00 01 00 02';
const ESI0 = '00 00 00 00 00 00 00 00 00 00';
const TAG0 = '00 00 00 00';
// Attributes of an iBGP route from FRR: ORIGIN IGP, empty AS_PATH, LOCAL_PREF 100,
// EXTENDED_COMMUNITIES [encapsulation VXLAN (0x03/0x0c, tunnel type 8), RT 65000:100].
const ATTRS_HEX = '40 01 01 00   40 02 00   40 05 04 00 00 00 64   c0 10 10 03 0c 00 00 00 00 00 08 00 02 fd e8 00 00 00 64';
const ENCAP = hex('03 0c 00 00 00 00 00 08');
const RT = hex('00 02 fd e8 00 00 00 64');
const BASE: PathAttributes = { origin: 0, asPath: [], atomicAggregate: false, nextHop: '10.0.0.1', localPref: 100, extCommunities: [ENCAP, RT] };

/** MP_REACH_NLRI with next hop 10.0.0.1 around the NLRI octets (extended length). */
function mpReach(nlriHex: string): string {
  const n = hex(nlriHex).length + 9;
  return `90 0e ${((n >> 8) & 0xff).toString(16).padStart(2, '0')} ${(n & 0xff).toString(16).padStart(2, '0')} 00 19 46 04 0a 00 00 01 00 ${nlriHex}`;
}
function mpUnreach(nlriHex: string): string {
  const n = hex(nlriHex).length + 3;
  return `90 0f 00 ${n.toString(16).padStart(2, '0')} 00 19 46 ${nlriHex}`;
}

const TYPE3 = `03 11 ${RD} ${TAG0} 20 0a 00 00 01`;
const TYPE2_MAC = `02 21 ${RD} ${ESI0} ${TAG0} 30 52 54 00 00 00 01 00 00 00 64`;
const TYPE2_MAC_IP = `02 25 ${RD} ${ESI0} ${TAG0} 30 52 54 00 00 00 01 20 0a 01 01 05 00 00 64`;
const KEY3 = '[3]:[10.0.0.1:2]:[0]:[32]:[10.0.0.1]';
const KEY2 = '[2]:[10.0.0.1:2]:[0]:[48]:[52:54:00:00:00:01]';
const KEY2IP = '[2]:[10.0.0.1:2]:[0]:[48]:[52:54:00:00:00:01]:[32]:[10.1.1.5]';

describe('EVPN UPDATE vectors (spec/evpn.md layouts)', () => {
  test('type 3 with PMSI_TUNNEL ingress replication, VNI 100 in the label', () => {
    const pmsi = 'c0 16 09 00 06 00 00 64 0a 00 00 01';
    const octets = update('', `${mpReach(TYPE3)} ${ATTRS_HEX} ${pmsi}`, '');
    const msg = decodeMessage(octets, CTX) as UpdateMessage;
    assert.equal(msg.errors, undefined);
    assert.deepEqual(msg.mpReach?.nlri, [KEY3]);
    assert.deepEqual(msg.mpReach?.data, [undefined]);
    assert.equal(msg.mpReach?.nextHop, '10.0.0.1');
    const p = decodePmsiTunnel(msg.attributes!.pmsiTunnel!);
    assert.ok(typeof p !== 'string');
    assert.deepEqual([p.flags, p.tunnelType, p.label, p.endpoint], [0, 6, 100, '10.0.0.1']);
    assert.deepEqual(Buffer.from(encodePmsiTunnel({ tunnelType: 6, label: 100, endpoint: '10.0.0.1' })), hex('00 06 00 00 64 0a 00 00 01'));
    const attrs: PathAttributes = { ...BASE, pmsiTunnel: hex('00 06 00 00 64 0a 00 00 01') };
    const [enc] = encodeUpdates('l2vpn-evpn', [KEY3], attrs, CTX);
    assert.equal(enc!.toString('hex'), octets.toString('hex'));
    assert.equal(encodeMessage(msg, CTX).toString('hex'), octets.toString('hex'));
  });

  test('type 2 MAC-only (33 octets) and MAC+IP (37 octets), label = VNI, ESI zero', () => {
    for (const [nlri, key] of [
      [TYPE2_MAC, KEY2],
      [TYPE2_MAC_IP, KEY2IP],
    ] as const) {
      const octets = update('', `${mpReach(nlri)} ${ATTRS_HEX}`, '');
      const msg = decodeMessage(octets, CTX) as UpdateMessage;
      assert.deepEqual(msg.mpReach?.nlri, [key]);
      assert.deepEqual(msg.mpReach?.data, [{ esi: '00:00:00:00:00:00:00:00:00:00', labels: [100] }]);
      const [enc] = encodeUpdates('l2vpn-evpn', [key], BASE, CTX, { nlriData: () => ({ labels: [100] }) });
      assert.equal(enc!.toString('hex'), octets.toString('hex'));
    }
  });

  test('a VNI above 2^20 survives: the label is the raw 24 bits (RFC 8365 §5.1.3), not MPLS label << 4', () => {
    const nlri = `02 21 ${RD} ${ESI0} ${TAG0} 30 52 54 00 00 00 01 00 ff ff fe`;
    const msg = decodeMessage(update('', `${mpReach(nlri)} ${ATTRS_HEX}`, ''), CTX) as UpdateMessage;
    assert.deepEqual(msg.mpReach?.data?.[0]?.labels, [0xfffffe]);
  });

  test('MAC mobility (0x06/0x00, sticky, sequence) and router MAC ext communities', () => {
    const mm = decodeExtCommunity(hex('06 00 01 00 00 00 00 07'));
    assert.deepEqual(mm, { kind: 'mac-mobility', sticky: true, sequence: 7 });
    assert.deepEqual(Buffer.from(encodeExtCommunity({ kind: 'mac-mobility', sticky: false, sequence: 3 })), hex('06 00 00 00 00 00 00 03'));
    const rmac = decodeExtCommunity(hex('06 03 52 54 00 aa bb cc'));
    assert.equal(rmac.kind, 'router-mac');
  });

  test('withdrawal with the label zeroed yields the same key as the announcement (match on RD/MAC/IP)', () => {
    const zeroLabel = `02 25 ${RD} ${ESI0} ${TAG0} 30 52 54 00 00 00 01 20 0a 01 01 05 00 00 00`;
    const octets = update('', mpUnreach(zeroLabel), '');
    const msg = decodeMessage(octets, CTX) as UpdateMessage;
    assert.deepEqual(msg.mpUnreach?.withdrawn, [KEY2IP]);
    const [enc] = encodeWithdrawals('l2vpn-evpn', [KEY2IP], CTX);
    assert.equal(enc!.toString('hex'), octets.toString('hex'));
  });

  test('types 1, 4 and 5 are decoded and kept (keys + data), and re-encode to the same octets', () => {
    const esi = '00 11 22 33 44 55 66 77 88 99';
    const t1 = `01 19 ${RD} ${esi} 00 00 00 05 00 00 64`;
    const t4 = `04 17 ${RD} ${esi} 20 0a 00 00 01`;
    const t5 = `05 22 ${RD} ${ESI0} ${TAG0} 18 c0 00 02 00 0a 00 00 09 00 00 65`;
    const octets = update('', `${mpReach(`${t1} ${t4} ${t5}`)} ${ATTRS_HEX}`, '');
    const msg = decodeMessage(octets, CTX) as UpdateMessage;
    assert.deepEqual(msg.mpReach?.nlri, [
      '[1]:[10.0.0.1:2]:[00:11:22:33:44:55:66:77:88:99]:[5]',
      '[4]:[10.0.0.1:2]:[00:11:22:33:44:55:66:77:88:99]:[32]:[10.0.0.1]',
      '[5]:[10.0.0.1:2]:[0]:[24]:[192.0.2.0]',
    ]);
    assert.deepEqual(msg.mpReach?.data, [{ labels: [100] }, undefined, { esi: '00:00:00:00:00:00:00:00:00:00', gatewayIp: '10.0.0.9', labels: [101] }]);
    assert.equal(encodeMessage(msg, CTX).toString('hex'), octets.toString('hex'));
  });

  test('IPv6 type 2 (49 octets) and type 3 (29 octets)', () => {
    const v6 = '20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 05';
    const t2 = `02 31 ${RD} ${ESI0} ${TAG0} 30 52 54 00 00 00 01 80 ${v6} 00 00 64`;
    const t3 = `03 1d ${RD} ${TAG0} 80 ${v6}`;
    const msg = decodeMessage(update('', `${mpReach(`${t2} ${t3}`)} ${ATTRS_HEX}`, ''), CTX) as UpdateMessage;
    assert.deepEqual(msg.mpReach?.nlri, ['[2]:[10.0.0.1:2]:[0]:[48]:[52:54:00:00:00:01]:[128]:[2001:db8::5]', '[3]:[10.0.0.1:2]:[0]:[128]:[2001:db8::5]']);
  });
});

describe('route keys', () => {
  test('parse / format round trip for every type, canonicalizing case and addresses', () => {
    const keys = [
      KEY2,
      KEY2IP,
      KEY3,
      '[1]:[65000:7]:[00:11:22:33:44:55:66:77:88:99]:[4294967295]',
      '[4]:[4200000000L:9]:[00:00:00:00:00:00:00:00:00:01]:[128]:[2001:db8::1]',
      '[5]:[rd9:0102030405aa]:[3]:[64]:[2001:db8::]',
    ];
    for (const k of keys) assert.equal(formatEvpnKey(parseEvpnKey(k)), k);
    assert.equal(formatEvpnKey(parseEvpnKey('[2]:[10.0.0.1:2]:[0]:[48]:[52:54:00:AA:BB:CC]')), '[2]:[10.0.0.1:2]:[0]:[48]:[52:54:00:aa:bb:cc]');
  });

  test('RD forms (RFC 4364 §4.2) on the wire', () => {
    assert.deepEqual(Buffer.from(parseRd('65000:100')), hex('00 00 fd e8 00 00 00 64'));
    assert.deepEqual(Buffer.from(parseRd('10.0.0.1:2')), hex(RD));
    assert.deepEqual(Buffer.from(parseRd('4200000000L:5')), hex('00 02 fa 56 ea 00 00 05'));
    assert.equal(formatRd(hex('00 02 fa 56 ea 00 00 05'), 0), '4200000000L:5');
    for (const bad of ['65536:1', '10.0.0.1:65536', 'x:1', '1', '4294967296L:1']) assert.throws(() => parseRd(bad), /rd/);
  });

  test('bad keys are INVALID_ARGUMENT naming the field', () => {
    for (const bad of ['x', '[2]:[1:1]:[0]:[47]:[52:54:00:00:00:01]', '[3]:[1:1]:[0]:[24]:[10.0.0.1]', '[9]:[1:1]', '[2]:[1:1]:[0]:[48]:[zz:54:00:00:00:01]']) {
      assert.throws(() => parseEvpnKey(bad), (e: unknown) => (e as { code?: string }).code === 'INVALID_ARGUMENT');
    }
  });
});

describe('malformed EVPN NLRI (RFC 7606)', () => {
  const attrs = ATTRS_HEX;
  test('route overrunning the field: session reset 3/9 (the NLRI cannot be located)', () => {
    const octets = update('', `${mpReach(`02 25 ${RD}`)} ${attrs}`, '');
    assert.throws(
      () => decodeMessage(octets, CTX),
      (e: unknown) => e instanceof BgpNotificationError && e.code === 3 && e.subcode === 9,
    );
  });

  test('type 2 with IP length 24: treat-as-withdraw, the good routes of the UPDATE listed for withdrawal', () => {
    const bad = `02 24 ${RD} ${ESI0} ${TAG0} 30 52 54 00 00 00 02 18 0a 01 01 00 00 64`;
    const msg = decodeMessage(update('', `${mpReach(`${TYPE2_MAC} ${bad}`)} ${attrs}`, ''), CTX) as UpdateMessage;
    assert.ok(msg.treatAsWithdraw?.includes('RFC 7606 §5.4'));
    assert.equal(msg.attributes, null);
    assert.deepEqual(msg.mpReach?.nlri, [KEY2]);
    assert.equal(msg.errors?.[0]?.action, 'treat-as-withdraw');
  });

  test('wrong length for the route type (type 3 of 18 octets, type 1 of 24)', () => {
    for (const bad of [`03 12 ${RD} ${TAG0} 20 0a 00 00 01 00`, `01 18 ${RD} ${ESI0} ${TAG0} 00 64`]) {
      const msg = decodeMessage(update('', `${mpReach(bad)} ${attrs}`, ''), CTX) as UpdateMessage;
      assert.ok(msg.treatAsWithdraw, bad);
      assert.deepEqual(msg.mpReach?.nlri, []);
    }
  });

  test('unknown route type is skipped, the rest kept, no error (RFC 7606 §5.4)', () => {
    const t9 = '09 03 01 02 03';
    const msg = decodeMessage(update('', `${mpReach(`${t9} ${TYPE3}`)} ${attrs}`, ''), CTX) as UpdateMessage;
    assert.equal(msg.errors, undefined);
    assert.deepEqual(msg.mpReach?.nlri, [KEY3]);
  });

  test('malformed withdrawn route: ignored, the others withdrawn (attribute-discard record)', () => {
    const bad = `03 05 00 00 00 00 00`;
    const zero = `02 21 ${RD} ${ESI0} ${TAG0} 30 52 54 00 00 00 01 00 00 00 00`;
    const msg = decodeMessage(update('', mpUnreach(`${bad} ${zero}`), ''), CTX) as UpdateMessage;
    assert.deepEqual(msg.mpUnreach?.withdrawn, [KEY2]);
    assert.equal(msg.errors?.[0]?.action, 'attribute-discard');
  });

  test('EVPN not negotiated: the attribute is ignored, not parsed', () => {
    const ctx: CodecContext = { ...CTX, families: ['ipv4-unicast'] };
    const msg = decodeMessage(update('', `${mpReach(`02 25 ${RD}`)} ${attrs}`, ''), ctx) as UpdateMessage;
    assert.equal(msg.mpReach, undefined);
    assert.equal(msg.errors?.[0]?.action, 'attribute-discard');
  });
});

describe('properties', () => {
  const byte = fc.integer({ min: 0, max: 255 });
  const mac = fc.array(byte, { minLength: 6, maxLength: 6 }).map((b) => b.map((x) => x.toString(16).padStart(2, '0')).join(':'));
  const v4 = fc.array(byte, { minLength: 4, maxLength: 4 }).map((b) => b.join('.'));
  const rd = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 65535 }), fc.nat()).map(([a, n]) => `${a}:${n}`),
    fc.tuple(v4, fc.integer({ min: 0, max: 65535 })).map(([a, n]) => `${a}:${n}`),
  );
  const label = fc.integer({ min: 0, max: 0xffffff });
  const route = fc.oneof(
    fc.record({ rd, mac, ip: fc.option(v4, { nil: undefined }), label }).map((r) => ({
      key: formatEvpnKey(r.ip === undefined ? { type: 2, rd: r.rd, ethernetTag: 0, mac: r.mac } : { type: 2, rd: r.rd, ethernetTag: 0, mac: r.mac, ip: r.ip }),
      data: { esi: '00:00:00:00:00:00:00:00:00:00', labels: [r.label] },
    })),
    fc.record({ rd, ip: v4 }).map((r) => ({ key: formatEvpnKey({ type: 3, rd: r.rd, ethernetTag: 0, originatorIp: r.ip }), data: undefined })),
  );

  test('announce → decode returns the same keys and labels (round trip)', () => {
    fc.assert(
      fc.property(fc.array(route, { minLength: 1, maxLength: 20 }), (routes) => {
        const uniq = [...new Map(routes.map((r) => [r.key, r])).values()];
        const dataOf = new Map(uniq.map((r) => [r.key, r.data]));
        for (const octets of encodeUpdates('l2vpn-evpn', uniq.map((r) => r.key), BASE, CTX, { nlriData: (k) => dataOf.get(k) })) {
          const msg = decodeMessage(octets, CTX) as UpdateMessage;
          msg.mpReach!.nlri.forEach((k, i) => assert.deepEqual(msg.mpReach!.data![i], dataOf.get(k)));
        }
      }),
      { numRuns: 300 },
    );
  });

  test('random EVPN NLRI octets: a message or a wire error, never another exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (nlri) => {
        const octets = update('', `${mpReach(Buffer.from(nlri).toString('hex'))} ${ATTRS_HEX}`, '');
        try {
          const msg = decodeMessage(octets, CTX) as UpdateMessage;
          for (const k of msg.mpReach?.nlri ?? []) assert.equal(formatEvpnKey(parseEvpnKey(k)), k, 'every decoded key is canonical');
        } catch (err) {
          if (!(err instanceof BgpNotificationError)) throw err;
        }
      }),
      { numRuns: 3000 },
    );
  });
});
