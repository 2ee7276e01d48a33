import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventData, SansheEvent } from '@sanshe/contracts';
import { ActivityRepository } from '../../activities/domain/activity.repository';
import { nextGrant, nextRating, nextWorker } from '../domain/capacity';
import { ProfileRepository } from '../domain/profile.repository';

type Worker = EventData<'sanshe.talent.worker.registered.v1'>;
type Activated = EventData<'sanshe.funding.grant.activated.v1'>;
type Voided = EventData<'sanshe.funding.grant.voided.v1'>;
type Paid = EventData<'sanshe.funding.tranche.paid.v1'>;
type Rating = EventData<'sanshe.community.rating.updated.v1'>;

/** The event's time, as the profile's `asOf`: when the fact happened in its context. */
const timeOf = (event: SansheEvent) => event.time ?? new Date().toISOString();

/** A rating's revision: in its data since it was added, always in its id (`…:<organizationId>:<revision>`). */
const ratingRevisionOf = (event: SansheEvent, data: Rating) => data.revision ?? Number(event.id.split(':').at(-1));

/**
 * Folds talent's, funding's and the community's facts into the capacity profile, in the inbox's
 * transaction: older revisions and anything after a voiding change nothing, so the events may arrive
 * late, twice or out of order.
 */
@Injectable()
export class RecordProfileFactsHandler {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly activities: ActivityRepository,
  ) {}

  async worker(manager: EntityManager, event: SansheEvent, data: Worker): Promise<void> {
    const incoming = { ...data, organizationId: data.organizationId, level: data.level ?? null };
    const next = nextWorker(await this.profiles.workerForUpdate(manager, data.workerId), incoming);
    if (next) await this.profiles.saveWorker(manager, next, timeOf(event));
  }

  async grantActivated(manager: EntityManager, event: SansheEvent, data: Activated): Promise<void> {
    const incoming = {
      grantId: data.grantId,
      organizationId: data.organizationId,
      amountFen: data.amount.amountFen,
      currency: data.amount.currency,
      status: 'activated' as const,
      tranches: data.tranches.map((t) => ({
        trancheNo: t.trancheNo,
        amountFen: t.amount.amountFen,
        dueDate: t.dueDate,
      })),
    };
    const next = nextGrant(await this.profiles.grantForUpdate(manager, data.grantId), incoming);
    if (next) await this.profiles.saveGrant(manager, next, data.proposalId ?? null, timeOf(event));
    // The activity of the funded proposal learns its grant (its evidence is then flagged by grant).
    if (data.proposalId) await this.activities.setGrant(manager, data.proposalId, data.grantId);
  }

  async grantVoided(manager: EntityManager, event: SansheEvent, data: Voided): Promise<void> {
    const incoming = { grantId: data.grantId, organizationId: data.organizationId, status: 'voided' as const };
    const next = nextGrant(await this.profiles.grantForUpdate(manager, data.grantId), incoming);
    if (next) await this.profiles.saveGrant(manager, next, null, timeOf(event));
  }

  async tranchePaid(manager: EntityManager, event: SansheEvent, data: Paid): Promise<void> {
    const paid = {
      grantId: data.grantId,
      organizationId: data.organizationId,
      trancheNo: data.trancheNo,
      amountFen: data.amount.amountFen,
      paidAt: data.paidAt,
    };
    await this.profiles.savePaid(manager, paid, timeOf(event));
  }

  async rating(manager: EntityManager, event: SansheEvent, data: Rating): Promise<void> {
    const revision = ratingRevisionOf(event, data);
    if (!Number.isInteger(revision) || revision < 1) return;
    const incoming = { score: data.score, activitiesEvaluated: data.activitiesEvaluated, revision };
    const next = nextRating(await this.profiles.ratingForUpdate(manager, data.organizationId), incoming);
    if (next) await this.profiles.saveRating(manager, data.organizationId, next, timeOf(event));
  }
}
