/**
 * Types shared by the border gateway's dataplane drivers (../shared/spec/l2gw-api.md "Dataplane
 * realization"; STYLE idea 12: observe, desire, diff (pure), apply).
 *
 *   Observed   what the kernel holds now (links, bridge FDB, neighbours, addresses)
 *   KernelSpec what it should hold, computed from the DesiredState (desire.ts)
 *   Op / Plan  the steps that turn Observed into KernelSpec (diff.ts), applied by a Dataplane adapter
 *
 * Every op names its owners (the API objects it realizes) so that a kernel error lands in exactly
 * those objects' `status` field.
 */
import type { DesiredState } from '../model/desired.js';

/** An API object a kernel object realizes; errors are reported to it through the StatusSink. */
export interface Owner {
  kind: 'l2_remote_gateway_connection' | 'l2_remote_mac';
  id: string;
}

/** A network interface as the kernel reports it (`ip -j -d link show`). */
export interface ObservedLink {
  name: string;
  /** linkinfo.info_kind: "bridge", "vxlan", "vlan", "veth" …; "" for devices without one (lo, eth). */
  kind: string;
  /** IFLA_IFALIAS; ownership mark "bambu:bgw:…" (names.ts). */
  alias?: string;
  /** Name of the bridge this link is a port of. */
  master?: string;
  /** Octets. */
  mtu: number;
  /** Administratively up (IFF_UP). */
  up: boolean;
  /** Link-layer address, lower-case colon form. */
  address: string;
  vxlan?: { vni: number; local?: string; port: number; learning: boolean };
  vlan?: { id: number; parent?: string };
  /** Bridge-port flags (info_slave_data), when this link is a bridge port. */
  port?: { learning: boolean; neighSuppress: boolean };
}

/** One bridge FDB entry (`bridge -j fdb show`). */
export interface ObservedFdb {
  dev: string;
  mac: string;
  /** Remote VTEP of a VXLAN `self` entry. */
  dst?: string;
  /** `self`: the VXLAN device's own table; `master`: the bridge's table. */
  flag: 'self' | 'master';
  /** "permanent", "static", "" (dynamic) …; "extern_learn" for entries with that flag (EVPN). */
  state: string;
}

/** One neighbour entry (`ip -j neigh show`). */
export interface ObservedNeigh {
  dev: string;
  ip: string;
  mac?: string;
  permanent: boolean;
  /** Installed by a control plane (NTF_EXT_LEARNED): EVPN MAC+IP entries. */
  externLearn?: boolean;
}

/** One interface address (`ip -j addr show`). */
export interface ObservedAddr {
  dev: string;
  ip: string;
}

/** The kernel state a driver looks at. */
export interface Observed {
  links: ObservedLink[];
  fdb: ObservedFdb[];
  neigh: ObservedNeigh[];
  addrs: ObservedAddr[];
}

/** A local interface joining a segment's bridge. */
export interface PortSpec {
  /** Kernel name of the bridge port (the VLAN sub-interface when `vlan` is set). */
  name: string;
  /** Set when bambu creates an 802.1Q sub-interface `name` on `parent`. */
  vlan?: { parent: string; id: number };
}

/** Kernel objects of one segment (one VNI). */
export interface SegmentSpec {
  vni: number;
  bridge: string;
  vxlan: string;
  /** Fixed bridge MAC (names.ts bridgeMac). */
  bridgeMac: string;
  /** Octets: underlay MTU − VXLAN overhead. */
  mtu: number;
  /** Local VTEP address. */
  local: string;
  /** UDP destination port, 4789 (RFC 7348 §5). */
  port: number;
  ports: PortSpec[];
  owners: Owner[];
}

/** A wanted FDB entry. */
export interface FdbSpec {
  dev: string;
  mac: string;
  dst?: string;
  flag: 'self' | 'master';
  /** "extern_learn": learned from EVPN (FRR's form, ../shared/spec/evpn.md). */
  state: 'permanent' | 'static' | 'extern_learn';
  owners: Owner[];
}

/** A wanted permanent neighbour entry on a bridge. */
export interface NeighSpec {
  dev: string;
  ip: string;
  mac: string;
  /** EVPN MAC+IP: `nud noarp extern_learn` instead of `nud permanent`. */
  externLearn?: boolean;
  owners: Owner[];
}

/** Everything the kernel should hold, derived from the DesiredState. */
export interface KernelSpec {
  segments: SegmentSpec[];
  fdb: FdbSpec[];
  neigh: NeighSpec[];
  /** Problems found while deriving (conflicting MACs/IPs …), reported to their owners. */
  errors: PlanError[];
}

/** One step towards the desired kernel state; `owners` receive its error, if any. */
export type Op = (
  | { op: 'link-del'; name: string }
  | { op: 'bridge-add'; name: string; address: string; mtu: number; alias: string }
  | { op: 'vxlan-add'; name: string; vni: number; local: string; port: number; mtu: number; alias: string }
  | { op: 'vlan-add'; name: string; parent: string; id: number; alias: string }
  /** `master: null` releases the link from its bridge. */
  | { op: 'link-set'; name: string; master?: string | null; mtu?: number; address?: string; up?: boolean }
  | { op: 'port-set'; name: string; learning: boolean; neighSuppress: boolean }
  | { op: 'fdb-add'; dev: string; mac: string; dst?: string; flag: 'self' | 'master'; state: 'permanent' | 'static' | 'extern_learn' }
  | { op: 'fdb-del'; dev: string; mac: string; dst?: string; flag: 'self' | 'master' }
  | { op: 'neigh-replace'; dev: string; ip: string; mac: string; externLearn?: boolean }
  | { op: 'neigh-del'; dev: string; ip: string }
) & { owners: Owner[] };

/** A problem that stops part of the plan, found before touching the kernel. */
export interface PlanError {
  owners: Owner[];
  message: string;
}

/** Ordered ops plus problems detected while planning. */
export interface Plan {
  ops: Op[];
  errors: PlanError[];
}

/** Outcome of applying a plan: one entry per op that failed. */
export interface ApplyResult {
  failed: { op: Op; message: string }[];
}

/**
 * A dataplane adapter: the only code that touches the system (STYLE idea 12). The Linux adapter
 * runs iproute2; the fake keeps an in-memory kernel for unit tests.
 */
export interface Dataplane {
  /** Reads the current state. @throws Error when the system cannot be read at all. */
  observe(): Promise<Observed>;
  /** Applies ops in order, continuing past failures; never throws for a failed op. */
  apply(ops: Op[]): Promise<ApplyResult>;
  /**
   * Control-plane drivers (evpn) add what they learned to the database's desired state, given the
   * kernel as just observed (local MACs are read from it). Called once per reconcile pass.
   */
  augment?(state: DesiredState, obs: Observed): DesiredState;
  /**
   * Starts the driver's own activity (EVPN: the speaker and the periodic local-MAC scan);
   * `onChange` asks the reconciler for a pass. @returns a stop function (awaited on close)
   */
  watch?(onChange: () => void): () => Promise<void>;
}
