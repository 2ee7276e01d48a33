import {
  contextTopic,
  decisionDecided,
  decisionDeliberationOpened,
  decisionOpened,
  decisionRoundOpened,
  decisionVoteRejected,
  type EventType,
  filingCalledIn,
  needPublished,
  type NewEvent,
  type SansheEvent,
} from '@sanshe/contracts';
import { InboxService } from '@sanshe/messaging';
import { eventually } from '@sanshe/testing';
import { type OrganizationUnderTest, startOrganizationUnderTest } from './organization-test-app';
import {
  auditor,
  call,
  COMMUNITY,
  newId,
  orgAdmin,
  organizationBody,
  orgStaff,
  registerOrganization,
  registrar,
} from './organization.fixtures';

/**
 * Proposals on the real PostgreSQL and Kafka: drafts and submissions over HTTP (one event each, nothing
 * written when refused), the status from governance's events only (published to the real topic as
 * sanshe/governance, in any order, duplicated), amendments and withdrawals answered, filings that go
 * ahead and are called in — and the activity each outcome calls for, once.
 */
const GOVERNANCE = contextTopic('governance');
const CONTENT = {
  title: '社区长者午餐与探访',
  summary: 'Weekly lunch and home visits for residents over 75.',
  needId: 'need-2026-0031',
  programId: 'prog-2026-elderly',
  category: 'elderly-care',
  schedule: {
    kind: 'recurring',
    timeZone: 'Asia/Shanghai',
    recurrence: {
      ...{ startsOn: '2026-12-01', until: '2026-12-17', weekdays: [2, 4] },
      ...{ startTime: '09:30', endTime: '11:00', intervalWeeks: 1 },
    },
  },
  expectedParticipants: 30,
  staffingPlan: [
    { role: 'certified-social-worker', count: 1, minLevel: 'social-worker' },
    { role: 'volunteer', count: 4 },
  ],
  usesResidentData: false,
};
/** Low-risk: no venue, no money, no residents' data. */
const { needId: _n, programId: _p, ...LOW_RISK } = CONTENT;
const FUNDED = { ...CONTENT, venueId: 'venue-1', requestedFunding: { amountFen: 4_800_000, currency: 'CNY' } };

let svc: OrganizationUnderTest;
const ORG = newId('org');
const OTHER = newId('org');
const PROVISIONAL = newId('org');

const decisionOf = (proposalId: string) => `decision/activity-proposal/${proposalId}`;
const proposalOf = async (proposalId: string) => (await call(svc, 'GET', `/proposals/${proposalId}`, auditor())).body;
const eventsOf = async (subject: string, type: string) => (await svc.outboxOf(subject)).filter((e) => e.type === type);

async function activityOf(proposalId: string) {
  const rows = await svc.query<{ activity_id: string; status: string; basis: string; decision_id: string | null }>(
    `SELECT activity_id, status, basis, decision_id FROM "${svc.schema}".activity WHERE proposal_id = $1`,
    [proposalId],
  );
  return rows;
}

/** Publishes a governance event as governance does and waits until the service's inbox has taken it. */
async function fromGovernance<T extends EventType>(event: Omit<NewEvent<T>, 'source'>): Promise<SansheEvent<T>> {
  const sent = await svc.publish(GOVERNANCE, 'sanshe/governance', event);
  await eventually(
    async () => {
      const rows = await svc.query(`SELECT 1 FROM "${svc.schema}".inbox WHERE event_id = $1`, [sent.id]);
      expect(rows).toHaveLength(1);
    },
    { timeoutMs: 20_000 },
  );
  return sent;
}

const opened = (proposalId: string, seq = 1) => {
  const decisionId = decisionOf(proposalId);
  return fromGovernance({
    type: 'sanshe.governance.decision.opened.v1',
    id: `${decisionId}/${seq}`,
    subject: decisionId,
    data: { ...decisionOpened.example, decisionId, subjectId: proposalId, proposerId: `organization:${ORG}` },
  });
};
const deliberationOpened = (proposalId: string, seq: number) => {
  const decisionId = decisionOf(proposalId);
  return fromGovernance({
    type: 'sanshe.governance.decision.deliberation-opened.v1',
    id: `${decisionId}/${seq}`,
    subject: decisionId,
    data: { ...decisionDeliberationOpened.example, decisionId },
  });
};
const decided = (proposalId: string, result: 'approved' | 'rejected' | 'withdrawn', id?: string) => {
  const decisionId = decisionOf(proposalId);
  return fromGovernance({
    type: 'sanshe.governance.decision.decided.v1',
    id: id ?? `${decisionId}/outcome`,
    subject: decisionId,
    data: { ...decisionDecided.example, decisionId, subjectId: proposalId, result, communityCode: COMMUNITY },
  });
};

async function draft(content: Record<string, unknown> = CONTENT, organizationId = ORG): Promise<string> {
  const created = await call(svc, 'POST', `/organizations/${organizationId}/proposals`, orgStaff(organizationId), {
    communityCode: COMMUNITY,
    ...content,
  });
  expect(created.status).toBe(201);
  return String(created.body.proposalId);
}

async function submitted(content: Record<string, unknown> = CONTENT): Promise<string> {
  const proposalId = await draft(content);
  const submit = await call(svc, 'POST', `/proposals/${proposalId}/submit`, orgAdmin(ORG));
  expect(submit).toMatchObject({ status: 200, body: { status: 'submitted' } });
  return proposalId;
}

async function filed(): Promise<string> {
  const proposalId = await draft(LOW_RISK);
  expect(await call(svc, 'POST', `/proposals/${proposalId}/file`, orgAdmin(ORG))).toMatchObject({
    status: 200,
    body: { status: 'filed', filingRuleVersion: 1 },
  });
  return proposalId;
}

beforeAll(async () => {
  svc = await startOrganizationUnderTest();
  await registerOrganization(svc, ORG);
  await registerOrganization(svc, OTHER);
  const put = await call(svc, 'PUT', `/organizations/${PROVISIONAL}`, registrar(), organizationBody());
  expect(put.status).toBe(201);
}, 60_000);
afterAll(() => svc?.close());

describe('drafts and submission', () => {
  it('draft → submit: exactly one proposal.submitted carrying every field, revision 1', async () => {
    const proposalId = await submitted();
    const events = await svc.outboxOf(proposalId);
    expect(events.map((e) => e.type)).toEqual(['sanshe.organization.proposal.submitted.v1']);
    expect(events[0]).toMatchObject({
      id: `sanshe.organization.proposal.submitted.v1:${proposalId}`,
      subject: proposalId,
      data: { ...CONTENT, proposalId, organizationId: ORG, communityCode: COMMUNITY, revisionNo: 1 },
    });
    expect(await proposalOf(proposalId)).toMatchObject({ status: 'submitted', revisionNo: 1, content: CONTENT });
    const again = await call(svc, 'POST', `/proposals/${proposalId}/submit`, orgAdmin(ORG));
    expect(again).toMatchObject({
      status: 409,
      body: { code: 'invalid-transition', status: 'submitted', attempted: 'submit', allowed: ['amend', 'withdraw'] },
    });
    expect(await svc.outboxOf(proposalId)).toHaveLength(1);
  });

  it('a bad field is refused naming it, and nothing is written', async () => {
    const count = async () =>
      (
        await svc.query<{ proposals: string; events: string }>(
          `SELECT (SELECT count(*) FROM "${svc.schema}".proposal) AS proposals,
                  (SELECT count(*) FROM "${svc.schema}".outbox) AS events`,
        )
      )[0];
    const before = await count();
    const bad = await call(svc, 'POST', `/organizations/${ORG}/proposals`, orgStaff(ORG), {
      communityCode: COMMUNITY,
      ...CONTENT,
      expectedParticipants: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([expect.objectContaining({ path: '/expectedParticipants' })]);
    const incomplete = await draft({ summary: 'only a summary' });
    const afterDraft = await count();
    const submit = await call(svc, 'POST', `/proposals/${incomplete}/submit`, orgAdmin(ORG));
    expect(submit.status).toBe(400);
    expect((submit.body.problems as { path: string }[]).map((p) => p.path)).toEqual([
      '/title',
      '/category',
      '/schedule',
      '/expectedParticipants',
      '/staffingPlan',
    ]);
    expect(await count()).toEqual(afterDraft);
    expect(Number(afterDraft!.proposals)).toBe(Number(before!.proposals) + 1);
    expect(afterDraft!.events).toBe(before!.events);
    expect((await proposalOf(incomplete)).status).toBe('draft');
  });

  it('only the organization’s admin submits: staff 403, another organization’s admin 403, no token 401', async () => {
    const proposalId = await draft();
    expect((await call(svc, 'POST', `/proposals/${proposalId}/submit`, orgStaff(ORG))).status).toBe(403);
    expect((await call(svc, 'POST', `/proposals/${proposalId}/submit`, orgAdmin(OTHER))).status).toBe(403);
    expect((await call(svc, 'POST', `/proposals/${proposalId}/submit`, null)).status).toBe(401);
    expect((await call(svc, 'POST', `/organizations/${ORG}/proposals`, orgStaff(OTHER), CONTENT)).status).toBe(403);
    expect(await svc.outboxOf(proposalId)).toEqual([]);
  });

  it('a draft is edited (null removes a field) and discarded by its organization only; a submitted one is not', async () => {
    const proposalId = await draft({ ...CONTENT, venueId: 'venue-9' });
    const path = `/proposals/${proposalId}`;
    expect((await call(svc, 'PATCH', path, orgStaff(OTHER), { expectedParticipants: 12 })).status).toBe(403);
    const edited = await call(svc, 'PATCH', path, orgStaff(ORG), { expectedParticipants: 12, venueId: null });
    expect(edited).toMatchObject({ status: 200, body: { status: 'draft', content: { expectedParticipants: 12 } } });
    expect(edited.body.content).not.toHaveProperty('venueId');
    expect((await call(svc, 'PATCH', path, orgStaff(ORG), { expectedParticipants: 0 })).body.problems).toEqual([
      expect.objectContaining({ path: '/expectedParticipants' }),
    ]);
    expect((await call(svc, 'PATCH', path, orgStaff(ORG), { nonsense: null })).body.problems).toEqual([
      expect.objectContaining({ path: '/nonsense' }),
    ]);
    expect((await call(svc, 'PATCH', path, orgStaff(ORG), {})).status).toBe(400);
    expect((await call(svc, 'DELETE', path, orgStaff(ORG))).body).toMatchObject({ status: 'discarded' });
    const again = await call(svc, 'PATCH', path, orgStaff(ORG), { expectedParticipants: 13 });
    expect(again).toMatchObject({
      status: 409,
      body: { code: 'invalid-transition', status: 'discarded', allowed: [] },
    });
    const sent = await submitted();
    const late = await call(svc, 'PATCH', `/proposals/${sent}`, orgStaff(ORG), { expectedParticipants: 13 });
    expect(late).toMatchObject({ status: 409, body: { attempted: 'edit', allowed: ['amend', 'withdraw'] } });
  });

  it('a draft is the organization’s own: others neither see nor list it', async () => {
    const proposalId = await draft();
    expect((await call(svc, 'GET', `/proposals/${proposalId}`, orgAdmin(OTHER))).status).toBe(404);
    expect((await call(svc, 'GET', `/proposals/${proposalId}`, orgStaff(ORG))).status).toBe(200);
    const listed = await call<{ proposalId: string }[]>(svc, 'GET', `/organizations/${ORG}/proposals`, orgAdmin(OTHER));
    expect(listed.body.map((p) => p.proposalId)).not.toContain(proposalId);
  });

  it('an organization not yet registered cannot submit (409), and writes nothing', async () => {
    const proposalId = await draft(CONTENT, PROVISIONAL);
    const submit = await call(svc, 'POST', `/proposals/${proposalId}/submit`, orgAdmin(PROVISIONAL));
    expect(submit).toMatchObject({ status: 409, body: { code: 'organization-not-registered' } });
    expect(await svc.outboxOf(proposalId)).toEqual([]);
  });
});

describe('the status follows governance', () => {
  it('opened → under review, deliberation-opened → deliberation, decided approved → approved and one activity', async () => {
    const proposalId = await submitted();
    await opened(proposalId);
    expect(await proposalOf(proposalId)).toMatchObject({
      status: 'under-review',
      decision: { decisionId: decisionOf(proposalId), stage: 'voting', round: 1 },
    });
    await deliberationOpened(proposalId, 2);
    expect((await proposalOf(proposalId)).status).toBe('deliberation');
    await decided(proposalId, 'approved');
    expect(await proposalOf(proposalId)).toMatchObject({ status: 'approved', result: 'approved' });
    const [activity, ...more] = await activityOf(proposalId);
    expect(more).toEqual([]);
    expect(activity).toMatchObject({ status: 'scheduled', basis: 'approved', decision_id: decisionOf(proposalId) });
    const scheduled = await eventsOf(activity!.activity_id, 'sanshe.organization.activity.scheduled.v1');
    expect(scheduled).toHaveLength(1);
    expect((scheduled[0]!.data as { sessions: unknown[] }).sessions).toHaveLength(6);
  });

  it('a decided repeated (same id, then a new id) makes one activity and one activity.scheduled', async () => {
    const proposalId = await submitted();
    await opened(proposalId);
    await decided(proposalId, 'approved');
    await decided(proposalId, 'approved'); // the same event again: the inbox drops it
    await decided(proposalId, 'approved', `${decisionOf(proposalId)}/outcome-resent`); // a new id: terminal
    const activities = await activityOf(proposalId);
    expect(activities).toHaveLength(1);
    expect(await eventsOf(activities[0]!.activity_id, 'sanshe.organization.activity.scheduled.v1')).toHaveLength(1);
  });

  it('decided before opened: approved, and the late opened changes nothing', async () => {
    const proposalId = await submitted();
    await decided(proposalId, 'approved');
    await opened(proposalId);
    expect(await proposalOf(proposalId)).toMatchObject({ status: 'approved', decision: { stage: 'decided' } });
    expect(await activityOf(proposalId)).toHaveLength(1);
  });

  it('a decision about a proposal of no organization here is ignored', async () => {
    const stranger = newId('prop');
    await opened(stranger);
    await decided(stranger, 'approved');
    expect(await activityOf(stranger)).toEqual([]);
  });
});

describe('amendments and withdrawals', () => {
  const amend = (proposalId: string, revision: string, changes: Record<string, unknown>) =>
    call(svc, 'POST', `/proposals/${proposalId}/amend`, orgAdmin(ORG), { revision, changes });
  const revisionsOf = async (proposalId: string) =>
    (await call<Record<string, unknown>[]>(svc, 'GET', `/proposals/${proposalId}/revisions`, auditor())).body;

  it('amend → one proposal.amended (revision 2, the changed fields only); a refusal from governance shows on it', async () => {
    const proposalId = await submitted();
    await opened(proposalId);
    await deliberationOpened(proposalId, 2);
    const reply = await amend(proposalId, '人数增加到40人', { expectedParticipants: 40, title: CONTENT.title });
    expect(reply).toMatchObject({ status: 200, body: { status: 'deliberation', revisionNo: 2 } });
    const [amended, ...more] = await eventsOf(proposalId, 'sanshe.organization.proposal.amended.v1');
    expect(more).toEqual([]);
    expect(amended).toMatchObject({ id: `sanshe.organization.proposal.amended.v1:${proposalId}:2` });
    expect(amended!.data).toEqual({
      ...{ proposalId, organizationId: ORG, communityCode: COMMUNITY },
      ...{ revision: '人数增加到40人', revisionNo: 2, expectedParticipants: 40 },
    });
    const decisionId = decisionOf(proposalId);
    await fromGovernance({
      type: 'sanshe.governance.decision.vote-rejected.v1',
      id: `${decisionId}/rejected/${amended!.id}`,
      subject: decisionId,
      data: {
        ...decisionVoteRejected.example,
        decisionId,
        code: 'amendment-limit',
        reason: 'the policy allows 1 amendment; this is the 2nd',
        rejectedEventSource: 'sanshe/organization',
        rejectedEventId: amended!.id,
        rejectedEventType: 'sanshe.organization.proposal.amended.v1',
      },
    });
    expect(await revisionsOf(proposalId)).toEqual([
      expect.objectContaining({ revisionNo: 1, status: 'sent', refusal: null }),
      expect.objectContaining({
        revisionNo: 2,
        status: 'refused',
        refusal: { code: 'amendment-limit', reason: 'the policy allows 1 amendment; this is the 2nd' },
      }),
    ]);
    expect(await proposalOf(proposalId)).toMatchObject({ status: 'deliberation', revisionNo: 1, content: CONTENT });
  });

  it('round-opened repeating the amendment’s text: the revision is accepted in round 2', async () => {
    const proposalId = await submitted();
    await opened(proposalId);
    await deliberationOpened(proposalId, 2);
    expect((await amend(proposalId, '改在社区食堂', { summary: 'Lunch in the canteen.' })).status).toBe(200);
    const decisionId = decisionOf(proposalId);
    await fromGovernance({
      type: 'sanshe.governance.decision.round-opened.v1',
      id: `${decisionId}/4`,
      subject: decisionId,
      data: { ...decisionRoundOpened.example, decisionId, round: 2, revision: '改在社区食堂' },
    });
    expect(await proposalOf(proposalId)).toMatchObject({
      status: 'under-review',
      decision: { round: 2 },
      content: { summary: 'Lunch in the canteen.' },
    });
    expect((await revisionsOf(proposalId))[1]).toMatchObject({ revisionNo: 2, status: 'accepted', round: 2 });
  });

  it('withdraw → one proposal.withdrawn; the status stays until governance decides withdrawn', async () => {
    const proposalId = await submitted();
    await opened(proposalId);
    const reason = { code: 'capacity-changed', text: '原定社工离职，撤回方案。' };
    const reply = await call(svc, 'POST', `/proposals/${proposalId}/withdraw`, orgAdmin(ORG), { reason });
    expect(reply).toMatchObject({
      status: 200,
      body: { status: 'under-review', withdrawal: { reason, refusal: null } },
    });
    expect((await call(svc, 'POST', `/proposals/${proposalId}/withdraw`, orgAdmin(ORG), { reason })).status).toBe(200);
    const withdrawn = await eventsOf(proposalId, 'sanshe.organization.proposal.withdrawn.v1');
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]!.data).toEqual({
      ...{ proposalId, organizationId: ORG, communityCode: COMMUNITY },
      ...{ withdrawnFrom: 'decision', reason },
    });
    await decided(proposalId, 'withdrawn');
    expect(await proposalOf(proposalId)).toMatchObject({ status: 'withdrawn', result: 'withdrawn' });
    expect(await activityOf(proposalId)).toEqual([]);
  });
});

describe('filing instead of approval', () => {
  it('a low-risk draft is filed: proposal.filed and its activity scheduled, basis filed', async () => {
    const proposalId = await filed();
    const [event, ...more] = await eventsOf(proposalId, 'sanshe.organization.proposal.filed.v1');
    expect(more).toEqual([]);
    expect(event!.data).toMatchObject({ ...LOW_RISK, proposalId, organizationId: ORG, filingRuleVersion: 1 });
    expect(await activityOf(proposalId)).toEqual([expect.objectContaining({ status: 'scheduled', basis: 'filed' })]);
  });

  it('a proposal with a venue or money is not low-risk: 409 naming each field, nothing written', async () => {
    const proposalId = await draft(FUNDED);
    const reply = await call(svc, 'POST', `/proposals/${proposalId}/file`, orgAdmin(ORG));
    expect(reply).toMatchObject({ status: 409, body: { code: 'not-low-risk', filingRuleVersion: 1 } });
    expect((reply.body.violations as { path: string }[]).map((v) => v.path)).toEqual([
      '/venueId',
      '/requestedFunding/amountFen',
    ]);
    expect(await svc.outboxOf(proposalId)).toEqual([]);
    expect(await activityOf(proposalId)).toEqual([]);
  });

  it('called in: under review with calledIn, the activity paused; approved resumes it', async () => {
    const proposalId = await filed();
    const decisionId = decisionOf(proposalId);
    await fromGovernance({
      type: 'sanshe.governance.filing.called-in.v1',
      id: `sanshe.governance.filing.called-in.v1:${proposalId}`,
      subject: decisionId,
      data: { ...filingCalledIn.example, proposalId, decisionId, communityCode: COMMUNITY },
    });
    expect(await proposalOf(proposalId)).toMatchObject({ status: 'under-review', calledIn: { cause: 'parties' } });
    expect(await activityOf(proposalId)).toEqual([expect.objectContaining({ status: 'paused' })]);
    await opened(proposalId);
    await decided(proposalId, 'approved');
    expect(await activityOf(proposalId)).toEqual([expect.objectContaining({ status: 'scheduled' })]);
  });

  it('withdrawing a filed proposal not called in: withdrawn at once, its activity cancelled', async () => {
    const proposalId = await filed();
    const reason = { code: 'changed-plan', text: '计划变更。' };
    const reply = await call(svc, 'POST', `/proposals/${proposalId}/withdraw`, orgAdmin(ORG), { reason });
    expect(reply).toMatchObject({ status: 200, body: { status: 'withdrawn' } });
    const [event] = await eventsOf(proposalId, 'sanshe.organization.proposal.withdrawn.v1');
    expect(event!.data).toMatchObject({ withdrawnFrom: 'filing', reason });
    expect(await activityOf(proposalId)).toEqual([expect.objectContaining({ status: 'cancelled' })]);
  });
});

describe('the community’s needs and venues, as its events told them', () => {
  const COMMUNITY_TOPIC = contextTopic('community');
  const fromCommunity = async <T extends EventType>(event: Omit<NewEvent<T>, 'source'>) => {
    const sent = await svc.publish(COMMUNITY_TOPIC, 'sanshe/community', event);
    await eventually(
      async () =>
        expect(await svc.query(`SELECT 1 FROM "${svc.schema}".inbox WHERE event_id = $1`, [sent.id])).toHaveLength(1),
      { timeoutMs: 20_000 },
    );
  };
  const publishNeed = (needId: string, communityCode: string) =>
    fromCommunity({
      type: 'sanshe.community.need.published.v1',
      id: `sanshe.community.need.published.v1:${needId}`,
      subject: needId,
      data: { ...needPublished.example, needId, communityCode },
    });

  it('a need counts only from the community’s channel: another source is dead-lettered, nothing kept', async () => {
    const processor = () => svc.app.get(InboxService).processor;
    const deadLettered = processor().counts['dead-lettered'];
    const needId = newId('need');
    await svc.publish(COMMUNITY_TOPIC, 'sanshe/organization', {
      type: 'sanshe.community.need.published.v1',
      id: `sanshe.community.need.published.v1:${needId}`,
      subject: needId,
      data: { ...needPublished.example, needId, communityCode: COMMUNITY },
    });
    await eventually(() => expect(processor().counts['dead-lettered']).toBe(deadLettered + 1), { timeoutMs: 20_000 });
    expect(await svc.query(`SELECT 1 FROM "${svc.schema}".known_need WHERE need_id = $1`, [needId])).toEqual([]);
  });

  it('an unknown need or venue is accepted with warnings (never in the event)', async () => {
    const unknown = { ...CONTENT, needId: newId('need') };
    const created = await call(svc, 'POST', `/organizations/${ORG}/proposals`, orgStaff(ORG), {
      communityCode: COMMUNITY,
      ...unknown,
    });
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual([expect.objectContaining({ path: '/needId' })]);
    const proposalId = String(created.body.proposalId);
    const submit = await call(svc, 'POST', `/proposals/${proposalId}/submit`, orgAdmin(ORG));
    expect(submit).toMatchObject({ status: 200, body: { warnings: [expect.objectContaining({ path: '/needId' })] } });
    const [event] = await eventsOf(proposalId, 'sanshe.organization.proposal.submitted.v1');
    expect(event!.data).not.toHaveProperty('warnings');
  });

  it('a need of another community is refused naming /needId; a closed need is 409 need-closed', async () => {
    const elsewhere = newId('need');
    await publishNeed(elsewhere, '310104-005-002');
    const refused = await call(svc, 'POST', `/organizations/${ORG}/proposals`, orgStaff(ORG), {
      communityCode: COMMUNITY,
      ...CONTENT,
      needId: elsewhere,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.problems).toEqual([expect.objectContaining({ path: '/needId' })]);

    const needId = newId('need');
    await publishNeed(needId, COMMUNITY);
    const proposalId = await draft({ ...CONTENT, needId });
    await fromCommunity({
      type: 'sanshe.community.need.closed.v1',
      id: `sanshe.community.need.closed.v1:${needId}`,
      subject: needId,
      data: { needId, communityCode: COMMUNITY, reason: 'met' },
    });
    const submit = await call(svc, 'POST', `/proposals/${proposalId}/submit`, orgAdmin(ORG));
    expect(submit).toMatchObject({ status: 409, body: { code: 'need-closed' } });
    expect(await svc.outboxOf(proposalId)).toEqual([]);
    expect((await proposalOf(proposalId)).status).toBe('draft');
  });
});
