/**
 * `bambu` border-gateway commands over the REST API (/v2.0, ../shared/spec/l2gw-api.md), with the
 * seed's command names: l2-gateway-*, l2-gateway-connection-*, l2-remote-gateway-*,
 * l2-remote-gateway-connection-*, l2-remote-mac-* (`l2-remote-mac-list --learned`: EVPN-learned MACs),
 * l2-evpn-vtep-list, l2-evpn-duplicate-mac-list. Every command takes --url (BAMBU_URL, default
 * http://127.0.0.1:9697), --token (BAMBU_TOKEN) and -f table|json.
 */
import type { Command } from 'commander';
import { registerL2GatewayCommands } from './l2-gateways.js';
import { registerRemoteCommands } from './remote.js';

/** Adds this subsystem's subcommands to `program`. */
export function registerBgwCommands(program: Command): void {
  registerL2GatewayCommands(program);
  registerRemoteCommands(program);
}
