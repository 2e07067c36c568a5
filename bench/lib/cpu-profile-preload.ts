/**
 * Preload for a profiled bambud (`node --import dist/bench/lib/cpu-profile-preload.js`, passed in
 * NODE_OPTIONS because --cpu-prof itself is not allowed there): starts the V8 CPU profiler through
 * node:inspector (1 ms sampling) and, on SIGUSR2, stops it and writes
 * BAMBU_BENCH_CPU_PROFILE_DIR/bambud-PID.cpuprofile (written to a .tmp name, then renamed, so a
 * reader never sees half a file). Does nothing without that variable.
 */
import { Session } from 'node:inspector';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BAMBU_BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  process.once('SIGUSR2', () => {
    session.post('Profiler.stop', (err, res) => {
      if (err || !res) return;
      const file = join(dir, `bambud-${process.pid}.cpuprofile`);
      writeFileSync(`${file}.tmp`, JSON.stringify(res.profile));
      renameSync(`${file}.tmp`, file);
    });
  });
}
