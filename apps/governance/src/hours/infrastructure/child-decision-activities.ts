import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  type ChildDecisionActivities,
  type ChildDecisionOpening,
  type DecisionInput,
  decisionWorkflowId,
} from '@sanshe/workflows';
import { AdministrativeAreas } from '../../administrative-areas/domain/administrative-areas';
import type { GovernanceConfig } from '../../config/governance-config';
import { GOVERNANCE_CONFIG } from '../../config/governance-config.module';
import { ApplyParkedUpdatesHandler } from '../../decisions/application/apply-parked-updates';
import { resolveBoundPolicy } from '../../decisions/application/resolve-bound-policy';
import { ControllerMap } from '../../parties/domain/controller-map';
import { PolicyRepository } from '../../policies/domain/policy.repository';

/**
 * The activities of a child decision (the hours dispute; issue 16's milestone checks), run by governance's
 * worker. The policy is resolved and bound by resolveBoundPolicy, as an opening event's is (its program's
 * first when the opening names one, as a milestone verification does); with none set, the activity fails
 * and is retried (with backoff) until one is. Votes parked before the child started are applied by the
 * decisions feature's own handler, in one transaction.
 */
@Injectable()
export class ChildDecisionActivitiesProvider {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly policies: PolicyRepository,
    private readonly areas: AdministrativeAreas,
    private readonly controllers: ControllerMap,
    private readonly applyParked: ApplyParkedUpdatesHandler,
    @Inject(GOVERNANCE_CONFIG) private readonly config: Pick<GovernanceConfig, 'GOVERNANCE_VOTE_GRACE_MS'>,
  ) {}

  /** The plain object the worker registers (methods bound). */
  activities(): ChildDecisionActivities {
    return {
      prepareChildDecision: (opening) => this.prepareChildDecision(opening),
      applyParkedDecisionUpdates: (decisionId) => this.applyParkedDecisionUpdates(decisionId),
    };
  }

  async prepareChildDecision({ programId, ...opening }: ChildDecisionOpening): Promise<DecisionInput> {
    const ports = { policies: this.policies, areas: this.areas, controllers: this.controllers };
    const { policy } = await resolveBoundPolicy(ports, opening.kind, opening.communityCode, programId);
    const decisionId = decisionWorkflowId(opening.kind, opening.subjectId);
    return { ...opening, decisionId, policy, voteGraceMs: this.config.GOVERNANCE_VOTE_GRACE_MS };
  }

  applyParkedDecisionUpdates(decisionId: string): Promise<number> {
    return this.dataSource.transaction((manager) => this.applyParked.execute(manager, decisionId));
  }
}
