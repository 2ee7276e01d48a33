import { randomInt } from 'node:crypto';
import { contextTopic, type DecisionPolicyInput } from '@sanshe/contracts';
import { devToken, DISTRICT_POLICY_ADMIN, eventually, uniqueName } from '@sanshe/testing';
import { decisionWorkflowId } from '@sanshe/workflows';
import { communityBesideGovernance } from './community-beside-governance';
import { removePoliciesAfterAll } from './governance-under-test';

/**
 * The community service and governance as they run (two processes) on the real Kafka, PostgreSQL and
 * Temporal dev server: a decision that seats a community's committee and residents is listed for the
 * committee; a committee member's vote goes out on the community's channel and governance counts it; a
 * changed vote outside deliberation is refused by governance (changed-vote), not by the community, and
 * the refusal shows on the vote; committee staff cannot vote.
 */
const HOUR = 1;

describe('the community’s votes reach governance, and its refusals come back', () => {
  // One test street (governance hears a portal per known street under the seeded defaults), a new community each run.
  const communityCode = `310104-099-${randomInt(100, 1000)}`;
  const streetCode = communityCode.slice(0, 10);
  const portal = uniqueName('street').toLowerCase();
  const party = { community: `community:${communityCode}`, residents: `residents:${communityCode}` };
  const seat = (partyId: string, kind: string) => ({ partyId, kind, title: kind, weight: 2, voteWindowHours: HOUR });
  const policy: DecisionPolicyInput = {
    policyId: `activity-proposal.${communityCode}`,
    decisionKind: 'activity-proposal',
    communityCode,
    title: `Community votes e2e ${communityCode}`,
    parties: [
      seat(party.community, 'community'),
      seat(party.residents, 'residents'),
      seat('talent:cv-social-workers', 'talent'),
      seat('funder:cv-welfare-fund', 'funder'),
      seat('organization:cv-peer', 'organization'),
    ],
    // Every seat 2 of 10, quorum 6: the community's two seats can neither block nor approve alone.
    quorum: 6,
    deliberationHours: HOUR,
    maxAmendments: 1,
    escalation: [
      { arbiterId: `portal:${portal}`, title: 'Street office', deadlineHours: HOUR, defaultOutcome: 'rejected' },
    ],
  };
  removePoliciesAfterAll(policy.policyId);
  const e2e = communityBesideGovernance('community-votes', { portal });
  const { call, governanceUrl } = e2e;
  const harness = e2e.governance;

  it('lists the decision, sends the vote, and shows governance’s changed-vote refusal', async () => {
    const admin = await devToken({
      sub: uniqueName('area-admin'),
      parties: ['jurisdiction:310104'],
      roles: ['area-admin'],
    });
    await e2e.registerArea(admin, streetCode, communityCode, '社区投票测试');
    const memberSub = uniqueName('committee-member');
    const appointed = await call(`${e2e.communityUrl()}/communities/${communityCode}/representatives`, 'POST', admin, {
      body: 'committee',
      personSub: memberSub,
      title: '居委会委员',
      termFrom: '2026-01-01',
    });
    expect(appointed.status).toBe(201);
    const member = await devToken({ sub: memberSub, parties: [party.community], roles: ['committee-member'] });
    const staff = await devToken({ sub: uniqueName('staff'), parties: [party.community], roles: ['committee-staff'] });

    const policyAdmin = await devToken(DISTRICT_POLICY_ADMIN);
    expect((await call(`${governanceUrl()}/policies/${policy.policyId}`, 'PUT', policyAdmin, policy)).status).toBe(201);
    const proposalId = uniqueName('prop');
    const decisionId = decisionWorkflowId('activity-proposal', proposalId);
    await harness.publish(contextTopic('organization'), 'sanshe/organization', {
      type: 'sanshe.organization.proposal.submitted.v1',
      subject: proposalId,
      data: { proposalId, organizationId: 'org-cv-elderly-care', communityCode, title: '长者午餐', summary: 'e2e' },
    });
    try {
      const listed = await eventually(
        async () => {
          const decisions = await call(
            `${e2e.communityUrl()}/communities/${communityCode}/decisions?party=community`,
            'GET',
            member,
          );
          // The shared database keeps earlier runs' decisions, and this street has only 900 community codes:
          // ours is listed once, voting in round 1, and everything listed is this community's.
          const listedNow = decisions.body as unknown as { decisionId: string; communityCode: string }[];
          expect(listedNow.filter((decision) => decision.decisionId === decisionId)).toEqual([
            expect.objectContaining({ decisionId, stage: 'voting', round: 1 }),
          ]);
          expect(new Set(listedNow.map((decision) => decision.communityCode))).toEqual(new Set([communityCode]));
          return decisions;
        },
        { timeoutMs: 90_000, intervalMs: 500 },
      );
      expect(listed.status).toBe(200);

      const vote = { decisionId, partyId: party.community, choice: 'approve' };
      expect((await call(`${e2e.communityUrl()}/votes`, 'POST', staff, vote)).status).toBe(403);
      const first = await call(`${e2e.communityUrl()}/votes`, 'POST', member, vote);
      expect(first).toMatchObject({ status: 201, body: { status: 'sent' } });
      const pendingFor = async () =>
        (await call(`${governanceUrl()}/parties/${party.community}/pending`, 'GET', member)).body as unknown as {
          decisionId: string;
        }[];
      // Governance counted it: the decision no longer waits on the committee (it waited before: the vote's round is 1).
      await eventually(async () => expect((await pendingFor()).map((d) => d.decisionId)).not.toContain(decisionId), {
        timeoutMs: 60_000,
        intervalMs: 500,
      });
      const residentsPending = await call(
        `${governanceUrl()}/parties/${party.residents}/pending`,
        'GET',
        await devToken({ sub: 'reader', parties: [party.residents], roles: ['residents-representative'] }),
      );
      expect((residentsPending.body as unknown as { decisionId: string }[]).map((d) => d.decisionId)).toContain(
        decisionId,
      );

      // Another choice while the decision is voting, not deliberating: the community sends it, governance refuses it.
      const changed = { ...vote, choice: 'object', reason: { code: 'budget-unclear', text: '预算说明不清' } };
      const second = await call(`${e2e.communityUrl()}/votes`, 'POST', member, changed);
      expect(second).toMatchObject({ status: 201, body: { status: 'sent' } });
      const refused = await eventually(
        async () => {
          const shown = await call(`${e2e.communityUrl()}/votes/${second.body.voteId as string}`, 'GET', member);
          expect(shown.body).toMatchObject({ status: 'rejected' });
          return shown.body;
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      expect(refused.rejection).toMatchObject({ code: 'changed-vote' });
      expect(
        (await call(`${e2e.communityUrl()}/votes/${first.body.voteId as string}`, 'GET', member)).body,
      ).toMatchObject({
        status: 'sent',
      });
    } finally {
      await harness.temporal.workflow
        .getHandle(decisionId)
        .terminate('community-votes e2e is over')
        .catch(() => undefined);
    }
  }, 240_000);
});
