import { randomInt } from 'node:crypto';
import { contextTopic, type SansheEvent } from '@sanshe/contracts';
import { type CommunityUnderTest, startCommunityUnderTest } from './community-test-app';
import { activityCompleted } from './evaluations.fixtures';
import { applied, call, newId, organizationStaff, proposalSubmitted, registerCommunities } from './needs.fixtures';

// "What is happening in my community", built from other contexts' events only, on the real PostgreSQL
// and Kafka: a proposal, its decision through escalation to its outcome, grants from award to
// decision (in either order), and a late or repeated event that never rolls a row back.
let svc: CommunityUnderTest;
// A code of this run's own (other runs publish to the same topics), never registered: the overview
// needs only the events.
const digits = (n: number) => String(randomInt(10 ** n)).padStart(n, '0');
const CODE = `${digits(6)}-${digits(3)}-${digits(3)}`;
const TALLY = { approve: 2, object: 1, abstain: 0, pending: 0, total: 3, quorum: 2 };

const governance = <T extends SansheEvent['type']>(event: { type: T; id: string; subject: string; data: unknown }) =>
  svc.publish(contextTopic('governance'), 'sanshe/governance', event as never);

const opened = (decisionId: string, kind: string, subjectId: string, title: string) =>
  governance({
    type: 'sanshe.governance.decision.opened.v1',
    id: `${decisionId}/1`,
    subject: decisionId,
    data: {
      ...{ decisionId, kind, subjectId, communityCode: CODE, title, proposerId: 'organization:org-x' },
      ...{ policyId: 'p', policyVersion: 1, round: 1, pending: [] },
    },
  });

const decided = (decisionId: string, kind: string, subjectId: string, result: string, auditLength: number) =>
  governance({
    type: 'sanshe.governance.decision.decided.v1',
    id: `${decisionId}/outcome`,
    subject: decisionId,
    data: {
      ...{ decisionId, kind, subjectId, communityCode: CODE, result, decidedBy: 'arbiter', level: 1 },
      ...{ reason: 'the street office ruled', tally: TALLY, auditHash: 'b'.repeat(64), auditLength },
    },
  });

const grantAwarded = (grantId: string, amountFen: number) =>
  svc.publish(contextTopic('funding'), 'sanshe/funding', {
    type: 'sanshe.funding.grant.awarded.v1',
    subject: grantId,
    data: {
      ...{ grantId, programId: 'prog-2026-elderly-care', communityCode: CODE, organizationId: 'org-x' },
      ...{ funderId: 'funder:xuhui-civil-affairs', amount: { amountFen, currency: 'CNY' }, title: '长者助餐资助' },
    },
  });

beforeAll(async () => {
  svc = await startCommunityUnderTest();
}, 60_000);

afterAll(async () => svc?.close());

it('shows a proposal, its decision and grants from events only; late events never roll a row back', async () => {
  const proposalId = newId('prop');
  const decisionId = `decision/activity-proposal/${proposalId}`;
  const [approvedGrant, rejectedGrant, openGrant] = [newId('grant'), newId('grant'), newId('grant')];
  const events: SansheEvent[] = [];
  const send = async (event: Promise<SansheEvent>) => void events.push(await event);

  await send(proposalSubmitted(svc, { proposalId, organizationId: 'org-x', communityCode: CODE }));
  await send(opened(decisionId, 'activity-proposal', proposalId, '长者午餐与探访'));
  await send(
    governance({
      type: 'sanshe.governance.decision.escalated.v1',
      id: `${decisionId}/5`,
      subject: decisionId,
      data: {
        decisionId,
        level: 1,
        arbiterId: 'portal:street-310104-005',
        deadline: new Date().toISOString(),
        tally: TALLY,
      },
    }),
  );
  await send(decided(decisionId, 'activity-proposal', proposalId, 'approved', 7));
  // The opening again, under another id, after the outcome: a late copy changes nothing.
  await send(
    governance({
      type: 'sanshe.governance.decision.opened.v1',
      id: `${decisionId}/1-again`,
      subject: decisionId,
      data: {
        ...{ decisionId, kind: 'activity-proposal', subjectId: proposalId, communityCode: CODE, title: 'late' },
        ...{ proposerId: 'organization:org-x', policyId: 'p', policyVersion: 1, round: 1, pending: [] },
      },
    }),
  );
  // A grant awarded then approved; one whose decision arrives before its award; one still open.
  await send(grantAwarded(approvedGrant, 4_800_000));
  await send(decided(`decision/grant-award/${approvedGrant}`, 'grant-award', approvedGrant, 'approved', 5));
  await send(decided(`decision/grant-award/${rejectedGrant}`, 'grant-award', rejectedGrant, 'rejected', 5));
  await send(grantAwarded(rejectedGrant, 1_000));
  await send(grantAwarded(openGrant, 20_000));
  await send(opened(`decision/grant-award/${openGrant}`, 'grant-award', openGrant, '长者助餐资助'));
  const activityId = newId('act');
  await send(activityCompleted(svc, { activityId, organizationId: 'org-x', communityCode: CODE }));
  await send(activityCompleted(svc, { activityId, organizationId: 'org-x', communityCode: CODE }, newId('resent')));
  for (const event of events) await applied(svc, event);

  const reply = await call<Record<string, unknown>>(
    svc,
    'GET',
    `/communities/${CODE}/overview`,
    organizationStaff('o'),
  );
  expect(reply.status).toBe(200);
  const body = reply.body;
  expect(body.organizationsActive).toEqual([
    expect.objectContaining({ organizationId: 'org-x', proposals: 1, activitiesCompleted: 1 }),
  ]);
  expect(body.proposals).toEqual([
    expect.objectContaining({
      proposalId,
      title: '长者午餐与探访',
      decision: { decisionId, stage: 'decided', result: 'approved' },
    }),
  ]);
  const decisions = body.decisions as { decisionId: string; stage: string; title: string | null }[];
  // Open decisions first, then the decided ones (the order among those follows their times).
  expect(decisions[0]).toMatchObject({ decisionId: `decision/grant-award/${openGrant}`, stage: 'voting' });
  expect(
    decisions
      .slice(1)
      .map((d) => [d.decisionId, d.stage])
      .sort(),
  ).toEqual(
    [
      [`decision/grant-award/${rejectedGrant}`, 'decided'],
      [`decision/grant-award/${approvedGrant}`, 'decided'],
      [decisionId, 'decided'],
    ].sort(),
  );
  expect(decisions.find((d) => d.decisionId === decisionId)).toMatchObject({
    title: '长者午餐与探访',
    escalationLevel: 1,
    arbiterId: 'portal:street-310104-005',
    result: 'approved',
  });
  const grants = body.grants as { grantId: string; status: string; amount: unknown }[];
  expect(Object.fromEntries(grants.map((g) => [g.grantId, [g.status, g.amount]]))).toEqual({
    [approvedGrant]: ['approved', { amountFen: 4_800_000, currency: 'CNY' }],
    [rejectedGrant]: ['rejected', { amountFen: 1_000, currency: 'CNY' }],
    [openGrant]: ['awarded', { amountFen: 20_000, currency: 'CNY' }],
  });
  expect(body.grantTotals).toEqual([
    { currency: 'CNY', awardedFen: 20_000, approvedFen: 4_800_000, rejectedFen: 1_000 },
  ]);
  expect(typeof body.asOf).toBe('string');
  expect(body.community).toBeNull(); // not registered here
});

it('heads a registered community with its name; nothing happened there yet → empty lists; malformed → 400', async () => {
  await registerCommunities(svc, ['310104-005-008']);
  const empty = await call(svc, 'GET', '/communities/310104-005-008/overview', organizationStaff('o'));
  expect(empty.body).toMatchObject({
    community: { name: '社区 310104-005-008', streetCode: '310104-005', population: 12_000 },
    ...{ organizationsActive: [], proposals: [], decisions: [], grants: [], grantTotals: [], asOf: null },
  });
  const malformed = await call<{ problems: { path: string }[] }>(
    svc,
    'GET',
    '/communities/xx/overview',
    organizationStaff('o'),
  );
  expect([malformed.status, malformed.body.problems.map((p) => p.path)]).toEqual([400, ['/params/communityCode']]);
  const anonymous = await call(svc, 'GET', `/communities/${CODE}/overview`, null);
  expect(anonymous.status).toBe(401);
});
