/**
 * accept_unconfigured_peers with a real FRR bgpd (issue 5): bambud has no `peers` at all; FRR
 * connects to it, the session comes up with the AS from FRR's OPEN, ListPeers shows the peer with
 * configured = false, its routes are in ADJ_IN, and an import policy can be assigned to it while
 * the session is up (no reset). When FRR goes away the peer is forgotten, with its assignment.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Frr } from '../../helpers/frr.js';
import { freePort } from '../../helpers/grpc.js';
import { waitFor } from '../../helpers/wait.js';
import { RIB, STATE_ESTABLISHED, listRoutes, loopbackAddresses, startBambud, type InteropBambud } from './bambud.js';

const [US, FRR_U] = loopbackAddresses(9, 2) as [string, string];
let bambud: InteropBambud;
let frr: Frr | undefined;

before(async () => {
  const [p0, pU] = [await freePort(), await freePort()];
  bambud = await startBambud(`asn: 65000
router_id: 10.0.9.1
listen_addr: ${US}:${p0}
log_level: info
accept_unconfigured_peers: true
`);
  frr = await Frr.start(
    `frr defaults traditional
hostname frr-u
log stdout informational
router bgp 65091
 bgp router-id 10.0.9.2
 no bgp ebgp-requires-policy
 no bgp network import-check
 neighbor ${US} remote-as 65000
 neighbor ${US} port ${p0}
 neighbor ${US} update-source ${FRR_U}
 neighbor ${US} timers connect 1
 address-family ipv4 unicast
  network 10.91.1.0/24
  network 10.91.2.0/24
  neighbor ${US} route-map NH out
 exit-address-family
!
route-map NH permit 10
 set ip next-hop 192.0.2.91
!
`,
    FRR_U,
    pU,
  );
});

after(async () => {
  await frr?.stop();
  await bambud?.stop();
});

test('an unconfigured FRR peer is accepted, listed with configured = false, and takes an import policy without a reset', async () => {
  const c = bambud.client;
  const p = await waitFor('FRR listed and Established', async () => {
    const { peers } = await c.call('listPeers', {});
    return peers.find((x: { address: string; state: number }) => x.address === FRR_U && x.state === STATE_ESTABLISHED);
  }, 60_000);
  assert.equal(p.configured, false);
  assert.equal(p.asn, 65091, 'AS learned from the OPEN');
  await waitFor('its routes in ADJ_IN and GLOBAL', async () => (await listRoutes(c, RIB.GLOBAL)).size === 2);
  await c.call('addDefinedSet', { set: { setType: 'prefix-set', name: 'one', config: { $case: 'prefixSet', value: { prefixes: [{ prefix: '10.91.1.0/24' }] } } }, replace: false });
  await c.call('addPolicy', { name: 'only-one', statements: [{ conditions: { matchPrefixSet: { setName: 'one', matchOption: 'invert' } }, actions: { reject: true, addCommunities: [], removeCommunities: [] } }] });
  await c.call('setPolicyAssignment', { peerAddress: FRR_U, direction: 'import', policyNames: ['only-one'] });
  await waitFor('GLOBAL filtered', async () => [...(await listRoutes(c, RIB.GLOBAL)).keys()].join() === '10.91.1.0/24');
  assert.equal((await listRoutes(c, RIB.ADJ_IN, FRR_U)).size, 2);
  assert.equal(frr!.json(`show bgp neighbors ${US} json`)[US].connectionsEstablished, 1);

  await frr!.stop();
  frr = undefined;
  await waitFor('the unconfigured peer is forgotten with its session', async () => (await c.call('listPeers', {})).peers.length === 0, 60_000);
  assert.equal((await listRoutes(c, RIB.GLOBAL)).size, 0);
  await c.call('removePolicy', { name: 'only-one' }); // its assignment went with the peer
});
