/**
 * Issue 3, done-when 1: two sites in namespaces, one bambud (own SQLite database) per gateway,
 * configured only through the `bambu l2-…` CLI. hostA pings hostB and back; with flood off and no
 * remote MAC traffic stops; ARP for a remote IP is answered by the local gateway when the MAC
 * entry carries that IP (with flooding off the request cannot cross, so only the local answer can
 * resolve it; and with flooding on, a capture on the underlay shows that hostA's ARP request for
 * hostB crosses only while hostB's MAC entry has no IP).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../../helpers/wait.js';
import { startDaemon } from '../../helpers/proc.js';
import { HOST_A, HOST_B, VTEP_A, VTEP_B, ours, ping, snapshot } from './topology.js';
import { connectSite, useTwoGatewaySites } from './daemon.js';

describe('two sites configured through the bambu CLI', () => {
  let connA: { connectionId: string; macIds: string[] };
  let connB: { connectionId: string; macIds: string[] };

  const sites = useTwoGatewaySites('cli');

  const neighOf = (host: 'A' | 'B', ip: string): string | undefined => {
    const ns = host === 'A' ? sites.t.hostA : sites.t.hostB;
    const n = JSON.parse(ns.exec('ip', ['-j', 'neigh', 'show', ip, 'dev', 'eth0']).stdout) as { lladdr?: string; state?: string[] }[];
    return n[0]?.state?.includes('FAILED') || n[0]?.state?.includes('INCOMPLETE') ? undefined : n[0]?.lladdr;
  };
  const flush = () => {
    sites.t.hostA.exec('ip', ['neigh', 'flush', 'dev', 'eth0']);
    sites.t.hostB.exec('ip', ['neigh', 'flush', 'dev', 'eth0']);
  };

  it('seed commands on both gateways: hostA pings hostB and back; objects become ACTIVE', async () => {
    connA = connectSite(sites.A, { name: 'gwA', iface: 'hst0', remoteName: 'siteB', remoteVtep: VTEP_B, vni: 5000, macs: [{ mac: HOST_B.mac, ip: HOST_B.ip }] });
    connB = connectSite(sites.B, { name: 'gwB', iface: 'hst0', remoteName: 'siteA', remoteVtep: VTEP_A, vni: 5000, macs: [{ mac: HOST_A.mac, ip: HOST_A.ip }] });
    await waitFor('hostA → hostB', () => ping(sites.t.hostA, HOST_B.ip));
    await waitFor('hostB → hostA', () => ping(sites.t.hostB, HOST_A.ip));
    await waitFor('statuses ACTIVE', () => {
      const conns = sites.A.json<{ status: string }[]>(['l2-remote-gateway-connection-list']);
      const macs = sites.A.json<{ status: string }[]>(['l2-remote-mac-list']);
      return conns.length === 1 && macs.length === 1 && [...conns, ...macs].every((o) => o.status === 'ACTIVE');
    });
    const s = ours(await snapshot(sites.t.bgwA));
    assert.deepEqual(s.fdb, [`bvx5000 00:00:00:00:00:00 ${VTEP_B} self permanent`, `bvx5000 ${HOST_B.mac} - master static`, `bvx5000 ${HOST_B.mac} ${VTEP_B} self static`]);
    assert.deepEqual(s.neigh, [`bbr5000 ${HOST_B.ip} ${HOST_B.mac}`]);
  });

  it('flood off (connection update --no-flood) and no remote MAC: traffic stops', async () => {
    sites.A.cli(['l2-remote-gateway-connection-update', connA.connectionId, '--no-flood']);
    sites.B.cli(['l2-remote-gateway-connection-update', connB.connectionId, '--no-flood']);
    sites.A.cli(['l2-remote-mac-delete', connA.macIds[0]!]);
    sites.B.cli(['l2-remote-mac-delete', connB.macIds[0]!]);
    await waitFor('bgwA: no FDB entry on bvx5000', async () => ours(await snapshot(sites.t.bgwA)).fdb.length === 0);
    await waitFor('bgwB: no FDB entry on bvx5000', async () => ours(await snapshot(sites.t.bgwB)).fdb.length === 0);
    flush();
    assert.equal(ping(sites.t.hostA, HOST_B.ip), false, 'hostA → hostB must fail');
    assert.equal(ping(sites.t.hostB, HOST_A.ip), false, 'hostB → hostA must fail');
  });

  it('flood off, remote MACs without IP: ARP cannot cross, so hostA cannot resolve hostB', async () => {
    connA.macIds = [sites.A.json<{ id: string }>(['l2-remote-mac-create', HOST_B.mac, connA.connectionId]).id];
    connB.macIds = [sites.B.json<{ id: string }>(['l2-remote-mac-create', HOST_A.mac, connB.connectionId]).id];
    await waitFor('bgwA: MAC entries', async () => ours(await snapshot(sites.t.bgwA)).fdb.length === 2);
    await waitFor('bgwB: MAC entries', async () => ours(await snapshot(sites.t.bgwB)).fdb.length === 2);
    flush();
    assert.equal(ping(sites.t.hostA, HOST_B.ip), false);
    assert.equal(neighOf('A', HOST_B.ip), undefined, 'ARP for hostB unanswered');
  });

  it('l2-remote-mac-update --ipaddr: bgwA answers ARP for hostB locally and unicast crosses', async () => {
    sites.A.cli(['l2-remote-mac-update', HOST_B.mac, connA.connectionId, `--ipaddr=${HOST_B.ip}`]);
    sites.B.cli(['l2-remote-mac-update', HOST_A.mac, connB.connectionId, `--ipaddr=${HOST_A.ip}`]);
    await waitFor('bgwA: permanent neighbour on the bridge', async () => ours(await snapshot(sites.t.bgwA)).neigh.length === 1);
    await waitFor('bgwB: permanent neighbour on the bridge', async () => ours(await snapshot(sites.t.bgwB)).neigh.length === 1);
    flush();
    await waitFor('hostA → hostB with flooding off', () => ping(sites.t.hostA, HOST_B.ip));
    assert.equal(neighOf('A', HOST_B.ip), HOST_B.mac, "hostA learnt hostB's MAC from bgwA's answer");
    assert.equal(ping(sites.t.hostB, HOST_A.ip), true);
  });

  /**
   * Captures VXLAN on bgwB's underlay while hostA (neighbour cache flushed) pings hostB; tshark
   * prints one line per packet (`-l`), "<ARP sender IP>\t<ICMP type>", and the capture ends once
   * the echo request has been seen (an ARP request, if any, precedes it).
   * @returns whether an ARP request from hostA and an ICMP echo request crossed the underlay
   */
  const captureCrossing = async (): Promise<{ arp: boolean; icmp: boolean }> => {
    const [cmd, args] = sites.t.bgwB.wrap('tshark', ['-n', '-l', '-i', 'und0', '-f', 'udp port 4789', '-T', 'fields', '-e', 'arp.src.proto_ipv4', '-e', 'icmp.type', '-a', 'duration:60']);
    const cap = startDaemon(cmd, args);
    const lines = () => cap.output().split('\n').map((l) => l.split('\t'));
    try {
      await waitFor('tshark capturing', () => {
        if (cap.child.exitCode !== null) throw new Error(`tshark exited: ${cap.output()}`);
        return cap.output().includes('Capture started');
      });
      flush();
      await waitFor('hostA → hostB', () => ping(sites.t.hostA, HOST_B.ip));
      await waitFor('echo request captured on the underlay', () => lines().some((l) => l[1] === '8'));
    } finally {
      await cap.stop('SIGKILL');
    }
    return { arp: lines().some((l) => l[0] === HOST_A.ip), icmp: lines().some((l) => l[1] === '8') };
  };

  it('flood on: ARP for hostB crosses the underlay without its IP on bgwA, and not with it', async () => {
    sites.A.cli(['l2-remote-gateway-connection-update', connA.connectionId, '--flood']);
    sites.B.cli(['l2-remote-gateway-connection-update', connB.connectionId, '--flood']);
    sites.A.cli(['l2-remote-mac-delete', connA.macIds[0]!]);
    connA.macIds = [sites.A.json<{ id: string }>(['l2-remote-mac-create', HOST_B.mac, connA.connectionId]).id];
    await waitFor('bgwA: flood entry, MAC without neighbour', async () => {
      const s = ours(await snapshot(sites.t.bgwA));
      return s.fdb.length === 3 && s.neigh.length === 0;
    });
    await waitFor('bgwB: flood entry', async () => ours(await snapshot(sites.t.bgwB)).fdb.length === 3);
    assert.deepEqual(await captureCrossing(), { arp: true, icmp: true }, 'without the IP, the ARP request is flooded to bgwB');

    sites.A.cli(['l2-remote-mac-update', HOST_B.mac, connA.connectionId, `--ipaddr=${HOST_B.ip}`]);
    await waitFor('bgwA: permanent neighbour on the bridge', async () => ours(await snapshot(sites.t.bgwA)).neigh.length === 1);
    assert.deepEqual(await captureCrossing(), { arp: false, icmp: true }, 'with the IP, bgwA answers and the request never crosses');
    assert.equal(neighOf('A', HOST_B.ip), HOST_B.mac);
  });
});
