/** `bambu route add|remove|list` over bgp.BgpService. */
import type { Command } from 'commander';
import type { ServiceError } from '@grpc/grpc-js';
import {
  AddRouteRequest,
  ListRoutesRequest,
  originToJSON,
  RemoveRouteRequest,
  RibType,
  type Route,
  type AddRouteResponse,
  type AsPathSegment,
  type ExtendedCommunity,
  type LargeCommunity,
  type Path,
  type RemoveRouteResponse,
} from '../../gen/bgp.js';
import { printRows } from '../output.js';
import { BgpCli, clientOptions, withClientOptions } from './client.js';
import { printResult } from './peer.js';
import { routeJson } from './json.js';
import {
  choice,
  collect,
  formatAsPath,
  formatCommunity,
  formatExtCommunity,
  parseAsPath,
  parseCommunity,
  parseExtCommunity,
  parseLargeCommunity,
  parseUint,
} from './parse.js';

const RIBS = { global: RibType.GLOBAL, 'adj-in': RibType.ADJ_IN, 'adj-out': RibType.ADJ_OUT } as const;
const ORIGINS = { igp: 0, egp: 1, incomplete: 2 } as const;
const FAMILIES = ['ipv4-unicast', 'ipv6-unicast', 'l2vpn-evpn'] as const;

interface AddOpts {
  nextHop: string;
  origin: keyof typeof ORIGINS;
  asPath?: AsPathSegment[];
  localPref?: number;
  med?: number;
  atomicAggregate?: boolean;
  community?: number[];
  largeCommunity?: LargeCommunity[];
  extCommunity?: ExtendedCommunity[];
}

/** One table row per path. */
function pathRow(prefix: string, p: Path): Record<string, unknown> {
  const comms = [
    ...p.communities.map(formatCommunity),
    ...p.largeCommunities.map((l) => `${l.globalAdmin}:${l.localData1}:${l.localData2}`),
    ...p.extendedCommunities.map(formatExtCommunity),
  ];
  return {
    '': p.best ? '*>' : '*',
    Prefix: prefix,
    'Next hop': p.nextHop,
    Peer: p.peerAddress || 'local',
    'AS path': formatAsPath(p.asPath),
    Origin: originToJSON(p.origin).toLowerCase(),
    LocPrf: p.localPref ?? '',
    MED: p.med ?? '',
    Communities: comms.join(' '),
  };
}

/** One table row per EVPN path: route key, VNI (label), MAC mobility sequence (+ "sticky"). */
function evpnRow(key: string, p: Path): Record<string, unknown> {
  const row = pathRow(key, p);
  return {
    '': row[''],
    Route: key,
    VNI: p.evpn?.vni ?? '',
    'MAC seq': p.evpn ? `${p.evpn.macMobilitySequence}${p.evpn.sticky ? ' sticky' : ''}` : '',
    'Next hop': row['Next hop'],
    Peer: row.Peer,
    'AS path': row['AS path'],
    Communities: row.Communities,
  };
}

/** --family: a family name, or `evpn` for l2vpn-evpn. */
const familyOption = (s: string): string => choice([...FAMILIES, 'evpn'], 'family')(s).replace(/^evpn$/, 'l2vpn-evpn');

/** Adds `route …` to `program`. */
export function registerRouteCommands(program: Command): void {
  const route = program
    .command('route')
    .description('routes: add or remove our own (Loc-RIB), list any RIB')
    .addHelpText('after', '\nExamples:\n  bambu route add 10.0.0.0/24 --next-hop 192.0.2.1 --local-pref 200 --community 65001:100\n  bambu route list\n  bambu route list --rib adj-in --peer 127.0.0.2\n  bambu route remove 10.0.0.0/24\n');

  withClientOptions(
    route
      .command('add')
      .description('originate a route (AddRoute); it replaces our earlier route for the same prefix')
      .argument('<prefix>', 'CIDR prefix with host bits zero, e.g. 10.0.0.0/24 or 2001:db8::/32')
      .requiredOption('-n, --next-hop <ip>', 'next hop (same family as the prefix)')
      .option('--origin <origin>', 'igp, egp or incomplete', choice(Object.keys(ORIGINS) as (keyof typeof ORIGINS)[], 'origin'), 'igp')
      .option('--as-path <path>', 'AS path, e.g. "65001 65002 {65003,65004}" (braces = AS_SET)', parseAsPath)
      .option('--local-pref <n>', 'LOCAL_PREF (default 100)', parseUint)
      .option('--med <n>', 'MULTI_EXIT_DISC', parseUint)
      .option('--atomic-aggregate', 'set ATOMIC_AGGREGATE')
      .option('-c, --community <c>', 'community, repeatable: ASN:VALUE, no-export, no-advertise, no-export-subconfed, nopeer', collect(parseCommunity))
      .option('--large-community <lc>', 'large community GLOBAL:LOCAL1:LOCAL2, repeatable', collect(parseLargeCommunity))
      .option('--ext-community <ec>', 'extended community, repeatable: rt:ASN:N, ro:ASN:N, rt:IPv4:N, color:N, encap:vxlan, router-mac:MAC', collect(parseExtCommunity))
      .addHelpText('after', '\nExamples:\n  bambu route add 10.0.0.0/24 -n 192.0.2.1\n  bambu route add 2001:db8:1::/48 -n 2001:db8::1 --as-path "65001 65002" --med 10 -c no-export --ext-community rt:65000:100\n'),
  ).action(async (prefix: string, o: AddOpts, cmd: Command) => {
    const { grpc, json } = clientOptions(cmd);
    const cli = new BgpCli(grpc);
    const r = await cli.call<AddRouteRequest, AddRouteResponse>(
      'addRoute',
      AddRouteRequest.fromPartial({
        prefix,
        nextHop: o.nextHop,
        origin: ORIGINS[o.origin],
        asPath: o.asPath ?? [],
        localPref: o.localPref,
        med: o.med,
        atomicAggregate: Boolean(o.atomicAggregate),
        communities: o.community ?? [],
        largeCommunities: o.largeCommunity ?? [],
        extendedCommunities: o.extCommunity ?? [],
      }),
    );
    cli.close();
    printResult(r, json);
  });

  withClientOptions(route.command('remove').description('withdraw a route we originated (RemoveRoute)').argument('<prefix>', 'CIDR prefix')).action(
    async (prefix: string, _o: unknown, cmd: Command) => {
      const { grpc, json } = clientOptions(cmd);
      const cli = new BgpCli(grpc);
      const r = await cli.call<RemoveRouteRequest, RemoveRouteResponse>('removeRoute', RemoveRouteRequest.fromPartial({ prefix }));
      cli.close();
      printResult(r, json);
    },
  );

  withClientOptions(
    route
      .command('list')
      .description('list routes (ListRoutesStream): Loc-RIB by default, or a peer\'s Adj-RIB-In / Adj-RIB-Out')
      .option('--rib <rib>', 'global (Loc-RIB), adj-in or adj-out', choice(Object.keys(RIBS) as (keyof typeof RIBS)[], 'rib'), 'global')
      .option('--peer <address>', 'peer IP or IP:PORT (required for adj-in and adj-out; with global, only its paths)')
      .option('--family <name>', `${FAMILIES.join(', ')} or evpn (= l2vpn-evpn) (default: both unicast)`, familyOption)
      .addHelpText('after', '\nExamples:\n  bambu route list\n  bambu route list --rib adj-in --peer 127.0.0.2 --family ipv6-unicast\n  bambu route list --family evpn\n  bambu route list --json | jq \'.[].prefix\'\n'),
  ).action(async (o: { rib: keyof typeof RIBS; peer?: string; family?: string }, cmd: Command) => {
    const { grpc, json } = clientOptions(cmd);
    const cli = new BgpCli(grpc);
    const routes = await new Promise<Route[]>((resolve, reject) => {
      const out: Route[] = [];
      const stream = cli.client.listRoutesStream(ListRoutesRequest.fromPartial({ ribType: RIBS[o.rib], peerAddress: o.peer, family: o.family }));
      stream.on('data', (r: Route) => out.push(r));
      stream.on('error', reject);
      stream.on('end', () => resolve(out));
    }).catch((err: ServiceError) => cli.fail(err));
    cli.close();
    if (json) printRows(routes.map(routeJson), [], true);
    else if (o.family === 'l2vpn-evpn') printRows(routes.flatMap((r) => r.paths.map((p) => evpnRow(r.prefix, p))), ['', 'Route', 'VNI', 'MAC seq', 'Next hop', 'Peer', 'AS path', 'Communities'], false);
    else printRows(routes.flatMap((r) => r.paths.map((p) => pathRow(r.prefix, p))), ['', 'Prefix', 'Next hop', 'Peer', 'AS path', 'Origin', 'LocPrf', 'MED', 'Communities'], false);
  });
}
