import { contextTopic } from '@sanshe/contracts';
import { call as callAs } from '@sanshe/service-testing';
import { eventually, uniqueName } from '@sanshe/testing';
import type { TokenRequest } from '@sanshe/auth';
import { type CommunityUnderTest, startCommunityUnderTest } from './community-test-app';

/**
 * The community's disbursement requests on the real PostgreSQL and Kafka: a representative's objection or
 * clawback proposal is one event on sanshe.community.events (castBy the party, never the person), stored with
 * the request; an objection once per party and tranche; every refusal (400, 401, 403, 409) writes nothing;
 * governance's request-refused, from its channel only, shows on the request.
 */
const CODE = '310104-005-001';
const COMMITTEE = `community:${CODE}`;
const RESIDENTS = `residents:${CODE}`;
const reason = { code: 'evidence-false', text: '签到表与现场照片不符，服务人次存疑' };
const member: TokenRequest = { sub: 'li-na', parties: [COMMITTEE], roles: ['committee-member'] };
const staff: TokenRequest = { sub: 'zhou', parties: [COMMITTEE], roles: ['committee-staff'] };
const residentsRep: TokenRequest = { sub: 'wang-fang', parties: [RESIDENTS], roles: ['residents-representative'] };
const offRoster: TokenRequest = { sub: 'ghost', parties: [COMMITTEE], roles: ['committee-member'] };
let community: CommunityUnderTest;

const call = (method: string, path: string, who: TokenRequest | null, body?: unknown) =>
  callAs(community, method, path, who, body);
const counts = async () =>
  community.query(
    `SELECT (SELECT count(*) FROM "${community.schema}".community_disbursement_request) AS requests,
            (SELECT count(*) FROM "${community.schema}".outbox WHERE event_type LIKE '%.disbursement.%') AS events`,
  );
const objection = (party = 'community', trancheNo = 2) => ({ communityCode: CODE, trancheNo, party, reason });
const requestsOf = async (grantId: string, who: TokenRequest = staff) => {
  const reply = await call('GET', `/disbursements/${grantId}/requests?communityCode=${CODE}`, who);
  expect(reply.status).toBe(200);
  return reply.body as unknown as Record<string, unknown>[];
};

beforeAll(async () => {
  community = await startCommunityUnderTest();
  const admin: TokenRequest = { sub: 'xh-admin', parties: ['jurisdiction:310104'], roles: ['area-admin'] };
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
}, 60_000);
afterAll(() => community?.close());

describe('the community’s disbursement requests', () => {
  it('sends an objection as one objection-raised on the community’s topic; the same party again is 409', async () => {
    const grantId = uniqueName('grant');
    const sent = await call('POST', `/disbursements/${grantId}/objections`, residentsRep, objection('residents'));
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ kind: 'objection', partyId: RESIDENTS, castBy: 'wang-fang', status: 'sent' });
    const events = await community.outboxOf(grantId);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'sanshe.community.disbursement.objection-raised.v1',
        id: sent.body.eventId,
        source: 'sanshe/community',
        data: { grantId, trancheNo: 2, partyId: RESIDENTS, castBy: RESIDENTS, reason },
      }),
    ]);
    expect(JSON.stringify(events)).not.toContain('wang-fang');
    await eventually(async () => {
      const [row] = await community.query<{ topic: string; sent: boolean }>(
        `SELECT topic, sent_at IS NOT NULL AS sent FROM "${community.schema}".outbox WHERE event_id = $1`,
        [sent.body.eventId],
      );
      expect(row).toEqual({ topic: contextTopic('community'), sent: true });
    });
    const before = await counts();
    const again = await call('POST', `/disbursements/${grantId}/objections`, residentsRep, objection('residents'));
    expect(again).toMatchObject({ status: 409, body: { code: 'already-objected' } });
    expect(again.body.message).toContain(String(sent.body.requestId));
    expect(await counts()).toEqual(before);
    // The committee is another party, and another tranche another notice: both are taken.
    expect((await call('POST', `/disbursements/${grantId}/objections`, member, objection())).status).toBe(201);
    const later = objection('residents', 3);
    expect((await call('POST', `/disbursements/${grantId}/objections`, residentsRep, later)).status).toBe(201);
    expect((await requestsOf(grantId)).map((r) => [r.partyId, r.trancheNo])).toEqual([
      [RESIDENTS, 2],
      [COMMITTEE, 2],
      [RESIDENTS, 3],
    ]);
  });

  it('sends a clawback proposal with its amount', async () => {
    const grantId = uniqueName('grant');
    const amount = { amountFen: 720_000, currency: 'CNY' };
    const body = { ...objection('community', 1), amount };
    const sent = await call('POST', `/disbursements/${grantId}/clawback-proposals`, member, body);
    expect(sent).toMatchObject({ status: 201, body: { kind: 'clawback', amount, castBy: 'li-na' } });
    expect((await community.outboxOf(grantId)).map((e) => [e.type, e.data])).toEqual([
      [
        'sanshe.community.disbursement.clawback-proposed.v1',
        { grantId, trancheNo: 1, amount, partyId: COMMITTEE, castBy: COMMITTEE, reason },
      ],
    ]);
  });

  it('refuses, writing nothing: bad body (400), no token (401), staff, the other body or off-roster (403)', async () => {
    const grantId = uniqueName('grant');
    const path = `/disbursements/${grantId}/objections`;
    const before = await counts();
    const short = await call('POST', path, member, { ...objection(), reason: { code: 'x', text: 'too short' } });
    expect(short).toMatchObject({ status: 400, body: { problems: [{ path: '/body/reason/text' }] } });
    const withAmount = { ...objection(), amount: { amountFen: 1, currency: 'CNY' } };
    expect((await call('POST', path, member, withAmount)).status).toBe(400);
    const noAmount = await call('POST', `/disbursements/${grantId}/clawback-proposals`, member, objection());
    expect(noAmount).toMatchObject({ status: 400, body: { problems: [{ path: '/body/amount' }] } });
    const badCode = await call('POST', path, member, { ...objection(), communityCode: '310104' });
    expect(badCode).toMatchObject({ status: 400, body: { problems: [{ path: '/body/communityCode' }] } });
    const badGrant = await call('POST', '/disbursements/%20bad/objections', member, objection());
    expect(badGrant).toMatchObject({ status: 400, body: { problems: [{ path: '/params/grantId' }] } });
    // No body and no content-type (the body parser leaves it undefined): 400, not a 500 (found by npm run fuzz)
    for (const kind of ['objections', 'clawback-proposals']) {
      const bare = await fetch(`${community.baseUrl}/disbursements/${grantId}/${kind}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await community.token(member)}` },
      });
      expect([kind, bare.status]).toEqual([kind, 400]);
    }
    expect((await call('POST', path, null, objection())).status).toBe(401);
    const asStaff = await call('POST', path, staff, objection());
    expect(asStaff.status).toBe(403);
    expect(asStaff.body.message).toContain('committee-member');
    expect((await call('POST', path, member, objection('residents'))).status).toBe(403);
    expect((await call('POST', path, offRoster, objection())).status).toBe(403);
    expect(await counts()).toEqual(before);
    const outsider: TokenRequest = { sub: 'li-na', parties: [COMMITTEE], roles: ['organization-staff'] };
    expect((await call('GET', `/disbursements/${grantId}/requests?communityCode=${CODE}`, outsider)).status).toBe(403);
    expect((await call('GET', `/disbursements/${grantId}/requests`, member)).status).toBe(400);
  });

  it('shows governance’s refusal on the request, from its channel only; a refused objection may be sent again', async () => {
    const grantId = uniqueName('grant');
    const first = await call('POST', `/disbursements/${grantId}/objections`, member, objection());
    const marker = await call('POST', `/disbursements/${grantId}/objections`, member, objection('community', 3));
    // Same topic and key (the grant): governance's topic delivers these three in order.
    const refuse = (source: string, requestEventId: unknown, code: string) =>
      community.publish(contextTopic('governance'), source, {
        type: 'sanshe.governance.disbursement.request-refused.v1',
        subject: grantId,
        id: uniqueName('refused'),
        data: {
          grantId,
          requestEventId: String(requestEventId),
          requestType: 'sanshe.community.disbursement.objection-raised.v1',
          partyId: COMMITTEE,
          code,
          reason: `refused: ${code}`,
        },
      });
    await refuse('sanshe/portal/street-310104-005', first.body.eventId, 'forged');
    await refuse('sanshe/governance', marker.body.eventId, 'wrong-tranche');
    await eventually(async () => expect((await requestsOf(grantId))[1]).toMatchObject({ status: 'refused' }));
    expect((await requestsOf(grantId))[0]).toMatchObject({ status: 'sent', refusal: null });
    await refuse('sanshe/governance', first.body.eventId, 'wrong-stage');
    await eventually(async () =>
      expect((await requestsOf(grantId, member))[0]).toMatchObject({
        status: 'refused',
        refusal: { code: 'wrong-stage', reason: 'refused: wrong-stage' },
      }),
    );
    expect((await call('POST', `/disbursements/${grantId}/objections`, member, objection())).status).toBe(201);
  });
});
