import type { ConsentPurpose, PersonalField } from '@sanshe/contracts/pure';

/** What governance's decision did to a request: approved → granted; rejected or withdrawn → refused. */
export type DataAccessResult = 'approved' | 'rejected' | 'withdrawn';
export type DataAccessStatus = 'requested' | 'granted' | 'refused';

/** An organization's request to read some personal fields of some residents, for an approved activity. */
export interface DataAccessRequest {
  requestId: string;
  communityCode: string;
  organizationId: string;
  proposalId: string;
  activityId: string | null;
  consentPurpose: ConsentPurpose;
  purpose: string;
  fields: PersonalField[];
  residentIds: string[];
  durationDays: number;
  status: DataAccessStatus;
  expiresAt: Date;
  requestedBy: string;
  requestedAt: Date;
  decision: { decisionId: string; result: DataAccessResult; decidedAt: Date } | null;
}

/**
 * What an approved decision lets the organization read: the requested fields of the requested residents
 * who consented at the grant's creation, until the request's expiry. Never wider than the request.
 */
export interface DataAccessGrant {
  grantId: string;
  requestId: string;
  decisionId: string;
  organizationId: string;
  communityCode: string;
  consentPurpose: ConsentPurpose;
  fields: PersonalField[];
  expiresAt: Date;
  createdAt: Date;
}

/** The one dataset a request names on the wire: the participants of an activity. */
export const DATA_ACCESS_DATASET = 'activity-participants';

const DAY_MS = 86_400_000;

/** When a request asked at `at` for `durationDays` expires: the grant expires then too, whenever it is decided. */
export const expiryOf = (at: Date, durationDays: number) => new Date(at.getTime() + durationDays * DAY_MS);

/**
 * The organization a consent must name for the purpose: contact consent is given to one organization,
 * the other purposes name none.
 */
export const consentOrganization = (purpose: ConsentPurpose, organizationId: string): string | null =>
  purpose === 'organization-contact' ? organizationId : null;
