/** Child-process helpers for tests: run commands, start daemons, stop them reliably. */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { join } from 'node:path';
import { createServer } from 'node:net';

/** Project root (where package.json lives), from the compiled file's location dist/test/helpers. */
export const ROOT = process.env.BAMBU_ROOT ?? join(new URL('.', import.meta.url).pathname, '..', '..', '..');

/** Absolute paths of the compiled bins. */
export const BAMBUD = join(ROOT, 'dist', 'src', 'bin', 'bambud.js');
export const BAMBU = join(ROOT, 'dist', 'src', 'bin', 'bambu.js');

/**
 * Runs a command synchronously.
 * @returns stdout/stderr as strings and the exit status
 * @throws Error with stderr when `check` is true (default) and the exit status is not 0
 */
export function run(cmd: string, args: string[], opts: { check?: boolean; input?: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): { stdout: string; stderr: string; status: number } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input: opts.input, env: opts.env ?? process.env, cwd: opts.cwd, timeout: opts.timeoutMs ?? 60_000 });
  const out = { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status ?? -1 };
  if ((opts.check ?? true) && out.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${out.status}${r.error ? ` (${r.error.message})` : ''}: ${out.stderr || out.stdout}`);
  }
  return out;
}

/** A started background process with its collected output. */
export interface Daemon {
  child: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/**
 * Starts a long-running process, collecting stdout+stderr (last 1 MiB) for diagnostics.
 * `stop()` sends SIGTERM (or the given signal), then SIGKILL after 5 s.
 */
export function startDaemon(cmd: string, args: string[], opts: SpawnOptions = {}): Daemon {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  let buf = '';
  const collect = (d: Buffer) => {
    buf += d.toString();
    if (buf.length > 1 << 20) buf = buf.slice(-(1 << 20));
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    child,
    output: () => buf,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Asks the kernel for a TCP port free on 127.0.0.1 right now (closed again before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
