/**
 * diff: Observed kernel state × KernelSpec → Plan (ordered ops + errors). Pure; no I/O.
 *
 * Rules:
 *   - only links whose alias carries the ownership mark (names.ts) are created, changed or deleted;
 *     a foreign link in the way of a wanted name blocks that segment with an error;
 *   - a foreign interface listed as a gateway interface is enslaved to / released from our bridge,
 *     never deleted; one enslaved to a foreign bridge is left alone (error);
 *   - a VXLAN device whose VNI, local address, port or learning flag differs is recreated; its FDB
 *     then counts as empty. A bridge whose address changes (or that is new) counts as having no
 *     neighbour entries: the kernel flushes them on an address change;
 *   - FDB entries on our VXLAN devices (`self` with a dst, `master` static or extern_learn) and
 *     permanent or extern_learn neighbour entries on our bridges that are not wanted are deleted;
 *     nothing else is looked at (local learning on the other ports is the kernel's).
 * Op order: neighbour and FDB deletions, link deletions, link creations, link settings, bridge-port
 * flags, FDB additions, neighbour additions.
 */
import type { FdbSpec, KernelSpec, Observed, ObservedFdb, ObservedLink, Op, Owner, Plan, PlanError } from './types.js';
import { ZERO_MAC, isOwnedAlias, ownerAlias } from './names.js';

type Ops<K extends Op['op']> = Extract<Op, { op: K }>[];

const fdbKey = (e: { dev: string; mac: string; dst?: string; flag: string }): string =>
  e.flag === 'self' && e.mac === ZERO_MAC ? `${e.dev}|${e.mac}|self|${e.dst ?? ''}` : `${e.dev}|${e.mac}|${e.flag}`;

/**
 * Computes the ops that turn `obs` into `spec`.
 * @returns ops in apply order and errors (spec conflicts, foreign links in the way, missing interfaces)
 */
export function diff(obs: Observed, spec: KernelSpec): Plan {
  const links = new Map<string, ObservedLink>(obs.links.map((l) => [l.name, l]));
  const owned = (l: ObservedLink | undefined): l is ObservedLink => l !== undefined && isOwnedAlias(l.alias);
  const errors: PlanError[] = [...spec.errors];
  const linkDel = new Map<string, Ops<'link-del'>[number]>();
  const linkAdd: Op[] = [];
  const linkSet: Ops<'link-set'> = [];
  const portSet: Ops<'port-set'> = [];
  /** Devices whose FDB / neighbour table is (about to be) empty: new, recreated or re-addressed. */
  const fresh = new Set<string>();
  /** Devices that cannot be realized, with the reason. */
  const blocked = new Map<string, string>();
  const wanted = new Set<string>();
  const del = (name: string, owners: Owner[]): void => {
    if (!linkDel.has(name)) linkDel.set(name, { op: 'link-del', name, owners });
  };
  const foreign = (name: string): string => `interface ${name} exists and is not owned by bambu (alias ${JSON.stringify(links.get(name)?.alias ?? '')})`;

  for (const seg of spec.segments) {
    const owners = seg.owners;
    wanted.add(seg.bridge).add(seg.vxlan);
    const b = links.get(seg.bridge);
    const v = links.get(seg.vxlan);
    const block = b && !owned(b) ? foreign(seg.bridge) : v && !owned(v) ? foreign(seg.vxlan) : undefined;
    if (block) {
      blocked.set(seg.bridge, block).set(seg.vxlan, block);
      errors.push({ owners, message: block });
      continue;
    }

    // Bridge with a fixed address.
    if (!b || b.kind !== 'bridge') {
      if (b) del(b.name, owners);
      linkAdd.push({ op: 'bridge-add', name: seg.bridge, address: seg.bridgeMac, mtu: seg.mtu, alias: ownerAlias('bridge', seg.vni), owners });
      linkSet.push({ op: 'link-set', name: seg.bridge, up: true, owners });
      fresh.add(seg.bridge);
    } else {
      const set: Ops<'link-set'>[number] = { op: 'link-set', name: seg.bridge, owners };
      if (b.address !== seg.bridgeMac) {
        set.address = seg.bridgeMac;
        fresh.add(seg.bridge);
      }
      if (b.mtu !== seg.mtu) set.mtu = seg.mtu;
      if (!b.up) set.up = true;
      if (changes(set)) linkSet.push(set);
    }

    // VXLAN device as a bridge port: learning off, neighbour suppression on.
    const vxOk = v && v.kind === 'vxlan' && v.vxlan && v.vxlan.vni === seg.vni && v.vxlan.local === seg.local && v.vxlan.port === seg.port && !v.vxlan.learning;
    if (!vxOk) {
      if (v) del(v.name, owners);
      linkAdd.push({ op: 'vxlan-add', name: seg.vxlan, vni: seg.vni, local: seg.local, port: seg.port, mtu: seg.mtu, alias: ownerAlias('vxlan', seg.vni), owners });
      linkSet.push({ op: 'link-set', name: seg.vxlan, master: seg.bridge, up: true, owners });
      portSet.push({ op: 'port-set', name: seg.vxlan, learning: false, neighSuppress: true, owners });
      fresh.add(seg.vxlan);
    } else {
      const set: Ops<'link-set'>[number] = { op: 'link-set', name: seg.vxlan, owners };
      if (v.master !== seg.bridge || fresh.has(seg.bridge)) set.master = seg.bridge;
      if (v.mtu !== seg.mtu) set.mtu = seg.mtu;
      if (!v.up) set.up = true;
      if (changes(set)) linkSet.push(set);
      if (set.master !== undefined || !v.port || v.port.learning || !v.port.neighSuppress) {
        portSet.push({ op: 'port-set', name: seg.vxlan, learning: false, neighSuppress: true, owners });
      }
    }

    // Local interfaces.
    const portNames = new Set<string>();
    for (const p of seg.ports) {
      const l = links.get(p.name);
      portNames.add(p.name);
      if (p.vlan) {
        wanted.add(p.name);
        if (l && !owned(l)) {
          errors.push({ owners, message: foreign(p.name) });
          continue;
        }
        if (!links.has(p.vlan.parent)) {
          errors.push({ owners, message: `interface ${p.vlan.parent} not found` });
          if (l) del(l.name, owners);
          continue;
        }
        const ok = l && l.kind === 'vlan' && l.vlan?.id === p.vlan.id && l.vlan.parent === p.vlan.parent;
        if (!ok) {
          if (l) del(l.name, owners);
          linkAdd.push({ op: 'vlan-add', name: p.name, parent: p.vlan.parent, id: p.vlan.id, alias: ownerAlias('vlan', seg.vni), owners });
          linkSet.push({ op: 'link-set', name: p.name, master: seg.bridge, up: true, owners });
          continue;
        }
      } else {
        if (!l) {
          errors.push({ owners, message: `interface ${p.name} not found` });
          continue;
        }
        if (l.master && l.master !== seg.bridge && !owned(links.get(l.master))) {
          errors.push({ owners, message: `interface ${p.name} is a port of ${l.master}, which bambu does not own` });
          continue;
        }
      }
      if (l && (l.master !== seg.bridge || !l.up || fresh.has(seg.bridge))) linkSet.push({ op: 'link-set', name: p.name, master: seg.bridge, up: true, owners });
    }

    // Ports of our bridge that are no longer wanted: ours are deleted below, foreign ones released.
    if (b && b.kind === 'bridge') {
      for (const l of obs.links) {
        if (l.master !== seg.bridge || l.name === seg.vxlan || portNames.has(l.name) || isOwnedAlias(l.alias)) continue;
        linkSet.push({ op: 'link-set', name: l.name, master: null, owners });
      }
    }
  }

  // Our links that nothing wants any more (bridges, VXLAN devices, VLAN sub-interfaces).
  for (const l of obs.links) if (owned(l) && !wanted.has(l.name)) del(l.name, []);
  const gone = (dev: string): boolean => linkDel.has(dev) || fresh.has(dev);

  const entries: EntryContext = { links, owned, gone, blocked, errors };
  const fdb = diffFdb(obs, spec, entries);
  const neigh = diffNeigh(obs, spec, entries);

  const order = (a: Op, b: Op): number => rank(a) - rank(b);
  return {
    ops: [...neigh.del, ...fdb.del, ...linkDel.values(), ...[...linkAdd].sort(order), ...linkSet, ...portSet, ...fdb.add, ...neigh.add],
    errors,
  };
}

/** What the FDB and neighbour diffs need to know about the links. */
interface EntryContext {
  links: Map<string, ObservedLink>;
  owned: (l: ObservedLink | undefined) => l is ObservedLink;
  /** True for a device that is deleted, new or re-addressed: its table counts as empty. */
  gone: (dev: string) => boolean;
  blocked: Map<string, string>;
  /** Receives errors for entries on blocked devices. */
  errors: PlanError[];
}

/**
 * FDB: `self` entries with a dst and static `master` entries on our VXLAN devices. An entry whose
 * dst or state differs is replaced in place (`fdb replace`); an all-zeros entry is keyed by its dst
 * (one per remote VTEP), so a changed VTEP is a delete plus an append.
 */
function diffFdb(obs: Observed, spec: KernelSpec, c: EntryContext): { del: Ops<'fdb-del'>; add: Ops<'fdb-add'> } {
  const del: Ops<'fdb-del'> = [];
  const add: Ops<'fdb-add'> = [];
  const have = new Map<string, ObservedFdb>();
  for (const e of obs.fdb) {
    const l = c.links.get(e.dev);
    if (!c.owned(l) || l.kind !== 'vxlan' || c.gone(e.dev)) continue;
    if ((e.flag === 'self' && e.dst !== undefined) || (e.flag === 'master' && (e.state === 'static' || e.state === 'extern_learn'))) have.set(fdbKey(e), e);
  }
  const want = new Map<string, FdbSpec>(spec.fdb.map((e) => [fdbKey(e), e]));
  for (const [key, e] of have) {
    const w = want.get(key);
    const dst = e.dst !== undefined ? { dst: e.dst } : {};
    if (!w) del.push({ op: 'fdb-del', dev: e.dev, mac: e.mac, ...dst, flag: e.flag, owners: [] });
    else if (w.mac === ZERO_MAC && w.state !== e.state && !c.blocked.has(e.dev)) del.push({ op: 'fdb-del', dev: e.dev, mac: e.mac, ...dst, flag: e.flag, owners: w.owners });
  }
  for (const [key, w] of want) {
    const why = c.blocked.get(w.dev);
    if (why) {
      c.errors.push({ owners: w.owners, message: why });
      continue;
    }
    const o = have.get(key);
    if (o && o.dst === w.dst && o.state === w.state) continue;
    add.push({ op: 'fdb-add', dev: w.dev, mac: w.mac, ...(w.dst !== undefined ? { dst: w.dst } : {}), flag: w.flag, state: w.state, owners: w.owners });
  }
  return { del, add };
}

/** Permanent neighbour entries on our bridges: replaced when the MAC differs, deleted when unwanted. */
function diffNeigh(obs: Observed, spec: KernelSpec, c: EntryContext): { del: Ops<'neigh-del'>; add: Ops<'neigh-replace'> } {
  const del: Ops<'neigh-del'> = [];
  const add: Ops<'neigh-replace'> = [];
  const ours = (dev: string) => {
    const l = c.links.get(dev);
    return c.owned(l) && l.kind === 'bridge' && !c.gone(dev);
  };
  const have = new Map(obs.neigh.filter((n) => (n.permanent || n.externLearn === true) && ours(n.dev)).map((n) => [`${n.dev}|${n.ip}`, n]));
  const want = new Set(spec.neigh.map((n) => `${n.dev}|${n.ip}`));
  for (const [key, n] of have) if (!want.has(key)) del.push({ op: 'neigh-del', dev: n.dev, ip: n.ip, owners: [] });
  for (const w of spec.neigh) {
    const why = c.blocked.get(w.dev);
    if (why) {
      c.errors.push({ owners: w.owners, message: why });
      continue;
    }
    const o = have.get(`${w.dev}|${w.ip}`);
    if (!o || o.mac !== w.mac || (o.externLearn === true) !== (w.externLearn === true)) {
      add.push({ op: 'neigh-replace', dev: w.dev, ip: w.ip, mac: w.mac, ...(w.externLearn ? { externLearn: true } : {}), owners: w.owners });
    }
  }
  return { del, add };
}

/** True when a link-set op changes anything. */
function changes(s: Extract<Op, { op: 'link-set' }>): boolean {
  return s.master !== undefined || s.mtu !== undefined || s.address !== undefined || s.up !== undefined;
}

/** Creation order: bridges before the devices enslaved to them. */
function rank(op: Op): number {
  return op.op === 'bridge-add' ? 0 : op.op === 'vxlan-add' ? 1 : 2;
}
