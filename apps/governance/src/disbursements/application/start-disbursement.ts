import { Inject, Injectable, Logger } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import type { SansheEvent } from '@sanshe/contracts';
import { type DisbursementInput, type DisbursementWorkflow, disbursementStartOptions } from '@sanshe/workflows';
import type { GovernanceConfig } from '../../config/governance-config';
import { GOVERNANCE_CONFIG } from '../../config/governance-config.module';
import { DECISION_TASK_QUEUE } from '../../decisions/decisions.tokens';
import { TemporalClientHolder } from '../../decisions/decisions.module';
import { DisbursementGrants } from '../infrastructure/disbursement-grants';
import { ApplyEvidenceHandler } from './apply-evidence';

type Activated = SansheEvent<'sanshe.funding.grant.activated.v1'>;

/** A program that names no notice period gives the public 5 working days (docs/decisions.md, "Grant disbursement"). */
export const DEFAULT_NOTICE_WORKING_DAYS = 5;
/** Activations from before issue 15 name no funder: the district civil-affairs fund, the district default's funder seat. */
export const DEFAULT_FUNDER_ID = 'funder:district-civil-affairs-fund';

/** The workflow's input from the activation: its tranches in fen, the notice period, the funder. */
export function disbursementInputOf({ data }: Activated): DisbursementInput {
  return {
    grantId: data.grantId,
    programId: data.programId,
    organizationId: data.organizationId,
    communityCode: data.communityCode,
    funderId: data.funderId ?? DEFAULT_FUNDER_ID,
    ...(data.proposalId ? { proposalId: data.proposalId } : {}),
    amount: { amountFen: data.amount.amountFen, currency: data.amount.currency },
    noticeWorkingDays: data.noticeWorkingDays ?? DEFAULT_NOTICE_WORKING_DAYS,
    tranches: data.tranches.map((t) => ({
      trancheNo: t.trancheNo,
      amountFen: t.amount.amountFen,
      milestone: t.milestone,
      dueDate: t.dueDate,
    })),
  };
}

/**
 * Funding activated a grant: starts `disbursement/<grantId>` unless it exists. A redelivered activation, or
 * one for a grant whose disbursement already ended, starts nothing (the id is never reused). Records the grant's
 * organization and funder (for deregistrations and cancellation requests). Then applies the
 * organization's evidence that came first, in the caller's inbox transaction (ApplyEvidenceHandler.applyParked:
 * a refusal there is not the activation's fault, which must not fail for it).
 */
@Injectable()
export class StartDisbursementHandler {
  private readonly logger = new Logger('Disbursement');

  constructor(
    private readonly temporal: TemporalClientHolder,
    private readonly applyEvidence: ApplyEvidenceHandler,
    private readonly grants: DisbursementGrants,
    @Inject(DECISION_TASK_QUEUE) private readonly taskQueue: string,
    @Inject(GOVERNANCE_CONFIG)
    private readonly config: Partial<
      Pick<GovernanceConfig, 'GOVERNANCE_TEST_NOTICE_WORKING_DAYS' | 'GOVERNANCE_FUNDING_TASK_QUEUE'>
    > = {},
  ) {}

  async execute(manager: EntityManager, event: Activated): Promise<'started' | 'exists'> {
    const result = await this.start(event);
    const { grantId, organizationId, funderId } = disbursementInputOf(event);
    await this.grants.record(manager, { grantId, organizationId, funderId });
    await this.applyEvidence.applyParked(manager, event.data.grantId);
    return result;
  }

  private async start(event: Activated): Promise<'started' | 'exists'> {
    const input = disbursementInputOf(event);
    const testNotice = this.config.GOVERNANCE_TEST_NOTICE_WORKING_DAYS; // tests only: refused in production
    if (testNotice !== undefined) input.noticeWorkingDays = testNotice;
    const fundingTaskQueue = this.config.GOVERNANCE_FUNDING_TASK_QUEUE;
    if (fundingTaskQueue) input.fundingTaskQueue = fundingTaskQueue;
    const options = disbursementStartOptions(input, this.taskQueue);
    try {
      await this.temporal.bounded((client) =>
        client.workflow.start<DisbursementWorkflow>('disbursementWorkflow', {
          ...options,
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return 'exists'; // ended already
      throw err; // deadline, Temporal unreachable: the inbox retries
    }
    this.logger.log(`${options.workflowId} running (${event.data.tranches.length} tranches)`);
    return 'started';
  }
}
