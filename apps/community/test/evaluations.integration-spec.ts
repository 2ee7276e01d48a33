import type { TokenRequest } from '@sanshe/auth';
import { communityParty, ROLES } from '../src/access/community-access';
import { CloseEvaluationWindowsHandler } from '../src/evaluations/application/close-evaluation-windows';
import { EvaluationWindowSweeper } from '../src/evaluations/infrastructure/evaluation-window-sweeper';
import { type CommunityUnderTest, startCommunityUnderTest } from './community-test-app';
import { activityCompleted, countRows, outboxOfType, resident, residentsRep } from './evaluations.fixtures';
import {
  applied,
  call,
  COMMUNITY,
  committeeMember,
  newId,
  organizationStaff,
  OTHER_COMMUNITY,
  registerCommunities,
} from './needs.fixtures';

// Evaluation on the whole of the service, on the real PostgreSQL and Kafka: a completed activity arrives
// once however often it is sent, evaluations are refused with nothing written, and while its window is
// open every evaluation rescores it once all four dimensions are in (a provisional score, and a rating.updated
// with the organization's next revision); the window's close makes the score final, with efficiency capped.
let svc: CommunityUnderTest;

const RECORDED = 'sanshe.community.evaluation.recorded.v1';
const RATED = 'sanshe.community.rating.updated.v1';
const OTHER_DISTRICT_ADMIN: TokenRequest = {
  sub: 'admin-310105',
  parties: ['jurisdiction:310105'],
  roles: [ROLES.areaAdmin],
};
const STREET_ADMIN: TokenRequest = { sub: 'admin-005', parties: ['jurisdiction:310104-005'], roles: [ROLES.areaAdmin] };
const committeeStaff: TokenRequest = {
  sub: 'staff-1',
  parties: [communityParty(COMMUNITY)],
  roles: [ROLES.committeeStaff],
};

const evaluate = (activityId: string, identity: TokenRequest | null, body: unknown) =>
  call<{ code?: string; message: string; problems?: { path: string }[] }>(
    svc,
    'POST',
    `/activities/${activityId}/evaluations`,
    identity,
    body,
  );
const asResident = (n: number, satisfaction: number) => ({ kind: 'resident', residentId: resident(n), satisfaction });
const peer = (organizationId: string, efficiency: number) => ({ kind: 'peer', organizationId, efficiency });

/** A completed activity of `organizationId`, applied by the service. */
async function completedActivity(organizationId: string, extra: Record<string, unknown> = {}) {
  const activityId = newId('act');
  await applied(svc, await activityCompleted(svc, { activityId, organizationId, ...extra }));
  return activityId;
}

async function expectCreated(reply: { status: number; body: unknown }) {
  expect([reply.status, reply.body]).toEqual([201, expect.anything()]);
}

beforeAll(async () => {
  svc = await startCommunityUnderTest({ env: { COMMUNITY_EVALUATION_WINDOW_HOURS: '1' } });
  await registerCommunities(svc, [COMMUNITY, OTHER_COMMUNITY]);
}, 60_000);

afterAll(async () => svc?.close());

describe('a completed activity', () => {
  it('arrives once, however often (and under whatever event id) it is sent, with the default weights pinned', async () => {
    const activityId = newId('act');
    const first = await activityCompleted(svc, { activityId, organizationId: 'org-dup' });
    const again = await activityCompleted(svc, { activityId, organizationId: 'org-dup' }, newId('resent'));
    await applied(svc, first);
    await applied(svc, again);
    expect(await countRows(svc, 'evaluated_activity', 'activity_id = $1', activityId)).toBe(1);
    const reply = await call<{ weights: unknown; status: string }>(
      svc,
      'GET',
      `/activities/${activityId}/evaluation`,
      residentsRep(),
    );
    expect(reply.body).toMatchObject({
      status: 'open',
      weights: { reach: 3, satisfaction: 3, outcome: 3, efficiency: 1 },
    });
  });

  it('is 404 when unknown', async () => {
    const reply = await evaluate('act-unknown', committeeMember(), { kind: 'committee', outcome: 4 });
    expect([reply.status, reply.body.code]).toEqual([404, 'activity-not-found']);
  });
});

describe('scoring while the window is open', () => {
  const ratingsOf = async (org: string) => (await outboxOfType(svc, RATED)).filter((event) => event.subject === org);

  it('1 resident + committee + peer → a provisional score; every later resident rescores it; the close makes it final', async () => {
    const org = newId('org');
    const activityId = await completedActivity(org);
    await expectCreated(await evaluate(activityId, residentsRep(), asResident(1, 5)));
    // No need sizes it: reach is the committee's 5.
    await expectCreated(await evaluate(activityId, committeeMember(), { kind: 'committee', outcome: 4, reach: 5 }));
    expect(await ratingsOf(org)).toEqual([]);
    await expectCreated(await evaluate(activityId, organizationStaff('org-peer'), peer('org-peer', 5)));
    // (3·5 + 3·5 + 3·4 + 1·5) / 10 = 47/10 = 4.70
    await expectCreated(await evaluate(activityId, residentsRep(), asResident(2, 3)));
    // satisfaction (5+3)/2 = 4: (15 + 12 + 12 + 5) / 10 = 4.40
    await expectCreated(await evaluate(activityId, residentsRep(), asResident(3, 2)));
    // satisfaction 10/3: (15 + 10 + 12 + 5) / 10 = 4.20

    const rated = (revision: number, score: number, satisfaction: number, provisional = true) => ({
      id: `${RATED}:${org}:${revision}`,
      data: {
        organizationId: org,
        score,
        activitiesEvaluated: 1,
        revision,
        activity: {
          activityId,
          communityCode: COMMUNITY,
          score,
          provisional,
          dimensions: { reach: 5, satisfaction, outcome: 4, efficiency: 5 },
          weights: { reach: 3, satisfaction: 3, outcome: 3, efficiency: 1 },
        },
      },
    });
    const expected = [rated(1, 4.7, 5), rated(2, 4.4, 4), rated(3, 4.2, 3.33)];
    expect((await ratingsOf(org)).map(({ id, data }) => ({ id, data }))).toEqual(expected);
    const open = await call(svc, 'GET', `/activities/${activityId}/evaluation`, residentsRep());
    expect(open.body).toMatchObject({ status: 'open', score: 4.2 });

    const recorded = (await outboxOfType(svc, RECORDED)).filter(
      (e) => (e.data as { activityId: string }).activityId === activityId,
    );
    expect(recorded).toHaveLength(5);
    expect(JSON.stringify(recorded)).not.toContain(resident(1)); // no resident id on the wire

    // The window closes: the score, the last provisional one, is published once more as final.
    await svc.query(
      `UPDATE "${svc.schema}".evaluated_activity SET window_closes_at = now() - interval '1 second' WHERE activity_id = $1`,
      [activityId],
    );
    await svc.app.get(EvaluationWindowSweeper).sweep();
    const final = await call(svc, 'GET', `/activities/${activityId}/evaluation`, residentsRep());
    expect(final.body).toMatchObject({ status: 'final', score: 4.2 });
    const finalRating = rated(4, 4.2, 3.33, false);
    expect((await ratingsOf(org)).map(({ id, data }) => ({ id, data }))).toEqual([...expected, finalRating]);
    await svc.app.get(EvaluationWindowSweeper).sweep(); // a second sweep finds nothing open: no fifth event
    expect(await ratingsOf(org)).toHaveLength(4);
    const rating = await call(svc, 'GET', `/organizations/${org}/rating`, organizationStaff('org-any'));
    expect(rating.body).toMatchObject({ organizationId: org, score: 4.2, activitiesEvaluated: 1, revision: 4 });

    const late = await evaluate(activityId, residentsRep(), asResident(4, 1));
    expect([late.status, late.body.code]).toEqual([409, 'evaluation-closed']);
  });

  it('counts every one of concurrent resident evaluations: none of them loses its update of the score', async () => {
    const org = newId('org');
    const activityId = await completedActivity(org);
    await expectCreated(await evaluate(activityId, committeeMember(), { kind: 'committee', outcome: 4, reach: 5 }));
    await expectCreated(await evaluate(activityId, organizationStaff('org-peer'), peer('org-peer', 5)));
    const scores = [5, 4, 4, 3, 2, 1, 5, 4];
    const replies = await Promise.all(
      scores.map((score, n) => evaluate(activityId, residentsRep(), asResident(10 + n, score))),
    );
    expect(replies.map((reply) => reply.status)).toEqual(scores.map(() => 201));

    // satisfaction 28/8 = 3.5: (3·5 + 3·3.5 + 3·4 + 1·5) / 10 = 42.5/10 = 4.25
    const view = await call(svc, 'GET', `/activities/${activityId}/evaluation`, residentsRep());
    expect(view.body).toMatchObject({ status: 'open', score: 4.25, dimensions: { satisfaction: 3.5 } });
    const ratings = await ratingsOf(org);
    expect(ratings.map((event) => event.id)).toEqual(scores.map((_, n) => `${RATED}:${org}:${n + 1}`));
    expect(ratings.at(-1)?.data).toMatchObject({ score: 4.25, activity: { score: 4.25, provisional: true } });
  });
});

describe('reach measured against the need (the plan’s hand-computed examples)', () => {
  it('36 of 40 expected → reach 4.5; activities 4.31 and 3.91 → the organization is rated 4.11', async () => {
    const code = OTHER_COMMUNITY; // default weights 3/3/3/1
    const need = await call<{ needId: string }>(svc, 'POST', `/communities/${code}/needs`, committeeMember(code), {
      category: 'elderly-care',
      title: '独居老人助餐',
      description: '工作日午餐送餐',
      targetGroup: '75岁以上独居老人',
      expectedSize: 40,
      priority: 'high',
      period: { from: '2026-12-01', to: '2027-05-31' },
    });
    expect(need.status).toBe(201);
    const org = newId('org');
    const scoreWith = async (efficiency: number) => {
      const activityId = await completedActivity(org, {
        communityCode: code,
        needId: need.body.needId,
        attendance: 36,
      });
      for (const [n, score] of [
        [1, 5],
        [2, 4],
        [3, 4],
        [4, 5],
        [5, 3],
      ] as const) {
        await expectCreated(await evaluate(activityId, residentsRep(code), asResident(n, score)));
      }
      await expectCreated(
        await evaluate(activityId, committeeMember(code), { kind: 'committee', outcome: 4, reach: 1 }),
      );
      await expectCreated(await evaluate(activityId, organizationStaff('org-peer'), peer('org-peer', efficiency)));
    };
    await scoreWith(5); // (13.5 + 12.6 + 12 + 5) / 10 = 4.31; the committee's reach 1 does not count
    await scoreWith(1); // 39.1 / 10 = 3.91

    const ratings = (await outboxOfType(svc, RATED)).filter((event) => event.subject === org);
    expect(ratings.map((event) => event.data)).toEqual([
      expect.objectContaining({
        score: 4.31,
        activitiesEvaluated: 1,
        activity: expect.objectContaining({
          score: 4.31,
          dimensions: { reach: 4.5, satisfaction: 4.2, outcome: 4, efficiency: 5 },
        }),
      }),
      expect.objectContaining({
        score: 4.11,
        activitiesEvaluated: 2,
        activity: expect.objectContaining({ score: 3.91 }),
      }),
    ]);
    const rating = await call(svc, 'GET', `/organizations/${org}/rating`, residentsRep());
    expect(rating.body).toMatchObject({ score: 4.11, activitiesEvaluated: 2 });
  });
});

describe('refusals write nothing', () => {
  let activityId: string;
  const org = 'org-refusals';
  const nothingNew = async (run: () => Promise<void>) => {
    const before = await svc.query(
      `SELECT (SELECT count(*) FROM "${svc.schema}".evaluation) AS e, (SELECT count(*) FROM "${svc.schema}".outbox) AS o`,
    );
    await run();
    expect(
      await svc.query(
        `SELECT (SELECT count(*) FROM "${svc.schema}".evaluation) AS e, (SELECT count(*) FROM "${svc.schema}".outbox) AS o`,
      ),
    ).toEqual(before);
  };

  beforeAll(async () => {
    activityId = await completedActivity(org, { participantIds: [resident(1), resident(2)] });
    await expectCreated(await evaluate(activityId, residentsRep(), asResident(1, 4)));
  });

  it('the same resident twice → 409 already-evaluated', async () => {
    await nothingNew(async () => {
      const reply = await evaluate(activityId, residentsRep(), asResident(1, 2));
      expect([reply.status, reply.body.code]).toEqual([409, 'already-evaluated']);
    });
  });

  it('a resident the activity did not list → 409 not-a-participant', async () => {
    await nothingNew(async () => {
      const reply = await evaluate(activityId, residentsRep(), asResident(9, 5));
      expect([reply.status, reply.body.code]).toEqual([409, 'not-a-participant']);
    });
  });

  it('the evaluated organization as its own peer → 403 own-organization', async () => {
    await nothingNew(async () => {
      const reply = await evaluate(activityId, organizationStaff(org), peer(org, 5));
      expect([reply.status, reply.body.code]).toEqual([403, 'own-organization']);
    });
  });

  it('committee staff, or a peer speaking for another organization → 403', async () => {
    await nothingNew(async () => {
      const staff = await evaluate(
        activityId,
        { ...committeeStaff, roles: [ROLES.committeeStaff, ROLES.orgStaff] },
        { kind: 'committee', outcome: 3 },
      );
      expect([staff.status, staff.body.code]).toEqual([403, 'evaluator-not-allowed']);
      const impostor = await evaluate(activityId, organizationStaff('org-a'), peer('org-b', 1));
      expect([impostor.status, impostor.body.code]).toEqual([403, 'evaluator-not-allowed']);
      const noRole = await evaluate(activityId, committeeStaff, { kind: 'committee', outcome: 3 });
      expect(noRole.status).toBe(403);
      const noToken = await evaluate(activityId, null, { kind: 'committee', outcome: 3 });
      expect(noToken.status).toBe(401);
    });
  });

  it('a malformed evaluation → 400 naming the field', async () => {
    await nothingNew(async () => {
      const score = await evaluate(activityId, residentsRep(), {
        kind: 'resident',
        residentId: resident(2),
        satisfaction: 6,
      });
      expect([score.status, score.body.problems?.map((p) => p.path)]).toEqual([400, ['/satisfaction']]);
      const id = await evaluate(activityId, residentsRep(), {
        kind: 'resident',
        residentId: 'Zhang San',
        satisfaction: 3,
      });
      expect([id.status, id.body.problems?.map((p) => p.path)]).toEqual([400, ['/residentId']]);
      const kind = await evaluate(activityId, residentsRep(), { kind: 'boss', satisfaction: 3 });
      expect([kind.status, kind.body.problems?.map((p) => p.path)]).toEqual([400, ['/kind']]);
    });
  });
});

describe('weights', () => {
  const code = COMMUNITY;
  const put = (identity: TokenRequest, body: unknown) =>
    call<{ problems?: { path: string; message: string }[] }>(
      svc,
      'PUT',
      `/communities/${code}/evaluation-weights`,
      identity,
      body,
    );

  it('refuses efficiency above another dimension (422 naming it: a rule between weights) and writes nothing', async () => {
    const reply = await put(committeeMember(), { reach: 1, satisfaction: 1, outcome: 1, efficiency: 2 });
    expect(reply.status).toBe(422);
    expect(reply.body.problems).toContainEqual({ path: '/efficiency', message: '/efficiency 2 exceeds /reach 1' });
    expect(await countRows(svc, 'evaluation_weights', 'community_code = $1', code)).toBe(0);
  });

  it('cannot be stored breaking the rule even past the API: the table’s CHECKs mirror it', async () => {
    const insert = (code: string, [reach, satisfaction, outcome, efficiency]: number[]) =>
      svc.query(
        `INSERT INTO "${svc.schema}".evaluation_weights (community_code, reach, satisfaction, outcome, efficiency, updated_by)
         VALUES ($1, $2, $3, $4, $5, 'test')`,
        [code, reach, satisfaction, outcome, efficiency],
      );
    await expect(insert('check-1', [1, 1, 1, 2])).rejects.toThrow(
      /evaluation_weights_efficiency_(never_outweighs|at_most_a_quarter)/,
    );
    await expect(insert('check-2', [0, 3, 3, 1])).rejects.toThrow(/evaluation_weights_efficiency_never_outweighs/);
    await expect(insert('check-3', [0, 0, 0, 0])).rejects.toThrow(/evaluation_weights_sum_positive/);
    await expect(insert('check-4', [1, 1, 1, 1])).resolves.toBeDefined();
    await svc.query(`DELETE FROM "${svc.schema}".evaluation_weights WHERE community_code = 'check-4'`);
  });

  it('refuses weights for a community not registered here (404) and writes nothing', async () => {
    const unknown = '310104-005-099';
    const reply = await call<{ code: string }>(svc, 'PUT', `/communities/${unknown}/evaluation-weights`, STREET_ADMIN, {
      ...{ reach: 2, satisfaction: 2, outcome: 2, efficiency: 1 },
    });
    expect([reply.status, reply.body.code]).toEqual([404, 'community-not-found']);
    expect(await countRows(svc, 'evaluation_weights', 'community_code = $1', unknown)).toBe(0);
  });

  it('lets the committee or its street’s administrator set them, not another district’s', async () => {
    const refused = await put(OTHER_DISTRICT_ADMIN, { reach: 2, satisfaction: 2, outcome: 2, efficiency: 1 });
    expect(refused.status).toBe(403);
    const byStreet = await put(STREET_ADMIN, { reach: 2, satisfaction: 2, outcome: 2, efficiency: 1 });
    expect(byStreet.status).toBe(200);
    const read = await call(svc, 'GET', `/communities/${code}/evaluation-weights`, organizationStaff('org-any'));
    expect(read.body).toEqual({
      communityCode: code,
      reach: 2,
      satisfaction: 2,
      outcome: 2,
      efficiency: 1,
      isDefault: false,
    });
  });
});

describe('scoring when the window closes', () => {
  it('scores residents + peer with efficiency capped (W 1/1/1/1: 4.40, not 4.60), once across two sweepers', async () => {
    const weights = await call(svc, 'PUT', `/communities/${COMMUNITY}/evaluation-weights`, committeeMember(), {
      reach: 1,
      satisfaction: 1,
      outcome: 1,
      efficiency: 1,
    });
    expect(weights.status).toBe(200);
    const org = newId('org');
    const activityId = await completedActivity(org);
    for (const [n, score] of [
      [1, 5],
      [2, 4],
      [3, 4],
      [4, 5],
      [5, 3],
    ] as const) {
      await expectCreated(await evaluate(activityId, residentsRep(), asResident(n, score)));
    }
    await expectCreated(await evaluate(activityId, organizationStaff('org-peer'), peer('org-peer', 5)));
    expect(await countRows(svc, 'evaluated_activity', "status = 'open' AND activity_id = $1", activityId)).toBe(1);

    // The window closes (moved, rather than waited for); two instances sweep at once.
    await svc.query(
      `UPDATE "${svc.schema}".evaluated_activity SET window_closes_at = now() - interval '1 second' WHERE activity_id = $1`,
      [activityId],
    );
    // (The service's own sweeper may take it first: then both find nothing.)
    const sweeper = svc.app.get(CloseEvaluationWindowsHandler);
    const taken = await Promise.all([sweeper.execute(), sweeper.execute()]);
    expect(taken[0] + taken[1]).toBeLessThanOrEqual(1);
    expect(await countRows(svc, 'evaluated_activity', "status = 'final' AND activity_id = $1", activityId)).toBe(1);

    const ratings = (await outboxOfType(svc, RATED)).filter((event) => event.subject === org);
    expect(ratings.map((event) => event.data)).toEqual([
      expect.objectContaining({
        score: 4.4,
        revision: 1,
        activity: expect.objectContaining({
          score: 4.4,
          provisional: false,
          dimensions: { satisfaction: 4.2, efficiency: 5 },
        }),
      }),
    ]);
    const closed = await evaluate(activityId, committeeMember(), { kind: 'committee', outcome: 5 });
    expect([closed.status, closed.body.code]).toEqual([409, 'evaluation-closed']);
  });
});

describe('a window that closes on efficiency alone', () => {
  it('closes the activity unscored: no rating, and no more evaluations', async () => {
    const org = newId('org');
    const activityId = await completedActivity(org);
    await expectCreated(await evaluate(activityId, organizationStaff('org-peer'), peer('org-peer', 5)));
    await svc.query(
      `UPDATE "${svc.schema}".evaluated_activity SET window_closes_at = now() - interval '1 second' WHERE activity_id = $1`,
      [activityId],
    );
    await svc.app.get(EvaluationWindowSweeper).sweep();

    const view = await call(svc, 'GET', `/activities/${activityId}/evaluation`, residentsRep());
    expect(view.body).toMatchObject({ status: 'unscored', score: null, dimensions: { efficiency: 5 } });
    expect((await outboxOfType(svc, RATED)).filter((event) => event.subject === org)).toEqual([]);
    const rating = await call<{ code: string }>(svc, 'GET', `/organizations/${org}/rating`, residentsRep());
    expect([rating.status, rating.body.code]).toEqual([404, 'organization-not-rated']);
    const late = await evaluate(activityId, residentsRep(), asResident(1, 5));
    expect([late.status, late.body.code]).toEqual([409, 'evaluation-closed']);
  });
});
