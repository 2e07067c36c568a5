/**
 * ExtendedCommunity (proto oneof, seed 002) ↔ one 8-octet EXTENDED_COMMUNITIES value (RFC 4360).
 * The octets are built and read by the codec (src/bgp/wire/attrs/ext-community.ts); this module
 * only checks the proto fields against the spec's ranges, naming each field, and maps the kinds.
 *
 * Kinds without their own proto message are reported losslessly as `unknown` {type_code, 7 octets}:
 * EVPN MAC Mobility (RFC 7432 §7.7), Color with non-zero flags, Opaque with a sub-type other than 0
 * (the proto's Opaque carries only the 6-octet value, so on input it means sub-type 0), and Link
 * Bandwidth values that are negative or not finite.
 */
import type { ExtendedCommunity } from '../../../gen/bgp.js';
import { decodeExtCommunity, encodeExtCommunity, type ExtCommunity } from '../../wire/attrs/ext-community.js';
import { invalidArgument } from '../../../lib/errors.js';
import { isIPv4 } from '../../../lib/ip.js';
import { intInRange, octets, UINT32_MAX } from '../validate.js';

const U8 = 0xff;
const U16 = 0xffff;

/**
 * Validates one proto ExtendedCommunity and encodes it.
 * @param f field path for errors, e.g. "extended_communities[0]"
 * @returns the 8 octets
 * @throws INVALID_ARGUMENT naming the sub-field ("extended_communities[0].two_octet_as.asn: …")
 */
export function extCommunityFromProto(ec: ExtendedCommunity, f: string): Uint8Array {
  const c = ec.community;
  if (!c) throw invalidArgument(f, 'empty: set one of two_octet_as, ipv4_address, four_octet_as, link_bandwidth, color, encapsulation, router_mac, opaque, unknown');
  let kind: ExtCommunity;
  switch (c.$case) {
    case 'twoOctetAs': {
      const g = `${f}.two_octet_as`;
      const v = c.value;
      kind = { kind: 'two-octet-as', transitive: v.isTransitive, subType: intInRange(`${g}.sub_type`, v.subType, 0, U8), asn: intInRange(`${g}.asn`, v.asn, 0, U16), localAdmin: intInRange(`${g}.local_admin`, v.localAdmin, 0, UINT32_MAX) };
      break;
    }
    case 'ipv4Address': {
      const g = `${f}.ipv4_address`;
      const v = c.value;
      if (!isIPv4(v.address)) throw invalidArgument(`${g}.address`, `"${v.address}" is not a dotted IPv4 address`);
      kind = { kind: 'ipv4-address', transitive: v.isTransitive, subType: intInRange(`${g}.sub_type`, v.subType, 0, U8), address: v.address, localAdmin: intInRange(`${g}.local_admin`, v.localAdmin, 0, U16) };
      break;
    }
    case 'fourOctetAs': {
      const g = `${f}.four_octet_as`;
      const v = c.value;
      kind = { kind: 'four-octet-as', transitive: v.isTransitive, subType: intInRange(`${g}.sub_type`, v.subType, 0, U8), asn: intInRange(`${g}.asn`, v.asn, 0, UINT32_MAX), localAdmin: intInRange(`${g}.local_admin`, v.localAdmin, 0, U16) };
      break;
    }
    case 'linkBandwidth': {
      const g = `${f}.link_bandwidth`;
      const v = c.value;
      if (!Number.isFinite(v.bandwidth) || v.bandwidth < 0) throw invalidArgument(`${g}.bandwidth`, `${v.bandwidth} must be a finite number ≥ 0 (bytes per second)`);
      kind = { kind: 'link-bandwidth', transitive: v.isTransitive, asn: intInRange(`${g}.asn`, v.asn, 0, U16), bandwidth: v.bandwidth };
      break;
    }
    case 'color':
      kind = { kind: 'color', transitive: c.value.isTransitive, color: intInRange(`${f}.color.color`, c.value.color, 0, UINT32_MAX) };
      break;
    case 'encapsulation':
      kind = { kind: 'encapsulation', transitive: c.value.isTransitive, tunnelType: intInRange(`${f}.encapsulation.tunnel_type`, c.value.tunnelType, 0, U16) };
      break;
    case 'routerMac':
      kind = { kind: 'router-mac', transitive: c.value.isTransitive, mac: octets(`${f}.router_mac.mac_address`, c.value.macAddress, 6) };
      break;
    case 'opaque':
      kind = { kind: 'opaque', transitive: c.value.isTransitive, subType: 0, value: octets(`${f}.opaque.value`, c.value.value, 6) };
      break;
    case 'unknown':
      kind = { kind: 'unknown', typeCode: intInRange(`${f}.unknown.type_code`, c.value.typeCode, 0, U8), value: octets(`${f}.unknown.value`, c.value.value, 7) };
      break;
  }
  try {
    return encodeExtCommunity(kind);
  } catch (err) {
    throw invalidArgument(f, (err as Error).message);
  }
}

/** Decodes 8 octets into the proto oneof (see the module header for kinds without a message). */
export function extCommunityToProto(raw: Uint8Array): ExtendedCommunity {
  const k = decodeExtCommunity(raw);
  switch (k.kind) {
    case 'two-octet-as':
      return { community: { $case: 'twoOctetAs', value: { isTransitive: k.transitive, subType: k.subType, asn: k.asn, localAdmin: k.localAdmin } } };
    case 'ipv4-address':
      return { community: { $case: 'ipv4Address', value: { isTransitive: k.transitive, subType: k.subType, address: k.address, localAdmin: k.localAdmin } } };
    case 'four-octet-as':
      return { community: { $case: 'fourOctetAs', value: { isTransitive: k.transitive, subType: k.subType, asn: k.asn, localAdmin: k.localAdmin } } };
    case 'link-bandwidth':
      // Only bandwidths AddRoute would accept back (finite, ≥ 0, not -0); others stay raw.
      if (Number.isFinite(k.bandwidth) && k.bandwidth >= 0 && !Object.is(k.bandwidth, -0)) {
        return { community: { $case: 'linkBandwidth', value: { isTransitive: k.transitive, asn: k.asn, bandwidth: k.bandwidth } } };
      }
      break;
    case 'color':
      if (k.flags === undefined || k.flags === 0) return { community: { $case: 'color', value: { isTransitive: k.transitive, color: k.color } } };
      break;
    case 'encapsulation':
      return { community: { $case: 'encapsulation', value: { isTransitive: k.transitive, tunnelType: k.tunnelType } } };
    case 'router-mac':
      return { community: { $case: 'routerMac', value: { isTransitive: k.transitive, macAddress: Buffer.from(k.mac) } } };
    case 'opaque':
      if (k.subType === 0) return { community: { $case: 'opaque', value: { isTransitive: k.transitive, value: Buffer.from(k.value) } } };
      break;
    case 'unknown':
      return { community: { $case: 'unknown', value: { typeCode: k.typeCode, value: Buffer.from(k.value) } } };
    case 'mac-mobility':
      break;
  }
  return { community: { $case: 'unknown', value: { typeCode: raw[0]!, value: Buffer.from(raw.subarray(1, 8)) } } };
}
