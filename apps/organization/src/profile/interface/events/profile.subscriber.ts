import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OrganizationEventRegistry } from '../../../events/organization-event-registry';
import { fromOwner } from '../../../events/from-owner';
import { RecordProfileFactsHandler } from '../../application/record-profile-facts';

/**
 * Registers the capacity profile's facts, each counted only from its owner's channel: talent's
 * workers, funding's grants and payments, the community's rating.
 */
@Injectable()
export class ProfileSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: OrganizationEventRegistry,
    private readonly record: RecordProfileFactsHandler,
  ) {}

  onModuleInit(): void {
    this.registry.register('profile', {
      'sanshe.talent.worker.registered.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'talent');
        await this.record.worker(manager, event, event.data);
      },
      'sanshe.talent.worker.updated.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'talent');
        await this.record.worker(manager, event, event.data);
      },
      'sanshe.funding.grant.activated.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'funding');
        await this.record.grantActivated(manager, event, event.data);
      },
      'sanshe.funding.grant.voided.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'funding');
        await this.record.grantVoided(manager, event, event.data);
      },
      'sanshe.funding.tranche.paid.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'funding');
        await this.record.tranchePaid(manager, event, event.data);
      },
      'sanshe.community.rating.updated.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'community');
        await this.record.rating(manager, event, event.data);
      },
    });
  }
}
