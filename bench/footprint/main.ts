import { errorStack } from '@sanshe/common';
import type { ServiceName } from '@sanshe/config';
import { buildApps, builtServices } from '@sanshe/infra';
import { readKnobs } from '../shared/cli';
import { machineLine } from '../shared/report';
import { measureAll, stopRunning } from './measure';
import { footprintJson, footprintTable } from './report';

/**
 * `npm run bench:footprint`: builds the services (dist/apps; BENCH_SERVICES=a,b for some), then for each starts it built and from
 * source (today's run, the baseline of the same run), one at a time against the running local servers, waits
 * for /health and an idle spell, reads its resident memory by pid, stops it. Prints a table per service and
 * the platform; the last line is JSON. Exit codes: 0 measured; 1 a start or a measurement failed; 3 watchdog.
 */
const KNOBS = {
  'idle-ms': { env: 'BENCH_IDLE_MS', def: 5000, min: 0, help: 'idle time after /health before reading RSS' },
  'watchdog-s': { env: 'BENCH_WATCHDOG_S', def: 900, min: 60, help: 'stop everything after this long' },
};

async function main(): Promise<number> {
  const knob = readKnobs(KNOBS, process.argv.slice(2), process.env);
  const services = (process.env.BENCH_SERVICES?.split(',').filter(Boolean) ?? builtServices()) as ServiceName[];
  const watchdog = setTimeout(
    () => {
      console.error(`\nwatchdog: the run took longer than ${knob('watchdog-s')} s; stopping what it started`);
      void stopRunning().finally(() => process.exit(3));
    },
    knob('watchdog-s') * 1000,
  );
  process.once('SIGINT', () => void stopRunning().finally(() => process.exit(130)));
  try {
    console.log('bench:footprint — building (dist/apps)');
    for (const { service, seconds } of await buildApps(services))
      console.log(`  ${service} in ${seconds.toFixed(1)} s`);
    console.log(`\nidle ${knob('idle-ms')} ms after /health, then VmRSS of the started process`);
    const results = await measureAll(knob('idle-ms'), services);
    console.log(`\n${footprintTable(results)}\n${machineLine()}`);
    console.log(footprintJson(results));
    return 0;
  } catch (err) {
    console.error(`bench:footprint failed: ${errorStack(err)}`);
    return 1;
  } finally {
    clearTimeout(watchdog);
    await stopRunning();
  }
}

void main().then((code) => (process.exitCode = code));
