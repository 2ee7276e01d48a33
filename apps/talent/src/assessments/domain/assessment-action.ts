/** What talent sent for the assessor's seat: a vote of a round (`vote:<round>`), an objection, a clawback proposal. */
export interface AssessmentAction {
  decisionId: string;
  actionKey: string;
  eventId: string;
  eventType: string;
  data: Record<string, unknown>;
  /** The bound worker who acted (null: talent itself, the abstention when nobody may assess). */
  workerId: string | null;
  /** The token's sub, or `sanshe/talent` for talent's own abstention. */
  castBySub: string;
}

export const voteKey = (round: number) => `vote:${round}`;
export const OBJECTION_KEY = 'objection';
export const CLAWBACK_KEY = 'clawback-proposal';

export interface Rejection {
  code: string;
  reason: string;
}

/** What was sent, as the worker's list shows it: `rejected` with governance's refusal when it refused it. */
export interface ActionView {
  decisionId: string;
  actionKey: string;
  eventId: string;
  type: string;
  sentAt: string;
  status: 'sent' | 'rejected';
  rejection: Rejection | null;
}
