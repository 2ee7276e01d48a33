import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Activity, Applied } from '../domain/activity';
import { ActivityNotFound } from '../domain/activity-errors';
import { ActivityRepository } from '../domain/activity.repository';
import { ActivityEvents } from './activity-events';

/**
 * Start, attendance, extra or cancelled sessions, cancellation: each applies one pure rule to the locked
 * activity, then stores it and publishes its facts in the same transaction (a refusal writes nothing).
 */
@Injectable()
export class ChangeActivityHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly activities: ActivityRepository,
    private readonly events: ActivityEvents,
  ) {}

  execute(activityId: string, recordedBy: string, apply: (activity: Activity, at: string) => Applied) {
    return this.dataSource.transaction(async (manager) => {
      const activity = await this.activities.find(manager, activityId, true);
      if (!activity) throw new ActivityNotFound(`no activity ${activityId}`);
      const at = new Date().toISOString();
      const { state, facts } = apply(activity, at);
      await this.activities.save(manager, state, recordedBy);
      await this.events.publish(manager, facts, at);
      return state;
    });
  }
}
