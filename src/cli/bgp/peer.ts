/** `bambu peer add|remove|enable|disable|reset|list|show` over bgp.BgpService. */
import { Command } from 'commander';
import {
  AddPeerRequest,
  Afi,
  bgpStateToJSON,
  adminStateToJSON,
  DisablePeerRequest,
  GetPeerRequest,
  type Peer,
  RemovePeerRequest,
  ResetPeerRequest,
  ResetType,
  Safi,
  type AddPeerResponse,
  type GetPeerResponse,
  type ListPeersResponse,
  type SessionConfig,
} from '../../gen/bgp.js';
import { printObject, printRows } from '../output.js';
import { BgpCli, clientOptions, withClientOptions } from './client.js';
import { choice, collect, parseUint } from './parse.js';
import { peerJson, statisticsJson } from './json.js';

const FAMILIES = ['ipv4-unicast', 'ipv6-unicast', 'l2vpn-evpn'] as const;
const RESET_TYPES = ['soft-in', 'soft-out', 'soft', 'hard'] as const;

/** Family name → ResetPeer's afi/safi. */
const AFI_SAFI: Record<(typeof FAMILIES)[number], [Afi, Safi]> = {
  'ipv4-unicast': [Afi.IPV4, Safi.UNICAST],
  'ipv6-unicast': [Afi.IPV6, Safi.UNICAST],
  'l2vpn-evpn': [Afi.L2VPN, Safi.EVPN],
};

const RESET: Record<(typeof RESET_TYPES)[number], ResetType> = {
  'soft-in': ResetType.SOFT_IN,
  'soft-out': ResetType.SOFT_OUT,
  soft: ResetType.SOFT,
  hard: ResetType.HARD,
};

/** One table row per peer. */
function peerRow(p: Peer): Record<string, unknown> {
  return {
    Address: p.address,
    Port: p.port,
    ASN: p.asn,
    State: bgpStateToJSON(p.state),
    Admin: adminStateToJSON(p.adminState),
    Uptime: p.uptimeSecs ? `${p.uptimeSecs}s` : '',
    Configured: p.configured,
    'Router ID': p.routerId,
  };
}

interface AddOpts {
  asn?: number;
  holdTime?: number;
  connectRetry?: number;
  idleHoldTime?: number;
  delayOpen?: number;
  passive?: boolean;
  localAddress?: string;
  maxPrefix?: number;
  maxPrefixAction?: 'terminate' | 'discard';
  family?: string[];
  rrClient?: boolean;
  nextHopSelf?: string;
  dampOscillations?: boolean;
}

/** Adds `peer …` to `program`. */
export function registerPeerCommands(program: Command): void {
  const peer = program
    .command('peer')
    .description('BGP peers: add, remove, enable, disable, reset, list, show')
    .addHelpText('after', '\nExamples:\n  bambu peer add 127.0.0.2:17900 --asn 65001\n  bambu peer list\n  bambu peer show 127.0.0.2\n  bambu peer disable 127.0.0.2 --message "maintenance until 10:00"\n  bambu peer reset 127.0.0.2 --type soft-in\n');

  withClientOptions(
    peer
      .command('add')
      .description('add a peer (AddPeer); ADDRESS is IP, IP:PORT or [IPv6]:PORT, port default 179')
      .argument('<address>', 'peer address')
      .option('--asn <n>', 'remote AS (default: our own AS, i.e. iBGP)', parseUint)
      .option('--hold-time <secs>', 'proposed hold time (0 or 3..65535)', parseUint)
      .option('--connect-retry <secs>', 'ConnectRetry timer', parseUint)
      .option('--idle-hold-time <secs>', 'IdleHold timer after an error', parseUint)
      .option('--delay-open <secs>', 'DelayOpen timer (RFC 4271 §8.1.1)', parseUint)
      .option('--passive', 'never connect, only accept (passive mode)')
      .option('--damp-oscillations', 'damp peer oscillations (growing IdleHold)')
      .option('--local-address <ip>', 'source address for outgoing connections')
      .option('--max-prefix <n>', 'maximum prefixes accepted from the peer', parseUint)
      .option('--max-prefix-action <action>', 'terminate (CEASE, default) or discard', choice(['terminate', 'discard'] as const, 'max-prefix-action'))
      .option('--family <name>', `address family to offer, repeatable: ${FAMILIES.join(', ')} (default both unicast)`, collect(choice(FAMILIES, 'family')))
      .option('--rr-client', 'treat as route reflector client (iBGP, RFC 4456)')
      .option('--next-hop-self <ip>', 'next hop to announce to this peer for our routes')
      .addHelpText('after', '\nExamples:\n  bambu peer add 127.0.0.2:17900 --asn 65001 --hold-time 90\n  bambu peer add 127.0.0.3 --passive --max-prefix 1000 --max-prefix-action discard\n'),
  ).action(async (address: string, o: AddOpts, cmd: Command) => {
    const { grpc, json } = clientOptions(cmd);
    const cfg: Partial<SessionConfig> = {
      asn: o.asn,
      holdTimeSecs: o.holdTime,
      connectRetrySecs: o.connectRetry,
      idleHoldTimeSecs: o.idleHoldTime,
      delayOpenTimeSecs: o.delayOpen,
      passiveMode: o.passive,
      dampPeerOscillations: o.dampOscillations,
      localAddress: o.localAddress,
      maxPrefix: o.maxPrefix === undefined ? undefined : { limit: o.maxPrefix, action: o.maxPrefixAction === 'discard' ? 1 : 0 },
      addressFamilies: o.family ?? [],
      routeReflectorClient: o.rrClient,
      nextHopSelf: o.nextHopSelf,
    };
    const anySet = Object.entries(cfg).some(([k, v]) => (k === 'addressFamilies' ? (v as string[]).length > 0 : v !== undefined));
    const cli = new BgpCli(grpc);
    const r = await cli.call<AddPeerRequest, AddPeerResponse>('addPeer', AddPeerRequest.fromPartial({ address, config: anySet ? cfg : undefined }));
    cli.close();
    printResult(r, json);
  });

  withClientOptions(peer.command('remove').description('remove a peer (RemovePeer; CEASE/Peer De-configured if up)').argument('<address>', 'peer IP or IP:PORT')).action(
    async (address: string, _o: unknown, cmd: Command) => {
      const { grpc, json } = clientOptions(cmd);
      const cli = new BgpCli(grpc);
      const r = await cli.call<RemovePeerRequest, AddPeerResponse>('removePeer', RemovePeerRequest.fromPartial({ address }));
      cli.close();
      printResult(r, json);
    },
  );

  withClientOptions(
    peer
      .command('disable')
      .description('administratively shut a peer down (DisablePeer: CEASE/Administrative Shutdown, RFC 4486, RFC 8203)')
      .argument('<address>', 'peer IP or IP:PORT')
      .option('-m, --message <text>', 'shutdown communication sent to the peer (≤ 255 octets)'),
  ).action(async (address: string, o: { message?: string }, cmd: Command) => {
    const { grpc, json } = clientOptions(cmd);
    const cli = new BgpCli(grpc);
    await cli.call('disablePeer', DisablePeerRequest.fromPartial({ address, shutdownMessage: o.message }));
    cli.close();
    printResult({ success: true, message: `peer ${address} disabled` }, json);
  });

  withClientOptions(peer.command('enable').description('re-enable an administratively disabled peer (EnablePeer)').argument('<address>', 'peer IP or IP:PORT')).action(
    async (address: string, _o: unknown, cmd: Command) => {
      const { grpc, json } = clientOptions(cmd);
      const cli = new BgpCli(grpc);
      await cli.call('enablePeer', { address });
      cli.close();
      printResult({ success: true, message: `peer ${address} enabled` }, json);
    },
  );

  withClientOptions(
    peer
      .command('reset')
      .description('reset a session (ResetPeer): soft-in asks for a ROUTE-REFRESH, soft-out re-sends our routes, hard reconnects')
      .argument('<address>', 'peer IP or IP:PORT')
      .option('-t, --type <type>', `${RESET_TYPES.join(', ')}`, choice(RESET_TYPES, 'type'), 'soft')
      .option('--family <name>', `only this family: ${FAMILIES.join(', ')}`, choice(FAMILIES, 'family'))
      .addHelpText('after', '\nExamples:\n  bambu peer reset 127.0.0.2 --type soft-in --family ipv4-unicast\n  bambu peer reset 127.0.0.2 --type hard\n'),
  ).action(async (address: string, o: { type: (typeof RESET_TYPES)[number]; family?: (typeof FAMILIES)[number] }, cmd: Command) => {
    const { grpc, json } = clientOptions(cmd);
    const [afi, safi] = o.family ? AFI_SAFI[o.family] : [undefined, undefined];
    const cli = new BgpCli(grpc);
    await cli.call('resetPeer', ResetPeerRequest.fromPartial({ address, resetType: RESET[o.type], afi, safi }));
    cli.close();
    printResult({ success: true, message: `peer ${address}: ${o.type} reset done` }, json);
  });

  withClientOptions(peer.command('list').description('list peers (ListPeers)')).action(async (_o: unknown, cmd: Command) => {
    const { grpc, json } = clientOptions(cmd);
    const cli = new BgpCli(grpc);
    const r = await cli.call<object, ListPeersResponse>('listPeers', {});
    cli.close();
    if (json) printRows(r.peers.map(peerJson), [], true);
    else printRows(r.peers.map(peerRow), ['Address', 'Port', 'ASN', 'State', 'Admin', 'Uptime', 'Configured'], false);
  });

  withClientOptions(peer.command('show').description('one peer with its message counters (GetPeer)').argument('<address>', 'peer IP or IP:PORT')).action(
    async (address: string, _o: unknown, cmd: Command) => {
      const { grpc, json } = clientOptions(cmd);
      const cli = new BgpCli(grpc);
      const r = await cli.call<GetPeerRequest, GetPeerResponse>('getPeer', GetPeerRequest.fromPartial({ address }));
      cli.close();
      if (json) {
        printObject({ peer: r.peer && peerJson(r.peer), statistics: r.statistics && statisticsJson(r.statistics) }, true);
        return;
      }
      const p = r.peer!;
      const s = r.statistics!;
      printObject(
        {
          ...peerRow(p),
          'Hold time': p.holdTimeSecs ? `${p.holdTimeSecs}s` : '',
          Families: p.addressFamilies.join(', '),
          'Last error': p.lastError,
          'Sent open/keepalive/update/notification/refresh': `${s.openSent}/${s.keepaliveSent}/${s.updateSent}/${s.notificationSent}/${s.routeRefreshSent}`,
          'Received open/keepalive/update/notification/refresh': `${s.openReceived}/${s.keepaliveReceived}/${s.updateReceived}/${s.notificationReceived}/${s.routeRefreshReceived}`,
          'Prefixes received/accepted/advertised': `${s.prefixesReceived}/${s.prefixesAccepted}/${s.prefixesAdvertised}`,
          'Established transitions': s.establishedTransitions,
        },
        false,
      );
    },
  );
}

/** Prints a {success, message} response: the message for people, the object for scripts. */
export function printResult(r: { success: boolean; message: string }, json: boolean): void {
  if (json) printObject(r as unknown as Record<string, unknown>, true);
  else process.stdout.write(`${r.message}\n`);
}
