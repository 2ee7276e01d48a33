import type { EntityManager } from 'typeorm';
import { createEvent, type EventType, type NewEvent, type SansheEvent } from '@sanshe/contracts';
import { PublicRecordRepository } from '../domain/public-record.repository';
import { RecordCommunityFactsHandler } from './record-community-facts';
import { RecordDecisionFactsHandler } from './record-decision-facts';

/** Every write the handlers ask of the record, in order, by method name. */
function fakeRecord() {
  const writes: [string, unknown][] = [];
  const record = new Proxy({} as PublicRecordRepository, {
    get: (_target, method: string) => (_manager: EntityManager, fact: unknown) => {
      writes.push([method, fact]);
      return Promise.resolve();
    },
  });
  return { record, writes };
}

const manager = {} as EntityManager;
const event = <T extends EventType>(init: NewEvent<T>): SansheEvent<T> => createEvent(init);
const D = 'decision/activity-proposal/prop-1';

describe('RecordDecisionFactsHandler', () => {
  it('seats the pending parties of an opening with its time, and orders the decision by its audit position', async () => {
    const { record, writes } = fakeRecord();
    const opened = event({
      type: 'sanshe.governance.decision.opened.v1',
      source: 'sanshe/governance',
      subject: D,
      id: `${D}/1`,
      time: new Date('2026-11-28T09:00:00Z'),
      data: {
        ...{ decisionId: D, kind: 'activity-proposal', subjectId: 'prop-1', communityCode: '310104-005-001' },
        ...{ title: 't', proposerId: 'organization:o', policyId: 'p', policyVersion: 1, round: 1 },
        pending: [{ partyId: 'community:310104-005-001', deadline: '2026-11-29T09:00:00.000Z' }],
      },
    });
    await new RecordDecisionFactsHandler(record).opened(manager, opened);
    expect(writes).toEqual([
      [
        'recordDecision',
        expect.objectContaining({ decisionId: D, stage: 'voting', seq: 1, openedAt: new Date('2026-11-28T09:00:00Z') }),
      ],
      [
        'recordSeats',
        [
          {
            decisionId: D,
            round: 1,
            partyId: 'community:310104-005-001',
            deadline: new Date('2026-11-29T09:00:00Z'),
            openedAt: new Date('2026-11-28T09:00:00Z'),
          },
        ],
      ],
    ]);
  });

  it("keeps a vote by its CloudEvents identity (round null when it names none), and a refusal naming no source matches any ('')", async () => {
    const { record, writes } = fakeRecord();
    const handler = new RecordDecisionFactsHandler(record);
    const vote = event({
      type: 'sanshe.talent.decision.vote-cast.v1',
      source: 'sanshe/talent',
      subject: D,
      id: 'v-1',
      data: { decisionId: D, partyId: 'talent:sw-1', castBy: 'talent:sw-1', choice: 'approve' },
    });
    await handler.voteCast(manager, vote);
    await handler.voteRejected(
      manager,
      event({
        type: 'sanshe.governance.decision.vote-rejected.v1',
        source: 'sanshe/governance',
        subject: D,
        data: { decisionId: D, code: 'stale-round', reason: 'r', rejectedEventId: 'v-1', rejectedEventType: vote.type },
      }),
    );
    expect(writes).toEqual([
      [
        'recordVote',
        {
          source: 'sanshe/talent',
          eventId: 'v-1',
          decisionId: D,
          partyId: 'talent:sw-1',
          choice: 'approve',
          round: null,
          reason: null,
          castAt: new Date(vote.time),
        },
      ],
      ['recordRefusal', { source: '', eventId: 'v-1', decisionId: D, code: 'stale-round' }],
    ]);
  });
});

describe('RecordCommunityFactsHandler', () => {
  it('records an activation as the grant active with each tranche of its plan', async () => {
    const { record, writes } = fakeRecord();
    const CNY = (amountFen: number) => ({ amountFen, currency: 'CNY' });
    await new RecordCommunityFactsHandler(record).grantActivated(
      manager,
      event({
        type: 'sanshe.funding.grant.activated.v1',
        source: 'sanshe/funding',
        subject: 'g-1',
        data: {
          ...{ grantId: 'g-1', programId: 'p', organizationId: 'o', communityCode: '310104-005-001' },
          ...{ decisionId: 'decision/grant-award/g-1', amount: CNY(300), funderId: 'funder:f' },
          tranches: [
            { trancheNo: 1, amount: CNY(100), milestone: 'a', dueDate: '2027-01-31' },
            { trancheNo: 2, amount: CNY(200), milestone: 'b', dueDate: '2027-04-30' },
          ],
        },
      }),
    );
    expect(
      writes.map(([method, fact]) => [
        method,
        (fact as { status?: string; trancheNo?: number }).status ?? (fact as { trancheNo: number }).trancheNo,
      ]),
    ).toEqual([
      ['recordGrant', 'active'],
      ['recordTranche', 1],
      ['recordTranche', 2],
    ]);
    expect(writes[0][1]).toMatchObject({ funderId: 'funder:f', amount: CNY(300), title: null });
  });

  it('keeps only the dimensions an evaluation scored, and never who gave it beyond the evaluator kind', async () => {
    const { record, writes } = fakeRecord();
    await new RecordCommunityFactsHandler(record).evaluationRecorded(
      manager,
      event({
        type: 'sanshe.community.evaluation.recorded.v1',
        source: 'sanshe/community',
        subject: 'e-1',
        data: {
          ...{ evaluationId: 'e-1', activityId: 'a-1', organizationId: 'o', communityCode: '310104-005-001' },
          ...{ evaluator: 'resident', scores: { satisfaction: 4 }, recordedAt: '2026-11-28T09:00:00.000Z' },
        },
      }),
    );
    expect(writes).toStrictEqual([
      [
        'recordEvaluation',
        {
          ...{ evaluationId: 'e-1', activityId: 'a-1', organizationId: 'o', communityCode: '310104-005-001' },
          ...{ evaluator: 'resident', scores: { satisfaction: 4 }, recordedAt: new Date('2026-11-28T09:00:00Z') },
        },
      ],
    ]);
  });
});
