/**
 * Runs iproute2 commands asynchronously, optionally in a named network namespace (`-n NS`), and
 * parses batch-mode failures (`-force -batch -`: iproute2 prints the error text followed by
 * `Command failed -:LINE` and goes on with the next line).
 */
import { spawn } from 'node:child_process';

/** Result of a finished command. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs `cmd args…`, feeding `input` on stdin.
 * @param timeoutMs kill the command after this many milliseconds (default 30 000)
 * @returns output and exit code (-1 when killed or not started; the error text lands in stderr)
 */
export function exec(cmd: string, args: string[], input?: string, timeoutMs = 30_000): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ stdout, stderr: `${stderr}${cmd}: ${err.message}`, code: -1 });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code: code ?? -1 });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

/**
 * Maps `-force -batch` stderr to failed line numbers (1-based) and their error text.
 * Lines before a `Command failed -:N` marker (since the previous marker) are line N's message.
 */
export function parseBatchErrors(stderr: string): Map<number, string> {
  const out = new Map<number, string>();
  let pending: string[] = [];
  for (const line of stderr.split('\n')) {
    const m = /^Command failed -:(\d+)\s*$/.exec(line);
    if (m) {
      out.set(Number(m[1]), pending.join('; ').trim() || 'command failed');
      pending = [];
    } else if (line.trim() !== '') {
      pending.push(line.trim());
    }
  }
  return out;
}
