/**
 * Border-gateway resources as the API shows them (networking-l2gw field names, Neutron v2.0
 * conventions; ../shared/spec/l2gw-api.md). The store returns these shapes and the REST API wraps
 * them in `{"<singular>": …}` bodies unchanged.
 */

/** Fields every resource carries: `id` (UUID) and the owning project (`tenant_id` = `project_id`). */
export interface Owned {
  id: string;
  tenant_id: string;
  project_id: string;
}

/** One interface of a gateway device; `segmentation_id` lists 802.1Q VLAN ids (0–4095), may be empty. */
export interface GatewayInterface {
  name: string;
  segmentation_id: number[];
}

/** A device (switch or, for a border gateway, the gateway host itself) with its interfaces. */
export interface GatewayDevice {
  id: string;
  device_name: string;
  /** May be empty for a border gateway used only for inter-cloud connections (seed §2.1). */
  interfaces: GatewayInterface[];
}

/** `l2_gateway`: a local gateway. */
export interface L2Gateway extends Owned {
  name: string;
  devices: GatewayDevice[];
}

/** `l2_gateway_connection`: binds a local network to a gateway. */
export interface L2GatewayConnection extends Owned {
  l2_gateway_id: string;
  network_id: string;
  /** VLAN id 0–4095 applied to the gateway's interfaces; null = each interface's own. */
  segmentation_id: number | null;
}

/** `l2_remote_gateway`: the tunnel endpoint of another site's border gateway. */
export interface RemoteGateway extends Owned {
  /** Unique per project. */
  name: string;
  /** IPv4 or IPv6 address (the remote VTEP). */
  ipaddr: string;
}

/** `l2_remote_gateway_connection`: a VXLAN segment between a local gateway and a remote one. */
export interface RemoteGatewayConnection extends Owned {
  /** Local l2_gateway id. */
  gateway: string;
  /** l2_remote_gateway id. */
  remote_gateway: string;
  /** VXLAN VNI, 1–16777215. */
  segmentation_id: number;
  /** Local network bound to the segment, or null. */
  network_id: string | null;
  /** Head-end replicate broadcast/unknown/multicast towards the remote (default true). */
  flood: boolean;
  /** EVPN route target of the segment ("ASN:NN"), null = automatic ASN:VNI (driver evpn). */
  route_target: string | null;
  /** "BUILD" until the dataplane first reports; then its last report, "ACTIVE" or "ERROR: …". */
  status: string;
}

/** `l2_remote_mac`: a host behind a remote gateway connection. */
export interface RemoteMac extends Owned {
  /** Unicast, lower-case colon form. */
  mac_address: string;
  ip_address: string | null;
  connection_id: string;
  status: string;
}

/** Initial `status` of connections and MACs until the dataplane reports (Neutron's BUILD). */
export const STATUS_BUILD = 'BUILD';

/** Input of a create: resource fields without server-assigned ones; `tenant_id` set by the API. */
export type CreateInput<T extends Owned, Omitted extends keyof T = never> = Omit<T, 'id' | 'project_id' | Omitted>;

export type L2GatewayCreate = Omit<L2Gateway, 'id' | 'project_id' | 'devices'> & { devices: Array<Omit<GatewayDevice, 'id'>> };
export type L2GatewayUpdate = Partial<Pick<L2GatewayCreate, 'name' | 'devices'>>;
export type L2GatewayConnectionCreate = CreateInput<L2GatewayConnection>;
export type L2GatewayConnectionUpdate = Partial<Pick<L2GatewayConnection, 'segmentation_id'>>;
export type RemoteGatewayCreate = CreateInput<RemoteGateway>;
export type RemoteGatewayUpdate = Partial<Pick<RemoteGateway, 'name' | 'ipaddr'>>;
/** `route_target` may be left out (null: automatic). */
export type RemoteGatewayConnectionCreate = CreateInput<RemoteGatewayConnection, 'status' | 'route_target'> & { route_target?: string | null };
export type RemoteGatewayConnectionUpdate = Partial<Pick<RemoteGatewayConnection, 'remote_gateway' | 'segmentation_id' | 'flood' | 'network_id' | 'route_target'>>;
export type RemoteMacCreate = CreateInput<RemoteMac, 'status'>;
export type RemoteMacUpdate = Partial<Pick<RemoteMac, 'ip_address'>>;

/** Resource kinds, by their Neutron singular body key. */
export type ResourceKind = 'l2_gateway' | 'l2_gateway_connection' | 'l2_remote_gateway' | 'l2_remote_gateway_connection' | 'l2_remote_mac';
