/**
 * Preload for a profiled bambud (`node --import dist/bench/lib/cpu-profile-preload.js`, passed in
 * NODE_OPTIONS because --cpu-prof itself is not allowed there): starts the V8 CPU profiler through
 * node:inspector and writes BAMBU_BENCH_CPU_PROFILE_DIR/bambud-PID.cpuprofile when the process
 * exits (bambud exits with process.exit after SIGTERM). Does nothing without that variable.
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BAMBU_BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // The in-thread inspector session answers synchronously, so this runs before the exit.
    session.post('Profiler.stop', (err, res) => {
      if (!err && res) writeFileSync(join(dir, `bambud-${process.pid}.cpuprofile`), JSON.stringify(res.profile));
    });
  });
}
