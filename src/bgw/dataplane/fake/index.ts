/**
 * In-memory dataplane with the Linux adapter's interface (STYLE idea 12), for unit tests of the
 * reconciler: applies ops to an Observed model with the kernel's main rules (names unique, ports
 * need an existing bridge, FDB and neighbour entries need their device, deleting a device drops
 * its entries and releases its ports, changing a bridge's address flushes its neighbours).
 * Failures can be injected per op.
 */
import type { ApplyResult, Dataplane, Observed, ObservedLink, Op } from '../types.js';
import { ZERO_MAC } from '../names.js';

/** The fake kernel. */
export class FakeDataplane implements Dataplane {
  /** Current state; tests may read and edit it directly (e.g. to add foreign links). */
  state: Observed;
  /** Every op applied, in order (including failed ones). */
  readonly log: Op[] = [];
  /** Number of observe() calls. */
  observeCount = 0;
  /** Injected failure: ops for which it returns a message fail with that message. */
  failWith: ((op: Op) => string | undefined) | undefined;

  constructor(initial?: Partial<Observed>) {
    this.state = { links: [], fdb: [], neigh: [], addrs: [], ...structuredClone(initial ?? {}) };
  }

  /** A deep copy of the current state. */
  async observe(): Promise<Observed> {
    this.observeCount++;
    return structuredClone(this.state);
  }

  /** Applies ops in order; failing ones are reported and skipped. */
  async apply(ops: Op[]): Promise<ApplyResult> {
    const failed: ApplyResult['failed'] = [];
    for (const op of ops) {
      this.log.push(op);
      const injected = this.failWith?.(op);
      const message = injected ?? this.applyOne(op);
      if (message) failed.push({ op, message });
    }
    return { failed };
  }

  private link(name: string): ObservedLink | undefined {
    return this.state.links.find((l) => l.name === name);
  }

  /** @returns an error message, or undefined on success */
  private applyOne(op: Op): string | undefined {
    const s = this.state;
    const add = (l: ObservedLink): string | undefined => {
      if (this.link(l.name)) return 'RTNETLINK answers: File exists';
      s.links.push(l);
      return undefined;
    };
    switch (op.op) {
      case 'link-del': {
        if (!this.link(op.name)) return `Cannot find device "${op.name}"`;
        s.links = s.links.filter((l) => l.name !== op.name && !(l.vlan?.parent === op.name));
        for (const l of s.links) if (l.master === op.name) delete l.master, delete l.port;
        s.fdb = s.fdb.filter((e) => e.dev !== op.name);
        s.neigh = s.neigh.filter((n) => n.dev !== op.name);
        return undefined;
      }
      case 'bridge-add':
        return add({ name: op.name, kind: 'bridge', alias: op.alias, mtu: op.mtu, up: false, address: op.address });
      case 'vxlan-add':
        return add({ name: op.name, kind: 'vxlan', alias: op.alias, mtu: op.mtu, up: false, address: '02:00:00:00:00:99', vxlan: { vni: op.vni, local: op.local, port: op.port, learning: false } });
      case 'vlan-add': {
        const parent = this.link(op.parent);
        if (!parent) return `Cannot find device "${op.parent}"`;
        return add({ name: op.name, kind: 'vlan', alias: op.alias, mtu: parent.mtu, up: false, address: parent.address, vlan: { id: op.id, parent: op.parent } });
      }
      case 'link-set': {
        const l = this.link(op.name);
        if (!l) return `Cannot find device "${op.name}"`;
        if (op.master === null) delete l.master, delete l.port;
        if (op.address !== undefined) {
          l.address = op.address;
          if (l.kind === 'bridge') s.neigh = s.neigh.filter((n) => n.dev !== l.name);
        }
        if (op.mtu !== undefined) l.mtu = op.mtu;
        if (typeof op.master === 'string') {
          const m = this.link(op.master);
          if (!m || m.kind !== 'bridge') return `Device "${op.master}" is not a bridge`;
          if (l.master !== op.master) l.port = { learning: true, neighSuppress: false };
          l.master = op.master;
        }
        if (op.up) l.up = true;
        return undefined;
      }
      case 'port-set': {
        const l = this.link(op.name);
        if (!l?.port) return `Cannot find bridge port "${op.name}"`;
        l.port = { learning: op.learning, neighSuppress: op.neighSuppress };
        return undefined;
      }
      case 'fdb-add': {
        const l = this.link(op.dev);
        if (!l) return `Cannot find device "${op.dev}"`;
        if (op.flag === 'master' && !l.master) return 'RTNETLINK answers: Operation not supported';
        const same = (e: (typeof s.fdb)[number]) =>
          e.dev === op.dev && e.mac === op.mac && e.flag === op.flag && (op.flag !== 'self' || op.mac !== ZERO_MAC || e.dst === op.dst);
        if (op.mac === ZERO_MAC && s.fdb.some(same)) return 'RTNETLINK answers: File exists';
        s.fdb = s.fdb.filter((e) => !same(e));
        s.fdb.push({ dev: op.dev, mac: op.mac, flag: op.flag, state: op.state, ...(op.dst !== undefined ? { dst: op.dst } : {}) });
        return undefined;
      }
      case 'fdb-del': {
        const before = s.fdb.length;
        s.fdb = s.fdb.filter((e) => !(e.dev === op.dev && e.mac === op.mac && e.flag === op.flag && (op.mac !== ZERO_MAC || op.dst === undefined || e.dst === op.dst)));
        return s.fdb.length === before ? 'RTNETLINK answers: No such file or directory' : undefined;
      }
      case 'neigh-replace': {
        if (!this.link(op.dev)) return `Cannot find device "${op.dev}"`;
        s.neigh = s.neigh.filter((n) => !(n.dev === op.dev && n.ip === op.ip));
        s.neigh.push(op.externLearn ? { dev: op.dev, ip: op.ip, mac: op.mac, permanent: false, externLearn: true } : { dev: op.dev, ip: op.ip, mac: op.mac, permanent: true });
        return undefined;
      }
      case 'neigh-del': {
        const before = s.neigh.length;
        s.neigh = s.neigh.filter((n) => !(n.dev === op.dev && n.ip === op.ip));
        return s.neigh.length === before ? 'RTNETLINK answers: No such file or directory' : undefined;
      }
    }
  }
}
