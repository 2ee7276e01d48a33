import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ParkedDisbursementEvidence } from '../infrastructure/parked-disbursement-evidence';
import { ApplyEvidenceHandler } from './apply-evidence';

/** Grants tried per sweep; the next sweep takes the rest. */
const BATCH = 20;

/**
 * Applies parked milestone evidence whose grant's disbursement can take it now (funding answered the
 * reservation after the start, which applied what was parked then). Run by the parked-update sweeper's timer,
 * a grant per transaction; answers 0 so that the sweeper, which repeats while a batch refuses something, runs
 * it once per tick.
 */
@Injectable()
export class RetryParkedEvidenceHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly parked: ParkedDisbursementEvidence,
    private readonly applyEvidence: ApplyEvidenceHandler,
  ) {}

  async execute(): Promise<number> {
    for (const grantId of await this.parked.grantsWaiting(BATCH)) {
      await this.dataSource.transaction((manager) => this.applyEvidence.applyParked(manager, grantId));
    }
    return 0;
  }
}
