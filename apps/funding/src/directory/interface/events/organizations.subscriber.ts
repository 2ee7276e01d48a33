import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { SansheEvent } from '@sanshe/contracts';
import type { EntityManager } from 'typeorm';
import { fromOwner } from '../../../events/from-owner';
import { FundingEventRegistry } from '../../../events/funding-event-registry';
import { FundingOrganizationDirectory } from '../../domain/funding-organization';

type RegistryEvent = SansheEvent<
  'sanshe.organization.organization.registered.v1' | 'sanshe.organization.organization.updated.v1'
>;

/**
 * Keeps the organizations read model from the organization service's registry events (its channel only):
 * the whole state at each change, the newest revision wins, whichever arrives first.
 */
@Injectable()
export class OrganizationsSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: FundingEventRegistry,
    private readonly directory: FundingOrganizationDirectory,
  ) {}

  onModuleInit(): void {
    this.registry.register('directory', {
      'sanshe.organization.organization.registered.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'organization');
        return this.keep(event, manager);
      },
      'sanshe.organization.organization.updated.v1': (event, manager, delivery) => {
        fromOwner(event, delivery, 'organization');
        return this.keep(event, manager);
      },
    });
  }

  private async keep({ data }: RegistryEvent, manager: EntityManager): Promise<void> {
    await this.directory.keep(manager, {
      organizationId: data.organizationId,
      type: data.type,
      status: data.status,
      grade: data.grade?.grade ?? null,
      gradeValidUntil: data.grade?.validUntil ?? null,
      registrationDistrictCode: data.registrationDistrictCode,
      communitiesServed: data.communitiesServed,
      revision: data.revision,
    });
  }
}
