import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import { FundingOrganizationDirectory } from '../../directory/domain/funding-organization';
import { shanghaiDay } from '../../calendar/shanghai-calendar';
import { eligibilityOf } from '../../programs/domain/eligibility';
import { ProgramRepository } from '../../programs/domain/program.repository';
import { applicationOf, applicationSource, type FundingProposal, type IneligibleReason } from '../domain/application';
import { ApplicationsRepository } from '../domain/applications.repository';

const PROGRAM_UNKNOWN: IneligibleReason = {
  code: 'program-unknown',
  text: '申请的资助项目不存在。 The program the proposal names is not known to funding.',
};

/**
 * An approved proposal asking a program for money becomes its application, in the caller's transaction:
 * judged by the program's eligibility on today (Asia/Shanghai), with application.received in the same
 * commit. Once per proposal: a redelivery, or the second of submitted/decided, finds it there.
 */
@Injectable()
export class ReceiveApplication {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly programs: ProgramRepository,
    private readonly organizations: FundingOrganizationDirectory,
    private readonly outbox: OutboxWriter,
  ) {}

  /** The reasons the proposal's organization may not be funded by its program (empty: eligible). */
  async reasonsFor(
    manager: EntityManager,
    request: { programId: string; organizationId: string; communityCode: string; category: string | null },
    requested: { amountFen: number; currency: string },
  ): Promise<IneligibleReason[]> {
    const program = await this.programs.find(request.programId, manager);
    if (!program) return [PROGRAM_UNKNOWN];
    const organization = await this.organizations.find(request.organizationId, manager);
    const on = shanghaiDay(new Date());
    const { communityCode, category } = request;
    return eligibilityOf(program, organization, { category: category ?? 'none', communityCode, requested, on });
  }

  async receiveIfDue(manager: EntityManager, proposal: FundingProposal): Promise<void> {
    const source = applicationSource(proposal);
    if (!source || (await this.applications.ofProposal(manager, source.proposalId))) return;
    const reasons = await this.reasonsFor(manager, source, source.requested);
    const application = applicationOf(source, reasons);
    if (!(await this.applications.insert(manager, application))) return;
    const { applicationId, programId, organizationId, communityCode, requested, eligible } = application;
    await this.outbox.publish(manager, {
      type: 'sanshe.funding.application.received.v1',
      subject: applicationId,
      id: `sanshe.funding.application.received.v1:${applicationId}`,
      data: {
        applicationId,
        proposalId: source.proposalId,
        programId,
        organizationId,
        communityCode,
        requested,
        eligible,
        ineligibleReasons: application.ineligibleReasons,
      },
    });
  }
}
