/**
 * Parsers of iproute2's JSON output (`ip -j -d link show`, `bridge -j fdb show`, `ip -j neigh show`,
 * `ip -j addr show`) into the Observed model. Pure; unit-tested with recorded output.
 * Field names as printed by iproute2 6.x (ifname, ifalias, master, linkinfo.info_kind,
 * linkinfo.info_data, linkinfo.info_slave_data, addr_info …).
 */
import type { ObservedAddr, ObservedFdb, ObservedLink, ObservedNeigh } from '../types.js';

type Json = Record<string, unknown>;

function parseArray(text: string, what: string): Json[] {
  if (text.trim() === '') return [];
  const v: unknown = JSON.parse(text);
  if (!Array.isArray(v)) throw new Error(`${what}: expected a JSON array`);
  return v.filter((x): x is Json => typeof x === 'object' && x !== null);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** `ip -j -d link show` → links. @throws SyntaxError on malformed JSON */
export function parseLinks(text: string): ObservedLink[] {
  return parseArray(text, 'ip link').map((j) => {
    const info = (j.linkinfo ?? {}) as Json;
    const data = (info.info_data ?? {}) as Json;
    const slave = info.info_slave_data as Json | undefined;
    const kind = str(info.info_kind) ?? '';
    const flags = Array.isArray(j.flags) ? (j.flags as unknown[]) : [];
    const link: ObservedLink = {
      name: str(j.ifname) ?? '',
      kind,
      mtu: num(j.mtu) ?? 0,
      up: flags.includes('UP'),
      address: (str(j.address) ?? '').toLowerCase(),
    };
    const alias = str(j.ifalias);
    if (alias !== undefined) link.alias = alias;
    const master = str(j.master);
    if (master !== undefined) link.master = master;
    if (kind === 'vxlan') {
      const local = str(data.local) ?? str(data.local6);
      link.vxlan = { vni: num(data.id) ?? -1, port: num(data.port) ?? 0, learning: data.learning === true, ...(local !== undefined ? { local } : {}) };
    }
    if (kind === 'vlan') {
      const parent = str(j.link);
      link.vlan = { id: num(data.id) ?? -1, ...(parent !== undefined ? { parent } : {}) };
    }
    if (slave && str(info.info_slave_kind) === 'bridge') {
      link.port = { learning: slave.learning === true, neighSuppress: slave.neigh_suppress === true };
    }
    return link;
  });
}

/** `bridge -j fdb show` → FDB entries. @throws SyntaxError on malformed JSON */
export function parseFdb(text: string): ObservedFdb[] {
  return parseArray(text, 'bridge fdb').map((j) => {
    const flags = Array.isArray(j.flags) ? (j.flags as unknown[]) : [];
    const dst = str(j.dst);
    return {
      dev: str(j.ifname) ?? '',
      mac: (str(j.mac) ?? '').toLowerCase(),
      flag: flags.includes('self') ? 'self' : 'master',
      state: flags.includes('extern_learn') ? 'extern_learn' : (str(j.state) ?? ''),
      ...(dst !== undefined ? { dst } : {}),
    } satisfies ObservedFdb;
  });
}

/** `ip -j neigh show` → neighbour entries. @throws SyntaxError on malformed JSON */
export function parseNeigh(text: string): ObservedNeigh[] {
  return parseArray(text, 'ip neigh').map((j) => {
    const state = Array.isArray(j.state) ? (j.state as unknown[]) : [];
    const mac = str(j.lladdr)?.toLowerCase();
    const n: ObservedNeigh = { dev: str(j.dev) ?? '', ip: str(j.dst) ?? '', permanent: state.includes('PERMANENT'), ...(mac !== undefined ? { mac } : {}) };
    if ('extern_learn' in j) n.externLearn = true;
    return n;
  });
}

/** `ip -j addr show` → addresses (without prefix length). @throws SyntaxError on malformed JSON */
export function parseAddrs(text: string): ObservedAddr[] {
  return parseArray(text, 'ip addr').flatMap((j) => {
    const infos = Array.isArray(j.addr_info) ? (j.addr_info as Json[]) : [];
    return infos.map((a) => ({ dev: str(j.ifname) ?? '', ip: str(a.local) ?? '' })).filter((a) => a.ip !== '');
  });
}
