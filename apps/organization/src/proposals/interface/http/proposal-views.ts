import type { Identity } from '@sanshe/auth';
import type { Checked } from '../../application/proposal-steps';
import { actsFor, ROLES } from '../../../access/organization-access';
import { currentRevision, type Proposal, type Revision } from '../../domain/proposal';

/** Drafts and discarded proposals are the organization's own: its admin and staff, and the auditor, see them. */
export const mayReadUnsent = (identity: Identity, organizationId: string) =>
  identity.roles.includes(ROLES.auditor) || actsFor(identity, organizationId, [ROLES.orgAdmin, ROLES.orgStaff]);

export const isUnsent = (proposal: Proposal) => proposal.status === 'draft' || proposal.status === 'discarded';

export const revisionView = (r: Revision) => ({
  revisionNo: r.revisionNo,
  status: r.status,
  revisionText: r.revisionText,
  round: r.round,
  refusal: r.refusal,
  content: r.content,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
});

/** The proposal as every read shows it: the content in force, where governance has it, and any withdrawal. */
export function proposalView(p: Proposal) {
  const current = currentRevision(p);
  return {
    proposalId: p.proposalId,
    organizationId: p.organizationId,
    communityCode: p.communityCode,
    status: p.status,
    revisionNo: current.revisionNo,
    content: current.content,
    decision: p.decision,
    result: p.result,
    calledIn: p.calledIn,
    callInUntil: p.callInUntil,
    filingRuleVersion: p.filingRuleVersion,
    withdrawal: p.withdrawal && {
      reason: p.withdrawal.reason,
      requestedAt: p.withdrawal.requestedAt,
      refusal: p.withdrawal.refusal,
    },
    createdBy: p.createdBy,
    createdAt: p.createdAt,
  };
}

/** A command's reply: the proposal, and the soft checks' warnings when there are any. */
export const checkedView = ({ proposal, warnings }: Checked) => ({
  ...proposalView(proposal),
  ...(warnings.length > 0 ? { warnings } : {}),
});
