/**
 * desire: DesiredState (the database's view) → KernelSpec (the kernel objects realizing it). Pure.
 *
 * Per segment (../shared/spec/l2gw-api.md "Dataplane realization"):
 *   - bridge bbr<vni> with a fixed MAC, VXLAN bvx<vni> (VNI, local VTEP, UDP 4789, nolearning) as
 *     its port with learning off and neigh_suppress on, the gateway's local interfaces (VLAN
 *     sub-interfaces where a segmentation id is given); MTU = underlay MTU − VXLAN overhead;
 *   - per remote connection with flood: `00:00:00:00:00:00 dev bvx dst VTEP self permanent`;
 *   - per remote MAC: `MAC dev bvx dst VTEP self static` and `MAC dev bvx master static`;
 *   - per remote MAC with an IP: permanent neighbour `IP lladdr MAC dev bbr`;
 *   - EVPN-learned remotes and MACs (origin "evpn") the same way, the MAC pair and the neighbour as
 *     `extern_learn` entries (../shared/spec/evpn.md), with no API owner. A MAC entered by hand and
 *     learned from EVPN at once keeps the hand-entered entry (it comes first in the segment).
 * Segments of several local gateways with the same VNI share one bridge (the kernel allows one
 * VXLAN device per VNI and local address). Conflicts (one MAC towards two VTEPs, one IP with two
 * MACs, one interface in two segments) keep the first and report the others as errors; so do
 * values that are not valid for the kernel (validate.ts).
 */
import type { DesiredState } from '../model/desired.js';
import type { FdbSpec, KernelSpec, NeighSpec, Owner, PlanError, PortSpec, SegmentSpec } from './types.js';
import { VXLAN_PORT, ZERO_MAC, bridgeMac, bridgeName, vlanName, vxlanName, vxlanOverhead } from './names.js';
import { badIfName, isIpLiteral, isUnicastMac, isVlanId, isVni } from './validate.js';

/** Where the kernel objects attach. */
export interface DesireOptions {
  /** Local VTEP address (config l2gw.local_vtep_ip). */
  localVtep: string;
  /** MTU of the underlay in octets; the segment MTU is this minus the VXLAN overhead. */
  underlayMtu: number;
}

/** Canonical text of an IP address (IPv6 compressed lower-case, as iproute2 prints it). */
export function canonicalIp(ip: string): string {
  if (!ip.includes(':')) return ip;
  try {
    return new URL(`http://[${ip}]`).hostname.slice(1, -1);
  } catch {
    return ip.toLowerCase();
  }
}

const conn = (id: string): Owner => ({ kind: 'l2_remote_gateway_connection', id });
const macOwner = (id: string): Owner => ({ kind: 'l2_remote_mac', id });

/**
 * Computes the kernel objects for `state`.
 * @returns segments sorted by VNI, FDB and neighbour entries, and conflicts as errors
 */
export function desire(state: DesiredState, opts: DesireOptions): KernelSpec {
  const local = canonicalIp(opts.localVtep);
  const mtu = opts.underlayMtu - vxlanOverhead(local);
  const errors: PlanError[] = [];
  const segments = new Map<number, SegmentSpec>();
  const fdb = new Map<string, FdbSpec>();
  const neigh = new Map<string, NeighSpec>();
  const portOwner = new Map<string, number>();

  const addFdb = (e: FdbSpec, key: string, conflict: (old: FdbSpec) => string | undefined): void => {
    const old = fdb.get(key);
    if (!old) return void fdb.set(key, e);
    const why = conflict(old);
    if (why) errors.push({ owners: e.owners, message: why });
    else old.owners.push(...e.owners);
  };

  for (const seg of [...state.segments].sort((a, b) => a.vni - b.vni)) {
    if (!isVni(seg.vni)) {
      const owners = [...seg.remotes.map((r) => conn(r.connectionId)), ...seg.macs.filter((m) => m.origin === 'api').map((m) => macOwner(m.id))];
      errors.push({ owners, message: `segmentation_id ${seg.vni} is not a VXLAN VNI (1–16777215)` });
      continue;
    }
    let spec = segments.get(seg.vni);
    if (!spec) {
      spec = {
        vni: seg.vni,
        bridge: bridgeName(seg.vni),
        vxlan: vxlanName(seg.vni),
        bridgeMac: bridgeMac(local, seg.vni),
        mtu,
        local,
        port: VXLAN_PORT,
        ports: [],
        owners: [],
      };
      segments.set(seg.vni, spec);
    }
    const segOwners = seg.remotes.map((r) => conn(r.connectionId));
    spec.owners.push(...segOwners);

    for (const itf of seg.interfaces) {
      const bad = badIfName(itf.name) ?? (itf.vlan !== undefined && !isVlanId(itf.vlan) ? `VLAN ${itf.vlan} of interface ${itf.name} is not 1–4094` : undefined);
      if (bad) {
        errors.push({ owners: segOwners, message: bad });
        continue;
      }
      const port: PortSpec =
        itf.vlan !== undefined ? { name: vlanName(itf.name, itf.vlan), vlan: { parent: itf.name, id: itf.vlan } } : { name: itf.name };
      const taken = portOwner.get(port.name);
      if (taken === undefined) {
        portOwner.set(port.name, seg.vni);
        spec.ports.push(port);
      } else if (taken !== seg.vni) {
        errors.push({ owners: segOwners, message: `interface ${port.name} already joins segment ${taken}` });
      }
    }

    for (const r of seg.remotes) {
      if (!isIpLiteral(r.vtep)) {
        errors.push({ owners: [conn(r.connectionId)], message: `remote VTEP ${JSON.stringify(r.vtep)} is not an IP address` });
        continue;
      }
      if (!r.flood) continue;
      const vtep = canonicalIp(r.vtep);
      const owners = r.origin === 'evpn' ? [] : [conn(r.connectionId)];
      addFdb({ dev: spec.vxlan, mac: ZERO_MAC, dst: vtep, flag: 'self', state: 'permanent', owners }, `${spec.vxlan}|${ZERO_MAC}|${vtep}`, () => undefined);
    }

    for (const m of seg.macs) {
      const owners = m.origin === 'api' ? [macOwner(m.id)] : [];
      const mac = m.mac.toLowerCase();
      const bad = !isUnicastMac(mac)
        ? `MAC ${JSON.stringify(m.mac)} is not a unicast MAC address`
        : !isIpLiteral(m.vtep)
          ? `remote VTEP ${JSON.stringify(m.vtep)} is not an IP address`
          : m.ip !== undefined && m.ip !== '' && !isIpLiteral(m.ip)
            ? `IP ${JSON.stringify(m.ip)} of MAC ${mac} is not an IP address`
            : undefined;
      if (bad) {
        errors.push({ owners, message: bad });
        continue;
      }
      const vtep = canonicalIp(m.vtep);
      const state = m.origin === 'evpn' ? 'extern_learn' : 'static';
      if (m.origin === 'evpn' && fdb.has(`${spec.vxlan}|${mac}|self`)) continue; // a hand-entered MAC wins
      addFdb({ dev: spec.vxlan, mac, dst: vtep, flag: 'self', state, owners }, `${spec.vxlan}|${mac}|self`, (old) =>
        old.dst === vtep ? undefined : `MAC ${mac} on segment ${seg.vni} already points to VTEP ${old.dst}`,
      );
      addFdb({ dev: spec.vxlan, mac, flag: 'master', state, owners: [...owners] }, `${spec.vxlan}|${mac}|master`, () => undefined);
      if (m.ip === undefined || m.ip === '') continue;
      const ip = canonicalIp(m.ip);
      const key = `${spec.bridge}|${ip}`;
      const old = neigh.get(key);
      if (!old) neigh.set(key, { dev: spec.bridge, ip, mac, owners: [...owners], ...(m.origin === 'evpn' ? { externLearn: true } : {}) });
      else if (old.mac === mac) old.owners.push(...owners);
      else errors.push({ owners, message: `IP ${ip} on segment ${seg.vni} already belongs to MAC ${old.mac}` });
    }
  }
  return { segments: [...segments.values()], fdb: [...fdb.values()], neigh: [...neigh.values()], errors };
}
