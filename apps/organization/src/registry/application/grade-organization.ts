import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import type { Caller } from '../../access/organization-access';
import { ORGANIZATION_CONFIG } from '../../config/organization-config.tokens';
import type { OrganizationConfig } from '../../config/organization-config';
import { applyGrade, type GradeCommand } from '../domain/grade';
import type { Organization } from '../domain/organization';
import { OrganizationRepository } from '../domain/organization.repository';
import { OrganizationNotFound } from '../domain/registry-errors';
import { requireRegistrar } from './registry-access';

/** PUT /organizations/{id}/grade: the registrar of its district records (or withdraws) its assessment grade. */
@Injectable()
export class GradeOrganizationHandler {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    @Inject(ORGANIZATION_CONFIG) private readonly config: OrganizationConfig,
  ) {}

  async execute(organizationId: string, command: GradeCommand, caller: Caller): Promise<Organization> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.organizations.lockForChange(manager, organizationId);
      if (!current) throw new OrganizationNotFound(organizationId);
      requireRegistrar(caller, current.registrationDistrictCode, `grade ${organizationId}`);
      const change = applyGrade(current, command, this.config.ORGANIZATION_GRADE_VALIDITY_YEARS);
      if (change.facts.length) await this.organizations.save(manager, change.state);
      for (const fact of change.facts) await this.outbox.publish(manager, fact);
      return change.state;
    });
  }
}
