/**
 * Summary of a V8 CPU profile (.cpuprofile written by node --cpu-prof): self time per function
 * and per source file, as shares of the non-idle samples.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { relative } from 'node:path';
import { ROOT } from '../test/helpers/proc.js';

/** One line of the summary. */
export interface ProfileEntry {
  readonly name: string;
  /** Share of non-idle samples, percent. */
  readonly percent: number;
}

/** Top functions and files. */
export interface ProfileSummary {
  readonly file: string;
  readonly seconds: number;
  readonly idlePercent: number;
  readonly topFunctions: readonly ProfileEntry[];
  readonly topFiles: readonly ProfileEntry[];
}

interface CpuProfile {
  nodes: { id: number; hitCount?: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
}

const shortUrl = (url: string): string => {
  if (!url) return '(native)';
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  return path.startsWith('/') ? relative(ROOT, path) : path;
};

/** Reads `file` and ranks self time (top `n` of each list). */
export function summarizeProfile(file: string, n = 15): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const node of p.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const f = node.callFrame;
    if (f.functionName === '(idle)' || f.functionName === '(program)') {
      idle += hits;
      continue;
    }
    total += hits;
    const url = shortUrl(f.url);
    const fn = `${f.functionName || '(anonymous)'} ${url}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + hits);
    byFile.set(url, (byFile.get(url) ?? 0) + hits);
  }
  const top = (m: Map<string, number>): ProfileEntry[] =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, h]) => ({ name, percent: Math.round((h / Math.max(1, total)) * 1000) / 10 }));
  return {
    file,
    seconds: Math.round((p.endTime - p.startTime) / 1e5) / 10,
    idlePercent: Math.round((idle / Math.max(1, idle + total)) * 1000) / 10,
    topFunctions: top(byFn),
    topFiles: top(byFile),
  };
}

/**
 * Asks a bambud started with the CPU-profile preload (bench/lib/cpu-profile-preload.ts) for its
 * profile (SIGUSR2) and waits up to 120 s for the file in `dir`.
 * @returns the summary, or undefined when no profile was written (the process died or timed out)
 */
export async function collectProfile(pid: number, dir: string, alive: () => boolean, n = 15): Promise<ProfileSummary | undefined> {
  process.kill(pid, 'SIGUSR2');
  const deadline = performance.now() + 120_000;
  let f: string | undefined;
  while (!(f = readdirSync(dir).find((x) => x.endsWith('.cpuprofile'))) && performance.now() < deadline && alive()) {
    await new Promise((r) => setTimeout(r, 200));
  }
  return f ? summarizeProfile(join(dir, f), n) : undefined;
}
