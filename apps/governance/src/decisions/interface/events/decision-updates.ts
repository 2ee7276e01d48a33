import { DECISION_VOTE_CAST_EVENTS, type DecisionVoteCastType, type EventData } from '@sanshe/contracts';
import { decisionWorkflowId } from '@sanshe/workflows';
import type { ApplyDecisionUpdateCommand } from '../../application/apply-decision-update';

/** The events that carry a vote, an amendment, an arbitration or a withdrawal to an open decision. */
export type UpdateEventType =
  | DecisionVoteCastType
  | 'sanshe.organization.proposal.amended.v1'
  | 'sanshe.portal.decision.arbitrated.v1'
  | typeof PROPOSAL_WITHDRAWN;

/**
 * A withdrawal: of a decision (`withdrawnFrom: 'decision'`, mapped here), or of a filing no one called in
 * yet (`'filing'`, the filings feature's); the bridge's one handler of the type routes by that field.
 */
export const PROPOSAL_WITHDRAWN = 'sanshe.organization.proposal.withdrawn.v1';

/** The command an update event becomes, less the event itself (the bridge adds it). */
export type DecisionUpdateOf = Omit<ApplyDecisionUpdateCommand, 'event'>;

const vote = ({ decisionId, partyId, castBy, choice, reason, round }: EventData<DecisionVoteCastType>) => ({
  decisionId,
  update: {
    kind: 'vote' as const,
    request: { partyId, castBy, choice, ...(reason ? { reason } : {}), ...(round ? { round } : {}) },
  },
});

/** How each update event maps to the decision it addresses and the Workflow Update it asks for. */
export const DECISION_UPDATES: { [T in UpdateEventType]: (data: EventData<T>) => DecisionUpdateOf } = {
  ...(Object.fromEntries(DECISION_VOTE_CAST_EVENTS.map(({ type }) => [type, vote])) as Record<
    DecisionVoteCastType,
    typeof vote
  >),
  // An amendment names the proposal; its decision id follows from it.
  'sanshe.organization.proposal.amended.v1': ({ proposalId, organizationId, revision }) => ({
    decisionId: decisionWorkflowId('activity-proposal', proposalId),
    update: { kind: 'amend', request: { castBy: `organization:${organizationId}`, revision } },
  }),
  'sanshe.portal.decision.arbitrated.v1': ({ decisionId, arbiterId, castBy, result, reason }) => ({
    decisionId,
    update: { kind: 'arbitrate', request: { arbiterId, castBy, result, reason } },
  }),
  // Only the proposer withdraws: the organization speaks for it, as for an amendment.
  [PROPOSAL_WITHDRAWN]: ({ proposalId, organizationId, reason }) => ({
    decisionId: decisionWorkflowId('activity-proposal', proposalId),
    update: { kind: 'withdraw', request: { castBy: `organization:${organizationId}`, reason } },
  }),
};
