/**
 * Linux dataplane adapter: observes the kernel with `ip -j` / `bridge -j` and applies ops with
 * `ip -force -batch -` / `bridge -force -batch -` (one process per run of consecutive ops of one
 * tool). Runs in the caller's network namespace, or in `netns` (iproute2 `-n`) when given.
 */
import type { ApplyResult, Dataplane, Observed, Op } from '../types.js';
import { exec, parseBatchErrors } from './exec.js';
import { parseAddrs, parseFdb, parseLinks, parseNeigh } from './parse.js';
import { render } from './render.js';

/** The kernel, through iproute2. */
export class LinuxDataplane implements Dataplane {
  private readonly ns: string[];

  /** @param opts.netns run every command in this named namespace (tests); default: our own */
  constructor(opts: { netns?: string } = {}) {
    this.ns = opts.netns ? ['-n', opts.netns] : [];
  }

  private async json(tool: 'ip' | 'bridge', args: string[]): Promise<string> {
    const r = await exec(tool, [...this.ns, '-j', ...args]);
    if (r.code !== 0) throw new Error(`${tool} ${args.join(' ')}: ${r.stderr.trim() || `exit ${r.code}`}`);
    return r.stdout;
  }

  /** Reads links, FDB, neighbours and addresses. @throws Error when iproute2 fails or prints bad JSON */
  async observe(): Promise<Observed> {
    const [links, fdb, neigh, addrs] = await Promise.all([
      this.json('ip', ['-d', 'link', 'show']),
      this.json('bridge', ['fdb', 'show']),
      this.json('ip', ['neigh', 'show']),
      this.json('ip', ['addr', 'show']),
    ]);
    return { links: parseLinks(links), fdb: parseFdb(fdb), neigh: parseNeigh(neigh), addrs: parseAddrs(addrs) };
  }

  /** Applies `ops` in order; a failing line does not stop the rest. Never throws. */
  async apply(ops: Op[]): Promise<ApplyResult> {
    const failed: ApplyResult['failed'] = [];
    let i = 0;
    while (i < ops.length) {
      const tool = render(ops[i]!).tool;
      const lines: string[] = [];
      const lineOp: Op[] = [];
      for (; i < ops.length && render(ops[i]!).tool === tool; i++) {
        for (const l of render(ops[i]!).lines) {
          lines.push(l);
          lineOp.push(ops[i]!);
        }
      }
      if (lines.length === 0) continue;
      const r = await exec(tool, [...this.ns, '-force', '-batch', '-'], lines.join('\n') + '\n');
      const errs = parseBatchErrors(r.stderr);
      if (r.code !== 0 && errs.size === 0) {
        // The tool itself failed (not found, killed): every op of the run failed.
        const msg = r.stderr.trim() || `${tool} exited ${r.code}`;
        for (const op of new Set(lineOp)) failed.push({ op, message: msg });
        continue;
      }
      const byOp = new Map<Op, string[]>();
      for (const [n, msg] of errs) {
        const op = lineOp[n - 1];
        if (!op) continue;
        byOp.set(op, [...(byOp.get(op) ?? []), `${lines[n - 1]}: ${msg}`]);
      }
      for (const [op, msgs] of byOp) failed.push({ op, message: msgs.join('; ') });
    }
    return { failed };
  }
}
