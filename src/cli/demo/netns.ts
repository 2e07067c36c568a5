/**
 * Network-namespace plumbing for `bambu demo`: create namespaces and veth links, run commands in
 * them, and remove everything again (also from an exit handler, so Ctrl-C and failures clean up).
 * Every address lives inside the namespaces; nothing leaves the machine.
 */
import { spawnSync } from 'node:child_process';

/** Result of a finished command. */
export interface RunResult {
  stdout: string;
  stderr: string;
  status: number;
}

/**
 * Runs a command synchronously.
 * @throws Error with the command line and stderr when `check` (default) and the status is not 0
 */
export function run(cmd: string, args: string[], opts: { check?: boolean; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): RunResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: opts.env ?? process.env, timeout: opts.timeoutMs ?? 30_000 });
  const out = { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status ?? -1 };
  if ((opts.check ?? true) && out.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${out.status}): ${(out.stderr || out.stdout || r.error?.message || '').trim()}`);
  }
  return out;
}

const live = new Set<string>();
process.on('exit', () => {
  for (const ns of live) spawnSync('ip', ['netns', 'del', ns]);
});

/** A namespace created by the demo. */
export class DemoNetns {
  private constructor(readonly name: string) {}

  /** Creates namespace `name` with `lo` up. @throws Error when it exists or cannot be created */
  static create(name: string): DemoNetns {
    run('ip', ['netns', 'add', name]);
    live.add(name);
    const ns = new DemoNetns(name);
    ns.exec('ip', ['link', 'set', 'lo', 'up']);
    return ns;
  }

  /** Runs `cmd` inside the namespace. */
  exec(cmd: string, args: string[], opts: { check?: boolean; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): RunResult {
    return run('ip', ['netns', 'exec', this.name, cmd, ...args], opts);
  }

  /** Deletes the namespace and everything in it. Idempotent. */
  destroy(): void {
    if (!live.delete(this.name)) return;
    run('ip', ['netns', 'del', this.name], { check: false });
  }
}

/** Connects two namespaces with a veth pair, optionally addressing each end ("10.99.0.1/24"). */
export function veth(a: DemoNetns, ifA: string, addrA: string | null, b: DemoNetns, ifB: string, addrB: string | null): void {
  run('ip', ['link', 'add', ifA, 'netns', a.name, 'type', 'veth', 'peer', 'name', ifB, 'netns', b.name]);
  for (const [ns, ifn, addr] of [[a, ifA, addrA], [b, ifB, addrB]] as const) {
    ns.exec('ip', ['link', 'set', ifn, 'addrgenmode', 'none'], { check: false });
    if (addr) ns.exec('ip', ['addr', 'add', addr, 'dev', ifn]);
    ns.exec('ip', ['link', 'set', ifn, 'up']);
  }
}
