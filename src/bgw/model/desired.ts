/**
 * Desired dataplane state of the border gateway: what the database says the kernel (or OVSDB, or
 * EVPN) should hold. The store computes it (src/bgw/store/), drivers reconcile to it
 * (src/bgw/dataplane/*): observe, desire, diff (pure), apply.
 */

/** One remote site reachable on a segment (an l2-remote-gateway-connection). */
export interface DesiredRemote {
  connectionId: string;
  remoteGatewayId: string;
  /** Remote VTEP address (the remote gateway's ipaddr). */
  vtep: string;
  /** Head-end replication of BUM traffic towards this VTEP (all-zeros FDB entry). */
  flood: boolean;
  /**
   * "api" (default): an l2-remote-gateway-connection; "evpn": a VTEP learned from an EVPN type 3
   * route (no API object: `connectionId` is informational and gets no status).
   */
  origin?: 'api' | 'evpn';
}

/** One remote host MAC (an l2-remote-mac, or an EVPN-learned MAC when `origin` is "evpn"). */
export interface DesiredMac {
  id: string;
  connectionId: string;
  /** Lower-case colon form, e.g. "52:54:00:12:34:56". */
  mac: string;
  /** Remote host IP: a permanent neighbour entry on the bridge answers ARP/ND locally. */
  ip?: string;
  vtep: string;
  /** "evpn": learned from a type 2 route; realized with `extern_learn` entries, no status. */
  origin: 'api' | 'evpn';
}

/** A local interface joining a segment's bridge. */
export interface DesiredInterface {
  /** Kernel interface name on this gateway. */
  name: string;
  /** 802.1Q VLAN id: the bridge gets the sub-interface `<name>.<vlan>` instead of `<name>`. */
  vlan?: number;
}

/** One segment = one VXLAN VNI on one local gateway. */
export interface DesiredSegment {
  /** VXLAN network identifier (= the remote connection's segmentation_id), 1–16777215. */
  vni: number;
  gatewayId: string;
  interfaces: DesiredInterface[];
  remotes: DesiredRemote[];
  macs: DesiredMac[];
  /** EVPN route target configured on one of the segment's connections (driver evpn). */
  routeTarget?: string;
}

/** Everything the dataplane should hold. */
export interface DesiredState {
  segments: DesiredSegment[];
}

/** Where a driver reports per-object outcomes; they surface in the API objects' `status` field. */
export interface StatusSink {
  /**
   * @param kind   resource kind
   * @param id     resource id
   * @param status "ACTIVE" when realized, or "ERROR: <kernel message>"
   */
  setStatus(kind: 'l2_remote_gateway_connection' | 'l2_remote_mac', id: string, status: string): Promise<void>;
}
