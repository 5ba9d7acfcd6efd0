// Preloaded into the server under test (node --import) by `--profile`: samples the CPU from start-up and
// writes a .cpuprofile into BENCH_PROFILE_DIR when the process gets SIGTERM, before Nest shuts down.
// (node --cpu-prof would lose the profile: Nest re-kills itself with the signal, so Node never exits normally.)
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: Number(process.env.BENCH_PROFILE_INTERVAL_US ?? 500) });
  session.post('Profiler.start');
  process.prependOnceListener('SIGTERM', () => {
    session.post('Profiler.stop', (err, result) => {
      if (!err) writeFileSync(join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
