import { Inject, Injectable, Logger } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { inSpan } from '@sanshe/nest-platform/tracing';
import { CommunityCodeKey, type DecisionInput, DecisionKindKey, type DecisionWorkflow } from '@sanshe/workflows';
import { AdministrativeAreas } from '../../administrative-areas/domain/administrative-areas';
import type { GovernanceConfig } from '../../config/governance-config';
import { GOVERNANCE_CONFIG } from '../../config/governance-config.module';
import { ControllerMap } from '../../parties/domain/controller-map';
import type { ServiceController } from '../../parties/domain/party-controller';
import { PolicyRepository } from '../../policies/domain/policy.repository';
import { DECISION_TASK_QUEUE } from '../decisions.tokens';
import { TemporalClientHolder } from '../infrastructure/temporal-client-holder';
import { resolveBoundPolicy } from './resolve-bound-policy';

/**
 * What a decision-opening event asks governance to decide: the workflow's input, less the policy; and the
 * funding program it is about, if any, whose own policy comes first.
 */
export type DecisionOpening = Pick<
  DecisionInput,
  'decisionId' | 'kind' | 'subjectId' | 'communityCode' | 'proposerId' | 'title' | 'summary'
> & { programId?: string };

export interface OpenDecisionCommand {
  opening: DecisionOpening;
  /** The event that asked for it, recorded in the decision's audit trail. */
  openedBy: DecisionInput['openedBy'];
  /** The context that owns this kind of decision, and so opened it (checked by the bridge). */
  owner: ServiceController;
}

export type OpenDecisionResult = 'started' | 'exists' | { refused: string };

/**
 * Opens a decision for an opening event: pins the policy that applies now, then starts the workflow
 * under its deterministic id. A redelivered event, or a second event about the same subject, finds the
 * decision already there (running or finished) and starts nothing.
 */
@Injectable()
export class OpenDecisionHandler {
  private readonly logger = new Logger('OpenDecision');

  constructor(
    private readonly policies: PolicyRepository,
    private readonly temporal: TemporalClientHolder,
    private readonly controllers: ControllerMap,
    @Inject(DECISION_TASK_QUEUE) private readonly taskQueue: string,
    @Inject(GOVERNANCE_CONFIG) private readonly config: Pick<GovernanceConfig, 'GOVERNANCE_VOTE_GRACE_MS'>,
    private readonly areas: AdministrativeAreas,
  ) {}

  /** In a span of the bridge's, within the event's consumer span: the workflow's start continues it (its headers). */
  execute(command: OpenDecisionCommand): Promise<OpenDecisionResult> {
    const { decisionId, kind } = command.opening;
    const attributes = { 'sanshe.decision.id': decisionId, 'sanshe.decision.kind': kind };
    return inSpan('governance.bridge open-decision', { attributes }, () => this.open(command));
  }

  private async open({ opening: withProgram, openedBy, owner }: OpenDecisionCommand): Promise<OpenDecisionResult> {
    // Its program's policy, else its community's, its street's, its district's, the default, bound to its area.
    const ports = { policies: this.policies, areas: this.areas, controllers: this.controllers };
    const { programId, ...opening } = withProgram; // the workflow's input stays as it was
    const { policy, controllerOf } = await resolveBoundPolicy(ports, opening.kind, opening.communityCode, programId);
    // A proposer leaves the electorate: naming a seated party of another controller would take its vote away.
    if (
      policy.parties.some((seat) => seat.partyId === opening.proposerId) &&
      controllerOf(opening.proposerId) !== owner
    ) {
      return {
        refused:
          `${opening.proposerId} holds a seat and speaks through ${controllerOf(opening.proposerId) ?? 'no controller'}: ` +
          `the ${owner} context cannot name it as proposer, which would recuse it`,
      };
    }
    const voteGraceMs = this.config.GOVERNANCE_VOTE_GRACE_MS;
    try {
      // Bounded: past GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS the error is thrown as it is, and the inbox retries.
      await this.temporal.bounded((client) =>
        client.workflow.start<DecisionWorkflow>('decisionWorkflow', {
          taskQueue: this.taskQueue,
          workflowId: opening.decisionId,
          args: [{ ...opening, policy, openedBy, voteGraceMs }],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: [
            { key: DecisionKindKey, value: opening.kind },
            { key: CommunityCodeKey, value: opening.communityCode },
          ],
          ...operatorSummary(opening, policy),
        }),
      );
      this.logger.log(`${opening.decisionId} open under ${policy.policyId} v${policy.version}`);
      return 'started';
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return 'exists'; // decided already
      throw err;
    }
  }
}

/** A person-readable summary for the Temporal UI: what is decided, for whom, under which policy. */
function operatorSummary(opening: DecisionOpening, policy: { policyId: string; version: number }) {
  return {
    staticSummary: `${opening.kind} in ${opening.communityCode}: ${opening.title}`.slice(0, 200),
    staticDetails: [
      `**${opening.title}**`,
      '',
      opening.summary,
      '',
      `- Kind: ${opening.kind} (subject ${opening.subjectId})`,
      `- Community: ${opening.communityCode}`,
      `- Proposed by: ${opening.proposerId} (recused from voting)`,
      `- Policy: ${policy.policyId} v${policy.version}`,
    ].join('\n'),
  };
}
