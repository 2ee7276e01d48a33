import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { DecisionId, Id, schemaProblems } from '@sanshe/contracts';
import type { FundingActivities, FundingActivityFailureType, PaymentOutcome } from '@sanshe/workflows';
import { RequestClawbackHandler } from '../../clawbacks/application/request-clawback';
import { ClawbackRefused } from '../../clawbacks/domain/clawback-errors';
import { LedgerError } from '../../ledger/domain/ledger-errors';
import { PayTrancheHandler } from '../../payments/application/pay-tranche';
import { outcomeOf } from '../../payments/domain/payment';
import { PaymentError } from '../../payments/domain/payment-errors';
import { PaymentRepository } from '../../payments/domain/payment.repository';
import { GrantBudgetHandlers } from '../application/grant-budget-handlers';

/** The ledger's refusals that no retry can change, as activity failure types. */
const LEDGER_FAILURE_TYPES: Partial<Record<LedgerError['code'], FundingActivityFailureType>> = {
  'insufficient-funds': 'InsufficientFunds',
  'award-exceeded': 'InsufficientFunds',
  'idempotency-conflict': 'IdempotencyConflict',
  'currency-mismatch': 'InvalidInput',
  'invalid-posting': 'InvalidInput',
};

/** What an activity is given, checked before any work (what its events will carry must be valid too). */
interface ActivityInput {
  grantId: string;
  trancheNo?: number;
  decisionId?: string;
  reason?: string;
}

/** Keys no grant could ever have, or a decision id or reason no event could carry: retrying cannot help. */
function checkInput({ grantId, trancheNo, decisionId, reason }: ActivityInput): void {
  const problems = schemaProblems(Id, grantId, '/grantId').map((p) => `${p.path} ${p.message}`);
  if (trancheNo !== undefined && (!Number.isInteger(trancheNo) || trancheNo < 1 || trancheNo > 24)) {
    problems.push(`/trancheNo must be an integer 1–24, got ${trancheNo}`);
  }
  if (decisionId !== undefined) {
    problems.push(...schemaProblems(DecisionId, decisionId, '/decisionId').map((p) => `${p.path} ${p.message}`));
  }
  if (reason !== undefined && (reason.length < 1 || reason.length > 500)) {
    problems.push(`/reason must be 1–500 characters, got ${reason.length}`);
  }
  if (problems.length > 0) {
    throw ApplicationFailure.nonRetryable(`invalid funding activity input: ${problems.join('; ')}`, 'InvalidInput');
  }
}

/** A domain refusal as a non-retryable failure of its type; anything else (I/O) stays retryable. */
function asActivityFailure(error: unknown): unknown {
  const type =
    error instanceof PaymentError || error instanceof ClawbackRefused
      ? error.code
      : error instanceof LedgerError
        ? LEDGER_FAILURE_TYPES[error.code]
        : undefined;
  if (type === undefined) return error;
  const { message } = error as Error;
  return ApplicationFailure.create({ message, type, nonRetryable: true, cause: error as Error });
}

/**
 * Funding's Temporal activities (FundingActivities), run by funding's worker on FUNDING_TEMPORAL_TASK_QUEUE
 * for governance's workflows (issue 16: disbursement/<grantId>). Each is idempotent by its business key
 * (grantId, trancheNo) and safe to retry: payTranche answers the one payment of the tranche as it stands,
 * requestClawback the one clawback, reserveGrantBudget alreadyReserved, releaseReservation 0 on a repeat.
 * A refusal no retry can change (grant not found or not active, tranche unknown or not paid, an amount
 * beyond what was paid, a tranche already clawed back otherwise, the budget spent) fails non-retryably
 * with its type; a database or broker fault is retried.
 */
@Injectable()
export class FundingTemporalActivities {
  constructor(
    private readonly payTrancheHandler: PayTrancheHandler,
    private readonly payments: PaymentRepository,
    private readonly clawbacks: RequestClawbackHandler,
    private readonly budgets: GrantBudgetHandlers,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  /** The plain object the Temporal worker registers (methods bound: the worker calls them unbound). */
  activities(): FundingActivities {
    return {
      reserveGrantBudget: ({ grantId }) => this.run({ grantId }, () => this.budgets.reserve(grantId)),
      releaseReservation: ({ grantId, reason }) =>
        this.run({ grantId, reason }, () => this.budgets.release(grantId, reason)),
      payTranche: ({ grantId, trancheNo }) =>
        this.run({ grantId, trancheNo }, async () =>
          outcomeOf(await this.payTrancheHandler.execute({ grantId, trancheNo })),
        ),
      paymentStatus: ({ grantId, trancheNo }) =>
        this.run({ grantId, trancheNo }, () => this.paymentStatus(grantId, trancheNo)),
      requestClawback: (input) =>
        this.run(input, async () => {
          const { clawback, alreadyRequested } = await this.clawbacks.execute(input);
          return { clawbackId: clawback.clawbackId, alreadyRequested };
        }),
      grantPlan: ({ grantId }) => this.run({ grantId }, () => this.budgets.plan(grantId)),
    };
  }

  private async paymentStatus(grantId: string, trancheNo: number): Promise<PaymentOutcome | null> {
    const payment = await this.payments.findByTranche(this.dataSource.manager, grantId, trancheNo);
    return payment ? outcomeOf(payment) : null;
  }

  private async run<T>(input: ActivityInput, work: () => Promise<T>): Promise<T> {
    checkInput(input);
    try {
      return await work();
    } catch (error) {
      throw asActivityFailure(error);
    }
  }
}
