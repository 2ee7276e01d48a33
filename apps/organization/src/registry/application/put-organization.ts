import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import type { Caller } from '../../access/organization-access';
import { MENTOR_CHAIN_LIMIT, mentorProblems } from '../domain/mentor';
import {
  applyProfileChange,
  applyRegister,
  checkRegister,
  type Organization,
  type ProfileBody,
} from '../domain/organization';
import { OrganizationRepository } from '../domain/organization.repository';
import { RegistryInputInvalid } from '../domain/registry-errors';
import { isRegistrarOf, requireAdminOrRegistrar } from './registry-access';

export interface PutOrganizationResult {
  organization: Organization;
  created: boolean;
}

/**
 * PUT /organizations/{id}: registers (provisional) or changes an organization's profile and publishes its
 * one event in the same transaction; an unchanged body changes and publishes nothing. Its admin or the
 * registrar of its district (the body's, for a new one) may; the credit code is unique in the registry.
 */
@Injectable()
export class PutOrganizationHandler {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute(organizationId: string, body: ProfileBody, caller: Caller): Promise<PutOrganizationResult> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.organizations.lockForChange(manager, organizationId);
      const district = current?.registrationDistrictCode ?? body.registrationDistrictCode;
      requireAdminOrRegistrar(caller, organizationId, district, `register organization ${organizationId}`);
      const problems = checkRegister(body);
      if (problems.length) throw new RegistryInputInvalid(problems);
      if (body.mentorOrganizationId !== undefined && body.mentorOrganizationId !== current?.mentorOrganizationId) {
        await this.checkMentor(manager, organizationId, body.mentorOrganizationId);
      }
      const change = current
        ? applyProfileChange(current, body, isRegistrarOf(caller, district))
        : applyRegister(organizationId, body, caller.sub);
      if (change.facts.length) await this.organizations.save(manager, change.state);
      for (const fact of change.facts) await this.outbox.publish(manager, fact);
      return { organization: change.state, created: current === null };
    });
  }

  private async checkMentor(manager: EntityManager, organizationId: string, mentorId: string): Promise<void> {
    const mentor = await this.organizations.find(mentorId, manager);
    const chain = mentor ? await this.organizations.mentorsAbove(manager, mentorId, MENTOR_CHAIN_LIMIT) : [];
    const problems = mentorProblems(organizationId, mentorId, mentor, chain);
    if (problems.length) throw new RegistryInputInvalid(problems);
  }
}
