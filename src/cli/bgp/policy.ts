/**
 * `bambu policy add|remove|list|assign` over bgp.BgpService. A policy is added either as one
 * statement from options (--match-prefix-set NAME[:any|all|invert] … --reject / --accept …) or
 * from a YAML / JSON file holding `statements:` in the config file's `policy-definitions` syntax.
 */
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { AddPolicyRequest, ListPoliciesRequest, RemovePolicyRequest, SetPolicyAssignmentRequest, type AddPolicyResponse, type ListPoliciesResponse, type RemovePolicyResponse, type SetPolicyAssignmentResponse, type StatementInfo } from '../../gen/bgp.js';
import { policyDefinitionSchema } from '../../config/bgp.js';
import { policyFromConfig } from '../../bgp/policy-config.js';
import { statementToProto } from '../../bgp/api/convert/policy.js';
import { CONDITION_SET_TYPE, type MatchOption, type SetConditionKey, type StatementDef } from '../../bgp/policy/types.js';
import { fail, printObject, printRows } from '../output.js';
import { BgpCli, clientOptions, withClientOptions } from './client.js';
import { choice, collect, parseUint } from './parse.js';
import { printResult } from './peer.js';

/** "NAME[:any|all|invert]" → a set reference. */
function setRef(s: string): { setName: string; matchOption: MatchOption } {
  const i = s.lastIndexOf(':');
  const opt = i > 0 ? s.slice(i + 1) : 'any';
  if (!['any', 'all', 'invert'].includes(opt)) throw new InvalidArgumentError(`"${s}": match option must be any, all or invert`);
  return { setName: i > 0 ? s.slice(0, i) : s, matchOption: opt as MatchOption };
}

/** Option name (commander camelCase) of each set condition. */
const CONDITION_OPTIONS: Record<SetConditionKey, string> = {
  matchPrefixSet: 'match-prefix-set',
  matchNeighborSet: 'match-neighbor-set',
  matchAsPathSet: 'match-as-path-set',
  matchCommunitySet: 'match-community-set',
  matchExtCommunitySet: 'match-ext-community-set',
  matchLargeCommunitySet: 'match-large-community-set',
};

interface AddOpts {
  file?: string;
  prefix?: string;
  neighbor?: string;
  accept?: boolean;
  reject?: boolean;
  localPref?: number;
  med?: number;
  addCommunity?: string[];
  removeCommunity?: string[];
  [k: string]: unknown;
}

/** The statements of `policy add`: from --file, or one from the options. */
function statements(name: string, o: AddOpts): StatementDef[] {
  if (o.file) {
    let doc: unknown;
    try {
      doc = parseYaml(readFileSync(o.file, 'utf8'));
    } catch (err) {
      fail(`${o.file}: ${(err as Error).message}`);
    }
    const parsed = policyDefinitionSchema.safeParse({ name, ...(doc as object) });
    if (!parsed.success) fail(`${o.file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return [...policyFromConfig(parsed.data).statements];
  }
  const conditions: Record<string, unknown> = {};
  for (const [key, opt] of Object.entries(CONDITION_OPTIONS)) {
    const v = o[opt.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())];
    if (v) conditions[key] = v;
  }
  if (o.prefix) conditions.prefix = o.prefix;
  if (o.neighbor) conditions.neighbor = o.neighbor;
  return [
    {
      conditions,
      actions: {
        ...(o.accept ? { accept: true } : {}),
        ...(o.reject ? { reject: true } : {}),
        ...(o.localPref !== undefined ? { localPref: o.localPref } : {}),
        ...(o.med !== undefined ? { med: o.med } : {}),
        addCommunities: o.addCommunity ?? [],
        removeCommunities: o.removeCommunity ?? [],
      },
    },
  ];
}

/** One line per statement: "IF conditions THEN actions". */
function describe(st: StatementInfo): string {
  const c = st.conditions ?? {};
  const conds: string[] = [];
  for (const key of Object.keys(CONDITION_SET_TYPE) as SetConditionKey[]) {
    const r = c[key];
    if (r) conds.push(`${CONDITION_SET_TYPE[key]} ${r.setName}${r.matchOption && r.matchOption !== 'any' ? ` (${r.matchOption})` : ''}`);
  }
  if (c.prefix) conds.push(`prefix ${c.prefix}`);
  if (c.neighbor) conds.push(`neighbor ${c.neighbor}`);
  const a = st.actions;
  const acts: string[] = [];
  if (a?.localPref !== undefined) acts.push(`local-pref ${a.localPref}`);
  if (a?.med !== undefined) acts.push(`med ${a.med}`);
  if (a?.removeCommunities.length) acts.push(`remove ${a.removeCommunities.join(',')}`);
  if (a?.addCommunities.length) acts.push(`add ${a.addCommunities.join(',')}`);
  if (a?.accept) acts.push('accept');
  if (a?.reject) acts.push('reject');
  return `IF ${conds.join(' AND ') || 'any route'} THEN ${acts.join(', ') || 'continue'}`;
}

/** Adds `policy …` to `program`. */
export function registerPolicyCommands(program: Command): void {
  const policy = program
    .command('policy')
    .description('routing policies: add, remove, list, assign (import / export per peer)')
    .addHelpText(
      'after',
      '\nExamples:\n  bambu policy add drop-bogons --match-prefix-set bogons --reject\n' +
        '  bambu policy add prefer --match-community-set prefer --local-pref 200 --accept\n' +
        '  bambu policy add tag-out --add-community 65000:1:2 --accept\n' +
        '  bambu policy add from-file --file statements.yaml   # statements: [...] as in policy-definitions\n' +
        '  bambu policy assign 127.0.0.2 import drop-bogons prefer --default accept\n  bambu policy list\n',
    );

  const add = policy
    .command('add')
    .description('add or replace a policy (AddPolicy): one statement from options, or --file')
    .argument('<name>', 'policy name')
    .option('-f, --file <path>', 'YAML/JSON with statements: [...] (config policy-definitions syntax)');
  for (const opt of Object.values(CONDITION_OPTIONS)) add.option(`--${opt} <name[:any|all|invert]>`, `condition: match the named ${opt.slice(6)} (default any)`, setRef);
  add
    .option('--prefix <cidr>', 'condition: the route is exactly this prefix')
    .option('--neighbor <ip|cidr>', 'condition: the route was learned from this peer')
    .option('--accept', 'accept the route (ends evaluation)')
    .option('--reject', 'reject the route (ends evaluation)')
    .option('--local-pref <n>', 'set LOCAL_PREF', parseUint)
    .option('--med <n>', 'set MED', parseUint)
    .option('--add-community <c>', 'add "A:B", a well-known name, "GA:LD1:LD2" or "rt:ASN:N" (repeatable)', collect(String))
    .option('--remove-community <c>', 'remove a value or regex (repeatable)', collect(String));
  withClientOptions(add).action(async (name: string, o: AddOpts, cmd: Command) => {
    const { grpc, json } = clientOptions(cmd);
    const sts = statements(name, o).map(statementToProto);
    const cli = new BgpCli(grpc);
    const r = await cli.call<AddPolicyRequest, AddPolicyResponse>('addPolicy', AddPolicyRequest.fromPartial({ name, statements: sts }));
    cli.close();
    printResult(r, json);
  });

  withClientOptions(policy.command('remove').description('remove a policy (RemovePolicy); refused while assigned').argument('<name>', 'policy name')).action(
    async (name: string, _o: unknown, cmd: Command) => {
      const { grpc, json } = clientOptions(cmd);
      const cli = new BgpCli(grpc);
      const r = await cli.call<RemovePolicyRequest, RemovePolicyResponse>('removePolicy', RemovePolicyRequest.fromPartial({ name }));
      cli.close();
      printResult(r, json);
    },
  );

  withClientOptions(policy.command('list').description('list policies and their statements (ListPolicies)').argument('[name]', 'only this policy')).action(
    async (name: string | undefined, _o: unknown, cmd: Command) => {
      const { grpc, json } = clientOptions(cmd);
      const cli = new BgpCli(grpc);
      const r = await cli.call<ListPoliciesRequest, ListPoliciesResponse>('listPolicies', ListPoliciesRequest.fromPartial({ name }));
      cli.close();
      if (json) printRows(r.policies.map((p) => ({ name: p.name, statements: p.statements.map((s) => ({ conditions: s.conditions, actions: s.actions })) })), [], true);
      else printRows(r.policies.flatMap((p) => p.statements.map((s, i) => ({ Policy: i === 0 ? p.name : '', '#': i + 1, Statement: describe(s) }))), ['Policy', '#', 'Statement'], false);
    },
  );

  withClientOptions(
    policy
      .command('assign')
      .description('set the import or export policies of a peer, in order (SetPolicyAssignment); none clears')
      .argument('<peer>', 'peer IP or IP:PORT')
      .argument('<direction>', 'import | export', choice(['import', 'export'] as const, 'direction'))
      .argument('[policies...]', 'policy names, evaluated in order')
      .option('--default <action>', 'what a route no statement decided gets: accept (default) or reject', choice(['accept', 'reject'] as const, 'default')),
  ).action(async (peer: string, direction: string, names: string[], o: { default?: string }, cmd: Command) => {
    const { grpc, json } = clientOptions(cmd);
    const cli = new BgpCli(grpc);
    const r = await cli.call<SetPolicyAssignmentRequest, SetPolicyAssignmentResponse>(
      'setPolicyAssignment',
      SetPolicyAssignmentRequest.fromPartial({ peerAddress: peer, direction, policyNames: names, defaultAction: o.default }),
    );
    cli.close();
    if (json) printObject(r as unknown as Record<string, unknown>, true);
    else process.stdout.write(`${r.message}\n`);
  });
}
