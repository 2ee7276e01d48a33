import { Inject, Injectable, Logger } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { PermanentEventError } from '@sanshe/messaging';
import { bindPolicyToCommunity, CommunityCodeKey, DecisionKindKey, type DecisionWorkflow } from '@sanshe/workflows';
import { PolicyRepository } from '../../policies/domain/policy-repository';
import { type DecisionOpening, operatorSummary } from '../domain/decision-openings';
import { TemporalClientProvider } from '../infrastructure/temporal-client';

/** Injection token: the task queue decision workflows are started on (GOVERNANCE_TASK_QUEUE). */
export const DECISION_TASK_QUEUE = Symbol('DECISION_TASK_QUEUE');

/**
 * Opens a decision for an opening event: pins the policy that applies now, then starts the workflow
 * under its deterministic id. A redelivered event, or a second event about the same subject, finds the
 * decision already there (running or finished) and starts nothing.
 */
@Injectable()
export class OpenDecision {
  private readonly logger = new Logger('OpenDecision');

  constructor(
    private readonly policies: PolicyRepository,
    private readonly temporal: TemporalClientProvider,
    @Inject(DECISION_TASK_QUEUE) private readonly taskQueue: string,
  ) {}

  async execute(opening: DecisionOpening, openedBy: { eventId: string; type: string }): Promise<'started' | 'exists'> {
    const stored = await this.policies.resolve(opening.kind, opening.communityCode);
    if (!stored) {
      // Dead-lettered with this reason; replay it from the dead-letter topic once a policy exists.
      throw new PermanentEventError(
        `no decision policy for ${opening.kind} in community ${opening.communityCode} (nor district-wide): ` +
          `set one with PUT /policies/{policyId}`,
      );
    }
    // The decision pins this version, with `kind:{communityCode}` seats bound to this community.
    const policy = bindPolicyToCommunity(stored.policy, opening.communityCode);
    const client = await this.temporal.get();
    try {
      await client.workflow.start<DecisionWorkflow>('decisionWorkflow', {
        taskQueue: this.taskQueue,
        workflowId: opening.decisionId,
        args: [{ ...opening, policy, openedBy }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: [
          { key: DecisionKindKey, value: opening.kind },
          { key: CommunityCodeKey, value: opening.communityCode },
        ],
        ...operatorSummary(opening, policy),
      });
      this.logger.log(`${opening.decisionId} open under ${policy.policyId} v${policy.version}`);
      return 'started';
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return 'exists'; // decided already
      throw err;
    }
  }
}
