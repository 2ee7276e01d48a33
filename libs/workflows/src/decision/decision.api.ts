import type { DecisionPolicy } from '@sanshe/contracts/pure';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AuditEntry, DecisionEventToPublish } from './decision-records';
import type { AuditRecord } from './domain/audit';
import type { DecisionState, FinalOutcome, Stage, Tally } from './domain/decision-state';
import type { AmendmentRequest } from './domain/deliberation';
import type { ArbitrationRequest } from './domain/escalation';
import type { AppliedUpdateIds } from './domain/update-ids';
import type { VoteRequest } from './domain/votes';
import type { WithdrawalRequest } from './domain/withdrawal';

/**
 * The decision workflow's public surface, shared by the workflow and its callers (the Kafka bridge,
 * tests, operators' tools). Plain definitions, safe to import on both sides of the sandbox.
 */

/** `decision/<kind>/<subject-id>`: one decision per subject, so a redelivered opening event finds it. */
export const decisionWorkflowId = (kind: string, subjectId: string) => `decision/${kind}/${subjectId}`;

export interface DecisionInput {
  decisionId: string;
  kind: string;
  subjectId: string;
  communityCode: string;
  /** Party id of the proposer (recused from voting). */
  proposerId: string;
  title: string;
  summary: string;
  /** The policy version the decision runs under, pinned at start. */
  policy: DecisionPolicy;
  /** The event that opened it. */
  openedBy: { eventId: string; type: string };
  /** Continue as new once the history has this many events (default 2,000, or when the server suggests it). */
  historyLimit?: number;
  /**
   * How long past a deadline to wait for votes and rulings published in time but not yet delivered,
   * before recording silence or an arbiter's default (absent = 0). Judged by their `castAt`.
   */
  voteGraceMs?: number;
  /** Set only by continue-as-new: the state and audit trail carried into the new run. */
  carried?: CarriedState;
}

export interface CarriedState {
  state: DecisionState;
  audit: AuditRecord<AuditEntry>[];
  /** Events recorded but not yet handed to the publish activity. */
  unpublished: DecisionEventToPublish[];
  /** The update ids applied so far (bounded), so a redelivery after continue-as-new is a duplicate. */
  updateIds?: AppliedUpdateIds;
}

export interface VoteReceipt {
  accepted: true;
  /** True when this repeated a vote already recorded: accepted, with no second effect. */
  duplicate: boolean;
  round: number;
  stage: Stage;
  tally: Tally;
}

export interface DecisionView {
  decisionId: string;
  kind: string;
  subjectId: string;
  communityCode: string;
  title: string;
  proposerId: string;
  policy: { policyId: string; version: number; quorum: number };
  stage: Stage;
  round: number;
  tally: Tally;
  votes: {
    partyId: string;
    weight: number;
    choice: string | null;
    reason?: { code: string; text: string };
    at?: string;
    bySilence?: boolean;
  }[];
  pending: { partyId: string; deadline: string }[];
  deliberationUntil: string | null;
  escalation: { level: number; arbiterId: string; deadline: string } | null;
  outcome: FinalOutcome | null;
  audit: { length: number; headHash: string };
}

export const voteUpdate = defineUpdate<VoteReceipt, [VoteRequest]>('vote');
export const amendUpdate = defineUpdate<{ round: number }, [AmendmentRequest]>('amend');
export const arbitrateUpdate = defineUpdate<{ duplicate: boolean }, [ArbitrationRequest]>('arbitrate');
/** The proposer takes its proposal back: the decision ends `withdrawn` (a repeat is a duplicate). */
export const withdrawUpdate = defineUpdate<{ duplicate: boolean }, [WithdrawalRequest]>('withdraw');
/** The full tally, who is pending until when, and the audit head. */
export const stateQuery = defineQuery<DecisionView>('state');
/** The whole audit trail, for verification with findBrokenLink. */
export const auditQuery = defineQuery<AuditRecord<AuditEntry>[]>('audit');
