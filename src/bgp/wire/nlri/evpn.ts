/**
 * EVPN NLRI (AFI 25 / SAFI 70; RFC 7432 §7, RFC 8365 §5.1.3, RFC 9136 §3):
 *
 *  +-----------------------------------+
 *  |    Route Type (1 octet)           |
 *  +-----------------------------------+
 *  |     Length (1 octet)              |
 *  +-----------------------------------+
 *  | Route Type specific (variable)    |
 *  +-----------------------------------+
 *
 * Route types decoded (octets of the route-type-specific part):
 *   1 Ethernet A-D        RD(8) ESI(10) Ethernet Tag(4) MPLS Label(3)                        = 25
 *   2 MAC/IP Advertisement RD(8) ESI(10) Ethernet Tag(4) MAC Len(1)=48 MAC(6) IP Len(1)=0|32|128
 *                         IP(0|4|16) MPLS Label1(3) [MPLS Label2(3)]              = 33|36|37|40|49|52
 *   3 Inclusive Multicast RD(8) Ethernet Tag(4) IP Len(1)=32|128 Originating Router's IP(4|16) = 17|29
 *   4 Ethernet Segment    RD(8) ESI(10) IP Len(1)=32|128 Originating Router's IP(4|16)       = 23|35
 *   5 IP Prefix           RD(8) ESI(10) Ethernet Tag(4) IP Prefix Len(1) IP Prefix(4|16)
 *                         GW IP(4|16) MPLS Label(3)                                         = 34|58
 *
 * Every route becomes a canonical **route key** string holding exactly the fields the RFCs make
 * part of the BGP route key (RFC 7432 §7.1–7.4, RFC 9136 §3.1); the ESI of types 2 and 5, their
 * gateway IP and every MPLS label are route data carried next to the key (NlriData), so that a
 * withdrawal — which FRR sends with the label zeroed — matches on RD, MAC and IP, never the label:
 *
 *   [1]:[RD]:[ESI]:[TAG]
 *   [2]:[RD]:[TAG]:[48]:[MAC]            [2]:[RD]:[TAG]:[48]:[MAC]:[32]:[IPv4]   …:[128]:[IPv6]
 *   [3]:[RD]:[TAG]:[32]:[IPv4]           [3]:[RD]:[TAG]:[128]:[IPv6]
 *   [4]:[RD]:[ESI]:[32]:[IPv4]           [4]:[RD]:[ESI]:[128]:[IPv6]
 *   [5]:[RD]:[TAG]:[LEN]:[PREFIX]
 *
 * RD text (RFC 4364 §4.2): type 0 "ASN:NN", type 1 "A.B.C.D:NN", type 2 "ASNL:NN" (the L marks a
 * 4-octet AS), any other type "rdT:HEX12". ESI: ten colon-separated hex octets. MAC: lower-case
 * colon form. Labels are the raw 24-bit field: for VXLAN it is the VNI (RFC 8365 §5.1.3), not an
 * MPLS label shifted by 4 bits.
 *
 * Errors (RFC 7606): a route overrunning the field → the field cannot be parsed → session reset
 * (the caller's MP_NLRI row); a route well framed but inconsistent with its type (wrong length,
 * MAC length ≠ 48, IP length not 0/32/128) → reported through NlriSink.malformed, the UPDATE is
 * treat-as-withdraw (RFC 7606 §5.4 with §2); an unknown route type is skipped (RFC 7606 §5.4).
 */
import type { Writer } from '../../../lib/bytes.js';
import { invalidArgument } from '../../../lib/errors.js';
import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from '../../../lib/ip.js';

/** Per-NLRI fields that travel with a route but are not part of its key (RFC 7432 §7.2, RFC 9136 §3.1). */
export interface NlriData {
  /** The 3-octet label field(s), raw 24-bit values (VNI for VXLAN, RFC 8365 §5.1.3). */
  readonly labels?: readonly number[];
  /** Ethernet Segment Identifier of type 2 / type 5 routes (ten colon-separated hex octets). */
  readonly esi?: string;
  /** Gateway IP address of a type 5 route (RFC 9136 §3.1). */
  readonly gatewayIp?: string;
}

/** Where decodeEvpnNlri reports per-route data and per-route faults. */
export interface NlriSink {
  /** Filled in parallel to the key list when present. */
  data?: (NlriData | undefined)[];
  /** Set to the first reason a well-framed route was malformed (RFC 7606 §5.4). */
  malformed?: string;
  /** Number of routes of unknown type skipped (RFC 7606 §5.4). */
  skipped?: number;
}

/** A route key, decoded (RFC 7432 §7). */
export type EvpnRouteKey =
  | { readonly type: 1; readonly rd: string; readonly esi: string; readonly ethernetTag: number }
  | { readonly type: 2; readonly rd: string; readonly ethernetTag: number; readonly mac: string; readonly ip?: string }
  | { readonly type: 3; readonly rd: string; readonly ethernetTag: number; readonly originatorIp: string }
  | { readonly type: 4; readonly rd: string; readonly esi: string; readonly originatorIp: string }
  | { readonly type: 5; readonly rd: string; readonly ethernetTag: number; readonly prefixLength: number; readonly prefix: string };

/** Zero ESI (single-homed), as written in keys and NlriData. */
export const ZERO_ESI = '00:00:00:00:00:00:00:00:00:00';

const hex2 = (v: number): string => (v < 16 ? '0' : '') + v.toString(16);

function u32at(b: Uint8Array, p: number): number {
  return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
}

function u24at(b: Uint8Array, p: number): number {
  return (b[p]! << 16) | (b[p + 1]! << 8) | b[p + 2]!;
}

/** RD text (RFC 4364 §4.2) of the 8 octets at p. */
export function formatRd(b: Uint8Array, p: number): string {
  const type = (b[p]! << 8) | b[p + 1]!;
  switch (type) {
    case 0:
      return `${(b[p + 2]! << 8) | b[p + 3]!}:${u32at(b, p + 4)}`;
    case 1:
      return `${formatIPv4(b, p + 2)}:${(b[p + 6]! << 8) | b[p + 7]!}`;
    case 2:
      return `${u32at(b, p + 2)}L:${(b[p + 6]! << 8) | b[p + 7]!}`;
    default: {
      let h = '';
      for (let i = 2; i < 8; i++) h += hex2(b[p + i]!);
      return `rd${type}:${h}`;
    }
  }
}

const DEC = /^(0|[1-9][0-9]*)$/;

/**
 * RD text → 8 octets (RFC 4364 §4.2).
 * @throws BambuError INVALID_ARGUMENT naming `field` when the text is not one of the RD forms
 */
export function parseRd(text: string, field = 'rd'): Uint8Array {
  const out = new Uint8Array(8);
  const bad = (): never => {
    throw invalidArgument(field, `${JSON.stringify(text)} is not a route distinguisher (ASN:NN, A.B.C.D:NN or ASNL:NN)`);
  };
  const m = /^rd([0-9]+):([0-9a-f]{12})$/.exec(text);
  if (m) {
    const t = Number(m[1]);
    if (t > 0xffff) bad();
    out[0] = t >> 8;
    out[1] = t & 0xff;
    for (let i = 0; i < 6; i++) out[2 + i] = parseInt(m[2]!.slice(2 * i, 2 * i + 2), 16);
    return out;
  }
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return bad();
  const admin = text.slice(0, colon);
  const num = text.slice(colon + 1);
  if (!DEC.test(num)) return bad();
  const n = Number(num);
  const dv = new DataView(out.buffer);
  if (admin.includes('.')) {
    if (n > 0xffff) bad();
    dv.setUint16(0, 1);
    out.set(parseIPv4(admin, field), 2);
    dv.setUint16(6, n);
  } else if (admin.endsWith('L')) {
    const asn = admin.slice(0, -1);
    if (!DEC.test(asn) || Number(asn) > 0xffffffff || n > 0xffff) bad();
    dv.setUint16(0, 2);
    dv.setUint32(2, Number(asn));
    dv.setUint16(6, n);
  } else {
    if (!DEC.test(admin) || Number(admin) > 0xffff || n > 0xffffffff) bad();
    dv.setUint16(0, 0);
    dv.setUint16(2, Number(admin));
    dv.setUint32(4, n);
  }
  return out;
}

function formatEsi(b: Uint8Array, p: number): string {
  let s = hex2(b[p]!);
  for (let i = 1; i < 10; i++) s += ':' + hex2(b[p + i]!);
  return s;
}

function parseEsi(text: string, field: string): Uint8Array {
  const parts = text.split(':');
  if (parts.length !== 10 || !parts.every((x) => /^[0-9a-fA-F]{2}$/.test(x))) throw invalidArgument(field, `${JSON.stringify(text)} is not a 10-octet ESI`);
  return Uint8Array.from(parts.map((x) => parseInt(x, 16)));
}

function formatMac(b: Uint8Array, p: number): string {
  let s = hex2(b[p]!);
  for (let i = 1; i < 6; i++) s += ':' + hex2(b[p + i]!);
  return s;
}

function parseMacOctets(text: string, field: string): Uint8Array {
  const parts = text.split(':');
  if (parts.length !== 6 || !parts.every((x) => /^[0-9a-fA-F]{2}$/.test(x))) throw invalidArgument(field, `${JSON.stringify(text)} is not a MAC address`);
  return Uint8Array.from(parts.map((x) => parseInt(x, 16)));
}

/** IP Length (bits) + address text at p, or undefined for a length other than 32/128. */
function formatIpOf(bits: number, b: Uint8Array, p: number): string | undefined {
  if (bits === 32) return formatIPv4(b, p);
  if (bits === 128) return formatIPv6(b, p);
  return undefined;
}

/**
 * Decodes one route at buf[p] (type octet) whose route-type-specific part is buf[v, v + len).
 * @returns the key (its data pushed to `data`), undefined for an unknown type, or {bad} when the
 *          route is malformed (nothing pushed)
 */
function decodeRoute(buf: Uint8Array, type: number, v: number, len: number, data: (NlriData | undefined)[] | undefined): string | undefined | { bad: string } {
  const rd = (): string => formatRd(buf, v);
  switch (type) {
    case 1: {
      if (len !== 25) return { bad: `type 1 route of ${len} octets (expected 25)` };
      data?.push({ labels: [u24at(buf, v + 22)] });
      return `[1]:[${rd()}]:[${formatEsi(buf, v + 8)}]:[${u32at(buf, v + 18)}]`;
    }
    case 2: {
      if (len < 33) return { bad: `type 2 route of ${len} octets (at least 33)` };
      const macLen = buf[v + 22]!;
      if (macLen !== 48) return { bad: `type 2 route with MAC length ${macLen} (expected 48)` };
      const ipBits = buf[v + 29]!;
      const ipBytes = ipBits === 0 ? 0 : ipBits === 32 ? 4 : ipBits === 128 ? 16 : -1;
      if (ipBytes < 0) return { bad: `type 2 route with IP length ${ipBits} (expected 0, 32 or 128)` };
      const fixed = 30 + ipBytes;
      if (len !== fixed + 3 && len !== fixed + 6) return { bad: `type 2 route of ${len} octets (expected ${fixed + 3} or ${fixed + 6} with IP length ${ipBits})` };
      const labels = len === fixed + 3 ? [u24at(buf, v + fixed)] : [u24at(buf, v + fixed), u24at(buf, v + fixed + 3)];
      data?.push({ esi: formatEsi(buf, v + 8), labels });
      const base = `[2]:[${rd()}]:[${u32at(buf, v + 18)}]:[48]:[${formatMac(buf, v + 23)}]`;
      return ipBytes === 0 ? base : `${base}:[${ipBits}]:[${formatIpOf(ipBits, buf, v + 30)}]`;
    }
    case 3: {
      if (len < 13) return { bad: `type 3 route of ${len} octets (expected 17 or 29)` };
      const ipBits = buf[v + 12]!;
      const ip = formatIpOf(ipBits, buf, v + 13);
      if (ip === undefined || len !== 13 + ipBits / 8) return { bad: `type 3 route of ${len} octets with IP length ${ipBits} (expected 17 with 32, 29 with 128)` };
      data?.push(undefined);
      return `[3]:[${rd()}]:[${u32at(buf, v + 8)}]:[${ipBits}]:[${ip}]`;
    }
    case 4: {
      if (len < 19) return { bad: `type 4 route of ${len} octets (expected 23 or 35)` };
      const ipBits = buf[v + 18]!;
      const ip = formatIpOf(ipBits, buf, v + 19);
      if (ip === undefined || len !== 19 + ipBits / 8) return { bad: `type 4 route of ${len} octets with IP length ${ipBits} (expected 23 with 32, 35 with 128)` };
      data?.push(undefined);
      return `[4]:[${rd()}]:[${formatEsi(buf, v + 8)}]:[${ipBits}]:[${ip}]`;
    }
    case 5: {
      if (len !== 34 && len !== 58) return { bad: `type 5 route of ${len} octets (expected 34 or 58)` };
      const v6 = len === 58;
      const plen = buf[v + 22]!;
      if (plen > (v6 ? 128 : 32)) return { bad: `type 5 route with prefix length ${plen} > ${v6 ? 128 : 32}` };
      const prefix = v6 ? formatIPv6(buf, v + 23) : formatIPv4(buf, v + 23);
      const gw = v6 ? formatIPv6(buf, v + 39) : formatIPv4(buf, v + 27);
      data?.push({ esi: formatEsi(buf, v + 8), gatewayIp: gw, labels: [u24at(buf, v + (v6 ? 55 : 31))] });
      return `[5]:[${rd()}]:[${u32at(buf, v + 18)}]:[${plen}]:[${prefix}]`;
    }
    default:
      return undefined;
  }
}

/**
 * Appends the EVPN routes in buf[start, end) to `out` as route keys (see the module header),
 * their non-key data to `sink.data` (parallel to the keys) when given.
 * @returns undefined, or the reason the field cannot be parsed (a route overruns it: session reset)
 */
export function decodeEvpnNlri(buf: Uint8Array, start: number, end: number, out: string[], sink?: NlriSink): string | undefined {
  let p = start;
  const data = sink?.data;
  while (p < end) {
    if (end - p < 2) return `${end - p} trailing octet(s) cannot hold a route type and length`;
    const type = buf[p]!;
    const len = buf[p + 1]!;
    const v = p + 2;
    if (v + len > end) return `route type ${type} of ${len} octets overruns the field by ${v + len - end} octet(s)`;
    const r = decodeRoute(buf, type, v, len, data);
    if (typeof r === 'string') out.push(r);
    else if (r === undefined) {
      if (sink) sink.skipped = (sink.skipped ?? 0) + 1;
    } else if (sink) sink.malformed ??= r.bad;
    p = v + len;
  }
  return undefined;
}

const KEY = /^\[([0-9]+)\]:(.*)$/;

/** Splits "[a]:[b]:[c]" into ["a","b","c"]; undefined when the text is not of that shape. */
function fields(s: string): string[] | undefined {
  if (!s.startsWith('[') || !s.endsWith(']')) return undefined;
  const parts = s.slice(1, -1).split(']:[');
  return parts.some((x) => x.includes('[') || x.includes(']')) ? undefined : parts;
}

function tagOf(text: string, field: string): number {
  if (!DEC.test(text) || Number(text) > 0xffffffff) throw invalidArgument(field, `Ethernet Tag ${JSON.stringify(text)} is not 0–4294967295`);
  return Number(text);
}

function ipOf(bits: string, text: string, field: string): string {
  if (bits === '32') return formatIPv4(parseIPv4(text, field));
  if (bits === '128') return formatIPv6(parseIPv6(text, field));
  throw invalidArgument(field, `IP length ${bits} is not 32 or 128`);
}

/**
 * Parses a route key (the module header's grammar) into its fields; addresses come back canonical.
 * @throws BambuError INVALID_ARGUMENT naming `field` for text that is not a route key
 */
export function parseEvpnKey(key: string, field = 'route'): EvpnRouteKey {
  const m = KEY.exec(key);
  const f = m ? fields(m[2]!) : undefined;
  const bad = (why: string): never => {
    throw invalidArgument(field, `${JSON.stringify(key)} is not an EVPN route key (${why})`);
  };
  if (!m || !f) return bad('expected [type]:[…]:[…]');
  const type = Number(m[1]);
  const rd = formatRd(parseRd(f[0]!, field), 0);
  switch (type) {
    case 1:
      if (f.length !== 3) bad('type 1 has [RD]:[ESI]:[TAG]');
      return { type: 1, rd, esi: formatEsi(parseEsi(f[1]!, field), 0), ethernetTag: tagOf(f[2]!, field) };
    case 2: {
      if ((f.length !== 4 && f.length !== 6) || f[2] !== '48') bad('type 2 has [RD]:[TAG]:[48]:[MAC] and optionally :[32|128]:[IP]');
      const mac = formatMac(parseMacOctets(f[3]!, field), 0);
      const ethernetTag = tagOf(f[1]!, field);
      return f.length === 6 ? { type: 2, rd, ethernetTag, mac, ip: ipOf(f[4]!, f[5]!, field) } : { type: 2, rd, ethernetTag, mac };
    }
    case 3:
      if (f.length !== 4) bad('type 3 has [RD]:[TAG]:[32|128]:[IP]');
      return { type: 3, rd, ethernetTag: tagOf(f[1]!, field), originatorIp: ipOf(f[2]!, f[3]!, field) };
    case 4:
      if (f.length !== 4) bad('type 4 has [RD]:[ESI]:[32|128]:[IP]');
      return { type: 4, rd, esi: formatEsi(parseEsi(f[1]!, field), 0), originatorIp: ipOf(f[2]!, f[3]!, field) };
    case 5: {
      if (f.length !== 4 || !DEC.test(f[2]!)) bad('type 5 has [RD]:[TAG]:[LEN]:[PREFIX]');
      const v6 = f[3]!.includes(':');
      const prefixLength = Number(f[2]);
      if (prefixLength > (v6 ? 128 : 32)) bad(`prefix length ${prefixLength}`);
      return { type: 5, rd, ethernetTag: tagOf(f[1]!, field), prefixLength, prefix: v6 ? formatIPv6(parseIPv6(f[3]!, field)) : formatIPv4(parseIPv4(f[3]!, field)) };
    }
    default:
      return bad(`route type ${type} is not 1–5`);
  }
}

/** The canonical key text of a decoded route key (inverse of parseEvpnKey). */
export function formatEvpnKey(k: EvpnRouteKey): string {
  switch (k.type) {
    case 1:
      return `[1]:[${k.rd}]:[${k.esi}]:[${k.ethernetTag}]`;
    case 2: {
      const base = `[2]:[${k.rd}]:[${k.ethernetTag}]:[48]:[${k.mac.toLowerCase()}]`;
      return k.ip === undefined ? base : `${base}:[${k.ip.includes(':') ? 128 : 32}]:[${k.ip}]`;
    }
    case 3:
      return `[3]:[${k.rd}]:[${k.ethernetTag}]:[${k.originatorIp.includes(':') ? 128 : 32}]:[${k.originatorIp}]`;
    case 4:
      return `[4]:[${k.rd}]:[${k.esi}]:[${k.originatorIp.includes(':') ? 128 : 32}]:[${k.originatorIp}]`;
    case 5:
      return `[5]:[${k.rd}]:[${k.ethernetTag}]:[${k.prefixLength}]:[${k.prefix}]`;
  }
}

function label(w: Writer, v: number | undefined, field: string): void {
  const x = v ?? 0;
  if (!Number.isInteger(x) || x < 0 || x > 0xffffff) throw invalidArgument(field, `label ${x} is not a 24-bit value`);
  w.u8(x >>> 16).u8((x >>> 8) & 0xff).u8(x & 0xff);
}

function writeIp(w: Writer, ip: string, field: string): void {
  w.bytes(ip.includes(':') ? parseIPv6(ip, field) : parseIPv4(ip, field));
}

/**
 * Writes one route: key fields from `key`, non-key fields from `data` (labels default to one zero
 * label — the form of a withdrawal, RFC 7432 §7 / FRR; ESI defaults to zero; the type 5 gateway
 * IP to the zero address of the prefix's family).
 * @throws BambuError INVALID_ARGUMENT for a key that does not parse or data out of range
 */
export function writeEvpnNlri(w: Writer, key: string, data?: NlriData): void {
  const k = parseEvpnKey(key);
  w.u8(k.type);
  const at = w.reserve8();
  w.bytes(parseRd(k.rd));
  const esi = (): Uint8Array => parseEsi(data?.esi ?? ZERO_ESI, 'esi');
  const labels = data?.labels ?? [0];
  switch (k.type) {
    case 1:
      w.bytes(parseEsi(k.esi, 'route')).u32(k.ethernetTag);
      label(w, labels[0], 'labels');
      break;
    case 2:
      w.bytes(esi()).u32(k.ethernetTag).u8(48).bytes(parseMacOctets(k.mac, 'route'));
      if (k.ip === undefined) w.u8(0);
      else {
        w.u8(k.ip.includes(':') ? 128 : 32);
        writeIp(w, k.ip, 'route');
      }
      if (labels.length < 1 || labels.length > 2) throw invalidArgument('labels', `a type 2 route carries 1 or 2 labels, not ${labels.length}`);
      for (const l of labels) label(w, l, 'labels');
      break;
    case 3:
      w.u32(k.ethernetTag).u8(k.originatorIp.includes(':') ? 128 : 32);
      writeIp(w, k.originatorIp, 'route');
      break;
    case 4:
      w.bytes(parseEsi(k.esi, 'route')).u8(k.originatorIp.includes(':') ? 128 : 32);
      writeIp(w, k.originatorIp, 'route');
      break;
    case 5: {
      const v6 = k.prefix.includes(':');
      w.bytes(esi()).u32(k.ethernetTag).u8(k.prefixLength);
      writeIp(w, k.prefix, 'route');
      const gw = data?.gatewayIp ?? (v6 ? '::' : '0.0.0.0');
      if (gw.includes(':') !== v6) throw invalidArgument('gatewayIp', `${gw} is not of the prefix's family`);
      writeIp(w, gw, 'gatewayIp');
      label(w, labels[0], 'labels');
      break;
    }
  }
  w.fillLength8(at);
}
