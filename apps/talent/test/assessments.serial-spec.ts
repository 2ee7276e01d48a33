import type { Kafka } from 'kafkajs';
import { activityScheduled, contextTopic, decisionDecided, decisionOpened, type SansheEvent } from '@sanshe/contracts';
import {
  eventually,
  readTopicsToHighWaterMarks,
  testKafka,
  testTopic,
  topicEnds,
  type TopicOffsets,
} from '@sanshe/testing';
import type { TokenRequest } from '@sanshe/auth';
import { requestEventId } from '../src/assessments/domain/assessment';
import { type TalentUnderTest, startTalentUnderTest } from './talent-test-app';
import { call, COMMUNITY, newId, orgAdmin, registerWorker, talentAdmin, workerBody } from './talent.fixtures';

/**
 * The independent assessor on the real PostgreSQL and Kafka: governance's decision.opened of a milestone
 * verification (published to governance's real topic) binds a certified worker with no tie to the grant's
 * organization; the bound worker's vote reaches talent's real topic for the seat; nobody else may cast it;
 * with nobody eligible talent abstains with the reason. In the serial pass: every talent under test reads
 * governance's topic, and one of another suite running beside it abstained for these decisions (CI: the vote
 * read back was two, and the other suite's "writes nothing" check counted the abstention).
 */
const GOVERNANCE = contextTopic('governance');
const ORGANIZATION = contextTopic('organization');
const TALENT = testTopic(contextTopic('talent')); // as the tests' processes name it
const SEAT = 'talent:independent-assessor';
const VOTE_CAST = 'sanshe.talent.decision.vote-cast.v1';
const DEADLINE = '2026-12-31T09:30:00.000Z';
let svc: TalentUnderTest;
let kafka: Kafka;

const workerToken = (workerId: string): TokenRequest => ({
  sub: `person-${workerId}`,
  parties: [`talent-worker:${workerId}`],
  roles: ['talent-worker'],
});

/** Waits until talent's inbox took every event id: a barrier, not a timer. */
async function consumed(...eventIds: string[]) {
  await eventually(
    async () => {
      const rows = await svc.query<{ event_id: string }>(`SELECT event_id FROM ${svc.schema}.inbox`);
      for (const id of eventIds) expect(rows.some((row) => row.event_id.endsWith(id))).toBe(true);
    },
    { timeoutMs: 20_000 },
  );
}

/** Talent's records on its topic from `from` to the high-water marks once everything it wrote was relayed. */
async function onTalentTopic(from: TopicOffsets): Promise<SansheEvent[]> {
  await eventually(
    async () => {
      const [row] = await svc.query<{ unsent: number }>(
        `SELECT count(*)::int AS unsent FROM ${svc.schema}.outbox WHERE sent_at IS NULL`,
      );
      expect(row.unsent).toBe(0);
    },
    { timeoutMs: 20_000 },
  );
  const records = await readTopicsToHighWaterMarks(kafka, from, await topicEnds(kafka, TALENT));
  return records.filter((record) => record.topic === TALENT).map((record) => JSON.parse(record.value) as SansheEvent);
}

function verification(organizationId: string) {
  const grantId = newId('grant');
  const subjectId = `${grantId}.t2`;
  return { grantId, subjectId, decisionId: `decision/milestone-verification/${subjectId}`, organizationId };
}

async function open(v: ReturnType<typeof verification>, eventId = `${v.decisionId}/1`) {
  const event = await svc.publish(GOVERNANCE, 'sanshe/governance', {
    type: 'sanshe.governance.decision.opened.v1',
    subject: v.decisionId,
    id: eventId,
    data: {
      ...decisionOpened.example,
      ...{ decisionId: v.decisionId, kind: 'milestone-verification', subjectId: v.subjectId, communityCode: COMMUNITY },
      proposerId: `organization:${v.organizationId}`,
      policyId: 'milestone-verification.district',
      pending: [`community:${COMMUNITY}`, SEAT].map((partyId) => ({ partyId, deadline: DEADLINE })),
    },
  });
  await consumed(event.id);
}

/** A worker of `orgA` assigned to one of its activities in December, then moved to `orgB`: tied to orgA. */
async function tiedWorker(workerId: string, orgA: string, orgB: string) {
  await registerWorker(svc, orgA, { workerId });
  const activityId = newId('act');
  const scheduled = await svc.publish(ORGANIZATION, 'sanshe/organization', {
    type: 'sanshe.organization.activity.scheduled.v1',
    subject: activityId,
    data: {
      ...activityScheduled.example,
      ...{ activityId, proposalId: newId('prop'), organizationId: orgA, communityCode: COMMUNITY },
      staffingPlan: [{ role: 'certified-social-worker', count: 1 }],
    },
  });
  await consumed(scheduled.id);
  const slot = { startsAt: '2026-12-01T03:00:00.000Z', endsAt: '2026-12-01T05:00:00.000Z' };
  const assigned = await call(svc, 'POST', `/activities/${activityId}/assignments`, orgAdmin(orgA), {
    workerId,
    role: 'certified-social-worker',
    ...slot,
  });
  expect(assigned.status).toBe(201);
  const moved = await call(
    svc,
    'PUT',
    `/workers/${workerId}`,
    talentAdmin(),
    workerBody(orgB, { certificate: undefined }),
  );
  expect(moved.status).toBe(200);
}

beforeAll(async () => {
  svc = await startTalentUnderTest();
  kafka = testKafka(newId('assessments-test'));
}, 60_000);
afterAll(() => svc?.close());

describe('the independent assessor of a milestone verification', () => {
  const orgA = newId('org-a');
  const orgB = newId('org-b');
  // Ids sorted so that fairness alone (never bound, then worker id) would pick the organization's own.
  const own = newId('a1-own');
  const tied = newId('a2-tied');
  const independent = newId('b-independent');

  it('binds a certified worker with no tie, whose vote reaches talent’s topic for the seat; nobody else votes', async () => {
    await registerWorker(svc, orgA, { workerId: own });
    await tiedWorker(tied, orgA, orgB);
    await registerWorker(svc, orgB, { workerId: independent });
    const v = verification(orgA);
    await open(v);
    await open(v, `${v.decisionId}/redelivered`); // another opening event for the same decision binds nothing new

    const bindings = await call<Record<string, unknown>[]>(
      svc,
      'GET',
      `/assessments?workerId=${independent}`,
      workerToken(independent),
    );
    expect(bindings.status).toBe(200);
    expect(bindings.body).toEqual([
      expect.objectContaining({
        decisionId: v.decisionId,
        organizationId: orgA,
        workerId: independent,
        status: 'bound',
        round: 1,
      }),
    ]);
    for (const workerId of [own, tied]) {
      expect((await call(svc, 'GET', `/assessments?workerId=${workerId}`, talentAdmin())).body).toEqual([]);
    }

    const other = await call(svc, 'POST', `/assessments/${v.decisionId}/vote`, workerToken(own), {
      choice: 'approve',
      round: 1,
    });
    expect(other.status).toBe(403);
    expect(other.body.message).toContain(`only its bound assessor ${independent} may`);

    const from = await topicEnds(kafka, TALENT);
    const vote = await call(svc, 'POST', `/assessments/${v.decisionId}/vote`, workerToken(independent), {
      choice: 'approve',
      round: 1,
    });
    expect(vote.status).toBe(201);
    const again = await call(svc, 'POST', `/assessments/${v.decisionId}/vote`, workerToken(independent), {
      choice: 'approve',
      round: 1,
    });
    expect(again.status).toBe(200); // the same vote: answered, not sent twice
    const changed = await call(svc, 'POST', `/assessments/${v.decisionId}/vote`, workerToken(independent), {
      choice: 'abstain',
      round: 1,
    });
    expect(changed).toEqual({ status: 409, body: expect.objectContaining({ code: 'already-voted' }) });

    const votes = (await onTalentTopic(from)).filter(
      (event) => event.type === VOTE_CAST && event.subject === v.decisionId,
    );
    expect(votes).toEqual([
      expect.objectContaining({
        id: `${VOTE_CAST}:${v.decisionId}:${SEAT}:1`,
        source: 'sanshe/talent',
        data: { decisionId: v.decisionId, partyId: SEAT, castBy: SEAT, choice: 'approve', round: 1 },
      }),
    ]);
    const [sent] = await svc.query<{ worker_id: string; cast_by_sub: string }>(
      `SELECT worker_id, cast_by_sub FROM ${svc.schema}.assessor_action WHERE decision_id = $1`,
      [v.decisionId],
    );
    expect(sent).toEqual({ worker_id: independent, cast_by_sub: `person-${independent}` });

    // governance refused it (past the seat's deadline, say): the worker's list shows why
    const rejected = await svc.publish(GOVERNANCE, 'sanshe/governance', {
      type: 'sanshe.governance.decision.vote-rejected.v1',
      subject: v.decisionId,
      data: {
        decisionId: v.decisionId,
        partyId: SEAT,
        castBy: SEAT,
        code: 'past-deadline',
        reason: 'the round closed before the vote arrived',
        rejectedEventId: `${VOTE_CAST}:${v.decisionId}:${SEAT}:1`,
        rejectedEventSource: 'sanshe/talent',
        rejectedEventType: VOTE_CAST,
      },
    });
    await consumed(rejected.id);
    const shown = await call<{ actions: unknown[] }[]>(
      svc,
      'GET',
      `/assessments?workerId=${independent}`,
      talentAdmin(),
    );
    expect(shown.body[0].actions).toEqual([
      expect.objectContaining({
        actionKey: 'vote:1',
        eventId: `${VOTE_CAST}:${v.decisionId}:${SEAT}:1`,
        status: 'rejected',
        rejection: { code: 'past-deadline', reason: 'the round closed before the vote arrived' },
      }),
    ]);
  });

  it('votes only in the open round of an open decision; objects and proposes a clawback with the subject’s tranche', async () => {
    const v = verification(orgA);
    await open(v);
    const [{ worker_id: bound }] = await svc.query<{ worker_id: string }>(
      `SELECT worker_id FROM ${svc.schema}.assessor_binding WHERE decision_id = $1`,
      [v.decisionId],
    );
    expect(bound).toBe(independent);
    const assessor = workerToken(independent);
    const stale = await call(svc, 'POST', `/assessments/${v.decisionId}/vote`, assessor, {
      choice: 'approve',
      round: 2,
    });
    expect(stale).toEqual({ status: 409, body: expect.objectContaining({ code: 'wrong-round' }) });
    const decided = await svc.publish(GOVERNANCE, 'sanshe/governance', {
      type: 'sanshe.governance.decision.decided.v1',
      subject: v.decisionId,
      id: `${v.decisionId}/outcome`,
      data: {
        ...decisionDecided.example,
        ...{
          decisionId: v.decisionId,
          kind: 'milestone-verification',
          subjectId: v.subjectId,
          communityCode: COMMUNITY,
        },
      },
    });
    await consumed(decided.id);
    const late = await call(svc, 'POST', `/assessments/${v.decisionId}/vote`, assessor, {
      choice: 'approve',
      round: 1,
    });
    expect(late).toEqual({ status: 409, body: expect.objectContaining({ code: 'decision-closed' }) });

    // the tranche's public notice follows the approval: the assessor objects, then (paid) proposes a clawback
    const reason = { code: 'evidence-false', text: '签到表与现场照片不符，服务人次存疑' };
    const refused = await call(svc, 'POST', `/assessments/${v.decisionId}/objection`, workerToken(tied), { reason });
    expect(refused.status).toBe(403);
    const objected = await call(svc, 'POST', `/assessments/${v.decisionId}/objection`, assessor, { reason });
    expect(objected.status).toBe(201);
    const amount = { amountFen: 720_000, currency: 'CNY' };
    const short = await call(svc, 'POST', `/assessments/${v.decisionId}/clawback-proposal`, assessor, {
      reason: { code: 'evidence-false', text: 'too short' },
      amount,
    });
    expect(short.status).toBe(400);
    const proposed = await call(svc, 'POST', `/assessments/${v.decisionId}/clawback-proposal`, assessor, {
      reason,
      amount,
    });
    expect(proposed.status).toBe(201);
    const seat = { partyId: SEAT, castBy: SEAT, reason };
    expect((await svc.outboxOf(v.grantId)).map((event) => [event.id, event.data])).toEqual([
      [
        requestEventId('sanshe.talent.disbursement.objection-raised.v1', v.decisionId),
        { grantId: v.grantId, trancheNo: 2, ...seat },
      ],
      [
        requestEventId('sanshe.talent.disbursement.clawback-proposed.v1', v.decisionId),
        { grantId: v.grantId, trancheNo: 2, amount, ...seat },
      ],
    ]);
    const refusedProposal = await svc.publish(GOVERNANCE, 'sanshe/governance', {
      type: 'sanshe.governance.disbursement.request-refused.v1',
      subject: v.grantId,
      data: {
        grantId: v.grantId,
        requestEventId: requestEventId('sanshe.talent.disbursement.clawback-proposed.v1', v.decisionId),
        requestType: 'sanshe.talent.disbursement.clawback-proposed.v1',
        partyId: SEAT,
        code: 'wrong-stage',
        reason: 'tranche 2 is not paid yet',
      },
    });
    await consumed(refusedProposal.id);
    const listed = await call<{ decisionId: string; actions: unknown[] }[]>(
      svc,
      'GET',
      `/assessments?workerId=${independent}`,
      assessor,
    );
    expect(listed.body.find((binding) => binding.decisionId === v.decisionId)?.actions).toEqual([
      expect.objectContaining({ actionKey: 'objection', status: 'sent', rejection: null }),
      expect.objectContaining({
        actionKey: 'clawback-proposal',
        status: 'rejected',
        rejection: { code: 'wrong-stage', reason: 'tranche 2 is not paid yet' },
      }),
    ]);
    const unknown = await call(
      svc,
      'POST',
      `/assessments/decision/milestone-verification/${newId('g')}.t1/vote`,
      assessor,
      {
        choice: 'approve',
        round: 1,
      },
    );
    expect(unknown.status).toBe(404);
  });

  it('with nobody eligible abstains for the seat once, with the reason', async () => {
    const left = await call(
      svc,
      'PUT',
      `/workers/${independent}`,
      talentAdmin(),
      workerBody(orgB, { certificate: undefined, status: 'left' }),
    );
    expect(left.status).toBe(200);
    const v = verification(orgA);
    const from = await topicEnds(kafka, TALENT);
    await open(v);
    await open(v, `${v.decisionId}/redelivered`);

    const votes = (await onTalentTopic(from)).filter(
      (event) => event.type === VOTE_CAST && event.subject === v.decisionId,
    );
    expect(votes.map((event) => event.data)).toEqual([
      {
        decisionId: v.decisionId,
        partyId: SEAT,
        castBy: SEAT,
        choice: 'abstain',
        round: 1,
        reason: {
          code: 'no-independent-assessor',
          text: expect.stringMatching(
            new RegExp(
              `^no certified social worker without a tie to organization:${orgA} since .*: 2 active certified social workers considered \\(1 its own workers, 1 assigned to its activities\\)$`,
            ),
          ),
        },
      },
    ]);
    const vote = await call(svc, 'POST', `/assessments/${v.decisionId}/vote`, workerToken(own), {
      choice: 'approve',
      round: 1,
    });
    expect(vote).toEqual({ status: 409, body: expect.objectContaining({ code: 'assessor-unbound' }) });
  });
});
