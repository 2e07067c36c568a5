/** Resource figures of a process from /proc (Linux): memory (status) and CPU time (stat). */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/PID/stat times (USER_HZ; 100 on Linux). */
const CLK_TCK = 100;

/** A snapshot of one process. */
export interface ProcSample {
  /** Resident set size now, octets (VmRSS). */
  readonly rss: number;
  /** Peak resident set size, octets (VmHWM). */
  readonly hwm: number;
  /** User + system CPU time of all threads, seconds (utime + stime). */
  readonly cpu: number;
}

/**
 * Reads /proc/PID/status and /proc/PID/stat.
 * @returns undefined when the process is gone
 */
export function sampleProc(pid: number): ProcSample | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" closing comm: state is field 3, utime 14, stime 15.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpu = (Number(f[11]) + Number(f[12])) / CLK_TCK;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM'), cpu };
  } catch {
    return undefined;
  }
}

/** Octets as MiB with one decimal. */
export function mib(octets: number): number {
  return Math.round((octets / 1048576) * 10) / 10;
}
