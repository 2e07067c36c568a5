/**
 * EvpnCore (src/evpn/core.ts) against a recording fake speaker and, for two gateways, the
 * in-memory fabric: advertisements, install decisions, MAC mobility, duplicates, AS loop, peer-down.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeExtCommunity } from '../../../src/bgp/wire/index.js';
import { EvpnCore, InMemoryEvpnFabric, deriveEvi, type2Route, type3Route, type EvpnEvent, type EvpnRoute, type EvpnSpeaker } from '../../../src/evpn/index.js';
import { waitFor } from '../../helpers/wait.js';

/** Records what the core originates; `emit` plays received events. */
class FakeSpeaker implements EvpnSpeaker {
  readonly localAs = 65000;
  readonly routerId = '10.0.0.1';
  readonly adj = new Map<string, EvpnRoute>();
  private cb: ((ev: EvpnEvent) => void) | undefined;
  advertise(route: EvpnRoute): void {
    this.adj.set(route.key, route);
  }
  withdraw(key: string): void {
    this.adj.delete(key);
  }
  onRoute(cb: (ev: EvpnEvent) => void): () => void {
    this.cb = cb;
    return () => (this.cb = undefined);
  }
  emit(ev: EvpnEvent): void {
    this.cb?.(ev);
  }
  /** Sequence number of the type 2 MAC-only route we advertise for `mac` (undefined: none). */
  seqOf(mac: string): number | undefined {
    const r = [...this.adj.values()].find((x) => x.key.startsWith('[2]') && x.key.endsWith(`[${mac}]`));
    if (!r) return undefined;
    const mm = r.attributes.extCommunities?.map((e) => decodeExtCommunity(e)).find((e) => e.kind === 'mac-mobility');
    return mm?.kind === 'mac-mobility' ? mm.sequence : 0;
  }
}

const MAC = '52:54:00:00:00:01';
const PEER_EVI = deriveEvi(100, { routerId: '10.0.0.2', asn: 65000, index: 100 });
const scan = (entries: Record<string, string[]>) => new Map([[100, new Map(Object.entries(entries).map(([m, ips]) => [m, new Set(ips)]))]]);
const remote2 = (seq: number, opts: { ip?: string; sticky?: boolean; vtep?: string } = {}) =>
  type2Route(PEER_EVI, opts.vtep ?? '10.0.0.2', MAC, { sequence: seq, ...(opts.ip ? { ip: opts.ip } : {}), ...(opts.sticky ? { sticky: true } : {}) });

function setup(now = () => 0, maxMoves = 10) {
  const sp = new FakeSpeaker();
  const core = new EvpnCore({ speaker: sp, localVtep: '10.0.0.1', now, duplicate: { maxMoves, windowSecs: 100 } });
  core.setSegments([{ vni: 100 }]);
  return { sp, core };
}

test('segments: a type 3 per VNI, withdrawn with the segment (and its MACs)', () => {
  const { sp, core } = setup();
  assert.deepEqual([...sp.adj.keys()], ['[3]:[10.0.0.1:100]:[0]:[32]:[10.0.0.1]']);
  core.setLocal(scan({ [MAC]: [] }));
  assert.equal(sp.adj.size, 2);
  core.setSegments([]);
  assert.equal(sp.adj.size, 0);
});

test('local MACs: learned → MAC-only + MAC+IP advertised with sequence 0; aged → withdrawn', () => {
  const { sp, core } = setup();
  core.setLocal(scan({ [MAC]: ['10.1.1.1'] }));
  assert.deepEqual([...sp.adj.keys()].sort(), [
    '[2]:[10.0.0.1:100]:[0]:[48]:[52:54:00:00:00:01]',
    '[2]:[10.0.0.1:100]:[0]:[48]:[52:54:00:00:00:01]:[32]:[10.1.1.1]',
    '[3]:[10.0.0.1:100]:[0]:[32]:[10.0.0.1]',
  ]);
  assert.equal(sp.seqOf(MAC), 0);
  core.setLocal(scan({ [MAC]: [] }));
  assert.equal(sp.adj.size, 2, 'MAC+IP withdrawn when the neighbour entry goes');
  core.setLocal(scan({}));
  assert.equal(sp.adj.size, 1);
});

test('received: type 3 → remote VTEP, type 2 → learned MAC with its IPs; withdrawal and peer-down remove them', () => {
  const { sp, core } = setup();
  sp.emit({ kind: 'update', peer: 'p', route: type3Route(PEER_EVI, '10.0.0.2') });
  sp.emit({ kind: 'update', peer: 'p', route: remote2(0) });
  sp.emit({ kind: 'update', peer: 'p', route: remote2(0, { ip: '10.1.1.9' }) });
  assert.deepEqual(core.remoteVteps(), [{ vni: 100, vtep: '10.0.0.2', peer: 'p' }]);
  assert.deepEqual(core.learnedMacs(), [{ vni: 100, mac: MAC, ips: ['10.1.1.9'], vtep: '10.0.0.2', peer: 'p', sequence: 0, sticky: false }]);
  sp.emit({ kind: 'withdraw', peer: 'p', key: remote2(0, { ip: '10.1.1.9' }).key });
  assert.deepEqual(core.learnedMacs()[0]?.ips, []);
  sp.emit({ kind: 'peer-down', peer: 'p' });
  assert.deepEqual([core.learnedMacs(), core.remoteVteps()], [[], []]);
});

test('AS loop: a route with our AS in the path is not installed', () => {
  const { sp, core } = setup();
  const r = remote2(0);
  sp.emit({ kind: 'update', peer: 'p', route: { ...r, attributes: { ...r.attributes, asPath: [{ type: 2, asns: [65001, 65000] }] } } });
  assert.deepEqual(core.learnedMacs(), []);
});

test('mobility: a local learn after a remote one bumps the sequence; a higher remote takes it back', () => {
  const { sp, core } = setup();
  sp.emit({ kind: 'update', peer: 'p', route: remote2(2) });
  core.setLocal(scan({ [MAC]: [] }));
  assert.equal(sp.seqOf(MAC), 3);
  assert.deepEqual(core.learnedMacs(), [], 'our local claim holds the MAC');
  sp.emit({ kind: 'update', peer: 'p', route: remote2(4) });
  assert.equal(sp.seqOf(MAC), undefined, 'withdrawn: the MAC moved away');
  assert.equal(core.learnedMacs()[0]?.sequence, 4);
  // The kernel moves the entry to the VXLAN port (not local any more), then the host comes back.
  core.setLocal(scan({}));
  core.setLocal(scan({ [MAC]: [] }));
  assert.equal(sp.seqOf(MAC), 5);
});

test('mobility: a lower remote sequence does not take the MAC; equal sequences go to the lower VTEP', () => {
  const { sp, core } = setup();
  core.setLocal(scan({ [MAC]: [] }));
  sp.emit({ kind: 'update', peer: 'p', route: remote2(0, { vtep: '10.0.0.2' }) });
  assert.equal(sp.seqOf(MAC), 0, '10.0.0.1 < 10.0.0.2: ours holds');
  sp.emit({ kind: 'update', peer: 'q', route: type2Route(deriveEvi(100, { routerId: '10.0.0.0', asn: 65000, index: 100 }), '10.0.0.0', MAC, { sequence: 0 }) });
  assert.equal(sp.seqOf(MAC), undefined, '10.0.0.0 < 10.0.0.1: theirs wins');
});

test('sticky remote MAC: a local learn is not advertised', () => {
  const { sp, core } = setup();
  sp.emit({ kind: 'update', peer: 'p', route: remote2(0, { sticky: true }) });
  core.setLocal(scan({ [MAC]: [] }));
  assert.equal(sp.seqOf(MAC), undefined);
  assert.equal(core.learnedMacs()[0]?.sticky, true);
});

test('duplicate detection: N moves in the window freeze the MAC (listed), clearDuplicate resumes', () => {
  let t = 0;
  const { sp, core } = setup(() => t, 4);
  let seq = 0;
  // Moves: our learn over a remote claim (1 per round after the first remote), a remote claim over ours.
  for (let i = 0; i < 2; i++) {
    sp.emit({ kind: 'update', peer: 'p', route: remote2(seq++) }); // remote learns it
    core.setLocal(scan({})); // our entry replaced by the remote one
    t += 1;
    core.setLocal(scan({ [MAC]: [] })); // back here: a move
    seq = sp.seqOf(MAC)! + 1;
    t += 1;
  }
  assert.deepEqual(core.duplicateMacs(), [], 'not yet');
  sp.emit({ kind: 'update', peer: 'p', route: remote2(seq + 5) });
  const frozen = core.duplicateMacs();
  assert.equal(frozen.length, 1);
  assert.deepEqual([frozen[0]!.vni, frozen[0]!.mac, frozen[0]!.moves], [100, MAC, 4]);
  core.setLocal(scan({}));
  core.setLocal(scan({ [MAC]: [] }));
  assert.equal(sp.seqOf(MAC), undefined, 'frozen: no routes sent for it');
  assert.ok(core.clearDuplicate(100, MAC));
  assert.equal(sp.seqOf(MAC), seq + 6);
});

test('two cores through the in-memory fabric (eBGP: AS prepended), session loss and recovery', async () => {
  const fabric = new InMemoryEvpnFabric();
  const a = new EvpnCore({ speaker: fabric.speaker('A', { asn: 65001, routerId: '10.0.0.1' }), localVtep: '10.0.0.1' });
  const b = new EvpnCore({ speaker: fabric.speaker('B', { asn: 65002, routerId: '10.0.0.2' }), localVtep: '10.0.0.2' });
  a.setSegments([{ vni: 100, rt: '65000:100' }]);
  b.setSegments([{ vni: 100, rt: '65000:100' }]);
  a.setLocal(scan({ [MAC]: ['10.1.1.1'] }));
  await waitFor('B learns A MAC', () => b.learnedMacs().length === 1 && b.remoteVteps().length === 1);
  assert.deepEqual(b.learnedMacs()[0], { vni: 100, mac: MAC, ips: ['10.1.1.1'], vtep: '10.0.0.1', peer: 'A', sequence: 0, sticky: false });
  fabric.disconnect('A', 'B');
  await waitFor('B forgets', () => b.learnedMacs().length === 0 && b.remoteVteps().length === 0);
  fabric.connect('A', 'B');
  await waitFor('B relearns', () => b.learnedMacs().length === 1);
  a.close();
  await waitFor('A closing withdraws', () => b.learnedMacs().length === 0 && b.remoteVteps().length === 0);
  b.close();
});
