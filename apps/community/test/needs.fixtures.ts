import { randomUUID } from 'node:crypto';
import type { TokenRequest } from '@sanshe/auth';
import { contextTopic, type SansheEvent } from '@sanshe/contracts';
import { eventually } from '@sanshe/testing';
import { communityParty, organizationParty, ROLES } from '../src/access/community-access';
import type { CommunityUnderTest } from './community-test-app';
import { call, type Reply } from '@sanshe/service-testing';

/** Shared by the needs and bookings specs: callers, the community they act in, and the events they hear. */
export const COMMUNITY = '310104-005-001';
export const OTHER_COMMUNITY = '310104-005-002';

export const committeeMember = (code = COMMUNITY): TokenRequest => ({
  sub: `committee-member-${code}`,
  parties: [communityParty(code)],
  roles: [ROLES.committeeMember],
});
export const organizationStaff = (organizationId: string): TokenRequest => ({
  sub: `staff-of-${organizationId}`,
  parties: [organizationParty(organizationId)],
  roles: [ROLES.orgStaff],
});
const areaAdmin: TokenRequest = { sub: 'area-admin', parties: ['jurisdiction:310104'], roles: [ROLES.areaAdmin] };

/** The platform's test HTTP call (@sanshe/service-testing), for this service's specs. */
export { call, type Reply };

/** The district, street and communities the specs act in, through the areas API. */
export async function registerCommunities(svc: CommunityUnderTest, codes: string[]): Promise<void> {
  const area = (name: string) => ({ name, population: 12_000, serviceArea: { description: name } });
  const put = async (path: string, name: string) => {
    const reply = await call(svc, 'PUT', path, areaAdmin, area(name));
    if (reply.status >= 300) throw new Error(`PUT ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  };
  await put('/districts/310104', '徐汇区');
  await put('/streets/310104-005', '天平路街道');
  for (const code of codes) await put(`/communities/${code}`, `社区 ${code}`);
}

export const newId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** The organization's proposal, as it arrives on its channel. */
export function proposalSubmitted(
  svc: CommunityUnderTest,
  proposal: { proposalId: string; organizationId: string; communityCode?: string; needId?: string },
) {
  const { proposalId, organizationId, communityCode = COMMUNITY, needId } = proposal;
  return svc.publish(contextTopic('organization'), 'sanshe/organization', {
    type: 'sanshe.organization.proposal.submitted.v1',
    subject: proposalId,
    data: {
      ...{ proposalId, organizationId, communityCode, title: '长者午餐与探访', summary: '每周三次助餐' },
      ...(needId ? { needId } : {}),
    },
  });
}

/** Governance's outcome of the proposal's decision; `id` to re-send it under another event id. */
export function proposalDecided(
  svc: CommunityUnderTest,
  decided: { proposalId: string; result: 'approved' | 'rejected'; communityCode?: string; id?: string },
) {
  const { proposalId, result, communityCode = COMMUNITY } = decided;
  const decisionId = `decision/activity-proposal/${proposalId}`;
  return svc.publish(contextTopic('governance'), 'sanshe/governance', {
    type: 'sanshe.governance.decision.decided.v1',
    id: decided.id ?? `${decisionId}/outcome`,
    subject: decisionId,
    data: {
      decisionId,
      kind: 'activity-proposal',
      subjectId: proposalId,
      communityCode,
      result,
      decidedBy: 'votes',
      level: 0,
      reason: `quorum ${result === 'approved' ? 'reached' : 'out of reach'}`,
      tally: { approve: 3, object: 0, abstain: 0, pending: 0, total: 3, quorum: 2 },
      auditHash: 'a'.repeat(64),
      auditLength: 4,
    },
  });
}

/** Waits until the service's inbox has applied `event` (so anything it did is committed). */
export async function applied(svc: CommunityUnderTest, event: SansheEvent): Promise<void> {
  await eventually(
    async () => {
      const rows = await svc.query(`SELECT 1 FROM "${svc.schema}".inbox WHERE event_source = $1 AND event_id = $2`, [
        event.source,
        event.id,
      ]);
      if (rows.length !== 1) throw new Error(`${event.type} ${event.id} is not applied yet`);
    },
    { timeoutMs: 30_000 },
  );
}

/** The events of `type` the service wrote to its outbox for `subject`. */
export async function published(svc: CommunityUnderTest, subject: string, type: string): Promise<SansheEvent[]> {
  return (await svc.outboxOf(subject)).filter((event) => event.type === type);
}
