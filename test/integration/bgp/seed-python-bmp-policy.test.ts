/**
 * Issue 5, "Done when" 5: the seed's Python BMP snippet (seed 002 "BMP Management / AddBmpServer",
 * verbatim but for the collector address, which is this test's collector on 127.0.0.1 and a free
 * port) and the policy RPCs (AddDefinedSet, ListDefinedSets, AddPolicy, ListPolicies,
 * SetPolicyAssignment, RemovePolicy, RemoveDefinedSet, with the seed's message and field names)
 * run with /usr/bin/python3 and stubs generated from proto/bgp.proto against a real bambud.
 * The collector checks that bambud really connected and sent a BMP Initiation, and the
 * Termination after RemoveBmpServer.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBambud, type TestBambud } from '../../helpers/grpc.js';
import { generatePythonStubs, runPython } from '../../helpers/python.js';
import { waitFor } from '../../helpers/wait.js';

const SEED_BMP = `request = bgp_pb2.AddBmpServerRequest(
    address="127.0.0.1:11019",
    statistics_timeout=60  # Send stats every 60 seconds
)
response = client.AddBmpServer(request)
`;

const PRELUDE = (target: string) => `import grpc
from proto import bgp_pb2, bgp_pb2_grpc
channel = grpc.insecure_channel('${target}')
client = bgp_pb2_grpc.BgpServiceStub(channel)
`;

let daemon: TestBambud;
let dir: string;
let collector: Server;
let collectorPort: number;
let received = Buffer.alloc(0);
let closed = false;
const sockets: Socket[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bambu-py5-'));
  generatePythonStubs(dir);
  collector = createServer((s) => {
    sockets.push(s);
    s.on('data', (d) => (received = Buffer.concat([received, d])));
    s.on('close', () => (closed = true));
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => collector.listen(0, '127.0.0.1', () => r()));
  collectorPort = (collector.address() as { port: number }).port;
  daemon = await startTestBambud('peers:\n  - address: 127.0.0.2:17950\n    asn: 65050\n');
});
after(async () => {
  await daemon?.stop();
  for (const s of sockets) s.destroy();
  if (collector) await new Promise<void>((r) => collector.close(() => r()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('seed 002 AddBmpServer snippet: bambud connects to the collector and sends Initiation; list and remove work', async () => {
  const script = `${PRELUDE(daemon.grpc)}${SEED_BMP.replace('127.0.0.1:11019', `127.0.0.1:${collectorPort}`)}print(f"Add BMP: {response.success}")
for a in client.ListBmpServers(bgp_pb2.ListBmpServersRequest()).addresses:
    print(f"BMP server: {a}")
`;
  const r = runPython(dir, 'bmp.py', script, dir);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trimEnd().split('\n'), ['Add BMP: True', `BMP server: 127.0.0.1:${collectorPort}`]);
  await waitFor('BMP Initiation at the collector', () => received.length >= 6 && received[0] === 3 && received[5] === 4);
  const rm = runPython(dir, 'bmp_rm.py', `${PRELUDE(daemon.grpc)}print(client.RemoveBmpServer(bgp_pb2.RemoveBmpServerRequest(address="127.0.0.1:${collectorPort}")).success)\nprint(len(client.ListBmpServers(bgp_pb2.ListBmpServersRequest()).addresses))\n`, dir);
  assert.equal(rm.status, 0, rm.stderr);
  assert.deepEqual(rm.stdout.trimEnd().split('\n'), ['True', '0']);
  await waitFor('Termination, then the connection closes', () => closed);
  let o = 0;
  let lastType = -1;
  while (o + 6 <= received.length) {
    lastType = received[o + 5]!;
    o += received.readUInt32BE(o + 1);
  }
  assert.equal(o, received.length, 'whole BMP messages');
  assert.equal(lastType, 5, 'the last message is a Termination');
});

test('policy RPCs from Python: sets, a policy, an assignment, listings, FAILED_PRECONDITION, removal', () => {
  const script = `${PRELUDE(daemon.grpc)}
r = client.AddDefinedSet(bgp_pb2.AddDefinedSetRequest(set=bgp_pb2.DefinedSetConfig(
    set_type="prefix-set", name="bogons",
    prefix_set=bgp_pb2.PrefixSetData(prefixes=[bgp_pb2.PrefixMatch(prefix="10.0.0.0/8", masklength_range="8..32")]))))
print(f"AddDefinedSet: {r.success}")
client.AddDefinedSet(bgp_pb2.AddDefinedSetRequest(set=bgp_pb2.DefinedSetConfig(
    set_type="community-set", name="prefer", community_set=bgp_pb2.CommunitySetData(communities=["65050:100"]))))
client.AddDefinedSet(bgp_pb2.AddDefinedSetRequest(set=bgp_pb2.DefinedSetConfig(
    set_type="large-community-set", name="lc", large_community_set=bgp_pb2.LargeCommunitySetData(large_communities=["65050:1:2"]))))
for s in client.ListDefinedSets(bgp_pb2.ListDefinedSetsRequest()).sets:
    print(f"Set: {s.set_type} {s.name} {s.WhichOneof('set_data')}")
r = client.AddPolicy(bgp_pb2.AddPolicyRequest(name="import-50", statements=[
    bgp_pb2.StatementConfig(conditions=bgp_pb2.ConditionsConfig(match_prefix_set=bgp_pb2.MatchSetRef(set_name="bogons", match_option="any")),
                            actions=bgp_pb2.ActionsConfig(reject=True)),
    bgp_pb2.StatementConfig(conditions=bgp_pb2.ConditionsConfig(match_community_set=bgp_pb2.MatchSetRef(set_name="prefer", match_option="any")),
                            actions=bgp_pb2.ActionsConfig(local_pref=200, accept=True, add_communities=["65000:1:1"])),
]))
print(f"AddPolicy: {r.success}")
for p in client.ListPolicies(bgp_pb2.ListPoliciesRequest()).policies:
    print(f"Policy: {p.name} statements={len(p.statements)} first={p.statements[0].conditions.match_prefix_set.set_name}")
r = client.SetPolicyAssignment(bgp_pb2.SetPolicyAssignmentRequest(peer_address="127.0.0.2:17950", direction="import", policy_names=["import-50"], default_action="accept"))
print(f"SetPolicyAssignment: {r.success}")
peer = client.GetPeer(bgp_pb2.GetPeerRequest(address="127.0.0.2")).peer
print(f"Peer import: {list(peer.import_policies)} export: {list(peer.export_policies)}")
try:
    client.RemoveDefinedSet(bgp_pb2.RemoveDefinedSetRequest(set_type="prefix-set", name="bogons"))
except grpc.RpcError as e:
    print(f"RemoveDefinedSet: {e.code().name}")
client.SetPolicyAssignment(bgp_pb2.SetPolicyAssignmentRequest(peer_address="127.0.0.2", direction="import", policy_names=[]))
print(f"RemovePolicy: {client.RemovePolicy(bgp_pb2.RemovePolicyRequest(name='import-50')).success}")
print(f"RemoveDefinedSet all: {client.RemoveDefinedSet(bgp_pb2.RemoveDefinedSetRequest(set_type='prefix-set', all=True)).success}")
print(f"Sets left: {len(client.ListDefinedSets(bgp_pb2.ListDefinedSetsRequest(set_type='prefix-set')).sets)}")
`;
  const r = runPython(dir, 'policy.py', script, dir);
  assert.equal(r.status, 0, `${r.stderr}\n${r.stdout}`);
  assert.deepEqual(r.stdout.trimEnd().split('\n'), [
    'AddDefinedSet: True',
    'Set: prefix-set bogons prefix_set',
    'Set: community-set prefer community_set',
    'Set: large-community-set lc large_community_set',
    'AddPolicy: True',
    'Policy: import-50 statements=2 first=bogons',
    'SetPolicyAssignment: True',
    "Peer import: ['import-50'] export: []",
    'RemoveDefinedSet: FAILED_PRECONDITION',
    'RemovePolicy: True',
    'RemoveDefinedSet all: True',
    'Sets left: 0',
  ]);
});
