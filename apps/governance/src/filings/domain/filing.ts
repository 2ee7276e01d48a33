import type { FieldProblem, ObjectionReason } from '@sanshe/contracts';
import type { FilingStatus } from './call-in';

/** What a called-in filing opens: the decision workflow's input, less the policy (pinned when it opens). */
export interface FilingOpening {
  decisionId: string;
  kind: string;
  subjectId: string;
  communityCode: string;
  proposerId: string;
  title: string;
  summary: string;
}

/** A filed proposal, as governance noticed it (migration 1795737600013). */
export interface Filing {
  proposalId: string;
  /** The decision a call-in would open: `decision/activity-proposal/<proposalId>`. */
  decisionId: string;
  communityCode: string;
  organizationId: string;
  proposerId: string;
  title: string;
  summary: string;
  opening: FilingOpening;
  ruleVersion: number;
  callInUntil: Date;
  /** The bound seats of the community's activity-proposal policy, less the proposer. */
  eligiblePartyIds: string[];
  status: FilingStatus;
  /** Why it was called in: by the parties, or at once because it was not low-risk. null while noticed. */
  cause: 'parties' | 'not-low-risk' | null;
  violations: FieldProblem[] | null;
  noticedAt: Date;
}

export type CallInStatus = 'waiting' | 'accepted' | 'refused';

/** One party's call-in of a filing, with the event that carried it. */
export interface FilingCallIn {
  proposalId: string;
  partyId: string;
  /** Who speaks for the party (the channel it came on), when known. */
  controller: string | null;
  castBy: string;
  reason: ObjectionReason;
  /** The call-in event: its identity is named by a refusal and recorded as the decision's `openedBy`. */
  event: { source: string; id: string; type: string; correlationid?: string; [key: string]: unknown };
  castAt: Date;
  status: CallInStatus;
  refusal: { code: string; reason: string } | null;
}
