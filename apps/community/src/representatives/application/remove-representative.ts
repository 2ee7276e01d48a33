import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { REPRESENTATIVE_REMOVAL_REASONS, type RepresentativeRemovalReason } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { remove, type Representative } from '../domain/representative';
import { AlreadyEnded, RepresentativeInputInvalid, RepresentativeNotFound } from '../domain/representative-errors';
import { RepresentativeRepository } from '../domain/representative.repository';

export interface RemoveRepresentativeCommand {
  communityCode: string;
  representativeId: string;
  reason: string | undefined;
  endedBy: string;
}

/** DELETE /communities/{code}/representatives/{id}: ends the seat (default reason `other`), with its one event. */
@Injectable()
export class RemoveRepresentativeHandler {
  constructor(
    private readonly representatives: RepresentativeRepository,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute({
    communityCode,
    representativeId,
    reason,
    endedBy,
  }: RemoveRepresentativeCommand): Promise<Representative> {
    const why = (reason ?? 'other') as RepresentativeRemovalReason;
    if (!REPRESENTATIVE_REMOVAL_REASONS.includes(why)) {
      throw new RepresentativeInputInvalid([
        { path: '/query/reason', message: `must be one of ${REPRESENTATIVE_REMOVAL_REASONS.join(', ')}` },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      await this.representatives.lockActive(manager, communityCode);
      const rep = await this.representatives.find(representativeId, manager);
      if (rep?.communityCode !== communityCode) {
        throw new RepresentativeNotFound(`no representative ${representativeId} in community ${communityCode}`);
      }
      const change = remove(rep, why);
      if (!change) throw new AlreadyEnded(representativeId);
      await this.representatives.end(manager, change.state, endedBy);
      for (const event of change.events) await this.outbox.publish(manager, event);
      return change.state;
    });
  }
}
