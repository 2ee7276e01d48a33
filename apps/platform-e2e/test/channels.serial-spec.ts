import { contextTopic, type DecisionPolicyInput, portalCommandsTopic } from '@sanshe/contracts';
import { bearer, devToken, DISTRICT_POLICY_ADMIN, eventually, uniqueName } from '@sanshe/testing';
import { decisionWorkflowId, stateQuery } from '@sanshe/workflows';
import { governanceEventsAbout } from './governance-events';
import { governanceGroupAtTopicEnds, governanceUnderTest, removePoliciesAfterAll } from './governance-under-test';

/**
 * Parties speak only for themselves, through the governance process on the real servers: votes and
 * openings on the wrong channel are refused as wrong-channel and change nothing; two producers' events
 * with the same id both count; the community service's two seats cannot reject alone; the approvers'
 * inbox follows the votes.
 */
const SECOND_IN_HOURS = 1 / 3600;

describe('channel binding, through the governance process', () => {
  const community = uniqueName('ch').toLowerCase();
  const [portalA, portalB, arbiter] = ['a', 'b', 'arb'].map((p) => uniqueName(`portal-${p}`).toLowerCase()) as [
    string,
    string,
    string,
  ];
  const party = {
    community: `community:${community}`,
    residents: `residents:${community}`,
    talent: 'talent:ch-social-workers',
    funder: 'funder:ch-welfare-fund',
    portalB: `portal:${portalB}`,
  };
  const proposalId = uniqueName('prop');
  const decisionId = decisionWorkflowId('activity-proposal', proposalId);
  const seat = (partyId: string, kind: string) => ({
    partyId,
    kind,
    title: partyId,
    weight: 2,
    voteWindowHours: 600 * SECOND_IN_HOURS,
  });
  // 10 in all, quorum 6: the community service speaks for 4 and can neither block nor approve alone.
  const policy: DecisionPolicyInput = {
    policyId: `activity-proposal.${community}`,
    decisionKind: 'activity-proposal',
    communityCode: community,
    title: `Channel test community ${community}`,
    parties: [
      seat(party.community, 'community'),
      seat(party.residents, 'residents'),
      seat(party.talent, 'talent'),
      seat(party.funder, 'funder'),
      seat(party.portalB, 'portal'),
    ],
    quorum: 6,
    deliberationHours: 3 * SECOND_IN_HOURS,
    maxAmendments: 1,
    escalation: [
      {
        arbiterId: `portal:${arbiter}`,
        title: 'Street',
        deadlineHours: 600 * SECOND_IN_HOURS,
        defaultOutcome: 'rejected',
      },
    ],
  };
  removePoliciesAfterAll(policy.policyId);

  const group = governanceGroupAtTopicEnds('channels-e2e', [portalA, portalB, arbiter]);
  const harness = governanceUnderTest('channels-e2e', () => ({
    ...group,
    GOVERNANCE_TASK_QUEUE: 'governance-channels-it',
    GOVERNANCE_PORTALS: [portalA, portalB, arbiter].join(','),
  }));
  const { kafka, publish } = harness;

  const http = async (path: string, token: string, init: RequestInit = {}) => {
    const response = await fetch(`http://127.0.0.1:${harness.governance.port}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...bearer(token) },
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const vote = (topic: string, source: string, partyId: string, choice: string, id?: string) => {
    const context = source.startsWith('portal/') ? 'portal' : source.slice('sanshe/'.length);
    const reason = choice === 'object' ? { reason: { code: 'bloc', text: 'We object together.' } } : {};
    return publish(topic, source, {
      type: `sanshe.${context}.decision.vote-cast.v1`,
      subject: decisionId,
      ...(id ? { id } : {}),
      data: { decisionId, partyId, castBy: partyId, choice, ...reason },
    } as never);
  };
  const state = () => harness.temporal.workflow.getHandle(decisionId).query(stateQuery);
  const pendingFor = async (partyId: string) => {
    const reply = await http(
      `/parties/${encodeURIComponent(partyId)}/pending`,
      await devToken({ sub: 'rep', parties: [partyId], roles: ['representative'] }),
    );
    expect(reply.status).toBe(200);
    return (reply.body as { decisionId: string }[]).map((d) => d.decisionId);
  };

  it('refuses wrong channels, keeps two sources apart, and lets no community bloc reject alone', async () => {
    const admin = await devToken(DISTRICT_POLICY_ADMIN);
    const put = await http(`/policies/${policy.policyId}`, admin, { method: 'PUT', body: JSON.stringify(policy) });
    expect(put.status).toBe(201);

    // A proposal opening published by the community service: refused, no decision opened.
    const submitted = {
      type: 'sanshe.organization.proposal.submitted.v1' as const,
      subject: proposalId,
      data: { proposalId, organizationId: 'org-ch', communityCode: community, title: '长者午餐', summary: 'Lunch.' },
    };
    const forgedOpening = await publish(contextTopic('community'), 'sanshe/community', submitted);
    const opening = await publish(contextTopic('organization'), 'sanshe/organization', submitted);
    await eventually(state, { timeoutMs: 60_000, intervalMs: 250 });
    await eventually(async () => expect(await pendingFor(party.community)).toContain(decisionId));
    const forbidden = await http(
      `/parties/${encodeURIComponent(party.funder)}/pending`,
      await devToken({ sub: 'rep', parties: [party.community], roles: ['representative'] }),
    );
    expect(forbidden.status).toBe(403);

    // Three votes on the wrong channel: portal B's on portal A's topic, the funder's on the community
    // topic, and a community vote whose source is not its topic's.
    const wrong = [
      await vote(portalCommandsTopic(portalA), `portal/${portalA}`, party.portalB, 'object'),
      await vote(contextTopic('community'), 'sanshe/community', party.funder, 'object'),
      await vote(contextTopic('community'), 'sanshe/talent', party.community, 'object'),
    ];
    // Two producers' events with the same id: both count.
    const sharedId = uniqueName('vote');
    await vote(contextTopic('talent'), 'sanshe/talent', party.talent, 'approve', sharedId);
    await vote(portalCommandsTopic(portalB), `portal/${portalB}`, party.portalB, 'approve', sharedId);
    // The community service's two seats object together (4 of 10): not a rejection.
    await vote(contextTopic('community'), 'sanshe/community', party.community, 'object');
    await vote(contextTopic('community'), 'sanshe/community', party.residents, 'object');

    const afterBloc = await eventually(
      async () => {
        const s = await state();
        expect(s.tally).toMatchObject({ approve: 4, object: 4 });
        return s;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(afterBloc.outcome).toBeNull(); // the bloc did not reject alone
    expect(
      afterBloc.votes
        .filter((v) => v.choice !== null)
        .map((v) => v.partyId)
        .sort(),
    ).toEqual([party.talent, party.portalB, party.community, party.residents].sort());
    await eventually(async () => expect(await pendingFor(party.community)).not.toContain(decisionId)); // it voted
    expect(await pendingFor(party.funder)).toContain(decisionId);

    // The funder's approval on its own channel reaches the quorum: approved once deliberation closes.
    await vote(contextTopic('funding'), 'sanshe/funding', party.funder, 'approve');
    const outcome = await harness.temporal.workflow.getHandle(decisionId).result();
    expect(outcome).toMatchObject({ result: 'approved', decidedBy: 'votes' });
    expect((await state()).tally).toMatchObject({ approve: 6, object: 4 });

    const events = await eventually(
      async () => {
        const mine = await governanceEventsAbout(kafka, decisionId);
        expect(mine.filter((e) => e.type === 'sanshe.governance.decision.vote-rejected.v1')).toHaveLength(4);
        expect(mine.some((e) => e.type === 'sanshe.governance.decision.decided.v1')).toBe(true);
        return mine;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    // Events on different topics have no order between them: compare as sets.
    const refused = events
      .filter((e) => e.type === 'sanshe.governance.decision.vote-rejected.v1')
      .map((e) => e.data as { code: string; rejectedEventId: string; rejectedEventSource: string })
      .map(({ code, rejectedEventId, rejectedEventSource }) => `${code} ${rejectedEventSource} ${rejectedEventId}`);
    const expected = [forgedOpening, ...wrong].map((e) => `wrong-channel ${e.source} ${e.id}`);
    expect(refused.sort()).toEqual(expected.sort());
    expect(events.filter((e) => e.type === 'sanshe.governance.decision.opened.v1')).toHaveLength(1);
    expect(opening.id).not.toBe(forgedOpening.id);
    await eventually(async () => expect(await pendingFor(party.funder)).not.toContain(decisionId)); // closed

    const health = await fetch(`http://127.0.0.1:${harness.governance.port}/health`).then((r) => r.json());
    // At least these 4: governance also hears every portal a stored policy names, and an older wrong-channel
    // event on such a portal's topic (street-arbiter.serial-spec's) is counted by this consumer group too.
    expect(health).toMatchObject({ details: { bridge: { status: 'up' } } });
    const { refusedWrongChannel } = (health as { details: { bridge: { refusedWrongChannel: number } } }).details.bridge;
    expect(refusedWrongChannel).toBeGreaterThanOrEqual(4);
  }, 180_000);
});
