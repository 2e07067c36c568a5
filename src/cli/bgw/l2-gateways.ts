/** `l2-gateway-*` and `l2-gateway-connection-*` commands (networking-l2gw names; seed §2.1). */
import type { Command } from 'commander';
import { seg } from './client.js';
import { action, intOption, withCommonOptions } from './common.js';
import { collectDevice, type DeviceSpec } from './device-spec.js';
import { addDelete, addList, addShow, L2_GATEWAY, L2_GATEWAY_CONNECTION, printOne } from './resources.js';

const DEVICE_HELP = 'name=<dev>[,interface_names=<if1>;<if2>|<vlan>[#<vlan>]] (repeatable)';

/** Registers the local gateway and gateway-connection commands. */
export function registerL2GatewayCommands(program: Command): void {
  withCommonOptions(
    program
      .command('l2-gateway-create')
      .description('Create a local L2 gateway; interfaces are optional for a border gateway')
      .argument('<name>', 'gateway name')
      .option('--device <spec>', DEVICE_HELP, collectDevice),
  ).action(
    action(async (client, opts, name: string) => {
      const devices = (opts.device as DeviceSpec[] | undefined) ?? [];
      const body = await client.request<{ l2_gateway: Record<string, unknown> }>('POST', '/v2.0/l2-gateways', { l2_gateway: { name, devices } });
      printOne(L2_GATEWAY, body.l2_gateway, opts.format === 'json');
    }),
  );
  addList(program, 'l2-gateway-list', L2_GATEWAY, 'List local L2 gateways');
  addShow(program, 'l2-gateway-show', L2_GATEWAY, 'Show a local L2 gateway');
  withCommonOptions(
    program
      .command('l2-gateway-update')
      .description('Rename a gateway and/or replace its devices')
      .argument('<name/uuid>', 'the gateway')
      .option('--name <name>', 'new name')
      .option('--device <spec>', `${DEVICE_HELP}; replaces all devices`, collectDevice),
  ).action(
    action(async (client, opts, ref: string) => {
      const patch: Record<string, unknown> = {};
      if (opts.name !== undefined) patch.name = opts.name;
      if (opts.device !== undefined) patch.devices = opts.device;
      const body = await client.request<{ l2_gateway: Record<string, unknown> }>('PUT', `/v2.0/l2-gateways/${seg(ref)}`, { l2_gateway: patch });
      printOne(L2_GATEWAY, body.l2_gateway, opts.format === 'json');
    }),
  );
  addDelete(program, 'l2-gateway-delete', L2_GATEWAY, 'Delete a local L2 gateway (refused while connections use it)');

  withCommonOptions(
    program
      .command('l2-gateway-connection-create')
      .description('Bind a local network to a gateway')
      .argument('<gateway-name/uuid>', 'the gateway')
      .argument('<network>', 'network id')
      .option('--segmentation-id <vlan>', 'VLAN id 0–4095 for the gateway interfaces', intOption('--segmentation-id')),
  ).action(
    action(async (client, opts, gw: string, network: string) => {
      const conn: Record<string, unknown> = { l2_gateway_id: gw, network_id: network };
      if (opts.segmentationId !== undefined) conn.segmentation_id = opts.segmentationId;
      const body = await client.request<{ l2_gateway_connection: Record<string, unknown> }>('POST', '/v2.0/l2-gateway-connections', { l2_gateway_connection: conn });
      printOne(L2_GATEWAY_CONNECTION, body.l2_gateway_connection, opts.format === 'json');
    }),
  );
  addList(program, 'l2-gateway-connection-list', L2_GATEWAY_CONNECTION, 'List gateway connections');
  addShow(program, 'l2-gateway-connection-show', L2_GATEWAY_CONNECTION, 'Show a gateway connection');
  addDelete(program, 'l2-gateway-connection-delete', L2_GATEWAY_CONNECTION, 'Delete a gateway connection');
}
