import type { ServiceName } from '@sanshe/config';
import { round } from '../shared/report';
import type { Footprint, Mode } from './measure';

/** The figure for today's source run, per service while idle; the target is half of it. */
export const SOURCE_RUN_IDLE_MIB = 225;

const of = (results: Footprint[], service: ServiceName, mode: Mode) =>
  results.find((r) => r.service === service && r.mode === mode);

const total = (results: Footprint[], mode: Mode) =>
  results.filter((r) => r.mode === mode).reduce((sum, r) => sum + r.idleRssMiB, 0);

/** One row per service and one for the whole platform: idle RSS built and from source, and start-up times. */
export function footprintTable(results: Footprint[]): string {
  const header = `${'service'.padEnd(12)} ${'built MiB'.padStart(10)} ${'source MiB'.padStart(11)} ${'ratio'.padStart(6)} ${'built up s'.padStart(11)} ${'source up s'.padStart(12)} ${'built cpu s'.padStart(12)} ${'source cpu s'.padStart(13)}`;
  const services = [...new Set(results.map((r) => r.service))];
  const rows = services.map((service) => {
    const built = of(results, service, 'built');
    const source = of(results, service, 'source');
    const ratio = built && source ? built.idleRssMiB / source.idleRssMiB : NaN;
    return `${service.padEnd(12)} ${fmt(built?.idleRssMiB, 10)} ${fmt(source?.idleRssMiB, 11)} ${fmt(ratio, 6, 2)} ${fmt(built?.healthySeconds, 11)} ${fmt(source?.healthySeconds, 12)} ${fmt(built?.startCpuSeconds, 12)} ${fmt(source?.startCpuSeconds, 13)}`;
  });
  const [built, source] = [total(results, 'built'), total(results, 'source')];
  const platform = `${'platform'.padEnd(12)} ${fmt(built, 10)} ${fmt(source, 11)} ${fmt(built / source, 6, 2)}`;
  const target = SOURCE_RUN_IDLE_MIB / 2;
  const over = results.filter((r) => r.mode === 'built' && r.idleRssMiB > target).map((r) => r.service);
  const verdict = over.length
    ? `target (built ≤ ${target} MiB each, half the issue's ${SOURCE_RUN_IDLE_MIB}) missed by: ${over.join(', ')}`
    : `target met: every built service idles at ≤ ${target} MiB (half the issue's ${SOURCE_RUN_IDLE_MIB})`;
  return [header, ...rows, platform, verdict].join('\n');
}

const fmt = (x: number | undefined, width: number, digits = 1) =>
  (x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(digits)).padStart(width);

/** The last line: idle MiB per service in each mode, the platform's totals and built / source. */
export function footprintJson(results: Footprint[]): string {
  const byService = (mode: Mode, pick: (r: Footprint) => number, digits: number) =>
    Object.fromEntries(results.filter((r) => r.mode === mode).map((r) => [r.service, round(pick(r), digits)]));
  const [totalBuilt, totalSource] = [total(results, 'built'), total(results, 'source')];
  return JSON.stringify({
    built: byService('built', (r) => r.idleRssMiB, 1),
    source: byService('source', (r) => r.idleRssMiB, 1),
    totalBuilt: round(totalBuilt, 1),
    totalSource: round(totalSource, 1),
    ratio: round(totalBuilt / totalSource, 3),
    healthySeconds: {
      built: byService('built', (r) => r.healthySeconds, 1),
      source: byService('source', (r) => r.healthySeconds, 1),
    },
    startCpuSeconds: {
      built: byService('built', (r) => r.startCpuSeconds, 1),
      source: byService('source', (r) => r.startCpuSeconds, 1),
    },
  });
}
