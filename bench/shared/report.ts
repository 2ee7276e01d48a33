import { availableParallelism, cpus, totalmem } from 'node:os';

/** A phase's result, or undefined when it failed (an Error) or did not run. */
export const measured = <T extends object>(r: T | Error | undefined): T | undefined =>
  r instanceof Error ? undefined : r;

/** A figure for the JSON result: rounded, or null when it is missing or not finite. */
export const round = (x: number | undefined, digits: number): number | null =>
  x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(digits));

/** The report's last line: what machine produced the figures, and when. */
export const machineLine = (extra = ''): string =>
  `machine: nproc ${availableParallelism()}, memory ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
  `${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}, ${new Date().toISOString()}${extra}`;
