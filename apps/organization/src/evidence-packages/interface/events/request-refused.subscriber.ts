import { Injectable, type OnModuleInit } from '@nestjs/common';
import { fromOwner } from '../../../events/from-owner';
import { OrganizationEventRegistry } from '../../../events/organization-event-registry';
import { EvidencePackageRepository } from '../../domain/evidence-package.repository';

/**
 * Governance refused an evidence package (evidence reused, wrong tranche, …): if it was one the organization
 * sent, the package shows why. Only from governance's channel; anything else is dead-lettered.
 */
@Injectable()
export class RequestRefusedSubscriber implements OnModuleInit {
  constructor(
    private readonly registry: OrganizationEventRegistry,
    private readonly packages: EvidencePackageRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register('evidence-packages', {
      'sanshe.governance.disbursement.request-refused.v1': async (event, manager, delivery) => {
        fromOwner(event, delivery, 'governance');
        const { requestEventId, code, reason } = event.data;
        await this.packages.refuse(manager, requestEventId, { code, reason });
      },
    });
  }
}
