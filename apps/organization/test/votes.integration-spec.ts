import {
  contextTopic,
  decisionDecided,
  decisionDeliberationOpened,
  decisionEscalated,
  decisionOpened,
  decisionVoteRejected,
  filingNoticed,
  filingWithdrawn,
} from '@sanshe/contracts';
import { InboxService } from '@sanshe/messaging';
import { eventually } from '@sanshe/testing';
import { type OrganizationUnderTest, startOrganizationUnderTest } from './organization-test-app';
import { call, COMMUNITY, newId, orgAdmin, orgStaff } from './organization.fixtures';

/**
 * The organization's votes and call-ins on the real PostgreSQL and Kafka: decisions and filings are
 * learnt from governance's events (published to the real topic, read by the service's consumer) and
 * only from governance's channel; an admin's vote or call-in is one event; a refusal from governance
 * shows on it; the proposer never sees its own decision and may not vote or call in on it.
 */
const GOVERNANCE = contextTopic('governance');
const FEDERATION = 'district-federation';
const DEADLINE = '2026-12-31T09:30:00.000Z';
const REASON = { code: 'staffing-unclear', text: '方案未说明由哪位持证社工督导志愿者，请补充。' };
let svc: OrganizationUnderTest;

const inbox = () => svc.app.get(InboxService);
const decisionIds = async (organizationId: string) =>
  (
    await call<{ decisionId: string }[]>(
      svc,
      'GET',
      `/organizations/${organizationId}/decisions`,
      orgStaff(organizationId),
    )
  ).body.map((decision) => decision.decisionId);
const eventsOf = async (subject: string, type: string) => (await svc.outboxOf(subject)).filter((e) => e.type === type);

/** Publishes governance's decision.opened proposed by organization:<proposer>, seating the federation and the proposer. */
async function openDecision(proposer: string, source = 'sanshe/governance') {
  const subjectId = newId('prop');
  const decisionId = `decision/activity-proposal/${subjectId}`;
  const parties = [`community:${COMMUNITY}`, `organization:${FEDERATION}`, `organization:${proposer}`];
  const event = await svc.publish(GOVERNANCE, source, {
    type: 'sanshe.governance.decision.opened.v1',
    subject: decisionId,
    id: `${decisionId}/1`,
    data: {
      ...decisionOpened.example,
      ...{ decisionId, subjectId, communityCode: COMMUNITY, proposerId: `organization:${proposer}` },
      pending: parties.map((partyId) => ({ partyId, deadline: DEADLINE })),
    },
  });
  return { decisionId, event };
}

async function noticeFiling(proposer: string, callInUntil: string) {
  const proposalId = newId('prop');
  const decisionId = `decision/activity-proposal/${proposalId}`;
  await svc.publish(GOVERNANCE, 'sanshe/governance', {
    type: 'sanshe.governance.filing.noticed.v1',
    subject: decisionId,
    data: {
      ...filingNoticed.example,
      ...{ proposalId, decisionId, communityCode: COMMUNITY, organizationId: proposer, callInUntil },
      proposerId: `organization:${proposer}`,
      eligiblePartyIds: [`community:${COMMUNITY}`, `organization:${FEDERATION}`],
    },
  });
  await eventually(
    async () => {
      const filings = await call<{ proposalId: string }[]>(
        svc,
        'GET',
        `/organizations/${FEDERATION}/filings?status=all`,
        orgAdmin(FEDERATION),
      );
      expect(filings.body.map((filing) => filing.proposalId)).toContain(proposalId);
    },
    { timeoutMs: 20_000 },
  );
  return { proposalId, decisionId };
}

beforeAll(async () => {
  svc = await startOrganizationUnderTest();
}, 60_000);
afterAll(() => svc?.close());

describe('the organization’s votes', () => {
  it('lists an opened decision to the seated organization, and sends its admin’s vote as exactly one vote-cast', async () => {
    const { decisionId } = await openDecision(newId('org'));
    await eventually(async () => expect(await decisionIds(FEDERATION)).toContain(decisionId), { timeoutMs: 20_000 });
    const vote = { decisionId, partyId: `organization:${FEDERATION}`, choice: 'approve' };
    const staffVote = await call(svc, 'POST', '/votes', orgStaff(FEDERATION), vote);
    expect(staffVote.status).toBe(403);
    expect(String(staffVote.body.message)).toContain('organization-admin');
    expect((await call(svc, 'POST', '/votes', null, vote)).status).toBe(401);
    expect(await eventsOf(decisionId, 'sanshe.organization.decision.vote-cast.v1')).toEqual([]);

    const cast = await call(svc, 'POST', '/votes', orgAdmin(FEDERATION), vote);
    expect(cast).toMatchObject({ status: 201, body: { status: 'sent', round: 1, castBy: `admin-of-${FEDERATION}` } });
    const sent = await eventsOf(decisionId, 'sanshe.organization.decision.vote-cast.v1');
    expect(sent).toEqual([
      expect.objectContaining({
        id: `sanshe.organization.decision.vote-cast.v1:${String(cast.body.voteId)}`,
        data: {
          decisionId,
          partyId: `organization:${FEDERATION}`,
          castBy: `organization:${FEDERATION}`,
          choice: 'approve',
          round: 1,
        },
      }),
    ]);
  });

  it('follows the decision to its outcome; a late event changes nothing, and a closed decision takes no vote', async () => {
    const { decisionId } = await openDecision(newId('org'));
    const publish = (type: string, id: string, data: Record<string, unknown>) =>
      svc.publish(GOVERNANCE, 'sanshe/governance', {
        type,
        subject: decisionId,
        id,
        data: { ...data, decisionId },
      } as never);
    await publish(
      'sanshe.governance.decision.deliberation-opened.v1',
      `${decisionId}/2`,
      decisionDeliberationOpened.example,
    );
    await publish('sanshe.governance.decision.decided.v1', `${decisionId}/outcome`, {
      ...decisionDecided.example,
      ...{ result: 'rejected', auditLength: 5 },
    });
    await publish('sanshe.governance.decision.escalated.v1', `${decisionId}/3`, decisionEscalated.example);
    const decisionOf = async () =>
      (
        await call<{ decisionId: string; stage: string; result: string | null }[]>(
          svc,
          'GET',
          `/organizations/${FEDERATION}/decisions?status=all`,
          orgAdmin(FEDERATION),
        )
      ).body.find((decision) => decision.decisionId === decisionId);
    await eventually(async () => expect(await decisionOf()).toMatchObject({ stage: 'closed', result: 'rejected' }), {
      timeoutMs: 20_000,
    });
    // The late escalated (position 3 < 5) was read after decided: applied in order, it would be escalated.
    await eventually(async () => {
      const rows = await svc.query(`SELECT 1 FROM "${svc.schema}".inbox WHERE event_id = $1`, [`${decisionId}/3`]);
      expect(rows).toHaveLength(1);
    });
    expect(await decisionOf()).toMatchObject({ stage: 'closed', result: 'rejected' });
    expect(await decisionIds(FEDERATION)).not.toContain(decisionId);
    const late = await call(svc, 'POST', '/votes', orgAdmin(FEDERATION), {
      ...{ decisionId, partyId: `organization:${FEDERATION}`, choice: 'approve' },
    });
    expect(late).toMatchObject({ status: 409, body: { code: 'decision-closed' } });
  });

  it('shows governance’s refusal on the vote', async () => {
    const { decisionId } = await openDecision(newId('org'));
    await eventually(async () => expect(await decisionIds(FEDERATION)).toContain(decisionId), { timeoutMs: 20_000 });
    const vote = { decisionId, partyId: `organization:${FEDERATION}`, choice: 'object', reason: REASON };
    const cast = await call(svc, 'POST', '/votes', orgAdmin(FEDERATION), vote);
    const [sent] = await eventsOf(decisionId, 'sanshe.organization.decision.vote-cast.v1');
    await svc.publish(GOVERNANCE, 'sanshe/governance', {
      type: 'sanshe.governance.decision.vote-rejected.v1',
      subject: decisionId,
      data: {
        ...decisionVoteRejected.example,
        ...{ decisionId, partyId: `organization:${FEDERATION}`, castBy: `organization:${FEDERATION}` },
        ...{ code: 'changed-vote', reason: 'a party votes once per round', rejectedEventId: sent.id },
      },
    });
    const path = `/votes/${String(cast.body.voteId)}`;
    await eventually(
      async () =>
        expect((await call(svc, 'GET', path, orgStaff(FEDERATION))).body).toMatchObject({
          status: 'rejected',
          rejection: { code: 'changed-vote', reason: 'a party votes once per round' },
        }),
      { timeoutMs: 20_000 },
    );
    expect((await call(svc, 'GET', path, orgAdmin(newId('org')))).status).toBe(403);
  });

  it('never lists its own proposal to the proposer, and refuses its vote (409 own-proposal)', async () => {
    const proposer = newId('org');
    const { decisionId } = await openDecision(proposer);
    await eventually(async () => expect(await decisionIds(FEDERATION)).toContain(decisionId), { timeoutMs: 20_000 });
    expect(await decisionIds(proposer)).not.toContain(decisionId);
    const own = await call(svc, 'POST', '/votes', orgAdmin(proposer), {
      decisionId,
      partyId: `organization:${proposer}`,
      choice: 'approve',
    });
    expect(own).toMatchObject({ status: 409, body: { code: 'own-proposal' } });
    const unknown = {
      decisionId: `decision/activity-proposal/${newId('prop')}`,
      partyId: `organization:${FEDERATION}`,
      choice: 'approve',
    };
    expect((await call(svc, 'POST', '/votes', orgAdmin(FEDERATION), unknown)).status).toBe(404);
    const other = newId('org');
    const unseated = await call(svc, 'POST', '/votes', orgAdmin(other), {
      decisionId,
      partyId: `organization:${other}`,
      choice: 'approve',
    });
    expect(unseated).toMatchObject({ status: 409, body: { code: 'not-seated' } });
    expect(await eventsOf(decisionId, 'sanshe.organization.decision.vote-cast.v1')).toEqual([]);
  });

  it('dead-letters a decision.opened from another source, and lists nothing from it', async () => {
    const deadLettered = inbox().processor.counts['dead-lettered'];
    const { decisionId } = await openDecision(newId('org'), 'sanshe/community');
    await eventually(() => expect(inbox().processor.counts['dead-lettered']).toBe(deadLettered + 1), {
      timeoutMs: 20_000,
    });
    expect(await decisionIds(FEDERATION)).not.toContain(decisionId);
    const rows = await svc.query(`SELECT 1 FROM "${svc.schema}".org_decision WHERE decision_id = $1`, [decisionId]);
    expect(rows).toEqual([]);
  });
});

describe('the organization’s call-ins', () => {
  it('sends its admin’s call-in of a noticed filing as exactly one call-in-requested', async () => {
    const proposer = newId('org');
    const { proposalId, decisionId } = await noticeFiling(proposer, '2099-01-01T00:00:00.000Z');
    const body = { proposalId, partyId: `organization:${FEDERATION}`, reason: REASON };
    expect((await call(svc, 'POST', '/call-ins', orgStaff(FEDERATION), body)).status).toBe(403);
    const own = await call(svc, 'POST', '/call-ins', orgAdmin(proposer), {
      ...body,
      partyId: `organization:${proposer}`,
    });
    expect(own).toMatchObject({ status: 409, body: { code: 'own-proposal' } });
    const sent = await call(svc, 'POST', '/call-ins', orgAdmin(FEDERATION), body);
    expect(sent).toMatchObject({ status: 201, body: { status: 'sent', decisionId } });
    expect(await eventsOf(decisionId, 'sanshe.organization.filing.call-in-requested.v1')).toEqual([
      expect.objectContaining({
        data: {
          proposalId,
          decisionId,
          partyId: `organization:${FEDERATION}`,
          castBy: `organization:${FEDERATION}`,
          reason: REASON,
        },
      }),
    ]);
    const read = await call(svc, 'GET', `/call-ins/${String(sent.body.callInId)}`, orgStaff(FEDERATION));
    expect(read.body).toMatchObject({ status: 'sent', proposalId });
  });

  it('takes no call-in of a filing governance says was withdrawn, no longer listing it as open', async () => {
    const proposer = newId('org');
    const { proposalId, decisionId } = await noticeFiling(proposer, '2099-01-01T00:00:00.000Z');
    const filings = async (status: 'open' | 'all') =>
      (
        await call<{ proposalId: string; status: string }[]>(
          svc,
          'GET',
          `/organizations/${FEDERATION}/filings?status=${status}`,
          orgAdmin(FEDERATION),
        )
      ).body.filter((filing) => filing.proposalId === proposalId);
    expect(await filings('open')).toHaveLength(1);
    await svc.publish(GOVERNANCE, 'sanshe/governance', {
      type: 'sanshe.governance.filing.withdrawn.v1',
      subject: decisionId,
      id: `sanshe.governance.filing.withdrawn.v1:${proposalId}`,
      data: { ...filingWithdrawn.example, proposalId, decisionId, communityCode: COMMUNITY, organizationId: proposer },
    });
    await eventually(
      async () => expect(await filings('all')).toEqual([expect.objectContaining({ status: 'withdrawn' })]),
      {
        timeoutMs: 20_000,
      },
    );
    expect(await filings('open')).toEqual([]);
    const body = { proposalId, partyId: `organization:${FEDERATION}`, reason: REASON };
    expect(await call(svc, 'POST', '/call-ins', orgAdmin(FEDERATION), body)).toMatchObject({
      status: 409,
      body: { code: 'call-in-closed' },
    });
    expect(await eventsOf(decisionId, 'sanshe.organization.filing.call-in-requested.v1')).toEqual([]);
  });

  it('refuses a call-in after the window (409 call-in-closed) or of an unknown filing (404), sending nothing', async () => {
    const { proposalId, decisionId } = await noticeFiling(newId('org'), '2020-01-01T00:00:00.000Z');
    const body = { proposalId, partyId: `organization:${FEDERATION}`, reason: REASON };
    expect(await call(svc, 'POST', '/call-ins', orgAdmin(FEDERATION), body)).toMatchObject({
      status: 409,
      body: { code: 'call-in-closed' },
    });
    const unknown = await call(svc, 'POST', '/call-ins', orgAdmin(FEDERATION), { ...body, proposalId: newId('prop') });
    expect(unknown.status).toBe(404);
    expect(await eventsOf(decisionId, 'sanshe.organization.filing.call-in-requested.v1')).toEqual([]);
  });
});
