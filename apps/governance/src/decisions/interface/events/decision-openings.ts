import type { EventData } from '@sanshe/contracts';
import { decisionWorkflowId } from '@sanshe/workflows';
import type { ServiceController } from '../../../parties/domain/party-controller';
import type { DecisionOpening } from '../../application/open-decision';

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

/** The context that owns each kind of opening: only its channel may open such a decision. */
export const OPENING_OWNERS: { [T in OpeningEventType]: ServiceController } = {
  'sanshe.organization.proposal.submitted.v1': 'organization',
  'sanshe.community.data-access.requested.v1': 'community',
  'sanshe.funding.grant.awarded.v1': 'funding',
};

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
      // The program's own grant-award policy, when it set one, comes before the area's (docs/decisions.md).
      programId: data.programId,
      proposerId: data.funderId,
      title: data.title,
      summary: `Grant of ${(data.amount.amountFen / 100).toFixed(2)} ${data.amount.currency} to organization ${data.organizationId} under program ${data.programId}`,
    }),
};
