import { contextTopic, hoursRecorded } from '@sanshe/contracts';
import { InboxService } from '@sanshe/messaging';
import { bearer, eventually, uniqueName } from '@sanshe/testing';
import { type CommunityUnderTest, startCommunityUnderTest } from './community-test-app';

/**
 * Hours confirmed by two parties, the community's side, on the real PostgreSQL and Kafka: hours talent
 * records for a known community are kept (from talent's channel only) and listed to the committee; a
 * serving committee member confirms or disputes them once, as one community.hours.* event; governance's
 * refusal shows on the hours; every refusal (400, 401, 403, 404, 409) writes nothing.
 */
const CODE = '310104-005-001';
const UNKNOWN_CODE = '310104-005-099';
const COMMITTEE = `community:${CODE}`;
const TALENT = contextTopic('talent');
const IN_A_WEEK = () => new Date(Date.now() + 168 * 3_600_000).toISOString();
const reason = { code: 'not-served', text: '当天活动因雨取消，志愿者未到岗' };
let community: CommunityUnderTest;
let member: string;
let staff: string;
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
const hoursRow = async (hoursId: string) =>
  (
    await community.query<{ answer: string | null; settlement: string | null }>(
      `SELECT answer, settlement FROM "${community.schema}".community_hours WHERE hours_id = $1`,
      [hoursId],
    )
  )[0];
const counts = async () =>
  community.query(
    `SELECT (SELECT count(*) FROM "${community.schema}".community_hours WHERE answer IS NOT NULL) AS answers,
            (SELECT count(*) FROM "${community.schema}".outbox WHERE event_type LIKE 'sanshe.community.hours.%') AS events`,
  );
const listed = async (token: string, query = '') => {
  const reply = await call('GET', `/communities/${CODE}/hours${query}`, token);
  expect(reply.status).toBe(200);
  return (reply.body as unknown as { hoursId: string }[]).map((h) => h.hoursId);
};

/** Publishes talent's hours.recorded (from `source`); unless `kept` is false, waits until the community keeps it. */
async function recorded(
  options: { communityCode?: string; confirmBy?: string; source?: string; kept?: boolean } = {},
): Promise<{ hoursId: string; eventId: string }> {
  const hoursId = uniqueName('hours');
  const sent = await community.publish(TALENT, options.source ?? 'sanshe/talent', {
    type: 'sanshe.talent.hours.recorded.v1',
    subject: hoursId,
    id: `sanshe.talent.hours.recorded.v1:${hoursId}`,
    data: {
      ...hoursRecorded.example,
      hoursId,
      communityCode: options.communityCode ?? CODE,
      confirmBy: options.confirmBy ?? IN_A_WEEK(),
    },
  });
  if (options.kept ?? true) await eventually(async () => expect(await hoursRow(hoursId)).toBeDefined());
  return { hoursId, eventId: sent.id };
}

beforeAll(async () => {
  community = await startCommunityUnderTest();
  const admin = await community.token({ sub: 'xh-admin', parties: ['jurisdiction:310104'], roles: ['area-admin'] });
  const area = { name: '新华', population: 1, serviceArea: { description: '新华路' } };
  for (const path of ['/districts/310104', '/streets/310104-005', `/communities/${CODE}`]) {
    expect((await call('PUT', path, admin, area)).status).toBe(201);
  }
  const appointed = await call('POST', `/communities/${CODE}/representatives`, admin, {
    ...{ body: 'committee', personSub: 'li-na', title: '居委会主任', termFrom: '2026-01-01' },
  });
  expect(appointed.status).toBe(201);
  member = await community.token({ sub: 'li-na', parties: [COMMITTEE], roles: ['committee-member'] });
  staff = await community.token({ sub: 'zhou', parties: [COMMITTEE], roles: ['committee-staff'] });
  memberNotOnRoster = await community.token({ sub: 'ghost', parties: [COMMITTEE], roles: ['committee-member'] });
}, 60_000);
afterAll(() => community?.close());

describe('the community’s confirmation of hours', () => {
  it('keeps hours recorded in a community it knows and lists them to the committee; not those of another', async () => {
    const { hoursId } = await recorded();
    for (const token of [member, staff]) expect(await listed(token)).toContain(hoursId);
    const elsewhere = await recorded({ communityCode: UNKNOWN_CODE, kept: false });
    await eventually(async () => expect(await inboxHas(elsewhere.eventId)).toBe(true), { timeoutMs: 20_000 });
    expect(await hoursRow(elsewhere.hoursId)).toBeUndefined();
    const outsider = await community.token({ sub: 'li-na', parties: [COMMITTEE], roles: ['organization-staff'] });
    expect((await call('GET', `/communities/${CODE}/hours`, outsider)).status).toBe(403);
    expect((await call('GET', `/communities/${CODE}/hours`, null)).status).toBe(401);
    expect((await call('GET', `/communities/${CODE}/hours?status=some`, member)).status).toBe(400);
  });

  it('confirms as exactly one community.hours.confirmed; a second answer is 409 hours-answered', async () => {
    const { hoursId } = await recorded();
    const sent = await call('POST', `/hours/${hoursId}/confirm`, member, {});
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ hoursId, awaiting: false, answer: { kind: 'confirmed', status: 'sent' } });
    const events = (await community.outboxOf(hoursId)).filter((e) => e.type.startsWith('sanshe.community.hours.'));
    expect(events).toEqual([
      expect.objectContaining({
        type: 'sanshe.community.hours.confirmed.v1',
        id: `sanshe.community.hours.confirmed.v1:${hoursId}`,
        source: 'sanshe/community',
        data: { hoursId, communityCode: CODE, partyId: COMMITTEE, castBy: COMMITTEE },
      }),
    ]);
    const before = await counts();
    const again = await call('POST', `/hours/${hoursId}/dispute`, member, { reason });
    expect(again).toMatchObject({ status: 409, body: { code: 'hours-answered' } });
    expect(await counts()).toEqual(before);
    expect(await listed(member)).not.toContain(hoursId);
    expect(await listed(member, '?status=all')).toContain(hoursId);
  });

  it('disputes with a reason as one community.hours.disputed; governance’s refusal shows on the hours', async () => {
    const { hoursId } = await recorded();
    const sent = await call('POST', `/hours/${hoursId}/dispute`, member, { reason });
    expect(sent).toMatchObject({ status: 200, body: { answer: { kind: 'disputed', reason } } });
    const [event] = (await community.outboxOf(hoursId)).filter((e) => e.type.startsWith('sanshe.community.hours.'));
    expect(event).toMatchObject({
      type: 'sanshe.community.hours.disputed.v1',
      data: { hoursId, communityCode: CODE, partyId: COMMITTEE, castBy: COMMITTEE, reason },
    });
    await community.publish(contextTopic('governance'), 'sanshe/governance', {
      type: 'sanshe.governance.hours.update-rejected.v1',
      subject: hoursId,
      data: {
        ...{ hoursId, workflowId: `hours/${hoursId}`, partyId: COMMITTEE, castBy: COMMITTEE },
        ...{ rejectedEventSource: 'sanshe/community', rejectedEventId: event.id, rejectedEventType: event.type },
        ...{ code: 'hours-closed', reason: 'the hours were already settled' },
      },
    });
    await eventually(async () => {
      const shown = await call('GET', `/hours/${hoursId}`, staff);
      expect(shown.body).toMatchObject({
        answer: { status: 'rejected', rejection: { code: 'hours-closed', reason: 'the hours were already settled' } },
      });
    });
  });

  it('refuses, writing nothing: no reason (400), no token (401), staff or off-roster (403), unknown (404), past confirmBy or settled (409)', async () => {
    const { hoursId } = await recorded();
    const late = await recorded({ confirmBy: new Date(Date.now() - 1_000).toISOString() });
    const settled = await recorded();
    await community.publish(TALENT, 'sanshe/talent', {
      type: 'sanshe.talent.hours.confirmed.v1',
      subject: settled.hoursId,
      data: {
        ...{ hoursId: settled.hoursId, workerId: 'vol-2024-0311', workerKind: 'volunteer' },
        ...{ organizationId: 'org-xinhua-elderly-care', activityId: 'act-2026-0009', communityCode: CODE },
        ...{ minutes: 150, confirmedBy: 'silence', confirmedAt: new Date().toISOString() },
      },
    });
    await eventually(async () => expect(await hoursRow(settled.hoursId)).toMatchObject({ settlement: 'confirmed' }));
    const before = await counts();
    const missing = await call('POST', `/hours/${hoursId}/dispute`, member, {});
    expect(missing).toMatchObject({ status: 400, body: { problems: [{ path: '/body/reason' }] } });
    expect((await call('POST', `/hours/${hoursId}/dispute`, member, { reason: { code: 'x' } })).status).toBe(400);
    expect((await call('POST', `/hours/${hoursId}/confirm`, null, {})).status).toBe(401);
    expect((await call('POST', `/hours/${hoursId}/confirm`, staff, {})).status).toBe(403);
    expect((await call('POST', `/hours/${hoursId}/confirm`, memberNotOnRoster, {})).status).toBe(403);
    const otherCommittee = await community.token({
      ...{ sub: 'li-na', parties: ['community:310104-005-002'], roles: ['committee-member'] },
    });
    expect((await call('POST', `/hours/${hoursId}/confirm`, otherCommittee, {})).status).toBe(403);
    expect((await call('POST', '/hours/hours-nope/confirm', member, {})).status).toBe(404);
    const closed = await call('POST', `/hours/${late.hoursId}/confirm`, member, {});
    expect(closed).toMatchObject({ status: 409, body: { code: 'hours-closed' } });
    const done = await call('POST', `/hours/${settled.hoursId}/dispute`, member, { reason });
    expect(done).toMatchObject({ status: 409, body: { code: 'hours-closed' } });
    expect(await listed(member)).not.toContain(late.hoursId);
    expect(await listed(member, '?status=all')).toEqual(expect.arrayContaining([late.hoursId, settled.hoursId]));
    expect(await counts()).toEqual(before);
  });

  it('counts hours only from talent’s own channel: another source on the talent topic is dead-lettered', async () => {
    const processor = community.app.get(InboxService).processor;
    const deadLettered = processor.counts['dead-lettered'];
    const forged = await recorded({ source: 'sanshe/organization', kept: false });
    await eventually(() => expect(processor.counts['dead-lettered']).toBe(deadLettered + 1), { timeoutMs: 30_000 });
    expect(await hoursRow(forged.hoursId)).toBeUndefined();
  });
});
