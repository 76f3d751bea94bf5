/**
 * `NODE_OPTIONS=--import=bench/cpu-profile.js CPU_PROFILE_DIR=DIR`: a V8 CPU profile of the whole
 * process, written to DIR when it exits (open it in Chrome DevTools). Node refuses `--cpu-prof` in
 * NODE_OPTIONS, and the launcher starts services with arguments of its own.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import process from 'node:process';

const dir = process.env.CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1_000 });
  session.post('Profiler.start');
  let written = false;
  // At the stop signal rather than at exit: a drain cut short by SIGKILL would leave no profile.
  // The main thread's session answers synchronously, so this also runs to the end inside 'exit'.
  const write = () => {
    if (written) return;
    written = true;
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `${scriptName()}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.once('SIGTERM', write);
  process.once('SIGINT', write);
  process.once('exit', write);
}

/** services/gateway/src/main.ts -> gateway-src-main. */
function scriptName() {
  return (process.argv[1] ?? 'node').split(/[\\/]/).slice(-3).join('-').replace(/\.\w+$/, '').replace(/[^\w-]+/g, '_');
}
