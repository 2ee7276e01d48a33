import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { OrganizationStatus } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import type { Caller } from '../../access/organization-access';
import { DeregistrationListeners } from '../domain/deregistration-listeners';
import { applyStatus, type Organization } from '../domain/organization';
import { OrganizationRepository } from '../domain/organization.repository';
import { OrganizationNotFound } from '../domain/registry-errors';
import { requireRegistrar } from './registry-access';

/**
 * POST /organizations/{id}/status: the registrar of its district moves it along its lifecycle; the
 * change is kept in its status history and published (organization.updated) in one transaction. A
 * deregistration also ends the organization's work (its activities, drafts and proposals, through
 * DeregistrationListeners) in that same transaction: all of it commits, or none.
 */
@Injectable()
export class ChangeStatusHandler {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly outbox: OutboxWriter,
    private readonly deregistrationListeners: DeregistrationListeners,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute(organizationId: string, to: OrganizationStatus, reason: string, caller: Caller): Promise<Organization> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.organizations.lockForChange(manager, organizationId);
      if (!current) throw new OrganizationNotFound(organizationId);
      requireRegistrar(caller, current.registrationDistrictCode, `change the status of ${organizationId}`);
      const change = applyStatus(current, to);
      await this.organizations.save(manager, change.state);
      await this.organizations.recordStatusChange(manager, organizationId, {
        from: current.status,
        to,
        reason,
        bySub: caller.sub,
      });
      for (const fact of change.facts) await this.outbox.publish(manager, fact);
      if (to === 'deregistered') {
        await this.deregistrationListeners.notify(manager, { organizationId, reason, at: new Date().toISOString() });
      }
      return change.state;
    });
  }
}
