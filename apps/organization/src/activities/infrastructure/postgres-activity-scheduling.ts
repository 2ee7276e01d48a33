import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActivityScheduling, type ScheduleActivityCommand } from '../domain/activity-scheduling';

/** The activities' side of the proposals' port; its tables land with the activities feature. */
@Injectable()
export class PostgresActivityScheduling extends ActivityScheduling {
  schedule(_manager: EntityManager, command: ScheduleActivityCommand): Promise<string> {
    return Promise.reject(new Error(`not yet: scheduling the activity of ${command.proposalId}`));
  }
  pause(_manager: EntityManager, proposalId: string): Promise<void> {
    return Promise.reject(new Error(`not yet: pausing the activity of ${proposalId}`));
  }
  resume(_manager: EntityManager, proposalId: string): Promise<void> {
    return Promise.reject(new Error(`not yet: resuming the activity of ${proposalId}`));
  }
  cancel(_manager: EntityManager, proposalId: string): Promise<void> {
    return Promise.reject(new Error(`not yet: cancelling the activity of ${proposalId}`));
  }
}
