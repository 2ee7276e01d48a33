import { Injectable, type OnModuleInit } from '@nestjs/common';
import { fromOwner } from '../../../events/from-owner';
import { OrganizationEventRegistry } from '../../../events/organization-event-registry';
import { CommunityFactsRepository } from '../../domain/community-facts.repository';

/**
 * Keeps what the community's events say of its needs and venues (channel community only), for the
 * proposals' soft checks. Idempotent: a redelivered event writes the same row.
 */
@Injectable()
export class CommunityFactsSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: OrganizationEventRegistry,
    private readonly facts: CommunityFactsRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register('proposals', {
      'sanshe.community.need.published.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'community');
        const { needId, communityCode } = event.data;
        await this.facts.recordNeed(manager, { needId, communityCode, status: 'open' });
      },
      'sanshe.community.need.matched.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'community');
        const { needId, communityCode } = event.data;
        await this.facts.recordNeed(manager, { needId, communityCode, status: 'matched' });
      },
      'sanshe.community.need.closed.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'community');
        const { needId, communityCode } = event.data;
        await this.facts.recordNeed(manager, { needId, communityCode, status: 'closed' });
      },
      'sanshe.community.venue.registered.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'community');
        const { venueId, communityCode, capacity, status, revision } = event.data;
        await this.facts.recordVenue(manager, {
          venueId,
          communityCode,
          capacity,
          status: status ?? 'active',
          revision,
        });
      },
      'sanshe.community.venue.updated.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'community');
        const { venueId, communityCode, capacity, status, revision } = event.data;
        await this.facts.recordVenue(manager, {
          venueId,
          communityCode,
          capacity,
          status: status ?? 'active',
          revision,
        });
      },
    });
  }
}
