import { contextTopic } from '@sanshe/contracts';
import { InboxService } from '@sanshe/messaging';
import { eventually } from '@sanshe/testing';
import { type CommunityUnderTest, startCommunityUnderTest } from './community-test-app';
import {
  applied,
  call,
  COMMUNITY,
  committeeMember,
  newId,
  organizationStaff,
  OTHER_COMMUNITY,
  proposalDecided,
  proposalSubmitted,
  registerCommunities,
} from './needs.fixtures';

// Venues and bookings on the real PostgreSQL and Kafka: overlapping bookings are refused by the exclusion
// constraint, also under concurrent requests, and nothing is booked without an approved proposal.
let svc: CommunityUnderTest;

const ORG = 'org-xinhua-elderly-care';
const venueBody = {
  name: '睦邻中心多功能活动室',
  capacity: 40,
  timeZone: 'Asia/Shanghai',
  openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' })),
};
/** A day ten days from now, as Shanghai's calendar names it; sessions are given in its wall-clock time. */
const day = new Date(Date.now() + 10 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
const session = (from: string, to: string, participants = 30) => ({
  startsAt: new Date(`${day}T${from}:00+08:00`).toISOString(),
  endsAt: new Date(`${day}T${to}:00+08:00`).toISOString(),
  participants,
});

const putVenue = (venueId: string, body: unknown = venueBody, identity = committeeMember()) =>
  call<{ revision: number }>(svc, 'PUT', `/communities/${COMMUNITY}/venues/${venueId}`, identity, body);
const newVenue = async () => {
  const venueId = newId('venue');
  expect((await putVenue(venueId)).status).toBe(201);
  return venueId;
};
/** A proposal of ORG for COMMUNITY, with governance's outcome applied. */
const decidedProposal = async (result: 'approved' | 'rejected', communityCode = COMMUNITY) => {
  const proposalId = newId('prop');
  await applied(svc, await proposalSubmitted(svc, { proposalId, organizationId: ORG, communityCode }));
  await applied(svc, await proposalDecided(svc, { proposalId, result, communityCode }));
  return proposalId;
};
const book = (venueId: string, body: unknown, identity = organizationStaff(ORG)) =>
  call<Record<string, unknown> & { bookingId?: string }[]>(svc, 'POST', `/venues/${venueId}/bookings`, identity, body);
const inbox = () => svc.app.get(InboxService);
const countRows = async (sql: string, params: unknown[]) =>
  Number((await svc.query<{ n: string }>(sql.replace(/%s/g, `"${svc.schema}"`), params))[0]!.n);
const bookingsOf = (venueId: string) =>
  countRows('SELECT count(*) AS n FROM %s.booking WHERE venue_id = $1', [venueId]);
const confirmedOf = (venueId: string) =>
  countRows(
    `SELECT count(*) AS n FROM %s.outbox
      WHERE event_type = 'sanshe.community.booking.confirmed.v1' AND payload::jsonb #>> '{data,venueId}' = $1`,
    [venueId],
  );

beforeAll(async () => {
  svc = await startCommunityUnderTest();
  await registerCommunities(svc, [COMMUNITY, OTHER_COMMUNITY]);
}, 60_000);

afterAll(async () => svc?.close());

describe('venues', () => {
  it('registers (201, venue.registered), ignores an unchanged PUT (200, no event), changes with the next revision', async () => {
    const venueId = await newVenue();
    expect(await putVenue(venueId)).toMatchObject({ status: 200, body: { revision: 1 } });
    expect(await putVenue(venueId, { ...venueBody, capacity: 60 })).toMatchObject({
      status: 200,
      body: { revision: 2 },
    });
    expect((await svc.outboxOf(venueId)).map((e) => [e.type, (e.data as { revision: number }).revision])).toEqual([
      ['sanshe.community.venue.registered.v1', 1],
      ['sanshe.community.venue.updated.v1', 2],
    ]);
  });

  it.each([
    [
      'a closing before the opening',
      { ...venueBody, openingHours: [{ weekday: 1, opens: '18:00', closes: '09:00' }] },
      '/openingHours/0/closes',
    ],
    [
      'a weekday 8',
      { ...venueBody, openingHours: [{ weekday: 8, opens: '09:00', closes: '18:00' }] },
      '/openingHours/0/weekday',
    ],
    ['no capacity', { ...venueBody, capacity: 0 }, '/capacity'],
    ['an unknown time zone', { ...venueBody, timeZone: 'Mars/Olympus' }, '/timeZone'],
    [
      'an unknown field of an opening period',
      { ...venueBody, openingHours: [{ weekday: 1, opens: '09:00', closes: '18:00', note: 'x' }] },
      '/openingHours/0/note',
    ],
  ])('refuses %s with 400 naming the field, writing nothing', async (_what, body, path) => {
    const venueId = newId('venue');
    const reply = await putVenue(venueId, body);
    expect(reply.status).toBe(400);
    expect((reply.body as unknown as { problems: { path: string }[] }).problems.map((p) => p.path)).toContain(path);
    expect(await svc.outboxOf(venueId)).toEqual([]);
  });

  it('is the committee’s to register: an organization or another community’s committee gets 403', async () => {
    const venueId = newId('venue');
    expect((await putVenue(venueId, venueBody, organizationStaff(ORG))).status).toBe(403);
    expect((await putVenue(venueId, venueBody, committeeMember(OTHER_COMMUNITY))).status).toBe(403);
    expect((await call(svc, 'GET', `/venues/${venueId}`, organizationStaff(ORG))).status).toBe(404);
  });
});

describe('bookings', () => {
  it("says in the API docs that nothing is booked at the community's discretion", async () => {
    const docs = (await (await fetch(`${svc.baseUrl}/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { description?: string }>>;
    };
    expect(docs.paths['/venues/{venueId}/bookings']?.post?.description).toMatch(
      /only for a proposal that governance approved .*there is no booking at the community's discretion/i,
    );
    // Registering a venue takes @Param() whole: its path parameters are documented from the schema it checks.
    const put = docs.paths['/communities/{communityCode}/venues/{venueId}']?.put as unknown as {
      parameters: { name: string; in: string; schema: { pattern?: string } }[];
    };
    expect(put.parameters.filter((p) => p.in === 'path').map((p) => [p.name, typeof p.schema.pattern])).toEqual([
      ['communityCode', 'string'],
      ['venueId', 'string'],
    ]);
  });

  it('10 overlapping requests at once: exactly one 201, nine 409 naming its booking, one booking.confirmed', async () => {
    const [venueId, proposalId] = [await newVenue(), await decidedProposal('approved')];
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        book(venueId, { proposalId, sessions: [session('09:00', i % 2 ? '11:00' : '10:30')] }),
      ),
    );
    const created = replies.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    const winner = (created[0]!.body as { bookingId: string }[])[0]!.bookingId;
    const refused = replies.filter((r) => r.status === 409);
    expect(refused).toHaveLength(9);
    for (const { body } of refused)
      expect(body).toMatchObject({ code: 'booking-overlap', conflictingBookingId: winner });
    expect(await bookingsOf(venueId)).toBe(1);
    expect(await confirmedOf(venueId)).toBe(1);
  });

  it('books back-to-back [startsAt, endsAt) sessions, in one request and in two', async () => {
    const [venueId, proposalId] = [await newVenue(), await decidedProposal('approved')];
    const both = await book(venueId, { proposalId, sessions: [session('09:00', '10:00'), session('10:00', '11:00')] });
    expect(both.status).toBe(201);
    expect((await book(venueId, { proposalId, sessions: [session('11:00', '12:00', 40)] })).status).toBe(201);
    expect([await bookingsOf(venueId), await confirmedOf(venueId)]).toEqual([3, 3]);
  });

  it('refuses a proposal that is not approved (409) or unknown (404), writing nothing', async () => {
    const venueId = await newVenue();
    const rejected = await decidedProposal('rejected');
    expect(await book(venueId, { proposalId: rejected, sessions: [session('09:00', '10:00')] })).toMatchObject({
      status: 409,
      body: { code: 'proposal-not-approved' },
    });
    const undecided = newId('prop');
    await applied(svc, await proposalSubmitted(svc, { proposalId: undecided, organizationId: ORG }));
    expect((await book(venueId, { proposalId: undecided, sessions: [session('09:00', '10:00')] })).status).toBe(409);
    expect(
      (await book(venueId, { proposalId: 'prop-never-heard-of', sessions: [session('09:00', '10:00')] })).status,
    ).toBe(404);
    expect([await bookingsOf(venueId), await confirmedOf(venueId)]).toEqual([0, 0]);
  });

  // A malformed field is 400; well-formed sessions breaking the venue's stored capacity or hours are 422, as
  // documented (Schemathesis counted the 400 a schema-valid request rejected).
  it.each([
    ['more participants than the venue holds', [session('09:00', '10:00', 41)], '/sessions/0/participants', 422],
    ['a session crossing closing time', [session('19:00', '21:00')], '/sessions/0/endsAt', 422],
    ['a malformed start', [{ ...session('09:00', '10:00'), startsAt: 'tomorrow' }], '/sessions/0/startsAt', 400],
    ['no session', [], '/sessions', 400],
    ['an unknown field of a session', [{ ...session('09:00', '10:00'), room: 'B' }], '/sessions/0/room', 400],
  ])('refuses %s naming the field, writing nothing', async (_what, sessions, path, status) => {
    const [venueId, proposalId] = [await newVenue(), await decidedProposal('approved')];
    const reply = await book(venueId, { proposalId, sessions });
    expect(reply.status).toBe(status);
    expect((reply.body as unknown as { problems: { path: string }[] }).problems.map((p) => p.path)).toContain(path);
    expect([await bookingsOf(venueId), await confirmedOf(venueId)]).toEqual([0, 0]);
  });

  it('books only for the proposal’s organization or the venue’s committee, and in the proposal’s community', async () => {
    const [venueId, proposalId] = [await newVenue(), await decidedProposal('approved')];
    const body = { proposalId, sessions: [session('09:00', '10:00')] };
    expect((await book(venueId, body, organizationStaff('org-other'))).status).toBe(403);
    expect((await book(venueId, body, committeeMember(OTHER_COMMUNITY))).status).toBe(403);
    const elsewhere = await decidedProposal('approved', OTHER_COMMUNITY);
    const moved = await book(venueId, { ...body, proposalId: elsewhere }, committeeMember());
    expect(moved).toMatchObject({ status: 409, body: { code: 'proposal-in-other-community' } });
    expect((await book(venueId, body, committeeMember())).status).toBe(201);
  });

  it('cancels once (booking.cancelled), frees the time, and a second DELETE publishes nothing', async () => {
    const [venueId, proposalId] = [await newVenue(), await decidedProposal('approved')];
    const body = { proposalId, sessions: [session('14:00', '16:00')] };
    const bookingId = ((await book(venueId, body)).body as { bookingId: string }[])[0]!.bookingId;
    expect((await call(svc, 'DELETE', `/bookings/${bookingId}`, organizationStaff('org-other'))).status).toBe(403);
    // The body is closed: a field it does not name (one holding U+0000, say) is refused 400, the booking kept.
    const unknown = await call(svc, 'DELETE', `/bookings/${bookingId}`, organizationStaff(ORG), { note: 'x' });
    expect(unknown).toMatchObject({ status: 400, body: { problems: [{ path: '/note' }] } });
    const cancel = () => call(svc, 'DELETE', `/bookings/${bookingId}`, organizationStaff(ORG), { reason: '台风停课' });
    expect(await cancel()).toMatchObject({ status: 200, body: { status: 'cancelled', cancelReason: '台风停课' } });
    expect((await cancel()).status).toBe(200);
    expect((await svc.outboxOf(bookingId)).map((e) => e.type)).toEqual([
      'sanshe.community.booking.confirmed.v1',
      'sanshe.community.booking.cancelled.v1',
    ]);
    expect((await book(venueId, body)).status).toBe(201);
  });

  it('never hears the outcome from another channel: a decided on the organization topic is dead-lettered, not applied', async () => {
    const proposalId = newId('prop');
    await applied(svc, await proposalSubmitted(svc, { proposalId, organizationId: ORG }));
    const decisionId = `decision/activity-proposal/${proposalId}`;
    const deadLettered = inbox().processor.counts['dead-lettered'];
    await svc.publish(contextTopic('organization'), 'sanshe/organization', {
      type: 'sanshe.governance.decision.decided.v1',
      subject: decisionId,
      data: {
        ...{
          decisionId,
          kind: 'activity-proposal',
          subjectId: proposalId,
          communityCode: COMMUNITY,
          result: 'approved',
        },
        ...{ decidedBy: 'votes', level: 0, reason: 'forged', auditHash: 'b'.repeat(64), auditLength: 1 },
        tally: { approve: 3, object: 0, abstain: 0, pending: 0, total: 3, quorum: 2 },
      },
    });
    await eventually(() => expect(inbox().processor.counts['dead-lettered']).toBe(deadLettered + 1));
    const venueId = await newVenue();
    expect(await book(venueId, { proposalId, sessions: [session('09:00', '10:00')] })).toMatchObject({
      status: 409,
      body: { code: 'proposal-not-approved' },
    });
  });
});
