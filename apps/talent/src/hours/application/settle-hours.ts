import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import { RewardsLedger } from '../../rewards/domain/rewards-ledger';
import { HoursNotFound } from '../domain/hours-errors';
import { type HoursSettlement, settlementStep } from '../domain/hours-record';
import { HoursRepository } from '../domain/hours.repository';
import { hoursSettledEvent } from './hours-events';

export interface SettleHoursCommand {
  hoursId: string;
  settlement: HoursSettlement;
}

/**
 * Applies the hours workflow's outcome to a record, once, in one transaction: the status change, for
 * confirmed hours the points they earn (and a volunteer's star levels), and hours.confirmed or .rejected.
 * The record is locked first, so a retried or concurrent call waits, then finds it settled: 'already',
 * and nothing is written twice. A record not (yet) there is HoursNotFound: the caller retries.
 */
@Injectable()
export class SettleHoursHandler {
  constructor(
    private readonly hours: HoursRepository,
    private readonly rewards: RewardsLedger,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  execute({ hoursId, settlement }: SettleHoursCommand): Promise<'applied' | 'already'> {
    return this.dataSource.transaction(async (manager) => {
      const record = await this.hours.findForUpdate(manager, hoursId);
      if (!record) throw new HoursNotFound(`no hours ${hoursId} recorded (yet)`);
      if (settlementStep(record, settlement) === 'already') return 'already';
      const settled = await this.hours.settle(manager, hoursId, settlement);
      if (settled.status === 'confirmed') {
        // The ledger's lock first: the volunteer's total then includes any confirmation committed meanwhile.
        await this.rewards.lockWorker(manager, settled.workerId);
        const volunteerMinutes = await this.hours.confirmedVolunteerMinutes(manager, settled.workerId);
        await this.rewards.earnForHours(manager, settled, volunteerMinutes);
      }
      await this.outbox.publish(manager, hoursSettledEvent(settled));
      return 'applied';
    });
  }
}
