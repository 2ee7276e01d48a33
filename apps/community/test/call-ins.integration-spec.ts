import { contextTopic, decisionVoteRejected, filingCalledIn, filingNoticed, filingWithdrawn } from '@sanshe/contracts';
import { InboxService } from '@sanshe/messaging';
import { bearer, eventually, uniqueName } from '@sanshe/testing';
import { type CommunityUnderTest, startCommunityUnderTest } from './community-test-app';

/**
 * The community's call-ins (filing instead of approval) on the real PostgreSQL and Kafka: a filing
 * governance noticed to the community's parties is learnt from governance's channel only and listed; a
 * representative's call-in is one call-in-requested event, once per party; a vote-rejected about it shows
 * on the call-in; every refusal (400, 401, 403, 404, 409) writes nothing.
 */
const CODE = '310104-005-001';
const COMMITTEE = `community:${CODE}`;
const RESIDENTS = `residents:${CODE}`;
const GOVERNANCE = contextTopic('governance');
const IN_THREE_DAYS = () => new Date(Date.now() + 72 * 3_600_000).toISOString();
const reason = { code: 'venue-conflict', text: '同一时段社区活动室已安排老年大学课程' };
let community: CommunityUnderTest;
let member: string;
let staff: string;
let residentsRep: string;
let memberNotOnRoster: string;

const call = async (method: string, path: string, token: string | null, body?: unknown) => {
  const response = await fetch(`${community.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? bearer(token) : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const inboxHas = async (eventId: string) =>
  (await community.query(`SELECT 1 FROM "${community.schema}".inbox WHERE event_id = $1`, [eventId])).length > 0;
const filingRow = async (proposalId: string) =>
  (
    await community.query<{ status: string; eligible_party_ids: string[] }>(
      `SELECT status, eligible_party_ids FROM "${community.schema}".community_filing WHERE proposal_id = $1`,
      [proposalId],
    )
  )[0];
const counts = async () =>
  community.query(
    `SELECT (SELECT count(*) FROM "${community.schema}".community_call_in) AS call_ins,
            (SELECT count(*) FROM "${community.schema}".outbox WHERE event_type LIKE '%call-in-requested%') AS events`,
  );
const listed = async (token: string, query = '') => {
  const reply = await call('GET', `/communities/${CODE}/filings${query}`, token);
  expect(reply.status).toBe(200);
  return (reply.body as unknown as { proposalId: string }[]).map((f) => f.proposalId);
};

/** Publishes governance's filing.noticed (from `source`); unless `kept` is false, waits until it is kept. */
async function notice(
  options: { eligible?: string[]; callInUntil?: string; source?: string; kept?: boolean } = {},
): Promise<{ proposalId: string; decisionId: string; eventId: string }> {
  const proposalId = uniqueName('prop');
  const decisionId = `decision/activity-proposal/${proposalId}`;
  const eligible = options.eligible ?? [COMMITTEE, RESIDENTS, 'talent:district-social-workers'];
  const sent = await community.publish(GOVERNANCE, options.source ?? 'sanshe/governance', {
    type: 'sanshe.governance.filing.noticed.v1',
    subject: decisionId,
    id: `sanshe.governance.filing.noticed.v1:${proposalId}`,
    data: {
      ...filingNoticed.example,
      ...{ proposalId, decisionId, communityCode: CODE },
      callInUntil: options.callInUntil ?? IN_THREE_DAYS(),
      eligiblePartyIds: eligible,
    },
  });
  if (options.kept ?? true) await eventually(async () => expect(await filingRow(proposalId)).toBeDefined());
  return { proposalId, decisionId, eventId: sent.id };
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
      ...{ body, personSub, title: '代表', termFrom: '2026-01-01' },
    });
    expect(appointed.status).toBe(201);
  }
  member = await community.token({ sub: 'li-na', parties: [COMMITTEE], roles: ['committee-member'] });
  staff = await community.token({ sub: 'zhou', parties: [COMMITTEE], roles: ['committee-staff'] });
  residentsRep = await community.token({ sub: 'wang-fang', parties: [RESIDENTS], roles: ['residents-representative'] });
  memberNotOnRoster = await community.token({ sub: 'ghost', parties: [COMMITTEE], roles: ['committee-member'] });
}, 60_000);
afterAll(() => community?.close());

describe('the community’s call-ins', () => {
  it('lists a noticed filing to the committee, its staff and the residents’ representatives; not one seating neither', async () => {
    const { proposalId } = await notice();
    expect(await filingRow(proposalId)).toEqual({ status: 'noticed', eligible_party_ids: [COMMITTEE, RESIDENTS] });
    for (const token of [member, staff, residentsRep]) expect(await listed(token)).toContain(proposalId);
    const elsewhere = await notice({ eligible: ['talent:district-social-workers'], kept: false });
    await eventually(async () => expect(await inboxHas(elsewhere.eventId)).toBe(true), { timeoutMs: 20_000 });
    expect(await filingRow(elsewhere.proposalId)).toBeUndefined();
    const outsider = await community.token({ sub: 'li-na', parties: [COMMITTEE], roles: ['organization-staff'] });
    expect((await call('GET', `/communities/${CODE}/filings`, outsider)).status).toBe(403);
    expect((await call('GET', `/communities/${CODE}/filings`, null)).status).toBe(401);
    expect((await call('GET', `/communities/${CODE}/filings?status=some`, member)).status).toBe(400);
  });

  it('calls in as exactly one call-in-requested for the party; the same party again is 409 call-in-closed', async () => {
    const { proposalId, decisionId } = await notice();
    const sent = await call('POST', '/call-ins', member, { proposalId, partyId: COMMITTEE, reason });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ status: 'sent', castBy: 'li-na', rejection: null, decisionId });
    const events = (await community.outboxOf(decisionId)).filter(
      (e) => e.type === 'sanshe.community.filing.call-in-requested.v1',
    );
    expect(events).toEqual([
      expect.objectContaining({
        id: `sanshe.community.filing.call-in-requested.v1:${sent.body.callInId as string}`,
        source: 'sanshe/community',
        data: { decisionId, proposalId, partyId: COMMITTEE, castBy: COMMITTEE, reason },
      }),
    ]);
    const before = await counts();
    const again = await call('POST', '/call-ins', member, { proposalId, partyId: COMMITTEE, reason });
    expect(again).toMatchObject({ status: 409, body: { code: 'call-in-closed' } });
    expect(again.body.message).toContain('already called in');
    expect(await counts()).toEqual(before);
    const [filing] = (await call('GET', `/communities/${CODE}/filings`, residentsRep)).body as unknown as {
      proposalId: string;
      callIns: unknown[];
    }[];
    expect(filing).toMatchObject({ proposalId, callIns: [expect.objectContaining({ partyId: COMMITTEE })] });
  });

  it('refuses, writing nothing: bad body (400), no token (401), staff or off-roster (403), unknown filing (404), unseated party or past the window (409)', async () => {
    const { proposalId } = await notice({ eligible: [COMMITTEE] });
    const late = await notice({ callInUntil: new Date(Date.now() - 1_000).toISOString() });
    const before = await counts();
    const body = { proposalId, partyId: COMMITTEE, reason };
    const missing = await call('POST', '/call-ins', member, { proposalId, partyId: COMMITTEE });
    expect(missing).toMatchObject({ status: 400, body: { problems: [{ path: '/body/reason' }] } });
    const notOurs = await call('POST', '/call-ins', member, { ...body, partyId: 'organization:district-federation' });
    expect(notOurs).toMatchObject({ status: 400, body: { problems: [{ path: '/body/partyId' }] } });
    // No body and no content-type (the body parser leaves it undefined): 400, not a 500 (found by npm run fuzz)
    const bare = await fetch(`${community.baseUrl}/call-ins`, { method: 'POST', headers: bearer(member) });
    expect(bare.status).toBe(400);
    expect((await call('POST', '/call-ins', null, body)).status).toBe(401);
    expect((await call('POST', '/call-ins', staff, body)).status).toBe(403);
    expect((await call('POST', '/call-ins', memberNotOnRoster, body)).status).toBe(403);
    expect((await call('POST', '/call-ins', member, { ...body, partyId: RESIDENTS })).status).toBe(403);
    expect((await call('POST', '/call-ins', member, { ...body, proposalId: 'prop-nope' })).status).toBe(404);
    const unseated = await call('POST', '/call-ins', residentsRep, { ...body, partyId: RESIDENTS });
    expect(unseated).toMatchObject({ status: 409, body: { code: 'not-seated' } });
    const closed = await call('POST', '/call-ins', member, { ...body, proposalId: late.proposalId });
    expect(closed).toMatchObject({ status: 409, body: { code: 'call-in-closed' } });
    expect(await listed(member)).not.toContain(late.proposalId);
    expect(await listed(member, '?status=all')).toContain(late.proposalId);
    expect((await call('GET', '/call-ins/call-in-nope', member)).status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('takes no call-in once governance says the filing was called in', async () => {
    const { proposalId, decisionId } = await notice();
    await community.publish(GOVERNANCE, 'sanshe/governance', {
      type: 'sanshe.governance.filing.called-in.v1',
      subject: decisionId,
      id: `sanshe.governance.filing.called-in.v1:${proposalId}`,
      data: { ...filingCalledIn.example, proposalId, decisionId, communityCode: CODE },
    });
    await eventually(async () => expect(await filingRow(proposalId)).toMatchObject({ status: 'called-in' }));
    const refused = await call('POST', '/call-ins', residentsRep, { proposalId, partyId: RESIDENTS, reason });
    expect(refused).toMatchObject({ status: 409, body: { code: 'call-in-closed' } });
    expect(await listed(member)).not.toContain(proposalId);
    expect(await listed(member, '?status=all')).toContain(proposalId);
  });

  it('takes no call-in once governance says the filing was withdrawn, even if the notice is read after it', async () => {
    const withdraw = (proposalId: string, decisionId: string) =>
      community.publish(GOVERNANCE, 'sanshe/governance', {
        type: 'sanshe.governance.filing.withdrawn.v1',
        subject: decisionId,
        id: `sanshe.governance.filing.withdrawn.v1:${proposalId}`,
        data: { ...filingWithdrawn.example, proposalId, decisionId, communityCode: CODE },
      });
    const { proposalId, decisionId } = await notice();
    expect(await listed(member)).toContain(proposalId);
    await withdraw(proposalId, decisionId);
    await eventually(async () => expect(await filingRow(proposalId)).toMatchObject({ status: 'withdrawn' }));
    const before = await counts();
    const refused = await call('POST', '/call-ins', residentsRep, { proposalId, partyId: RESIDENTS, reason });
    expect(refused).toMatchObject({ status: 409, body: { code: 'call-in-closed' } });
    expect(await counts()).toEqual(before);
    expect(await listed(member)).not.toContain(proposalId);
    expect(await listed(member, '?status=all')).toContain(proposalId);

    // Withdrawn first, noticed after (a republished notice): the notice fills in the seats, never reopens it.
    const late = { proposalId: uniqueName('prop'), decisionId: '' };
    late.decisionId = `decision/activity-proposal/${late.proposalId}`;
    const withdrawn = await withdraw(late.proposalId, late.decisionId);
    await eventually(async () => expect(await inboxHas(withdrawn.id)).toBe(true));
    const noticed = await community.publish(GOVERNANCE, 'sanshe/governance', {
      type: 'sanshe.governance.filing.noticed.v1',
      subject: late.decisionId,
      id: `sanshe.governance.filing.noticed.v1:${late.proposalId}`,
      data: {
        ...filingNoticed.example,
        ...late,
        communityCode: CODE,
        callInUntil: IN_THREE_DAYS(),
        eligiblePartyIds: [COMMITTEE, RESIDENTS],
      },
    });
    await eventually(async () => expect(await inboxHas(noticed.id)).toBe(true));
    expect(await filingRow(late.proposalId)).toEqual({
      status: 'withdrawn',
      eligible_party_ids: [COMMITTEE, RESIDENTS],
    });
    expect(await listed(member)).not.toContain(late.proposalId);
    const lateCallIn = await call('POST', '/call-ins', member, {
      proposalId: late.proposalId,
      partyId: COMMITTEE,
      reason,
    });
    expect(lateCallIn).toMatchObject({ status: 409, body: { code: 'call-in-closed' } });
  });

  it('dead-letters a filing.noticed from another source, listing nothing', async () => {
    const inbox = community.app.get(InboxService);
    const deadLettered = inbox.processor.counts['dead-lettered'];
    const forged = await notice({ source: 'sanshe/organization', kept: false });
    // Governance's own notice on the same key afterwards: read once the forged one was dealt with.
    const genuine = await community.publish(GOVERNANCE, 'sanshe/governance', {
      type: 'sanshe.governance.filing.called-in.v1',
      subject: forged.decisionId,
      data: { ...filingCalledIn.example, proposalId: forged.proposalId, decisionId: forged.decisionId },
    });
    await eventually(async () => expect(await inboxHas(genuine.id)).toBe(true), { timeoutMs: 20_000 });
    expect(inbox.processor.counts['dead-lettered']).toBe(deadLettered + 1);
    expect(await inboxHas(forged.eventId)).toBe(false);
    expect(await filingRow(forged.proposalId)).toBeUndefined();
    expect(await listed(member, '?status=all')).not.toContain(forged.proposalId);
  });

  it('shows governance’s refusal on the call-in, and ignores a refusal of another source’s event with that id', async () => {
    const { proposalId, decisionId } = await notice();
    const sent = await call('POST', '/call-ins', residentsRep, { proposalId, partyId: RESIDENTS, reason });
    const callInId = sent.body.callInId as string;
    const refusal = (source: string, code: string) =>
      community.publish(GOVERNANCE, 'sanshe/governance', {
        type: 'sanshe.governance.decision.vote-rejected.v1',
        subject: decisionId,
        data: {
          ...decisionVoteRejected.example,
          ...{ decisionId, partyId: RESIDENTS, castBy: RESIDENTS, code, reason: `refused: ${code}` },
          rejectedEventId: sent.body.eventId as string,
          rejectedEventSource: source,
          rejectedEventType: 'sanshe.community.filing.call-in-requested.v1',
        },
      });
    await refusal('sanshe/community', 'call-in-closed');
    const other = await refusal('portal/elsewhere', 'wrong-channel');
    await eventually(async () => expect(await inboxHas(other.id)).toBe(true), { timeoutMs: 20_000 });
    const shown = await call('GET', `/call-ins/${callInId}`, residentsRep);
    expect(shown.body).toMatchObject({ status: 'rejected', callInId, partyId: RESIDENTS });
    expect(shown.body.rejection).toEqual({ code: 'call-in-closed', reason: 'refused: call-in-closed' });
    expect((await call('GET', `/call-ins/${callInId}`, member)).status).toBe(403);
  });
});
