import { createHash } from 'node:crypto';

/*
 * Applications (pure): funding keeps what the organization said of each proposal and how its decision ended,
 * in whatever order the two topics deliver them; a proposal naming a program and a requested amount becomes
 * one application once its decision is approved, eligible or not (with the reasons).
 */

export const APPLICATION_STATUSES = ['received', 'ineligible', 'awarded', 'declined'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface Money {
  amountFen: number;
  currency: string;
}

/** A proposal as funding knows it: the latest content the organization published, and its decision's result. */
export interface FundingProposal {
  proposalId: string;
  /** Null until proposal.submitted arrived (the decided may come first). */
  organizationId: string | null;
  communityCode: string | null;
  title: string | null;
  category: string | null;
  programId: string | null;
  requested: Money | null;
  revisionNo: number;
  withdrawn: boolean;
  decisionResult: 'approved' | 'rejected' | 'withdrawn' | null;
}

export interface IneligibleReason {
  code: string;
  text: string;
}

export interface Application {
  applicationId: string;
  proposalId: string;
  programId: string;
  organizationId: string;
  communityCode: string;
  category: string | null;
  title: string;
  requested: Money;
  status: ApplicationStatus;
  eligible: boolean;
  ineligibleReasons: IneligibleReason[];
}

/** The proposal's content fields funding reads; an amendment carries only those that changed. */
export interface FundingContent {
  title?: string;
  category?: string | null;
  programId?: string | null;
  requestedFunding?: Money | null;
}

/** The content an amendment changes: only the fields the event carries, a null removes one. */
export function amendedProposal(proposal: FundingProposal, revisionNo: number, content: FundingContent) {
  if (revisionNo <= proposal.revisionNo) return null; // a redelivery or an older amendment
  return {
    ...proposal,
    revisionNo,
    ...('title' in content && content.title ? { title: content.title } : {}),
    ...('category' in content ? { category: content.category ?? null } : {}),
    ...('programId' in content ? { programId: content.programId ?? null } : {}),
    ...('requestedFunding' in content ? { requested: content.requestedFunding ?? null } : {}),
  };
}

/** What an application needs from an approved proposal: everything, or null (not one, or not yet). */
export function applicationSource(proposal: FundingProposal) {
  const { organizationId, communityCode, programId, requested, title } = proposal;
  if (proposal.decisionResult !== 'approved') return null;
  if (!organizationId || !communityCode || !programId || !requested || requested.amountFen <= 0) return null;
  return { ...proposal, organizationId, communityCode, programId, requested, title: title ?? proposal.proposalId };
}

const ID_MAX = 128;

/** A business key within the contract's Id (128 characters): `<prefix>-<key>`, or the SHA-256 of a longer key. */
export function derivedId(prefix: string, key: string): string {
  const id = `${prefix}-${key}`;
  return id.length <= ID_MAX ? id : `${prefix}-${createHash('sha256').update(key).digest('hex')}`;
}

/** One application per proposal, one grant per application: their ids follow, so a redelivery finds them. */
export const applicationIdOf = (proposalId: string) => derivedId('app', proposalId);
export const grantIdOf = (applicationId: string) => derivedId('grant', applicationId);

/** The application of an approved proposal judged by the program's eligibility (reasons: none = eligible). */
export function applicationOf(
  source: NonNullable<ReturnType<typeof applicationSource>>,
  reasons: readonly IneligibleReason[],
): Application {
  const eligible = reasons.length === 0;
  return {
    applicationId: applicationIdOf(source.proposalId),
    proposalId: source.proposalId,
    programId: source.programId,
    organizationId: source.organizationId,
    communityCode: source.communityCode,
    category: source.category,
    title: source.title,
    requested: source.requested,
    status: eligible ? 'received' : 'ineligible',
    eligible,
    ineligibleReasons: [...reasons],
  };
}

/** Only a received (eligible, undecided) application is awarded or declined. */
export const isOpen = (application: Application) => application.status === 'received';
