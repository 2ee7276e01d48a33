import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SansheEvent } from '@sanshe/contracts';
import { applicationIdOf } from '../../applications/domain/application';
import { ApplicationsRepository } from '../../applications/domain/applications.repository';
import { ProgramRepository } from '../../programs/domain/program.repository';
import { GrantError } from '../domain/grant-errors';
import { GrantsRepository } from '../domain/grants.repository';
import { ApplyGrantDecision } from './apply-grant-decision';
import { AwardGrantHandler } from './award-grant';

/** Who awards when the program awards by itself (autoAward): recorded as the grant's awardedBy. */
export const AUTO_AWARD = 'program:auto-award';

/**
 * What else moves grants, in the inbox's transaction: an application just received by a program that
 * awards by itself (autoAward) is awarded its request at once (or waits for the funder when the budget
 * left is short); an organization deregistered voids its grants still awarded (an active grant is left to
 * a cancellation decision, issue 16).
 */
@Injectable()
export class TrackGrantTriggers {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly programs: ProgramRepository,
    private readonly grants: GrantsRepository,
    private readonly award: AwardGrantHandler,
    private readonly decisions: ApplyGrantDecision,
  ) {}

  /** After the applications feature's handler of the same event: its application, if one was made. */
  async autoAward(proposalId: string, manager: EntityManager): Promise<void> {
    const application = await this.applications.ofProposal(manager, proposalId);
    if (!application || application.status !== 'received') return;
    const program = await this.programs.find(application.programId, manager);
    if (!program?.autoAward) return;
    await manager.query('SAVEPOINT auto_award');
    try {
      await this.award.award(manager, { applicationId: applicationIdOf(proposalId), awardedBy: AUTO_AWARD });
      await manager.query('RELEASE SAVEPOINT auto_award');
    } catch (err) {
      if (!(err instanceof GrantError)) throw err;
      await manager.query('ROLLBACK TO SAVEPOINT auto_award'); // refused: the funder awards by hand
    }
  }

  async organizationUpdated(
    event: SansheEvent<'sanshe.organization.organization.updated.v1'>,
    manager: EntityManager,
  ): Promise<void> {
    if (event.data.status !== 'deregistered') return;
    await this.grants.lockOrganization(manager, event.data.organizationId);
    for (const grantId of await this.grants.awardedOf(manager, event.data.organizationId)) {
      const grant = await this.grants.lock(manager, grantId);
      if (grant) await this.decisions.voidGrant(manager, grant, 'organization-deregistered');
    }
  }
}
