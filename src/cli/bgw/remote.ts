/**
 * `l2-remote-gateway-*`, `l2-remote-gateway-connection-*` and `l2-remote-mac-*` commands, named
 * exactly as in the seed (§2.2–2.4).
 */
import type { Command } from 'commander';
import { normalizeMac } from '../../lib/mac.js';
import { ApiError, seg } from './client.js';
import { action, intOption, withCommonOptions } from './common.js';
import { addDelete, addList, addShow, printOne, DUPLICATE_MAC, EVPN_VTEP, LEARNED_MAC, REMOTE_GATEWAY, REMOTE_GATEWAY_CONNECTION, REMOTE_MAC } from './resources.js';

type One<K extends string> = Record<K, Record<string, unknown>>;

/** Registers the remote gateway commands. */
function registerRemoteGatewayCommands(program: Command): void {
  withCommonOptions(
    program
      .command('l2-remote-gateway-create')
      .description("Create a remote gateway: another site's border gateway and its tunnel endpoint IP")
      .argument('<name>', 'remote gateway name (unique in the project)')
      .argument('<ip-addr>', 'IPv4 or IPv6 tunnel endpoint'),
  ).action(
    action(async (client, opts, name: string, ipaddr: string) => {
      const body = await client.request<One<'l2_remote_gateway'>>('POST', '/v2.0/l2-remote-gateways', { l2_remote_gateway: { name, ipaddr } });
      printOne(REMOTE_GATEWAY, body.l2_remote_gateway, opts.format === 'json');
    }),
  );
  withCommonOptions(
    program
      .command('l2-remote-gateway-update')
      .description('Update the remote gateway name and/or its IP address')
      .argument('<remote-gw-name/uuid>', 'the remote gateway')
      .option('--name <name>', 'new name')
      .option('--ip-addr <ip>', 'new tunnel endpoint IP'),
  ).action(
    action(async (client, opts, ref: string) => {
      const patch: Record<string, unknown> = {};
      if (opts.name !== undefined) patch.name = opts.name;
      if (opts.ipAddr !== undefined) patch.ipaddr = opts.ipAddr;
      const body = await client.request<One<'l2_remote_gateway'>>('PUT', `/v2.0/l2-remote-gateways/${seg(ref)}`, { l2_remote_gateway: patch });
      printOne(REMOTE_GATEWAY, body.l2_remote_gateway, opts.format === 'json');
    }),
  );
  addDelete(program, 'l2-remote-gateway-delete', REMOTE_GATEWAY, 'Delete a remote gateway (refused while connections use it)');
  addList(program, 'l2-remote-gateway-list', REMOTE_GATEWAY, 'List remote gateways (or the one named)', { optionalRef: true });
  addShow(program, 'l2-remote-gateway-show', REMOTE_GATEWAY, 'Show a remote gateway');
}

/** Registers the remote gateway connection commands. */
function registerRemoteConnectionCommands(program: Command): void {
  withCommonOptions(
    program
      .command('l2-remote-gateway-connection-create')
      .description('Connect a local gateway to a remote gateway on a VXLAN segment')
      .argument('<gateway-name/uuid>', 'the local gateway')
      .requiredOption('--remote <remote-gw-name/uuid>', 'the remote gateway')
      .requiredOption('--segmentation-id <id>', 'VXLAN VNI 1–16777215', intOption('--segmentation-id'))
      .option('--network <network-id>', 'local network bound to the segment')
      .option('--route-target <asn:nn>', 'EVPN route target of the segment (driver evpn; default ASN:VNI)')
      .option('--no-flood', 'do not send broadcast/unknown/multicast to the remote'),
  ).action(
    action(async (client, opts, gw: string) => {
      const conn: Record<string, unknown> = { gateway: gw, remote_gateway: opts.remote, segmentation_id: opts.segmentationId, flood: opts.flood !== false };
      if (opts.network !== undefined) conn.network_id = opts.network;
      if (opts.routeTarget !== undefined) conn.route_target = opts.routeTarget;
      const body = await client.request<One<'l2_remote_gateway_connection'>>('POST', '/v2.0/l2-remote-gateway-connections', { l2_remote_gateway_connection: conn });
      printOne(REMOTE_GATEWAY_CONNECTION, body.l2_remote_gateway_connection, opts.format === 'json');
    }),
  );
  withCommonOptions(
    program
      .command('l2-remote-gateway-connection-update')
      .description('Update the remote gateway and/or the segmentation id of a connection')
      .argument('<uuid>', 'the connection')
      .option('--remote <remote-gw-name/uuid>', 'new remote gateway')
      .option('--segmentation-id <id>', 'new VXLAN VNI', intOption('--segmentation-id'))
      .option('--route-target <asn:nn>', 'EVPN route target of the segment ("" = automatic)')
      .option('--flood', 'send broadcast/unknown/multicast to the remote')
      .option('--no-flood', 'stop sending broadcast/unknown/multicast to the remote'),
  ).action(
    action(async (client, opts, id: string) => {
      const patch: Record<string, unknown> = {};
      if (opts.remote !== undefined) patch.remote_gateway = opts.remote;
      if (opts.segmentationId !== undefined) patch.segmentation_id = opts.segmentationId;
      if (opts.flood !== undefined) patch.flood = opts.flood;
      if (opts.routeTarget !== undefined) patch.route_target = opts.routeTarget === '' ? null : opts.routeTarget;
      const body = await client.request<One<'l2_remote_gateway_connection'>>('PUT', `/v2.0/l2-remote-gateway-connections/${seg(id)}`, { l2_remote_gateway_connection: patch });
      printOne(REMOTE_GATEWAY_CONNECTION, body.l2_remote_gateway_connection, opts.format === 'json');
    }),
  );
  addDelete(program, 'l2-remote-gateway-connection-delete', REMOTE_GATEWAY_CONNECTION, 'Delete a remote gateway connection and its remote MACs');
  addList(program, 'l2-remote-gateway-connection-list', REMOTE_GATEWAY_CONNECTION, 'List remote gateway connections');
  addShow(program, 'l2-remote-gateway-connection-show', REMOTE_GATEWAY_CONNECTION, 'Show a remote gateway connection');
}

/** Registers the remote MAC commands. */
function registerRemoteMacCommands(program: Command): void {
  withCommonOptions(
    program
      .command('l2-remote-mac-create')
      .description('Add the MAC of a host reachable through a remote gateway connection')
      .argument('<MAC>', 'host MAC address (unicast)')
      .argument('<gw-connection-uuid>', 'the remote gateway connection')
      .option('--ipaddr <ip>', "the remote host's IP (answered locally by ARP/ND suppression)"),
  ).action(
    action(async (client, opts, mac: string, conn: string) => {
      const m: Record<string, unknown> = { mac_address: mac, connection_id: conn };
      if (opts.ipaddr !== undefined) m.ip_address = opts.ipaddr;
      const body = await client.request<One<'l2_remote_mac'>>('POST', '/v2.0/l2-remote-macs', { l2_remote_mac: m });
      printOne(REMOTE_MAC, body.l2_remote_mac, opts.format === 'json');
    }),
  );
  withCommonOptions(
    program
      .command('l2-remote-mac-update')
      .description('Update the IP address of the host with MAC <MAC> on a connection')
      .argument('<MAC>', 'host MAC address')
      .argument('<gw-connection-uuid>', 'the remote gateway connection')
      .requiredOption('--ipaddr <ip>', "the remote host's new IP"),
  ).action(
    action(async (client, opts, mac: string, conn: string) => {
      const query = `mac_address=${seg(normalizeMac(mac) ?? mac)}&connection_id=${seg(conn)}&fields=id`;
      const found = await client.request<{ l2_remote_macs: Array<{ id: string }> }>('GET', `/v2.0/l2-remote-macs?${query}`);
      const id = found.l2_remote_macs[0]?.id;
      if (!id) throw new ApiError(`l2_remote_mac ${mac} on connection ${conn} not found`, 404);
      const body = await client.request<One<'l2_remote_mac'>>('PUT', `/v2.0/l2-remote-macs/${seg(id)}`, { l2_remote_mac: { ip_address: opts.ipaddr } });
      printOne(REMOTE_MAC, body.l2_remote_mac, opts.format === 'json');
    }),
  );
  addDelete(program, 'l2-remote-mac-delete', REMOTE_MAC, 'Delete a remote MAC');
  addList(program, 'l2-remote-mac-list', REMOTE_MAC, 'List the MAC addresses on all remote gateway connections', {
    alt: { flag: '--learned', description: 'list the MACs learned from BGP EVPN instead (read-only, with their origin VTEP)', resource: LEARNED_MAC },
  });
  addList(program, 'l2-evpn-vtep-list', EVPN_VTEP, 'List the remote VTEPs of each segment learned from BGP EVPN (type 3 routes)');
  addList(program, 'l2-evpn-duplicate-mac-list', DUPLICATE_MAC, 'List MACs frozen as duplicates (moved too often, RFC 7432 §15.1)');
  withCommonOptions(
    program
      .command('l2-evpn-duplicate-mac-clear')
      .description('Unfreeze a duplicate MAC after fixing its cause (admin; RFC 7432 §15.1)')
      .argument('<segmentation-id>', 'the segment (VNI)')
      .argument('<MAC>', 'the frozen MAC'),
  ).action(
    action(async (client, opts, vni: string, mac: string) => {
      await client.request('DELETE', `/v2.0/l2-evpn-duplicate-macs/${seg(vni)}/${seg(mac)}`);
      if (opts.format === 'json') process.stdout.write(JSON.stringify({ cleared: { segmentation_id: Number(vni), mac_address: mac } }) + '\n');
      else process.stdout.write(`Cleared duplicate MAC ${mac} on segment ${vni}\n`);
    }),
  );
  addShow(program, 'l2-remote-mac-show', REMOTE_MAC, 'Show a remote MAC');
}

/** Registers every l2-remote-* command. */
export function registerRemoteCommands(program: Command): void {
  registerRemoteGatewayCommands(program);
  registerRemoteConnectionCommands(program);
  registerRemoteMacCommands(program);
}
