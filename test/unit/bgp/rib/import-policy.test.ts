/**
 * The RIB's import hook (`Rib.importFilter`) and soft reconfiguration inbound (`Rib.reimport`):
 * the Adj-RIB-In keeps the received attributes, the Loc-RIB gets the filter's result (interned,
 * shared between prefixes), rejected paths leave the decision process and the accepted count,
 * and re-import after a filter change reports exactly the best-path changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rib, type PathSource, type RibChange } from '../../../../src/bgp/rib/index.js';
import { AS_PATH_SEGMENT, ORIGIN, type PathAttributes } from '../../../../src/bgp/types.js';

const ME = { asn: 65000, routerId: '10.255.0.1' };
const attrs = (o: Partial<PathAttributes> = {}): PathAttributes => ({ origin: ORIGIN.IGP, asPath: [{ type: AS_PATH_SEGMENT.AS_SEQUENCE, asns: [65001] }], atomicAggregate: false, nextHop: '192.0.2.1', ...o });
const peerA: PathSource = { kind: 'ebgp', address: '10.0.0.2', routerId: '10.0.0.2', asn: 65001, routeReflectorClient: false };
const peerB: PathSource = { kind: 'ebgp', address: '10.0.0.3', routerId: '10.0.0.3', asn: 65002, routeReflectorClient: false };

test('import filter: rejects and rewrites between Adj-RIB-In and Loc-RIB; reimport applies a new filter without touching Adj-RIB-In', () => {
  const changes: RibChange[] = [];
  const rib = new Rib(ME, (c) => changes.push(c));
  let pref = 200;
  rib.importFilter = (source, _f, prefix, a) => (prefix.startsWith('10.9.') ? undefined : source === peerA ? { ...a, localPref: pref } : a);
  rib.learn(peerA, 'ipv4-unicast', '10.1.0.0/16', attrs());
  rib.learn(peerA, 'ipv4-unicast', '10.2.0.0/16', attrs());
  rib.learn(peerA, 'ipv4-unicast', '10.9.0.0/16', attrs());
  rib.learn(peerB, 'ipv4-unicast', '10.1.0.0/16', attrs({ asPath: [] }));
  assert.equal(rib.adjRibIn(peerA.address).size(), 3, 'Adj-RIB-In keeps the rejected route');
  assert.equal(rib.adjRibIn(peerA.address).get('ipv4-unicast', '10.1.0.0/16')!.localPref, undefined, 'Adj-RIB-In keeps the received attributes');
  assert.equal(rib.best('ipv4-unicast', '10.9.0.0/16'), undefined);
  assert.equal(rib.acceptedCount(peerA.address), 2);
  const best = rib.best('ipv4-unicast', '10.1.0.0/16')!;
  assert.equal(best.source, peerA, 'LOCAL_PREF 200 from the filter beats the shorter AS path');
  assert.equal(best.attrs.localPref, 200);
  assert.equal(best.attrs, rib.best('ipv4-unicast', '10.2.0.0/16')!.attrs, 'rewritten attributes are interned and shared');

  changes.length = 0;
  pref = 50;
  rib.importFilter = (source, _f, prefix, a) => (prefix.startsWith('10.2.') ? undefined : source === peerA ? { ...a, localPref: pref } : a);
  rib.reimport(peerA);
  assert.equal(rib.adjRibIn(peerA.address).size(), 3);
  assert.deepEqual(
    changes.map((c) => [c.prefix, c.best?.source.address, c.best?.attrs.localPref]).sort(),
    [
      ['10.1.0.0/16', peerB.address, undefined],
      ['10.2.0.0/16', undefined, undefined],
      ['10.9.0.0/16', peerA.address, 50],
    ],
  );
  assert.equal(rib.acceptedCount(peerA.address), 2);
  rib.reimport(peerA);
  assert.equal(changes.length, 3, 'a re-import with the same result reports nothing');
});
