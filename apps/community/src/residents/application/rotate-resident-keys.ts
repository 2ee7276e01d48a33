import type { DataSource } from 'typeorm';
import { ResidentRepository } from '../domain/resident.repository';
import type { ResidentSealer } from '../infrastructure/resident-sealer';

export interface RotationReport {
  activeKeyId: string;
  /** Rows re-encrypted under the active key by this run. */
  rotated: number;
  batches: number;
  /** Rows still under another key at the end: rows a concurrent transaction held (run again), else 0. */
  remaining: number;
}

/**
 * Re-encrypts every resident row not under the active key, `batchSize` rows per transaction. Rows are
 * locked FOR UPDATE SKIP LOCKED, so the running service (which reads under any key of the ring) and a
 * second run are never blocked nor undone; a run with nothing to do changes nothing. A row under a key
 * the ring lacks stops the run (UnknownDataKey): add the key back to the ring and run again.
 */
export async function rotateResidentKeys(
  dataSource: DataSource,
  residents: ResidentRepository,
  sealer: ResidentSealer,
  batchSize = 200,
  onBatch: (rotated: number) => void = () => undefined,
): Promise<RotationReport> {
  const report: RotationReport = { activeKeyId: sealer.activeKeyId, rotated: 0, batches: 0, remaining: 0 };
  for (;;) {
    const rotated = await dataSource.transaction(async (manager) => {
      const batch = await residents.lockNotUnderKey(manager, sealer.activeKeyId, batchSize);
      for (const resident of batch) await residents.update(manager, resident.residentId, sealer.reseal(resident));
      return batch.length;
    });
    if (rotated === 0) {
      report.remaining = await residents.countNotUnderKey(dataSource.manager, sealer.activeKeyId);
      return report;
    }
    report.rotated += rotated;
    report.batches += 1;
    onBatch(rotated);
  }
}
