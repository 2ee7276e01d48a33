import { contextTopic, type DecisionPolicyInput, type EventType, type NewEvent } from '@sanshe/contracts';
import { bearer, devToken, DISTRICT_POLICY_ADMIN, eventually, uniqueName } from '@sanshe/testing';
import { auditQuery, decisionWorkflowId, findBrokenLink, stateQuery } from '@sanshe/workflows';
import { governanceEventsAbout } from './governance-events';
import { governanceGroupAtTopicEnds, governanceUnderTest, removePoliciesAfterAll } from './governance-under-test';

/**
 * The governance service as it runs (its own process), on the real dev server, Kafka and PostgreSQL:
 * events published to Kafka open a decision and decide it, an invalid vote is refused, governance is
 * SIGKILLed right after the deciding vote's Update succeeded and before its inbox transaction committed
 * (a test-only hold, GOVERNANCE_TEST_HOLD_AFTER_UPDATE, keeps it in that window), and after the restart
 * every vote counts once, no vote is refused that was counted, and the outcome reaches Kafka exactly once.
 *
 * The bridge runs in its own consumer group and task queue (stable names, so each run only reads what
 * was published since the last one), in a community of its own with a policy of seconds-long deadlines.
 */
const TASK_QUEUE = 'governance-it';
const SECOND_IN_HOURS = 1 / 3600;

describe('a decision driven by Kafka events, through the governance process', () => {
  const community = uniqueName('it').toLowerCase();
  const portal = uniqueName('street').toLowerCase();
  const party = {
    community: `community:${community}`,
    residents: `residents:${community}`,
    talent: `talent:it-social-workers`,
    funder: `funder:it-welfare-fund`,
    peer: `organization:it-peer`,
  };
  const proposalId = uniqueName('prop');
  const decisionId = decisionWorkflowId('activity-proposal', proposalId);
  const policy: DecisionPolicyInput = {
    policyId: `activity-proposal.${community}`,
    decisionKind: 'activity-proposal',
    communityCode: community,
    title: `Integration-test community ${community}`,
    parties: [
      {
        partyId: party.community,
        kind: 'community',
        title: 'Residents committee',
        weight: 2,
        voteWindowHours: 600 * SECOND_IN_HOURS,
      },
      {
        partyId: party.residents,
        kind: 'residents',
        title: 'Residents',
        weight: 2,
        voteWindowHours: 600 * SECOND_IN_HOURS,
      },
      {
        partyId: party.talent,
        kind: 'talent',
        title: 'Social workers',
        weight: 2,
        voteWindowHours: 600 * SECOND_IN_HOURS,
      },
      {
        partyId: party.funder,
        kind: 'funder',
        title: 'Welfare fund',
        weight: 2,
        voteWindowHours: 600 * SECOND_IN_HOURS,
      },
      // Stays silent: its 3-second window passes while the worker is down.
      {
        partyId: party.peer,
        kind: 'organization',
        title: 'Peer organization',
        weight: 2,
        voteWindowHours: 3 * SECOND_IN_HOURS,
      },
    ],
    // Every seat 2 of 10, quorum 6: the community service's two seats (4) can neither block nor approve alone.
    quorum: 6,
    deliberationHours: 8 * SECOND_IN_HOURS,
    maxAmendments: 1,
    escalation: [
      {
        arbiterId: `portal:${portal}`,
        title: 'Street office',
        deadlineHours: 600 * SECOND_IN_HOURS,
        defaultOutcome: 'rejected',
      },
    ],
  };
  removePoliciesAfterAll(policy.policyId);

  // The deciding vote's id is known before governance starts: its first run holds that vote's inbox commit.
  const decidingVoteId = uniqueName('vote-funder');
  let holdDecidingVote = true;
  const group = governanceGroupAtTopicEnds('decisions-e2e', [portal]);
  const harness = governanceUnderTest('decisions-e2e', () => ({
    ...group,
    GOVERNANCE_TASK_QUEUE: TASK_QUEUE,
    GOVERNANCE_PORTALS: portal,
    GOVERNANCE_VOTE_GRACE_MS: '0', // silence is recorded at the deadline itself: the peer's 3 s
    // After the SIGKILL the restarted instance gets the partitions once the killed member's session has
    // expired: 10 s (as the chaos suite's --short) instead of kafkajs's 30 s of waiting.
    KAFKA_SESSION_TIMEOUT_MS: '10000',
    ...(holdDecidingVote ? { GOVERNANCE_TEST_HOLD_AFTER_UPDATE: decidingVoteId } : {}),
  }));
  const { kafka } = harness;
  const publish = <T extends EventType>(topic: string, event: Omit<NewEvent<T>, 'source'>, source: string) =>
    harness.publish(topic, source, event);
  const vote = (context: 'community' | 'talent' | 'funding', data: Record<string, unknown>, id?: string) =>
    publish(
      contextTopic(context),
      {
        type: `sanshe.${context}.decision.vote-cast.v1`,
        ...(id ? { id } : {}),
        subject: decisionId,
        data: { decisionId, ...data },
      } as never,
      `sanshe/${context}`,
    );
  const state = () => harness.temporal.workflow.getHandle(decisionId).query(stateQuery);

  it('opens on proposal.submitted, outvotes an objection, absorbs silence, an invalid vote and a SIGKILL mid-commit', async () => {
    const put = await fetch(`http://127.0.0.1:${harness.governance.port}/policies/${policy.policyId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...bearer(await devToken(DISTRICT_POLICY_ADMIN)) },
      body: JSON.stringify(policy),
    });
    expect(put.status).toBe(201);

    // The opening event, delivered twice (a producer retry): one decision.
    const submitted = {
      type: 'sanshe.organization.proposal.submitted.v1' as const,
      id: uniqueName('evt'),
      subject: proposalId,
      data: {
        proposalId,
        organizationId: 'org-it-elderly-care',
        communityCode: community,
        title: '社区长者午餐与探访',
        summary: 'Weekly lunch and home visits for residents over 75.',
      },
    };
    await publish(contextTopic('organization'), submitted, 'sanshe/organization');
    await publish(contextTopic('organization'), submitted, 'sanshe/organization');
    const opened = await eventually(state, { timeoutMs: 60_000, intervalMs: 250 });
    expect(opened).toMatchObject({ stage: 'voting', round: 1, policy: { policyId: policy.policyId, version: 1 } });
    expect(opened.pending.map((p) => p.partyId).sort()).toEqual(Object.values(party).sort());

    // An objection, and two approvals (6 of 10 weight needs the funder too).
    await vote('community', {
      partyId: party.residents,
      castBy: party.residents,
      choice: 'object',
      reason: { code: 'safety', text: 'Home visits need two volunteers.' },
    });
    await vote('community', { partyId: party.community, castBy: party.community, choice: 'approve' });
    await vote('talent', { partyId: party.talent, castBy: party.talent, choice: 'approve' });
    await eventually(async () => expect((await state()).tally).toMatchObject({ approve: 4, object: 2 }), {
      timeoutMs: 30_000,
      intervalMs: 250,
    });

    // The silent peer's 3-second window passes: it counts as abstaining.
    await eventually(
      async () =>
        expect((await state()).votes.find((v) => v.partyId === party.peer)).toMatchObject({ bySilence: true }),
      { timeoutMs: 30_000, intervalMs: 250 },
    );

    // An operator's query finds the decision waiting on the funder, the one vote still missing.
    const waiting = `CommunityCode = '${community}' AND PendingParties = '${party.funder}' AND ExecutionStatus = 'Running'`;
    const found = await eventually(async () => {
      const ids: string[] = [];
      for await (const execution of harness.temporal.workflow.list({ query: waiting })) ids.push(execution.workflowId);
      expect(ids).toEqual([decisionId]);
      return ids;
    });
    expect(found).toHaveLength(1);

    // A vote for the funder cast by the community is refused while the decision is open.
    const forged = await vote('funding', {
      partyId: party.funder,
      castBy: party.community,
      choice: 'object',
      reason: { code: 'x', text: 'forged' },
    });
    await eventually(
      async () => {
        const mine = await governanceEventsAbout(kafka, decisionId);
        expect(mine.filter((e) => e.type === 'sanshe.governance.decision.vote-rejected.v1')).toHaveLength(1);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );

    // The funder's own vote decides. Governance applies its Update, then holds before the inbox commit:
    // the workflow has the vote (and goes on to decide), the inbox has no row of it, no offset is committed.
    await vote('funding', { partyId: party.funder, castBy: party.funder, choice: 'approve' }, decidingVoteId);
    const hold = `test hold: the Update of ${decidingVoteId} succeeded`;
    await eventually(() => expect(harness.governance.output()).toContain(hold), { timeoutMs: 60_000, intervalMs: 100 });
    expect((await state()).votes.find((v) => v.partyId === party.funder)).toMatchObject({ choice: 'approve' });

    // Killed in that window: the vote is delivered again after the restart, and must not count twice.
    harness.governance.child.kill('SIGKILL');
    await new Promise((resolve) => harness.governance.child.once('exit', resolve));
    holdDecidingVote = false;
    await harness.startAgain();

    const outcome = await harness.temporal.workflow.getHandle(decisionId).result();
    expect(outcome).toMatchObject({ result: 'approved', decidedBy: 'votes', level: 0 });

    const final = await state();
    expect(final.tally).toMatchObject({ approve: 6, object: 2, abstain: 2, pending: 0 });
    expect(final.votes.find((v) => v.partyId === party.peer)).toMatchObject({ choice: 'abstain', bySilence: true });
    expect(final.votes.find((v) => v.partyId === party.funder)).toMatchObject({ choice: 'approve' });
    const audit = await harness.temporal.workflow.getHandle(decisionId).query(auditQuery);
    expect(findBrokenLink(audit)).toBeNull();
    // Every vote counted once: the forged one left no trace, none was lost to the SIGKILL.
    // (Votes on different topics, e.g. community and talent, have no order between them: compare as sets.)
    const voters = audit
      .filter((r) => r.entry.type === 'vote-cast')
      .map((r) => (r.entry as { partyId: string }).partyId);
    expect(voters.sort()).toEqual([party.residents, party.community, party.talent, party.funder].sort());

    // A vote after the outcome is refused too: the decision takes no more votes. On the funding topic,
    // keyed by the decision, it comes after the redelivered deciding vote: once it is refused, that one was
    // applied again, and must not have been refused (it was counted).
    const late = await vote('funding', { partyId: party.funder, castBy: party.funder, choice: 'abstain' });

    // On Kafka: opened, deliberation-opened, the refusals, and the outcome exactly once, carrying the audit head.
    const events = await eventually(
      async () => {
        const mine = await governanceEventsAbout(kafka, decisionId);
        expect(mine.some((e) => e.type === 'sanshe.governance.decision.decided.v1')).toBe(true);
        expect(mine.filter((e) => e.type === 'sanshe.governance.decision.vote-rejected.v1')).toHaveLength(2);
        return mine;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    const decided = events.filter((e) => e.type === 'sanshe.governance.decision.decided.v1');
    expect(decided).toHaveLength(1);
    expect(decided[0]).toMatchObject({
      id: `${decisionId}/outcome`,
      data: { result: 'approved', auditHash: final.audit.headHash, auditLength: final.audit.length },
    });
    expect(events.filter((e) => e.type === 'sanshe.governance.decision.opened.v1')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'sanshe.governance.decision.deliberation-opened.v1')).toHaveLength(1);
    const rejected = events.filter((e) => e.type === 'sanshe.governance.decision.vote-rejected.v1');
    expect(rejected.map((e) => e.data)).toEqual([
      expect.objectContaining({
        rejectedEventId: forged.id,
        code: 'wrong-identity',
        partyId: party.funder,
        castBy: party.community,
      }),
      expect.objectContaining({ rejectedEventId: late.id, code: 'decision-closed' }),
    ]);
    expect((await state()).tally).toEqual(final.tally); // refusals changed nothing

    // Governance stored the trail when the decision closed (retention deletes the history): served as it was.
    const read = async (path: string) => {
      const headers = bearer(await devToken({ sub: 'resident', parties: [], roles: [] }));
      const response = await fetch(`http://127.0.0.1:${harness.governance.port}${path}`, { headers });
      return { status: response.status, body: (await response.json()) as unknown };
    };
    expect(await read(`/decisions/${decisionId}/audit`)).toEqual({ status: 200, body: audit });
    expect(await read(`/decisions/${decisionId}`)).toEqual({
      status: 200,
      body: expect.objectContaining({ decisionId, headHash: final.audit.headHash, length: final.audit.length }),
    });
  }, 240_000);
});
