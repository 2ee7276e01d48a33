import type { EventData } from '@sanshe/contracts';
import { type DecisionInput, decisionWorkflowId } from '@sanshe/workflows';

/** What a decision-opening event asks governance to decide: the workflow's input, less the policy. */
export type DecisionOpening = Pick<
  DecisionInput,
  'decisionId' | 'kind' | 'subjectId' | 'communityCode' | 'proposerId' | 'title' | 'summary'
>;

const opening = (
  kind: string,
  subjectId: string,
  rest: Omit<DecisionOpening, 'decisionId' | 'kind' | 'subjectId'>,
) => ({
  decisionId: decisionWorkflowId(kind, subjectId),
  kind,
  subjectId,
  ...rest,
});

/**
 * The events that open a decision, and how each maps to one. The decision id is deterministic
 * (`decision/<kind>/<subject-id>`), so a redelivered event finds the decision it already opened.
 */
export type OpeningEventType =
  | 'sanshe.organization.proposal.submitted.v1'
  | 'sanshe.community.data-access.requested.v1'
  | 'sanshe.funding.grant.awarded.v1';

export const DECISION_OPENINGS: { [T in OpeningEventType]: (data: EventData<T>) => DecisionOpening } = {
  'sanshe.organization.proposal.submitted.v1': (
    data: EventData<'sanshe.organization.proposal.submitted.v1'>,
  ): DecisionOpening =>
    opening('activity-proposal', data.proposalId, {
      communityCode: data.communityCode,
      proposerId: `organization:${data.organizationId}`,
      title: data.title,
      summary: data.summary,
    }),
  'sanshe.community.data-access.requested.v1': (
    data: EventData<'sanshe.community.data-access.requested.v1'>,
  ): DecisionOpening =>
    opening('data-access', data.requestId, {
      communityCode: data.communityCode,
      proposerId: data.requesterId,
      title: `Access to ${data.dataset}`,
      summary: data.purpose,
    }),
  'sanshe.funding.grant.awarded.v1': (data: EventData<'sanshe.funding.grant.awarded.v1'>): DecisionOpening =>
    opening('grant-award', data.grantId, {
      communityCode: data.communityCode,
      proposerId: data.funderId,
      title: data.title,
      summary: `Grant of ${(data.amount.amountFen / 100).toFixed(2)} ${data.amount.currency} to organization ${data.organizationId} under program ${data.programId}`,
    }),
};

/** A person-readable summary for the Temporal UI: what is decided, for whom, under which policy. */
export function operatorSummary(opening: DecisionOpening, policy: { policyId: string; version: number }) {
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
