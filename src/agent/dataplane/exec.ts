/**
 * Runs the system tools the data plane drives (`ip`, `ovs-vsctl`) without a shell.
 */
import { execFile } from 'node:child_process';
import { BambuError } from '../../lib/errors.js';

/** Result of a finished command. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  status: number;
}

/**
 * Runs `cmd args…` and waits for it.
 * @param timeoutMs kill after this long (default 30 s)
 * @returns stdout/stderr/status (status ≠ 0 is returned, not thrown)
 * @throws BambuError UNAVAILABLE when the program cannot be started (not installed)
 */
export function execTool(cmd: string, args: string[], timeoutMs = 30_000): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 64 << 20, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err && typeof err.code === 'string') {
        reject(new BambuError('UNAVAILABLE', `cannot run ${cmd}: ${err.message}`));
        return;
      }
      const status = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ stdout, stderr, status });
    });
  });
}

/**
 * Like execTool but a non-zero status is an error.
 * @throws BambuError INTERNAL "cmd args: stderr" on failure
 */
export async function execChecked(cmd: string, args: string[], timeoutMs?: number): Promise<string> {
  const r = await execTool(cmd, args, timeoutMs);
  if (r.status !== 0) throw new BambuError('INTERNAL', `${cmd} ${args.join(' ')}: ${(r.stderr || r.stdout).trim() || `exit ${r.status}`}`);
  return r.stdout;
}
