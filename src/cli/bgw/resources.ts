/**
 * Per-resource CLI metadata and the generic list / show / delete commands built from it.
 * Column choices are for people; `-f json` always prints the full objects.
 */
import type { Command } from 'commander';
import { printObject, printRows } from '../output.js';
import { seg } from './client.js';
import { action, withCommonOptions } from './common.js';

/** What the generic commands need to know about a resource. */
export interface CliResource {
  /** Neutron singular key, e.g. "l2_remote_gateway". */
  kind: string;
  /** Neutron list key, e.g. "l2_remote_gateways". */
  collection: string;
  /** URL path under /v2.0/, e.g. "l2-remote-gateways". */
  path: string;
  /** Table columns for list. */
  columns: string[];
  /** Row shaping for the table (e.g. flatten devices); JSON output is never shaped. */
  display?: (o: Record<string, unknown>) => Record<string, unknown>;
  /** How the CLI names the reference argument ("name/uuid" or "uuid"). */
  refName: string;
}

/**
 * A resource's CLI metadata from its Neutron singular key: the list key is its plural
 * ("l2_remote_gateways") and the URL path the plural with dashes ("l2-remote-gateways").
 */
function cliResource(kind: string, r: Omit<CliResource, 'kind' | 'collection' | 'path'>): CliResource {
  const collection = `${kind}s`;
  return { kind, collection, path: collection.replaceAll('_', '-'), ...r };
}

export const L2_GATEWAY: CliResource = cliResource('l2_gateway', {
  columns: ['id', 'name', 'devices'],
  refName: 'name/uuid',
  display: (o) => ({ ...o, devices: formatDevices(o.devices as Device[]) }),
});
export const L2_GATEWAY_CONNECTION: CliResource = cliResource('l2_gateway_connection', {
  columns: ['id', 'l2_gateway_id', 'network_id', 'segmentation_id'],
  refName: 'uuid',
});
export const REMOTE_GATEWAY: CliResource = cliResource('l2_remote_gateway', {
  columns: ['id', 'name', 'ipaddr'],
  refName: 'name/uuid',
});
export const REMOTE_GATEWAY_CONNECTION: CliResource = cliResource('l2_remote_gateway_connection', {
  columns: ['id', 'gateway', 'remote_gateway', 'segmentation_id', 'flood', 'status'],
  refName: 'uuid',
});
export const REMOTE_MAC: CliResource = cliResource('l2_remote_mac', {
  columns: ['id', 'mac_address', 'ip_address', 'connection_id', 'status'],
  refName: 'uuid',
});

interface Device {
  device_name: string;
  interfaces: Array<{ name: string; segmentation_id: number[] }>;
}

/** Devices in the CLI's own syntax: "dev: if1|100#200; if2". */
export function formatDevices(devices: Device[] = []): string {
  return devices
    .map((d) => `${d.device_name}: ${d.interfaces.map((i) => (i.segmentation_id.length ? `${i.name}|${i.segmentation_id.join('#')}` : i.name)).join('; ')}`.trimEnd())
    .join('\n');
}

/** Prints one object (after create/update/show). */
export function printOne(r: CliResource, obj: Record<string, unknown>, json: boolean): void {
  printObject(json || !r.display ? obj : r.display(obj), json);
}

/**
 * Registers `<prefix>-list`. With `optionalRef`, an optional `[<ref>]` argument narrows the list to
 * that object (seed 000 writes `l2-remote-gateway-list <remote-gw-name/uuid>`; seed 001 has none).
 */
export function addList(
  program: Command,
  name: string,
  base: CliResource,
  description: string,
  opts: { optionalRef?: boolean; alt?: { flag: string; description: string; resource: CliResource } } = {},
): void {
  const cmd = program.command(name).description(description);
  if (opts.optionalRef) cmd.argument(`[${base.refName}]`, `only this ${base.kind}`);
  if (opts.alt) cmd.option(opts.alt.flag, opts.alt.description);
  const altKey = opts.alt?.flag.replace(/^--/, '').replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
  withCommonOptions(cmd).action(
    action(async (client, o, ref?: string) => {
      const r = opts.alt && altKey !== undefined && o[altKey] === true ? opts.alt.resource : base;
      let rows: Array<Record<string, unknown>>;
      if (ref !== undefined) {
        const one = await client.request<Record<string, Record<string, unknown>>>('GET', `/v2.0/${r.path}/${seg(ref)}`);
        rows = [one[r.kind]!];
      } else {
        const body = await client.request<Record<string, Array<Record<string, unknown>>>>('GET', `/v2.0/${r.path}`);
        rows = body[r.collection] ?? [];
      }
      const json = o.format === 'json';
      printRows(json || !r.display ? rows : rows.map(r.display), r.columns, json);
    }),
  );
}

/** Read-only EVPN views (driver evpn): learned MACs, remote VTEPs, duplicate MACs. */
export const LEARNED_MAC: CliResource = cliResource('l2_learned_mac', {
  columns: ['mac_address', 'ip_addresses', 'segmentation_id', 'remote_vtep', 'sequence', 'sticky'],
  refName: 'mac',
  display: (o) => ({ ...o, ip_addresses: (o.ip_addresses as string[]).join(', ') }),
});
export const EVPN_VTEP: CliResource = cliResource('l2_evpn_vtep', {
  columns: ['segmentation_id', 'remote_vtep', 'peer'],
  refName: 'vtep',
});
export const DUPLICATE_MAC: CliResource = cliResource('l2_evpn_duplicate_mac', {
  columns: ['mac_address', 'segmentation_id', 'moves', 'frozen_at'],
  refName: 'mac',
});

/** Registers `<prefix>-show <ref>`. */
export function addShow(program: Command, name: string, r: CliResource, description: string): void {
  withCommonOptions(program.command(name).description(description).argument(`<${r.refName}>`, `the ${r.kind}`)).action(
    action(async (client, opts, ref: string) => {
      const body = await client.request<Record<string, Record<string, unknown>>>('GET', `/v2.0/${r.path}/${seg(ref)}`);
      printOne(r, body[r.kind]!, opts.format === 'json');
    }),
  );
}

/** Registers `<prefix>-delete <ref>`. */
export function addDelete(program: Command, name: string, r: CliResource, description: string): void {
  withCommonOptions(program.command(name).description(description).argument(`<${r.refName}>`, `the ${r.kind}`)).action(
    action(async (client, opts, ref: string) => {
      await client.request('DELETE', `/v2.0/${r.path}/${seg(ref)}`);
      if (opts.format === 'json') process.stdout.write(JSON.stringify({ deleted: ref }) + '\n');
      else process.stdout.write(`Deleted ${r.kind}: ${ref}\n`);
    }),
  );
}
