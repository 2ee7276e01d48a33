import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApplicationsRepository } from '../../applications/domain/applications.repository';
import { ReceiveApplication } from '../../applications/application/receive-application';
import { GRANT_AWARD_KIND } from '../../grants/domain/grant';
import { GrantsRepository } from '../../grants/domain/grants.repository';
import { Ledger, programAccountId } from '../../ledger';
import { ProgramRepository } from '../../programs/domain/program.repository';
import type { ProgramFacts, SubjectFacts } from '../domain/funding-vote-rules';
import type { TrackedDecision } from '../domain/funder-seat';

const PROPOSAL_KIND = 'activity-proposal';

/** What FUNDING_VOTE_RULES read about a decision's subject, from funding's own tables and ledger. */
@Injectable()
export class SeatFacts {
  constructor(
    private readonly grants: GrantsRepository,
    private readonly applications: ApplicationsRepository,
    private readonly eligibility: ReceiveApplication,
    private readonly programs: ProgramRepository,
    private readonly ledger: Ledger,
  ) {}

  async of(manager: EntityManager, decision: TrackedDecision): Promise<SubjectFacts> {
    if (decision.kind === GRANT_AWARD_KIND) return this.grantAward(manager, decision.subjectId);
    if (decision.kind === PROPOSAL_KIND) return this.activityProposal(manager, decision.subjectId);
    return { kind: 'other' };
  }

  private async program(manager: EntityManager, programId: string): Promise<ProgramFacts | null> {
    const program = await this.programs.find(programId, manager);
    if (!program) return null;
    const accountId = programAccountId(programId, 'available');
    const available = (await this.ledger.balances(manager, [accountId])).get(accountId)?.balanceFen ?? 0;
    const { votingMode, budget } = program;
    return { programId, votingMode, budgetFen: budget.amountFen, availableFen: available };
  }

  private async grantAward(manager: EntityManager, grantId: string): Promise<SubjectFacts> {
    const grant = await this.grants.find(grantId, manager);
    if (!grant) return { kind: 'grant-award', grant: null, program: null };
    const application = grant.proposalId ? await this.applications.ofProposal(manager, grant.proposalId) : null;
    return {
      kind: 'grant-award',
      grant: {
        amountFen: grant.amountFen,
        eligible: application?.eligible ?? null,
        ineligibleCodes: application?.ineligibleReasons.map((reason) => reason.code) ?? [],
      },
      program: await this.program(manager, grant.programId),
    };
  }

  private async activityProposal(manager: EntityManager, proposalId: string): Promise<SubjectFacts> {
    const proposal = await this.applications.findProposal(manager, proposalId);
    if (!proposal?.organizationId || !proposal.communityCode) {
      return { kind: 'activity-proposal', proposal: null, program: null };
    }
    const { programId, requested, organizationId, communityCode, category } = proposal;
    if (!programId || !requested) {
      return {
        kind: 'activity-proposal',
        proposal: { programId: null, requestedFen: null, ineligibleCodes: [] },
        program: null,
      };
    }
    const request = { programId, organizationId, communityCode, category };
    const reasons = await this.eligibility.reasonsFor(manager, request, requested);
    return {
      kind: 'activity-proposal',
      proposal: { programId, requestedFen: requested.amountFen, ineligibleCodes: reasons.map((r) => r.code) },
      program: await this.program(manager, programId),
    };
  }
}
