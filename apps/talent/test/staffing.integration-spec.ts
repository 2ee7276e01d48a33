import {
  activityScheduled,
  contextTopic,
  decisionOpened,
  decisionVoteRejected,
  proposalAmended,
  proposalFiled,
  proposalSubmitted,
} from '@sanshe/contracts';
import { InboxService } from '@sanshe/messaging';
import { eventually } from '@sanshe/testing';
import { type TalentUnderTest, startTalentUnderTest } from './talent-test-app';
import { call, COMMUNITY, newId, orgAdmin, orgStaff, registerWorker } from './talent.fixtures';

/**
 * Staffing on the real PostgreSQL and Kafka: the talent party's automatic vote (governance's and the
 * organization's events published to their real topics, read by talent's consumer) and assignments.
 */
const GOVERNANCE = contextTopic('governance');
const ORGANIZATION = contextTopic('organization');
const SEAT = 'talent:district-social-workers';
const DEADLINE = '2026-12-31T09:30:00.000Z';
const VOTE_CAST = 'sanshe.talent.decision.vote-cast.v1';
const OBJECTION = {
  code: 'staffing-rule',
  text: 'certified-ratio: 45 participants need 3 certified social workers, the plan has 2: add 1 certified-social-worker',
};
let svc: TalentUnderTest;

const votesSent = async (decisionId: string) =>
  (await svc.outboxOf(decisionId)).filter((event) => event.type === VOTE_CAST);

/** Waits until talent's inbox took every event id (processed, duplicate or ignored): a barrier, not a timer. */
async function consumed(...eventIds: string[]) {
  await eventually(
    async () => {
      const rows = await svc.query<{ event_id: string }>(`SELECT event_id FROM ${svc.schema}.inbox`);
      const taken = rows.map((row) => row.event_id);
      for (const id of eventIds) expect(taken.some((taken) => taken.endsWith(id))).toBe(true);
    },
    { timeoutMs: 20_000 },
  );
}

function proposal() {
  const proposalId = newId('prop');
  return { proposalId, organizationId: newId('org'), decisionId: `decision/activity-proposal/${proposalId}` };
}

async function submit({ proposalId, organizationId }: ReturnType<typeof proposal>) {
  const event = await svc.publish(ORGANIZATION, 'sanshe/organization', {
    type: 'sanshe.organization.proposal.submitted.v1',
    subject: proposalId,
    data: {
      ...proposalSubmitted.example,
      ...{ proposalId, organizationId, communityCode: COMMUNITY, revisionNo: 1 },
      category: 'elderly-care',
      expectedParticipants: 45,
      staffingPlan: [
        { role: 'certified-social-worker', count: 2 },
        { role: 'intern', count: 3 },
      ],
    },
  });
  return event.id;
}

/**
 * Files a low-risk proposal (no venue, resident data or money): a governance running beside this test on the
 * real topics only notices it and opens no decision of its own, so the decision.opened here is the only one.
 */
async function file({ proposalId, organizationId }: ReturnType<typeof proposal>) {
  const event = await svc.publish(ORGANIZATION, 'sanshe/organization', {
    type: 'sanshe.organization.proposal.filed.v1',
    subject: proposalId,
    data: {
      ...proposalFiled.example,
      ...{ proposalId, organizationId, communityCode: COMMUNITY },
      category: 'culture-hobby',
      expectedParticipants: 30,
      staffingPlan: [
        { role: 'intern', count: 2 },
        { role: 'volunteer', count: 5 },
      ],
    },
  });
  return event.id;
}

async function open({ proposalId, organizationId, decisionId }: ReturnType<typeof proposal>) {
  const event = await svc.publish(GOVERNANCE, 'sanshe/governance', {
    type: 'sanshe.governance.decision.opened.v1',
    subject: decisionId,
    id: `${decisionId}/1`,
    data: {
      ...decisionOpened.example,
      ...{ decisionId, subjectId: proposalId, communityCode: COMMUNITY, proposerId: `organization:${organizationId}` },
      pending: [`community:${COMMUNITY}`, SEAT].map((partyId) => ({ partyId, deadline: DEADLINE })),
    },
  });
  return event.id;
}

beforeAll(async () => {
  svc = await startTalentUnderTest();
}, 60_000);
afterAll(() => svc?.close());

describe('the talent party’s automatic vote', () => {
  it('objects once with the rule and the fix; the amendment’s round gets one approval', async () => {
    const p = proposal();
    const ids = [await submit(p), await open(p)];
    await eventually(async () => expect(await votesSent(p.decisionId)).toHaveLength(1), { timeoutMs: 20_000 });
    // the same opening again (a redelivery governance republishes) casts nothing new
    await svc.publish(GOVERNANCE, 'sanshe/governance', {
      type: 'sanshe.governance.decision.opened.v1',
      subject: p.decisionId,
      id: `${p.decisionId}/1`,
      data: { ...decisionOpened.example, decisionId: p.decisionId, subjectId: p.proposalId, communityCode: COMMUNITY },
    });
    await consumed(...ids);
    expect((await votesSent(p.decisionId)).map((event) => event)).toEqual([
      expect.objectContaining({
        id: `${VOTE_CAST}:${p.decisionId}:${SEAT}:1`,
        source: 'sanshe/talent',
        data: { decisionId: p.decisionId, partyId: SEAT, castBy: SEAT, choice: 'object', round: 1, reason: OBJECTION },
      }),
    ]);

    const revision = 'a third certified social worker for 45 participants';
    const amended = await svc.publish(ORGANIZATION, 'sanshe/organization', {
      type: 'sanshe.organization.proposal.amended.v1',
      subject: p.proposalId,
      data: {
        ...proposalAmended.example,
        ...{ proposalId: p.proposalId, organizationId: p.organizationId, communityCode: COMMUNITY, revision },
        revisionNo: 2,
        staffingPlan: [
          { role: 'certified-social-worker', count: 3 },
          { role: 'intern', count: 3 },
        ],
      },
    });
    const round2 = await svc.publish(GOVERNANCE, 'sanshe/governance', {
      type: 'sanshe.governance.decision.round-opened.v1',
      subject: p.decisionId,
      id: `${p.decisionId}/4`,
      data: { decisionId: p.decisionId, round: 2, revision, pending: [{ partyId: SEAT, deadline: DEADLINE }] },
    });
    await consumed(amended.id, round2.id);
    const sent = await votesSent(p.decisionId);
    expect(sent.map((event) => event.data)).toEqual([
      expect.objectContaining({ choice: 'object', round: 1 }),
      { decisionId: p.decisionId, partyId: SEAT, castBy: SEAT, choice: 'approve', round: 2 },
    ]);

    const shown = await call<Record<string, unknown>[]>(svc, 'GET', `/decisions/${p.decisionId}/talent-votes`, {
      sub: 'anyone',
      parties: [],
      roles: [],
    });
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual([
      expect.objectContaining({ round: 1, revisionNo: 1, rulesVersion: 1, choice: 'object', reason: OBJECTION }),
      expect.objectContaining({ round: 2, revisionNo: 2, choice: 'approve', reason: null, status: 'sent' }),
    ]);
  });

  it('opened before submitted: votes once the plan arrives; governance’s refusal shows on the vote', async () => {
    const p = proposal();
    const opened = await open(p);
    await consumed(opened);
    expect(await votesSent(p.decisionId)).toEqual([]);
    await submit(p);
    await eventually(async () => expect(await votesSent(p.decisionId)).toHaveLength(1), { timeoutMs: 20_000 });

    const rejected = await svc.publish(GOVERNANCE, 'sanshe/governance', {
      type: 'sanshe.governance.decision.vote-rejected.v1',
      subject: p.decisionId,
      data: {
        decisionId: p.decisionId,
        partyId: SEAT,
        castBy: SEAT,
        code: 'past-deadline',
        reason: 'the round closed before the vote arrived',
        rejectedEventId: `${VOTE_CAST}:${p.decisionId}:${SEAT}:1`,
        rejectedEventSource: 'sanshe/talent',
        rejectedEventType: VOTE_CAST,
      },
    });
    await consumed(rejected.id);
    const shown = await call<Record<string, unknown>[]>(
      svc,
      'GET',
      `/votes?decisionId=${encodeURIComponent(p.decisionId)}`,
      { sub: 'anyone', parties: [], roles: [] },
    );
    expect(shown.body).toEqual([
      expect.objectContaining({
        status: 'rejected',
        rejection: { code: 'past-deadline', reason: 'the round closed before the vote arrived' },
      }),
    ]);
  });

  it('an opening from another channel than governance’s is dead-lettered: no vote', async () => {
    const p = proposal();
    const deadLettered = svc.app.get(InboxService).processor.counts['dead-lettered'];
    await consumed(await file(p)); // the plan is known: an accepted opening would vote at once
    await svc.publish(GOVERNANCE, 'portal/xuhui-civil-affairs', {
      type: 'sanshe.governance.decision.opened.v1',
      subject: p.decisionId,
      id: `${p.decisionId}/1`,
      data: {
        ...decisionOpened.example,
        ...{ decisionId: p.decisionId, subjectId: p.proposalId, communityCode: COMMUNITY },
        pending: [{ partyId: SEAT, deadline: DEADLINE }],
      },
    });
    // A later governance event of the same decision (same partition) marks the wrong one as handled.
    const after = await svc.publish(GOVERNANCE, 'sanshe/governance', {
      type: 'sanshe.governance.decision.vote-rejected.v1',
      subject: p.decisionId,
      data: { ...decisionVoteRejected.example, decisionId: p.decisionId },
    });
    await consumed(after.id);
    expect(svc.app.get(InboxService).processor.counts['dead-lettered']).toBeGreaterThan(deadLettered);
    expect(await votesSent(p.decisionId)).toEqual([]);
  });

  it('a called-in filing is judged on the plan it was filed with', async () => {
    const p = proposal();
    await file(p);
    await open(p);
    await eventually(async () => expect(await votesSent(p.decisionId)).toHaveLength(1), { timeoutMs: 20_000 });
    expect((await votesSent(p.decisionId))[0].data).toMatchObject({
      choice: 'object',
      reason: {
        code: 'staffing-rule',
        text:
          'intern-not-alone: the plan has 2 interns and no certified social worker or community staff: ' +
          'add 1 certified-social-worker or community-staff',
      },
    });
  });

  it('reads need a token and a well-formed decision id (400 naming the field)', async () => {
    expect((await call(svc, 'GET', '/votes?decisionId=decision/activity-proposal/x', null)).status).toBe(401);
    const bad = await call(svc, 'GET', '/votes', { sub: 'anyone', parties: [], roles: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([{ path: '/query/decisionId', message: 'is required' }]);
  });
});

/** Publishes the organization's activity.scheduled (certified ≥ social-worker, interns) and waits until talent keeps it. */
async function scheduleActivity(
  organizationId: string,
  staffingPlan: { role: 'certified-social-worker' | 'intern'; count: number; minLevel?: 'social-worker' }[] = [
    { role: 'certified-social-worker', count: 1, minLevel: 'social-worker' },
    { role: 'intern', count: 2 },
  ],
) {
  const activityId = newId('act');
  const proposalId = newId('prop');
  const event = await svc.publish(ORGANIZATION, 'sanshe/organization', {
    type: 'sanshe.organization.activity.scheduled.v1',
    subject: activityId,
    data: {
      ...activityScheduled.example,
      ...{ activityId, proposalId, organizationId, communityCode: COMMUNITY },
      decisionId: `decision/activity-proposal/${proposalId}`,
      staffingPlan,
    },
  });
  await consumed(event.id);
  return activityId;
}

const SLOT = { startsAt: '2026-12-01T03:00:00.000Z', endsAt: '2026-12-01T05:00:00.000Z' };
const assignmentEvents = async (activityId: string) =>
  (await svc.outboxOf(activityId)).filter((event) => event.type.startsWith('sanshe.talent.assignment.'));

describe('assignments', () => {
  it('ten concurrent assignments of one worker at one time: one 201, nine 409 double-booked naming it', async () => {
    const org = newId('org');
    const [first, second] = [await scheduleActivity(org), await scheduleActivity(org)];
    const { workerId } = await registerWorker(svc, org);
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(svc, 'POST', `/activities/${i % 2 ? first : second}/assignments`, orgStaff(org), {
          workerId,
          role: 'certified-social-worker',
          ...SLOT,
        }),
      ),
    );
    const created = replies.filter((reply) => reply.status === 201);
    expect(created).toHaveLength(1);
    const assignmentId = created[0].body.assignmentId;
    const refused = replies.filter((reply) => reply.status === 409);
    expect(refused).toHaveLength(9);
    for (const reply of refused) {
      expect(reply.body).toMatchObject({ code: 'double-booked', conflictingAssignmentId: assignmentId });
    }
    const made = [...(await assignmentEvents(first)), ...(await assignmentEvents(second))];
    expect(made.map((event) => event.data)).toEqual([
      expect.objectContaining({ assignmentId, workerId, organizationId: org, ...SLOT }),
    ]);
    // back to back is no overlap
    const next = {
      workerId,
      role: 'certified-social-worker',
      startsAt: SLOT.endsAt,
      endsAt: '2026-12-01T07:00:00.000Z',
    };
    expect((await call(svc, 'POST', `/activities/${first}/assignments`, orgAdmin(org), next)).status).toBe(201);
  });

  it('refuses an expired certificate, a role the worker does not hold, bad input and strangers, writing nothing', async () => {
    const org = newId('org');
    const activityId = await scheduleActivity(org);
    const certificate = {
      level: 'social-worker',
      number: newId('SW'),
      issuedOn: '2024-06-01',
      expiresOn: '2026-12-31',
    };
    const { workerId } = await registerWorker(svc, org, { certificate });
    const path = `/activities/${activityId}/assignments`;
    const late = {
      workerId,
      role: 'certified-social-worker',
      startsAt: '2027-01-05T03:00:00.000Z',
      endsAt: '2027-01-05T05:00:00.000Z',
    };
    const expired = await call(svc, 'POST', path, orgAdmin(org), late);
    expect(expired).toMatchObject({ status: 409, body: { code: 'certificate-expired' } });
    expect(String(expired.body.message)).toContain('2026-12-31');
    const asIntern = await call(svc, 'POST', path, orgAdmin(org), { ...late, role: 'intern' });
    expect(asIntern).toMatchObject({ status: 409, body: { code: 'role-mismatch' } });
    const bad = await call<{ problems: { path: string }[] }>(svc, 'POST', path, orgAdmin(org), {
      workerId,
      role: 'boss',
      startsAt: SLOT.endsAt,
      endsAt: SLOT.startsAt,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((problem) => problem.path)).toContain('/body/role');
    const backwards = await call<{ problems: { path: string }[] }>(svc, 'POST', path, orgAdmin(org), {
      workerId,
      role: 'certified-social-worker',
      startsAt: SLOT.endsAt,
      endsAt: SLOT.startsAt,
    });
    // Both instants well formed, the rule between them broken: 422 as documented (was 400).
    expect(backwards.status).toBe(422);
    expect(backwards.body.problems).toEqual([{ path: '/body/endsAt', message: 'must be after startsAt' }]);
    expect((await call(svc, 'POST', path, orgStaff(newId('org')), { ...late, ...SLOT })).status).toBe(403);
    expect((await call(svc, 'POST', path, null, { ...late, ...SLOT })).status).toBe(401);
    expect(await assignmentEvents(activityId)).toEqual([]);
  });

  it('release publishes assignment.released once; the staffing view names the broken rule and its fix', async () => {
    const org = newId('org');
    const activityId = await scheduleActivity(org, [{ role: 'intern', count: 2 }]);
    const intern = await registerWorker(svc, org, {
      kind: 'intern',
      level: undefined,
      certificate: undefined,
      school: '华东理工大学',
      internshipEndsOn: '2027-06-30',
    });
    const made = await call(svc, 'POST', `/activities/${activityId}/assignments`, orgAdmin(org), {
      workerId: intern.workerId,
      role: 'intern',
      ...SLOT,
    });
    expect(made.status).toBe(201);
    const staffing = await call(svc, 'GET', `/activities/${activityId}/staffing`, orgStaff(org));
    expect(staffing.body).toMatchObject({
      assigned: [{ role: 'intern', count: 1 }],
      planProblems: [
        {
          rule: 'intern-not-alone',
          message: 'the plan has 2 interns and no certified social worker or community staff',
          fix: 'add 1 certified-social-worker or community-staff',
        },
      ],
      problems: [
        {
          rule: 'intern-not-alone',
          message: 'the plan has 1 intern and no certified social worker or community staff',
          fix: 'add 1 certified-social-worker or community-staff',
        },
      ],
    });
    expect((await call(svc, 'GET', `/activities/${activityId}/staffing`, orgStaff(newId('org')))).status).toBe(403);

    const release = `/activities/${activityId}/assignments/${String(made.body.assignmentId)}`;
    expect(await call(svc, 'DELETE', release, orgAdmin(org))).toMatchObject({
      status: 200,
      body: { status: 'released' },
    });
    expect((await call(svc, 'DELETE', release, orgAdmin(org))).body.status).toBe('released');
    expect((await assignmentEvents(activityId)).map((event) => event.type)).toEqual([
      'sanshe.talent.assignment.made.v1',
      'sanshe.talent.assignment.released.v1',
    ]);
    expect((await call(svc, 'GET', `/activities/${activityId}/staffing`, orgAdmin(org))).body).toMatchObject({
      assigned: [],
      problems: [],
    });
  });

  it('a cancelled activity releases its assignments and takes no more', async () => {
    const org = newId('org');
    const activityId = await scheduleActivity(org);
    const { workerId } = await registerWorker(svc, org);
    const body = { workerId, role: 'certified-social-worker', ...SLOT };
    expect((await call(svc, 'POST', `/activities/${activityId}/assignments`, orgAdmin(org), body)).status).toBe(201);
    const cancelled = await svc.publish(ORGANIZATION, 'sanshe/organization', {
      type: 'sanshe.organization.activity.cancelled.v1',
      subject: activityId,
      data: {
        ...{ activityId, proposalId: newId('prop'), organizationId: org, communityCode: COMMUNITY },
        reason: 'organization',
        at: '2026-11-28T02:00:00.000Z',
      },
    });
    await consumed(cancelled.id);
    expect((await assignmentEvents(activityId)).map((event) => event.type)).toEqual([
      'sanshe.talent.assignment.made.v1',
      'sanshe.talent.assignment.released.v1',
    ]);
    const again = await call(svc, 'POST', `/activities/${activityId}/assignments`, orgAdmin(org), body);
    expect(again).toMatchObject({ status: 409, body: { code: 'activity-cancelled' } });
  });
});

/** Publishes governance's opening of the dispute of `hoursId` (the hours-dispute default's three seats). */
async function openDispute(hoursId: string, organizationId: string) {
  const decisionId = `decision/hours-dispute/${hoursId}`;
  const event = await svc.publish(GOVERNANCE, 'sanshe/governance', {
    type: 'sanshe.governance.decision.opened.v1',
    subject: decisionId,
    id: `${decisionId}/1`,
    data: {
      ...decisionOpened.example,
      ...{ decisionId, kind: 'hours-dispute', subjectId: hoursId, communityCode: COMMUNITY },
      ...{ proposerId: `organization:${organizationId}`, policyId: 'hours-dispute.district', policyVersion: 1 },
      pending: [`community:${COMMUNITY}`, 'portal:street-310104-005', SEAT].map((partyId) => ({
        partyId,
        deadline: DEADLINE,
      })),
    },
  });
  return { decisionId, eventId: event.id };
}

describe('the talent party’s vote on a dispute of hours', () => {
  it('approves hours of an assigned worker; objects to an unassigned one’s and to hours it never recorded', async () => {
    const org = newId('org');
    const activityId = await scheduleActivity(org);
    const [assigned, unassigned] = [await registerWorker(svc, org), await registerWorker(svc, org)];
    const assignment = { workerId: assigned.workerId, role: 'certified-social-worker', ...SLOT };
    expect((await call(svc, 'POST', `/activities/${activityId}/assignments`, orgStaff(org), assignment)).status).toBe(
      201,
    );
    // SLOT is 11:00–13:00 on 1 December in Shanghai
    const hoursOf = async (workerId: string) => {
      const body = { workerId, activityId, communityCode: COMMUNITY, servedOn: '2026-12-01', minutes: 120 };
      const reply = await call<{ hoursId: string }>(svc, 'POST', '/hours', orgStaff(org), body);
      expect(reply.status).toBe(201);
      return reply.body.hoursId;
    };
    const [backed, unbacked] = [await hoursOf(assigned.workerId), await hoursOf(unassigned.workerId)];
    const disputes = [
      await openDispute(backed, org),
      await openDispute(unbacked, org),
      await openDispute(newId('hours'), org),
    ];
    // the same opening again (a redelivery) casts nothing new
    const again = await openDispute(backed, org);
    await consumed(...disputes.map((dispute) => dispute.eventId), again.eventId);

    const [approved, notAssigned, notRecorded] = await Promise.all(disputes.map((d) => votesSent(d.decisionId)));
    const castBy = { partyId: SEAT, castBy: SEAT, round: 1 };
    expect(approved).toEqual([
      expect.objectContaining({
        id: `${VOTE_CAST}:${disputes[0].decisionId}:${SEAT}:1`,
        source: 'sanshe/talent',
        data: { decisionId: disputes[0].decisionId, ...castBy, choice: 'approve' },
      }),
    ]);
    expect(notAssigned.map((event) => event.data)).toEqual([
      {
        ...{ decisionId: disputes[1].decisionId, ...castBy, choice: 'object' },
        reason: {
          code: 'worker-not-assigned',
          text:
            `${unassigned.workerId} had no active assignment to ${activityId} on 2026-12-01 (Asia/Shanghai): ` +
            'assign the worker to the activity for 2026-12-01 or withdraw the hours',
        },
      },
    ]);
    expect(notRecorded.map((event) => event.data)).toEqual([
      expect.objectContaining({
        choice: 'object',
        reason: expect.objectContaining({ code: 'hours-not-recorded-here' }),
      }),
    ]);
    const shown = await call<Record<string, unknown>[]>(
      svc,
      'GET',
      `/decisions/${disputes[1].decisionId}/talent-votes`,
      {
        sub: 'anyone',
        parties: [],
        roles: [],
      },
    );
    expect(shown.body).toEqual([
      expect.objectContaining({ partyId: SEAT, round: 1, revisionNo: 1, rulesVersion: 1, choice: 'object' }),
    ]);
  });
});
