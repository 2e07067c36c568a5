/** `bambu defined-set add|remove|list` over bgp.BgpService (routing policy defined sets). */
import type { Command } from 'commander';
import { AddDefinedSetRequest, ListDefinedSetsRequest, RemoveDefinedSetRequest, type AddDefinedSetResponse, type DefinedSetInfo, type ListDefinedSetsResponse, type RemoveDefinedSetResponse } from '../../gen/bgp.js';
import { SET_TYPES, type SetType } from '../../bgp/policy/types.js';
import { definedSetToProto } from '../../bgp/api/convert/policy.js';
import { printRows } from '../output.js';
import { BgpCli, clientOptions, withClientOptions } from './client.js';
import { choice } from './parse.js';
import { printResult } from './peer.js';

/** The members of a set as text ("10.0.0.0/8,16..24" for prefix-set entries with a range). */
function members(s: DefinedSetInfo): string[] {
  const d = s.setData;
  if (!d) return [];
  if (d.$case === 'prefixSet') return d.value.prefixes.map((p) => (p.masklengthRange ? `${p.prefix},${p.masklengthRange}` : p.prefix));
  const v = d.value as unknown as Record<string, string[]>;
  return Object.values(v)[0] ?? [];
}

/** Adds `defined-set …` to `program`. */
export function registerDefinedSetCommands(program: Command): void {
  const ds = program
    .command('defined-set')
    .description(`routing policy defined sets (${SET_TYPES.join(', ')}): add, remove, list`)
    .addHelpText(
      'after',
      '\nMembers: prefix-set "PREFIX[,RANGE]" (RANGE: exact, 21..24, ..24, 21..); neighbor-set IP or CIDR;\n' +
        'as-path-set regex ("_" = boundary); community-set "A:B", no-export …, or regex; ext-community-set\n' +
        '"rt:ASN:N", "soo:…", hex; large-community-set "GA:LD1:LD2".\n\nExamples:\n' +
        '  bambu defined-set add prefix-set bogons 10.0.0.0/8,8..32 192.168.0.0/16,16..\n' +
        '  bambu defined-set add community-set prefer 65001:100 --replace\n  bambu defined-set list --type prefix-set\n  bambu defined-set remove prefix-set bogons\n',
    );

  withClientOptions(
    ds
      .command('add')
      .description('add a set, or add members to an existing one (AddDefinedSet); --replace swaps it')
      .argument('<type>', SET_TYPES.join(' | '), choice(SET_TYPES, 'type'))
      .argument('<name>', 'set name')
      .argument('[members...]', 'members (see below)')
      .option('--replace', 'replace the set instead of adding members'),
  ).action(async (type: SetType, name: string, list: string[], o: { replace?: boolean }, cmd: Command) => {
    const { grpc, json } = clientOptions(cmd);
    const def =
      type === 'prefix-set'
        ? {
            type,
            name,
            prefixes: list.map((m) => {
              const [prefix, range] = m.split(',');
              return { prefix: prefix!, ...(range ? { masklengthRange: range } : {}) };
            }),
          }
        : { type, name, members: list };
    const info = definedSetToProto(def);
    const cli = new BgpCli(grpc);
    const r = await cli.call<AddDefinedSetRequest, AddDefinedSetResponse>(
      'addDefinedSet',
      AddDefinedSetRequest.fromPartial({ set: { setType: info.setType, name: info.name, config: info.setData }, replace: Boolean(o.replace) }),
    );
    cli.close();
    printResult(r, json);
  });

  withClientOptions(
    ds
      .command('remove')
      .description('remove a set (RemoveDefinedSet); refused while a policy uses it')
      .argument('<type>', SET_TYPES.join(' | '), choice(SET_TYPES, 'type'))
      .argument('[name]', 'set name')
      .option('--all', 'remove every set of this type'),
  ).action(async (type: SetType, name: string | undefined, o: { all?: boolean }, cmd: Command) => {
    const { grpc, json } = clientOptions(cmd);
    const cli = new BgpCli(grpc);
    const r = await cli.call<RemoveDefinedSetRequest, RemoveDefinedSetResponse>('removeDefinedSet', RemoveDefinedSetRequest.fromPartial({ setType: type, name: name ?? '', all: Boolean(o.all) }));
    cli.close();
    printResult(r, json);
  });

  withClientOptions(
    ds
      .command('list')
      .description('list sets (ListDefinedSets)')
      .option('--type <type>', SET_TYPES.join(' | '), choice(SET_TYPES, 'type'))
      .option('--name <name>', 'only this set'),
  ).action(async (o: { type?: SetType; name?: string }, cmd: Command) => {
    const { grpc, json } = clientOptions(cmd);
    const cli = new BgpCli(grpc);
    const r = await cli.call<ListDefinedSetsRequest, ListDefinedSetsResponse>('listDefinedSets', ListDefinedSetsRequest.fromPartial({ setType: o.type, name: o.name }));
    cli.close();
    if (json) printRows(r.sets.map((s) => ({ set_type: s.setType, name: s.name, members: members(s) })), [], true);
    else printRows(r.sets.map((s) => ({ Type: s.setType, Name: s.name, Members: members(s).join(' ') })), ['Type', 'Name', 'Members'], false);
  });
}
