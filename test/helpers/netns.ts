/**
 * Network namespaces for tests: each test creates its own uniquely named namespaces and veth links,
 * and removes them afterwards (also on failure, via `cleanup()` in an `after` hook and on exit).
 * Only addresses inside these namespaces are used; nothing leaves the machine.
 */
import { run } from './proc.js';

const created = new Set<string>();
process.on('exit', () => {
  for (const ns of created) run('ip', ['netns', 'del', ns], { check: false });
});

/** A namespace created by a test. */
export class Netns {
  private constructor(readonly name: string) {}

  /**
   * Creates a namespace named `bambu-<prefix>-<pid>-<n>` (≤ 30 chars kept short for interface names
   * derived from it) with `lo` up.
   */
  static create(prefix: string): Netns {
    const name = `bt-${prefix}-${process.pid % 100000}-${created.size}`;
    run('ip', ['netns', 'add', name]);
    created.add(name);
    const ns = new Netns(name);
    ns.exec('ip', ['link', 'set', 'lo', 'up']);
    return ns;
  }

  /** Runs a command inside the namespace; throws on non-zero exit unless check is false. */
  exec(cmd: string, args: string[], opts: { check?: boolean; input?: string; timeoutMs?: number } = {}) {
    return run('ip', ['netns', 'exec', this.name, cmd, ...args], opts);
  }

  /** argv prefix for spawning a long-running process inside the namespace. */
  wrap(cmd: string, args: string[]): [string, string[]] {
    return ['ip', ['netns', 'exec', this.name, cmd, ...args]];
  }

  /** Deletes the namespace (and with it every interface inside). Idempotent. */
  destroy(): void {
    if (!created.has(this.name)) return;
    run('ip', ['netns', 'del', this.name], { check: false });
    created.delete(this.name);
  }
}

/**
 * Connects two namespaces with a veth pair and assigns addresses.
 * @param a,b      namespaces
 * @param ifA,ifB  interface names (≤ 15 chars)
 * @param addrA,addrB CIDR addresses, e.g. "10.99.0.1/24" (namespace-internal only)
 */
export function link(a: Netns, ifA: string, addrA: string | null, b: Netns, ifB: string, addrB: string | null): void {
  run('ip', ['link', 'add', ifA, 'netns', a.name, 'type', 'veth', 'peer', 'name', ifB, 'netns', b.name]);
  for (const [ns, ifn, addr] of [[a, ifA, addrA], [b, ifB, addrB]] as const) {
    ns.exec('ip', ['link', 'set', ifn, 'addrgenmode', 'none'], { check: false });
    if (addr) ns.exec('ip', ['addr', 'add', addr, 'dev', ifn, ...(addr.includes(':') ? ['nodad'] : [])]);
    ns.exec('ip', ['link', 'set', ifn, 'up']);
  }
}
