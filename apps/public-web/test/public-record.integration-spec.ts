import { DataSource } from 'typeorm';
import { migrate, quoteIdentifier, serviceDataSourceOptions } from '@sanshe/persistence';
import { parseTestEnv, uniqueName } from '@sanshe/testing';
import { migrations } from '../migrations';
import type { DecisionFact } from '../src/transparency/domain/public-record.repository';
import { PostgresPublicRecordRepository } from '../src/transparency/infrastructure/postgres-public-record.repository';

// The public record on the real PostgreSQL: facts from different topics arrive in any order and more than once,
// and the record ends the same.
const url = parseTestEnv(process.env).DATABASE_URL;
const schema = uniqueName('public_web_record').replace(/-/g, '_');
let dataSource: DataSource;
let record: PostgresPublicRecordRepository;

beforeAll(async () => {
  await migrate({ url, schema, migrations });
  dataSource = new DataSource(serviceDataSourceOptions({ url, schema, poolSize: 2 }));
  await dataSource.initialize();
  record = new PostgresPublicRecordRepository(dataSource);
}, 30_000);

afterAll(async () => {
  await dataSource?.query(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`);
  await dataSource?.destroy();
});

const code = '310104-005-001';
const at = (minute: number) => new Date(Date.UTC(2026, 10, 28, 9, minute));
const fact = (decisionId: string, more: Partial<DecisionFact>): DecisionFact => ({
  ...{ decisionId, kind: 'activity-proposal', subjectId: decisionId.split('/')[2], communityCode: null, title: null },
  ...{ proposerId: null, stage: 'voting', result: null, decidedBy: null, level: null, arbiterId: null },
  ...{ outcomeReason: null, tally: null, openedAt: null, decidedAt: null, seq: 0 },
  ...more,
});
const apply = (write: (m: DataSource['manager']) => Promise<void>) => dataSource.transaction(write);
const decisionOf = async (decisionId: string) =>
  (await record.recordOf(code))?.decisions.find((d) => d.decisionId === decisionId);

it('keeps a decided decision decided when its opening or an escalation arrives after the outcome, the opening still filling its title', async () => {
  const id = 'decision/activity-proposal/prop-late-opening';
  const decided = fact(id, { communityCode: code, stage: 'decided', result: 'approved', decidedBy: 'votes', seq: 7 });
  await apply((m) => record.recordDecision(m, { ...decided, decidedAt: at(30) }));
  await apply((m) =>
    record.recordDecision(m, fact(id, { stage: 'escalated', level: 1, arbiterId: 'portal:p', seq: 5 })),
  );
  await apply((m) =>
    record.recordDecision(m, fact(id, { communityCode: code, title: '晚到的开启', seq: 1, openedAt: at(1) })),
  );
  expect(await decisionOf(id)).toMatchObject({
    stage: 'decided',
    result: 'approved',
    title: '晚到的开启',
    openedAt: at(1),
    decidedAt: at(30),
  });
});

it('counts a vote refused before it arrived as refused, and a vote or seat delivered twice once', async () => {
  const id = 'decision/activity-proposal/prop-refused-first';
  await apply((m) => record.recordDecision(m, fact(id, { communityCode: code, title: 't', seq: 1, openedAt: at(0) })));
  await apply((m) =>
    record.recordRefusal(m, { source: 'sanshe/organization', eventId: 'v-1', decisionId: id, code: 'wrong-identity' }),
  );
  const vote = {
    source: 'sanshe/organization',
    eventId: 'v-1',
    decisionId: id,
    partyId: 'funder:f',
    choice: 'approve' as const,
  };
  const seat = { decisionId: id, round: 1, partyId: 'funder:f', deadline: at(20), openedAt: at(0) };
  for (let i = 0; i < 2; i++) {
    await apply((m) => record.recordVote(m, { ...vote, round: 1, reason: null, castAt: at(5) }));
    await apply((m) => record.recordSeats(m, [seat]));
  }
  const found = await decisionOf(id);
  expect(found?.seats).toHaveLength(1);
  expect(found?.votes).toEqual([expect.objectContaining({ partyId: 'funder:f', refusedCode: 'wrong-identity' })]);
});

it('keeps a closed need closed when a late match arrives, and a tranche paid once however often its payment comes', async () => {
  const need = {
    ...{ needId: 'need-late', communityCode: code, category: 'elderly-care', title: '助餐', targetGroup: '老人' },
    ...{
      expectedSize: 10,
      priority: 'high',
      period: { from: '2026-12-01', to: '2027-05-31' },
      status: 'open' as const,
    },
    ...{ closeReason: null, decisionId: null, publishedAt: at(0) },
  };
  await apply((m) => record.recordNeed(m, need));
  await apply((m) =>
    record.updateNeed(m, { needId: 'need-late', status: 'closed', closeReason: 'withdrawn', decisionId: null }),
  );
  await apply((m) =>
    record.updateNeed(m, { needId: 'need-late', status: 'matched', closeReason: null, decisionId: 'd' }),
  );
  const grant = {
    grantId: 'grant-paid-twice',
    communityCode: code,
    programId: 'p',
    organizationId: 'o',
    funderId: 'funder:f',
  };
  await apply((m) =>
    record.recordGrant(m, { ...grant, title: 'g', amount: { amountFen: 300, currency: 'CNY' }, status: 'active' }),
  );
  await apply((m) => record.recordGrant(m, { ...grant, title: null, amount: null, status: 'awarded' })); // never back
  const plan = { grantId: grant.grantId, trancheNo: 1, milestone: '启动', dueDate: '2027-01-31', paid: null };
  await apply((m) => record.recordTranche(m, { ...plan, amount: { amountFen: 300, currency: 'CNY' } }));
  for (const minute of [10, 20]) {
    const paid = { amount: { amountFen: 300, currency: 'CNY' }, paidAt: at(minute) };
    await apply((m) => record.recordTranche(m, { ...plan, milestone: null, dueDate: null, amount: null, paid }));
  }
  const page = await record.recordOf(code);
  expect(page?.needs.find((n) => n.needId === 'need-late')).toMatchObject({
    status: 'closed',
    closeReason: 'withdrawn',
    decisionId: 'd',
  });
  expect(page?.grants.find((g) => g.grantId === grant.grantId)).toMatchObject({
    status: 'active',
    title: 'g',
    tranches: [
      {
        trancheNo: 1,
        milestone: '启动',
        dueDate: '2027-01-31',
        paid: { amount: { amountFen: 300, currency: 'CNY' }, paidAt: at(10) },
      },
    ],
  });
});

// After the tests above, which named community `code` by a decision, a need and a grant, never registering it.
it('lists the communities any fact names, registered or not, and knows nothing of an unnamed one', async () => {
  await apply((m) =>
    record.recordCommunity(m, { communityCode: '310104-005-002', streetCode: '310104-005', name: '二居', revision: 2 }),
  );
  await apply((m) =>
    record.recordCommunity(m, { communityCode: '310104-005-002', streetCode: '310104-005', name: '旧名', revision: 1 }),
  );
  const communities = await record.communities();
  expect(communities.map((c) => [c.communityCode, c.name])).toEqual([
    [code, null],
    ['310104-005-002', '二居'],
  ]);
  expect(await record.recordOf('310104-005-099')).toBeNull();
});
