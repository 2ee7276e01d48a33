import { contextTopic, decisionDecided, decisionOpened, proposalSubmitted, type SansheEvent } from '@sanshe/contracts';
import { eventually } from '@sanshe/testing';
import type { FundingUnderTest } from './funding-test-app';
import { COMMUNITY, newId } from './funding.fixtures';

/** Shared by grants.integration-spec.ts: proposals, governance's decisions, and barriers on the inbox. */
export const GOVERNANCE = contextTopic('governance');
export const ORGANIZATION = contextTopic('organization');
/** The seat governance's district grant-award default gives the district fund (weight 2). */
export const FUND_SEAT = 'funder:district-civil-affairs-fund';
export const DEADLINE = '2099-12-31T09:30:00.000Z';
const AUDIT_HASH = 'a'.repeat(64);

/** Waits until funding's inbox took every event id (processed, duplicate or dead-lettered): a barrier, not a timer. */
export async function consumed(svc: FundingUnderTest, ...eventIds: string[]): Promise<void> {
  await eventually(
    async () => {
      const rows = await svc.query<{ event_id: string }>(`SELECT event_id FROM ${svc.schema}.inbox`);
      const taken = new Set(rows.map((row) => row.event_id));
      for (const id of eventIds) expect([...taken].some((event) => event.endsWith(id))).toBe(true);
    },
    { timeoutMs: 20_000 },
  );
}

/** The events funding wrote for `subject`, of `type` (all when absent). */
export async function sent(svc: FundingUnderTest, subject: string, type?: string): Promise<SansheEvent[]> {
  return (await svc.outboxOf(subject)).filter((event) => !type || event.type === type);
}

/** An activity proposal of `organizationId` asking `programId` for `amountFen` (elderly care, COMMUNITY). */
export function proposal(organizationId: string, programId: string | null, amountFen = 4_800_000) {
  const proposalId = newId('prop');
  return { proposalId, organizationId, programId, amountFen, decisionId: `decision/activity-proposal/${proposalId}` };
}
export type TestProposal = ReturnType<typeof proposal>;

export async function submit(svc: FundingUnderTest, p: TestProposal): Promise<SansheEvent> {
  // The example's funding fields (and its need) are the proposal's own here.
  const example: Partial<typeof proposalSubmitted.example> = { ...proposalSubmitted.example };
  delete example.needId;
  delete example.programId;
  delete example.requestedFunding;
  return svc.publish(ORGANIZATION, 'sanshe/organization', {
    type: 'sanshe.organization.proposal.submitted.v1',
    subject: p.proposalId,
    id: `submitted-${p.proposalId}`,
    data: {
      ...example,
      title: proposalSubmitted.example.title,
      summary: proposalSubmitted.example.summary,
      proposalId: p.proposalId,
      organizationId: p.organizationId,
      communityCode: COMMUNITY,
      category: 'elderly-care',
      ...(p.programId ? { programId: p.programId, requestedFunding: { amountFen: p.amountFen, currency: 'CNY' } } : {}),
    },
  });
}

/** governance.decision.decided as governance publishes it (id `<decisionId>/outcome`), or from `channel`. */
export async function decide(
  svc: FundingUnderTest,
  decisionId: string,
  result: 'approved' | 'rejected' | 'withdrawn',
  channel: { topic: string; source: string; id?: string } = { topic: GOVERNANCE, source: 'sanshe/governance' },
): Promise<SansheEvent> {
  const [, kind, subjectId] = decisionId.split('/');
  return svc.publish(channel.topic, channel.source, {
    type: 'sanshe.governance.decision.decided.v1',
    subject: decisionId,
    id: channel.id ?? `${decisionId}/outcome`,
    data: {
      ...decisionDecided.example,
      ...{ decisionId, kind, subjectId, communityCode: COMMUNITY, result, auditHash: AUDIT_HASH },
      decidedBy: result === 'withdrawn' ? 'proposer' : 'votes',
    },
  });
}

/** governance.decision.opened seating `seats` in round 1. */
export async function openDecision(svc: FundingUnderTest, decisionId: string, seats: string[]): Promise<SansheEvent> {
  const [, kind, subjectId] = decisionId.split('/');
  return svc.publish(GOVERNANCE, 'sanshe/governance', {
    type: 'sanshe.governance.decision.opened.v1',
    subject: decisionId,
    id: `${decisionId}/1`,
    data: {
      ...decisionOpened.example,
      ...{ decisionId, kind, subjectId, communityCode: COMMUNITY, proposerId: 'funder:xuhui-civil-affairs' },
      pending: seats.map((partyId) => ({ partyId, deadline: DEADLINE })),
    },
  });
}

/** The proposal's application once funding made it (it waits for the proposal and its approval). */
export async function applicationOf(svc: FundingUnderTest, proposalId: string) {
  let found: Record<string, unknown> | undefined;
  await eventually(
    async () => {
      [found] = await svc.query(`SELECT * FROM ${svc.schema}.application WHERE proposal_id = $1`, [proposalId]);
      expect(found).toBeDefined();
    },
    { timeoutMs: 20_000 },
  );
  return found as { application_id: string; status: string; eligible: boolean; ineligible_reasons: unknown[] };
}

/** A grant's row (status, tranches…) as stored. */
export async function grantRow(svc: FundingUnderTest, grantId: string) {
  const [row] = await svc.query<Record<string, unknown>>(`SELECT * FROM ${svc.schema}."grant" WHERE grant_id = $1`, [
    grantId,
  ]);
  return row;
}
