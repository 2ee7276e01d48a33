import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import { grantIdOf } from '../../applications/domain/application';
import { ApplicationsRepository, type ApplicationView } from '../../applications/domain/applications.repository';
import { FundingOrganizationDirectory } from '../../directory/domain/funding-organization';
import { Ledger, programAccountId } from '../../ledger';
import type { Program } from '../../programs/domain/program';
import { ProgramRepository } from '../../programs/domain/program.repository';
import { awardRefusal } from '../domain/award';
import { type Grant, grantDecisionId } from '../domain/grant';
import {
  AwardNotOpen,
  GrantInputInvalid,
  GrantNotFound,
  InsufficientAvailable,
  OrganizationDeregistered,
  ProgramClosed,
} from '../domain/grant-errors';
import { GrantsRepository, type GrantView } from '../domain/grants.repository';

export interface AwardGrantCommand {
  applicationId: string;
  /** Absent: the amount requested. */
  amount?: { amountFen: number; currency: string };
  title?: string;
  awardedBy: string;
}

/**
 * The funder proposes a grant for a received application: within the request (400 naming `/amount`) and
 * within the program's available budget less the awards still waiting for their decision (409), with the
 * program locked so two awards never both count the same money. The grant is awarded, not active:
 * grant.awarded in the same commit opens governance's grant-award decision, whose outcome alone moves it.
 */
@Injectable()
export class AwardGrantHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationsRepository,
    private readonly programs: ProgramRepository,
    private readonly grants: GrantsRepository,
    private readonly ledger: Ledger,
    private readonly outbox: OutboxWriter,
    private readonly organizations: FundingOrganizationDirectory,
  ) {}

  /** In a transaction of its own (HTTP). */
  async execute(command: AwardGrantCommand): Promise<GrantView> {
    const grantId = await this.dataSource.transaction((manager) => this.award(manager, command));
    return (await this.grants.find(grantId)) as GrantView;
  }

  /** In the caller's transaction; returns the new grant's id. */
  async award(manager: EntityManager, command: AwardGrantCommand): Promise<string> {
    const found = await this.applications.lock(manager, command.applicationId);
    if (!found) throw new GrantNotFound(`application ${command.applicationId}`);
    if (found.status !== 'received') throw new AwardNotOpen(found.applicationId, found.status);
    const program = await this.programs.lockForChange(manager, found.programId);
    if (!program) throw new GrantNotFound(`program ${found.programId}`);
    if (program.status === 'closed') throw new ProgramClosed(program.programId);
    await this.grants.lockOrganization(manager, found.organizationId);
    const organization = await this.organizations.find(found.organizationId, manager);
    if (organization?.status === 'deregistered') throw new OrganizationDeregistered(found.organizationId);
    const amount = command.amount ?? found.requested;
    await this.checkAmount(manager, found, program, amount);
    const grant = grantOf(found, program, amount, command.title);
    await this.grants.insert(manager, grant, command.awardedBy);
    await this.applications.setStatus(manager, found.applicationId, { status: 'awarded', by: command.awardedBy });
    await this.outbox.publish(manager, awardedEvent(grant, program));
    return grant.grantId;
  }

  private async checkAmount(
    manager: EntityManager,
    application: ApplicationView,
    program: Program,
    amount: { amountFen: number; currency: string },
  ): Promise<void> {
    const availableId = programAccountId(program.programId, 'available');
    const available = (await this.ledger.balances(manager, [availableId])).get(availableId)?.balanceFen ?? 0;
    const pendingFen = await this.grants.pendingFen(manager, program.programId);
    const refusal = awardRefusal({
      amountFen: amount.amountFen,
      currency: amount.currency,
      requestedFen: application.requested.amountFen,
      requestedCurrency: application.requested.currency,
      availableFen: available,
      pendingFen,
      tranchePercents: program.tranchePlan.map((tranche) => tranche.percent),
    });
    if (!refusal) return;
    switch (refusal.code) {
      case 'amount-over-requested':
        throw new GrantInputInvalid([
          { path: '/amount/amountFen', message: `must be at most the ${refusal.requestedFen} fen requested` },
        ]);
      case 'amount-below-tranches':
        throw new GrantInputInvalid([
          {
            path: '/amount/amountFen',
            message:
              `must be at least ${refusal.minimumFen} fen: tranche ${refusal.trancheNo} of the program's plan ` +
              'would get 0 fen',
          },
        ]);
      case 'currency-mismatch':
        throw new GrantInputInvalid([{ path: '/amount/currency', message: `must be ${refusal.currency}` }]);
      case 'insufficient-available':
        throw new InsufficientAvailable(program.programId, refusal.availableFen, refusal.pendingFen, amount.amountFen);
    }
  }
}

function grantOf(
  application: ApplicationView,
  program: Program,
  amount: { amountFen: number; currency: string },
  title: string | undefined,
): Grant {
  const grantId = grantIdOf(application.applicationId);
  return {
    grantId,
    applicationId: application.applicationId,
    proposalId: application.proposalId,
    programId: program.programId,
    organizationId: application.organizationId,
    communityCode: application.communityCode,
    funderId: program.funderId,
    amountFen: amount.amountFen,
    currency: amount.currency,
    title: title ?? application.title,
    status: 'awarded',
    tranchePlan: program.tranchePlan,
    decisionId: grantDecisionId(grantId),
    tranches: null,
    activatedAt: null,
    voidedReasonCode: null,
  };
}

function awardedEvent(grant: Grant, program: Program) {
  const { grantId, programId, communityCode, organizationId, funderId, title, applicationId, proposalId } = grant;
  return {
    type: 'sanshe.funding.grant.awarded.v1' as const,
    subject: grantId,
    id: `sanshe.funding.grant.awarded.v1:${grantId}`,
    data: {
      grantId,
      programId,
      communityCode,
      organizationId,
      funderId,
      amount: { amountFen: grant.amountFen, currency: grant.currency },
      title,
      ...(applicationId ? { applicationId } : {}),
      ...(proposalId ? { proposalId } : {}),
      tranchePlan: grant.tranchePlan,
      funderKind: program.funderKind,
    },
  };
}
