import { randomInt } from 'node:crypto';
import type { Client as PgClient } from 'pg';
import { contextTopic, type DecisionPolicyInput, type EventType, type NewEvent } from '@sanshe/contracts';
import { devToken, eventually, uniqueName } from '@sanshe/testing';
import { decisionWorkflowId } from '@sanshe/workflows';
import type { ServiceBesideGovernance } from './service-beside-governance';

/**
 * The parties of a disbursement suite and the way to an activated grant by events, as
 * funding-linkage.serial-spec.ts goes: a program by rules awarding at once, an organization's proposal asking
 * it for money approved → grant.awarded → the grant-award decision (funding's automatic funder vote, then
 * the community's) → grant.activated. The program pays in three tranches, all due at once.
 */
export interface DisbursementParties {
  communityCode: string;
  organizationId: string;
  funderId: string;
  /** The funder seat of the award decision (funding votes it by rules). */
  awardSeat: string;
  portal: string;
  programId: string;
  awardPolicy: DecisionPolicyInput;
  /** The program's milestone-verification policy: the community and the funder approve together. */
  verifyPolicy: DecisionPolicyInput;
}

export const WAIT = { timeoutMs: 30_000, intervalMs: 300 };
export const TRANCHE_PERCENTS = [30, 30, 40];
export const GRANT_FEN = 6_000_000;
/** What each tranche pays of GRANT_FEN. */
export const TRANCHE_FEN = TRANCHE_PERCENTS.map((percent) => (GRANT_FEN * percent) / 100);

export function disbursementParties(): DisbursementParties {
  const communityCode = `310104-097-${randomInt(100, 1000)}`;
  const awardSeat = `funder:${uniqueName('disb-seat')}`;
  const portal = uniqueName('street').toLowerCase();
  const funderId = `funder:${uniqueName('disb-fund')}`;
  const programId = uniqueName('prog-disb');
  const seat = (partyId: string, kind: string) => ({ partyId, kind, title: kind, weight: 1, voteWindowHours: 1 });
  const streetOffice = { arbiterId: `portal:${portal}`, title: 'Street office', deadlineHours: 1 };
  return {
    communityCode,
    organizationId: uniqueName('org-disb-e2e'),
    funderId,
    awardSeat,
    portal,
    programId,
    verifyPolicy: {
      policyId: `program.${programId}.milestone-verification`,
      decisionKind: 'milestone-verification',
      ...{ programId, communityCode: null },
      title: `Disbursement e2e milestones ${programId}`,
      parties: [
        seat(`community:${communityCode}`, 'community'),
        seat(funderId, 'funder'),
        seat('talent:disb-e2e-assessor', 'talent'),
      ],
      quorum: 2,
      deliberationHours: 1,
      maxAmendments: 0,
      escalation: [{ ...streetOffice, defaultOutcome: 'approved' }],
    },
    awardPolicy: {
      policyId: `grant-award.${communityCode}`,
      decisionKind: 'grant-award',
      communityCode,
      title: `Disbursement e2e ${communityCode}`,
      parties: [
        seat(`community:${communityCode}`, 'community'),
        seat(awardSeat, 'funder'),
        seat('talent:disb-e2e-social-workers', 'talent'),
      ],
      quorum: 2,
      deliberationHours: 1,
      maxAmendments: 0,
      escalation: [{ ...streetOffice, defaultOutcome: 'rejected' }],
    },
  };
}

type Owner = 'organization' | 'governance' | 'community' | 'funding';

export function publisherOf(e2e: ServiceBesideGovernance) {
  return <T extends EventType>(owner: Owner, event: Omit<NewEvent<T>, 'source'>) =>
    e2e.governance.publish(contextTopic(owner), `sanshe/${owner}`, event);
}

/** The program (3 tranches, rules, award at once) and the organization registered, once per suite. */
export async function openProgram(e2e: ServiceBesideGovernance, parties: DisbursementParties): Promise<void> {
  const { programId, funderId, communityCode, organizationId } = parties;
  const funderAdmin = await devToken({ sub: uniqueName('funder-admin'), parties: [funderId], roles: ['funder-admin'] });
  const program = await e2e.call(`${e2e.serviceUrl()}/programs/${programId}`, 'PUT', funderAdmin, {
    ...{ funderId, funderKind: 'government', title: '社区长者助餐分期资助（e2e）', mode: 'direct' },
    ...{ category: 'elderly-care', budget: { amountFen: 100_000_000, currency: 'CNY' } },
    ...{ period: { from: '2026-01-01', to: '2027-12-31' }, districtCode: '310104', noticeWorkingDays: 1 },
    eligibility: {
      organizationTypes: ['private-non-enterprise'],
      minGrade: '3A',
      needCategories: ['elderly-care'],
      communityCodes: [communityCode],
    },
    tranchePlan: TRANCHE_PERCENTS.map((percent, i) => ({
      ...{ trancheNo: i + 1, percent, milestone: `里程碑 ${i + 1}`, dueAfterDays: 0 },
    })),
    indicators: [],
    votingMode: 'rules',
    autoAward: true,
  });
  expect(program.status).toBe(201);
  await publisherOf(e2e)('organization', {
    type: 'sanshe.organization.organization.registered.v1',
    subject: organizationId,
    data: {
      ...{ organizationId, name: '长者关爱服务中心（分期 e2e）', type: 'private-non-enterprise' },
      ...{ creditCode: '52310104MJ00000189', status: 'registered', registrationDistrictCode: '310104' },
      ...{ communitiesServed: [communityCode], revision: 1 },
      grade: { grade: '4A', assessedOn: '2025-06-30', validUntil: '2030-06-29' },
    },
  });
}

/** An approved proposal asking the program for GRANT_FEN, decided together: answers the activated grant's id. */
export async function activatedGrant(
  e2e: ServiceBesideGovernance,
  db: PgClient,
  parties: DisbursementParties,
): Promise<{ grantId: string; proposalDecision: string }> {
  const { programId, communityCode: C, organizationId } = parties;
  const publish = publisherOf(e2e);
  const proposalId = uniqueName('prop-disb');
  await publish('organization', {
    type: 'sanshe.organization.proposal.submitted.v1',
    subject: proposalId,
    data: {
      ...{ proposalId, organizationId, communityCode: C, revisionNo: 1, title: '长者助餐', summary: 'e2e' },
      ...{ category: 'elderly-care', programId, requestedFunding: { amountFen: GRANT_FEN, currency: 'CNY' } },
    },
  });
  const proposalDecision = decisionWorkflowId('activity-proposal', proposalId);
  await publish('governance', {
    type: 'sanshe.governance.decision.decided.v1',
    subject: proposalDecision,
    data: {
      ...{ decisionId: proposalDecision, kind: 'activity-proposal', subjectId: proposalId, communityCode: C },
      ...{ result: 'approved', decidedBy: 'votes', level: 0, reason: 'approving weight 2 reached quorum 2' },
      tally: { approve: 2, object: 0, abstain: 0, pending: 0, total: 2, quorum: 2 },
      ...{ auditHash: 'a'.repeat(64), auditLength: 3 },
    },
  });
  const grantId = await eventually(async () => {
    const rows = await db.query<{ grant_id: string }>(`SELECT grant_id FROM funding."grant" WHERE proposal_id = $1`, [
      proposalId,
    ]);
    expect(rows.rows).toHaveLength(1);
    return String(rows.rows[0]?.grant_id);
  }, WAIT);
  const awardDecision = decisionWorkflowId('grant-award', grantId);
  // Funding votes its funder seat by the program's rules; the community's vote then reaches the quorum.
  await eventually(
    async () => expect(await fundingOutbox(db, 'decision.vote-cast', awardDecision)).toHaveLength(1),
    WAIT,
  );
  await publish('community', {
    type: 'sanshe.community.decision.vote-cast.v1',
    subject: awardDecision,
    data: {
      decisionId: awardDecision,
      partyId: `community:${C}`,
      castBy: `community:${C}`,
      choice: 'approve',
      round: 1,
    },
  });
  await eventually(async () => expect(await fundingOutbox(db, 'grant.activated', grantId)).toHaveLength(1), WAIT);
  return { grantId, proposalDecision };
}

/** Funding's outbox rows of `sanshe.funding.<type>.v1` about `subject`, in order. */
export async function fundingOutbox(db: PgClient, type: string, subject: string) {
  const { rows } = await db.query<{ payload: string }>(
    `SELECT payload FROM funding.outbox WHERE event_type = $1 AND partition_key = $2 ORDER BY position`,
    [`sanshe.funding.${type}.v1`, subject],
  );
  return rows.map((row) => JSON.parse(row.payload) as { id: string; data: Record<string, unknown> });
}
