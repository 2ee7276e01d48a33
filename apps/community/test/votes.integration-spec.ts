import {
  contextTopic,
  decisionDecided,
  decisionEscalated,
  decisionOpened,
  decisionRoundOpened,
  decisionVoteRejected,
} from '@sanshe/contracts';
import { bearer, eventually, uniqueName } from '@sanshe/testing';
import { type CommunityUnderTest, startCommunityUnderTest } from './community-test-app';

/**
 * The community's votes on the real PostgreSQL and Kafka: decisions that seat its parties are learnt
 * from governance's events (published to the real topic, read by the service's consumer), a
 * representative's vote is one vote-cast event, a vote-rejected about it shows on the vote, and every
 * refusal (400, 401, 403, 404, 409) writes nothing.
 */
const CODE = '310104-005-001';
const GOVERNANCE = contextTopic('governance');
const DEADLINE = '2026-12-31T09:30:00.000Z';
let community: CommunityUnderTest;
let member: string;
let memberNotOnRoster: string;
let staff: string;
let residentsRep: string;

const call = async (method: string, path: string, token: string | null, body?: unknown) => {
  const response = await fetch(`${community.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? bearer(token) : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const decisionRow = async (decisionId: string) =>
  (
    await community.query<{ stage: string; round: number; result: string | null }>(
      `SELECT stage, round, result FROM "${community.schema}".community_decision WHERE decision_id = $1`,
      [decisionId],
    )
  )[0];
const inboxHas = async (eventId: string) =>
  (await community.query(`SELECT 1 FROM "${community.schema}".inbox WHERE event_id = $1`, [eventId])).length > 0;
const counts = async () =>
  community.query(
    `SELECT (SELECT count(*) FROM "${community.schema}".community_vote) AS votes,
            (SELECT count(*) FROM "${community.schema}".outbox WHERE event_type LIKE '%vote-cast%') AS events`,
  );

/** Publishes governance's decision.opened seating the community's two parties and an organization. */
async function openDecision(parties = [`community:${CODE}`, `residents:${CODE}`, 'talent:sw-1']) {
  const subjectId = uniqueName('prop');
  const decisionId = `decision/activity-proposal/${subjectId}`;
  await community.publish(GOVERNANCE, 'sanshe/governance', {
    type: 'sanshe.governance.decision.opened.v1',
    subject: decisionId,
    id: `${decisionId}/1`,
    data: {
      ...decisionOpened.example,
      decisionId,
      subjectId,
      communityCode: CODE,
      pending: parties.map((partyId) => ({ partyId, deadline: DEADLINE })),
    },
  });
  await eventually(async () => expect(await decisionRow(decisionId)).toBeDefined(), { timeoutMs: 20_000 });
  return decisionId;
}

beforeAll(async () => {
  community = await startCommunityUnderTest();
  const admin = await community.token({ sub: 'xh-admin', parties: ['jurisdiction:310104'], roles: ['area-admin'] });
  const area = { name: '新华', population: 1, serviceArea: { description: '新华路' } };
  for (const path of ['/districts/310104', '/streets/310104-005', `/communities/${CODE}`]) {
    expect((await call('PUT', path, admin, area)).status).toBe(201);
  }
  for (const [personSub, body] of [
    ['li-na', 'committee'],
    ['wang-fang', 'residents'],
  ]) {
    const appointed = await call('POST', `/communities/${CODE}/representatives`, admin, {
      body,
      personSub,
      title: '代表',
      termFrom: '2026-01-01',
    });
    expect(appointed.status).toBe(201);
  }
  member = await community.token({ sub: 'li-na', parties: [`community:${CODE}`], roles: ['committee-member'] });
  memberNotOnRoster = await community.token({
    sub: 'ghost',
    parties: [`community:${CODE}`],
    roles: ['committee-member'],
  });
  staff = await community.token({ sub: 'zhou', parties: [`community:${CODE}`], roles: ['committee-staff'] });
  residentsRep = await community.token({
    sub: 'wang-fang',
    parties: [`residents:${CODE}`],
    roles: ['residents-representative'],
  });
}, 60_000);
afterAll(() => community?.close());

describe('the community’s votes', () => {
  it('lists an opened decision for each seated party, and not a decision that seats neither', async () => {
    const decisionId = await openDecision();
    const forCommittee = await call('GET', `/communities/${CODE}/decisions?party=community`, member);
    expect(forCommittee.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          decisionId,
          stage: 'voting',
          round: 1,
          seat: expect.objectContaining({ deadline: DEADLINE }),
        }),
      ]),
    );
    const forResidents = await call('GET', `/communities/${CODE}/decisions?party=residents`, residentsRep);
    expect((forResidents.body as unknown as { decisionId: string }[]).map((d) => d.decisionId)).toContain(decisionId);
    expect((await call('GET', `/communities/${CODE}/decisions?party=residents`, member)).status).toBe(403);
    expect((await call('GET', `/communities/${CODE}/decisions?party=community`, staff)).status).toBe(403);
    expect((await call('GET', `/communities/${CODE}/decisions?party=mayor`, member)).status).toBe(400);
    const elsewhere = await community.publish(GOVERNANCE, 'sanshe/governance', {
      type: 'sanshe.governance.decision.opened.v1',
      subject: 'decision/activity-proposal/elsewhere-1',
      data: {
        ...decisionOpened.example,
        decisionId: 'decision/activity-proposal/elsewhere-1',
        subjectId: 'elsewhere-1',
        pending: [{ partyId: 'talent:sw-1', deadline: DEADLINE }],
      },
    });
    await eventually(async () => expect(await inboxHas(elsewhere.id)).toBe(true), { timeoutMs: 20_000 });
    expect(await decisionRow('decision/activity-proposal/elsewhere-1')).toBeUndefined();
  });

  it('casts a vote as one vote-cast event for the party, in the current round', async () => {
    const decisionId = await openDecision();
    const cast = await call('POST', '/votes', member, { decisionId, partyId: `community:${CODE}`, choice: 'approve' });
    expect(cast.status).toBe(201);
    expect(cast.body).toMatchObject({ status: 'sent', round: 1, castBy: 'li-na', rejection: null });
    const sent = (await community.outboxOf(decisionId)).filter(
      (e) => e.type === 'sanshe.community.decision.vote-cast.v1',
    );
    expect(sent).toEqual([
      expect.objectContaining({
        id: `sanshe.community.decision.vote-cast.v1:${cast.body.voteId as string}`,
        source: 'sanshe/community',
        data: { decisionId, partyId: `community:${CODE}`, castBy: `community:${CODE}`, choice: 'approve', round: 1 },
      }),
    ]);
  });

  it('shows governance’s refusal on the vote, and ignores a refusal of another source’s event with that id', async () => {
    const decisionId = await openDecision();
    const cast = await call('POST', '/votes', residentsRep, {
      decisionId,
      partyId: `residents:${CODE}`,
      choice: 'abstain',
    });
    const voteId = cast.body.voteId as string;
    const refusal = (source: string, code: string) =>
      community.publish(GOVERNANCE, 'sanshe/governance', {
        type: 'sanshe.governance.decision.vote-rejected.v1',
        subject: decisionId,
        data: {
          ...decisionVoteRejected.example,
          decisionId,
          partyId: `residents:${CODE}`,
          castBy: `residents:${CODE}`,
          code,
          reason: `refused: ${code}`,
          rejectedEventId: cast.body.eventId as string,
          rejectedEventSource: source,
          rejectedEventType: 'sanshe.community.decision.vote-cast.v1',
        },
      });
    await refusal('sanshe/community', 'changed-vote');
    // Same key, so after the first: a refusal of a portal's event that happens to carry the same id.
    const other = await refusal('portal/elsewhere', 'wrong-channel');
    await eventually(async () => expect(await inboxHas(other.id)).toBe(true), { timeoutMs: 20_000 });
    const shown = await call('GET', `/votes/${voteId}`, residentsRep);
    expect(shown.body).toMatchObject({ status: 'rejected' });
    expect(shown.body.rejection).toEqual({ code: 'changed-vote', reason: 'refused: changed-vote' });
    expect((await call('GET', `/votes/${voteId}`, member)).status).toBe(403);
  });

  it('follows rounds, escalation and the outcome; a closed decision refuses votes with 409', async () => {
    const decisionId = await openDecision();
    const send = (type: string, data: Record<string, unknown>, seq: number) =>
      community.publish(GOVERNANCE, 'sanshe/governance', {
        type,
        subject: decisionId,
        id: `${decisionId}/${seq}`,
        data,
      } as never);
    await send(
      'sanshe.governance.decision.round-opened.v1',
      {
        ...decisionRoundOpened.example,
        decisionId,
        round: 2,
        pending: [{ partyId: `community:${CODE}`, deadline: DEADLINE }],
      },
      2,
    );
    await eventually(async () => expect(await decisionRow(decisionId)).toMatchObject({ stage: 'voting', round: 2 }), {
      timeoutMs: 20_000,
    });
    const residentsNow = await call('POST', '/votes', residentsRep, {
      decisionId,
      partyId: `residents:${CODE}`,
      choice: 'approve',
    });
    expect(residentsNow).toMatchObject({ status: 409, body: { code: 'not-seated' } });
    expect(residentsNow.body.message).toContain(`residents:${CODE}`);
    await send('sanshe.governance.decision.escalated.v1', { ...decisionEscalated.example, decisionId }, 3);
    await eventually(async () => expect(await decisionRow(decisionId)).toMatchObject({ stage: 'escalated' }), {
      timeoutMs: 20_000,
    });
    await send(
      'sanshe.governance.decision.decided.v1',
      { ...decisionDecided.example, decisionId, result: 'approved' },
      4,
    );
    await eventually(
      async () => expect(await decisionRow(decisionId)).toMatchObject({ stage: 'closed', result: 'approved' }),
      {
        timeoutMs: 20_000,
      },
    );
    const before = await counts();
    const late = await call('POST', '/votes', member, { decisionId, partyId: `community:${CODE}`, choice: 'approve' });
    expect(late).toMatchObject({ status: 409, body: { code: 'decision-closed' } });
    expect(await counts()).toEqual(before);
    const ids = async (query: string) =>
      (
        (await call('GET', `/communities/${CODE}/decisions?party=community${query}`, member)).body as unknown as {
          decisionId: string;
        }[]
      ).map((d) => d.decisionId);
    expect(await ids('')).not.toContain(decisionId);
    expect(await ids('&status=all')).toContain(decisionId);
  });

  it('refuses, writing nothing: bad body (400), no token (401), staff, off-roster or wrong party (403), unknown decision (404)', async () => {
    const decisionId = await openDecision();
    const before = await counts();
    const vote = { decisionId, partyId: `community:${CODE}`, choice: 'approve' };
    const objection = await call('POST', '/votes', member, { ...vote, choice: 'object' });
    expect(objection).toMatchObject({ status: 400, body: { problems: [{ path: '/body/reason' }] } });
    expect((await call('POST', '/votes', member, { ...vote, decisionId: 'not a decision' })).body).toMatchObject({
      problems: [{ path: '/body/decisionId' }],
    });
    expect((await call('POST', '/votes', null, vote)).status).toBe(401);
    expect((await call('POST', '/votes', staff, vote)).status).toBe(403);
    expect((await call('POST', '/votes', memberNotOnRoster, vote)).status).toBe(403);
    expect((await call('POST', '/votes', member, { ...vote, partyId: `residents:${CODE}` })).status).toBe(403);
    const unknown = await call('POST', '/votes', member, { ...vote, decisionId: 'decision/activity-proposal/nope' });
    expect(unknown.status).toBe(404);
    expect((await call('GET', '/votes/vote-nope', member)).status).toBe(404);
    expect(await counts()).toEqual(before);
  });
});
