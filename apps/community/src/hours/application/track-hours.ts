import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import { AreaRepository } from '../../areas/domain/area.repository';
import { HoursRepository } from '../domain/hours.repository';

type Talent<T extends string> = SansheEvent<Extract<EventType, `sanshe.talent.${T}.v1`>>;

/** The community's own events, whose refusals governance reports back. */
export const COMMUNITY_SOURCE = 'sanshe/community';

/**
 * Keeps the hours served in the service's communities, from talent's events, in the inbox's transaction
 * (`manager`): recorded hours of a community the hierarchy does not know are not the community's to keep;
 * settlements apply once. Every change is idempotent, so a redelivered event has no second effect.
 */
@Injectable()
export class TrackHours {
  private readonly logger = new Logger(TrackHours.name);

  constructor(
    private readonly hours: HoursRepository,
    private readonly areas: AreaRepository,
  ) {}

  async recorded(event: Talent<'hours.recorded'>, manager: EntityManager): Promise<void> {
    const { hoursId, communityCode, workerId, workerKind, organizationId, activityId } = event.data;
    if (!(await this.areas.find(communityCode, manager))) {
      this.logger.log(`hours ${hoursId} were served in ${communityCode}, which this service does not know: ignored`);
      return;
    }
    const { servedOn, minutes, confirmBy } = event.data;
    const facts = { hoursId, communityCode, workerId, workerKind, organizationId, activityId };
    await this.hours.insert(manager, { ...facts, servedOn, minutes, confirmBy });
  }

  async confirmed(event: Talent<'hours.confirmed'>, manager: EntityManager): Promise<void> {
    const { hoursId, confirmedBy, confirmedAt } = event.data;
    await this.hours.settle(manager, hoursId, { outcome: 'confirmed', confirmedBy, settledAt: confirmedAt });
  }

  async rejected(event: Talent<'hours.rejected'>, manager: EntityManager): Promise<void> {
    const { hoursId, rejectedAt } = event.data;
    await this.hours.settle(manager, hoursId, { outcome: 'rejected', confirmedBy: null, settledAt: rejectedAt });
  }

  /** Governance refused an event: if it was the community's answer to hours, the hours show why. */
  async answerRejected(
    data: { rejectedEventSource: string; rejectedEventId: string; code: string; reason: string },
    manager: EntityManager,
  ): Promise<void> {
    if (data.rejectedEventSource !== COMMUNITY_SOURCE) return;
    await this.hours.rejectAnswer(manager, data.rejectedEventId, { code: data.code, reason: data.reason });
  }
}
