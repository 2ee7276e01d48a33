import type { DecisionPolicy } from '@sanshe/contracts';

/** One stored version of a policy, with who set it and when (the audit of policy changes). */
export interface StoredPolicy {
  policy: DecisionPolicy;
  createdAt: Date;
  /** null while the HTTP API has no authenticated identity, and for rows from before it had one. */
  createdBy: string | null;
}

/** Where a policy applies: one decision kind, in one community or (null) district-wide. */
export interface PolicyScope {
  decisionKind: string;
  communityCode: string | null;
}

export const describeScope = ({ decisionKind, communityCode }: PolicyScope) =>
  `${decisionKind} ${communityCode === null ? 'district-wide' : `in community ${communityCode}`}`;
