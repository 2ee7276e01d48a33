import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource, type EntityManager } from 'typeorm';
import {
  createEvent,
  type DecisionCallInType,
  type EventType,
  type SansheEvent,
  validateEvent,
} from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { migrate, serviceDataSourceOptions } from '@sanshe/persistence';
import { eventually, parseTestEnv, uniqueName, testWorkflowCode } from '@sanshe/testing';
import { decisionWorkflowId, stateQuery, WORKFLOWS_PATH } from '@sanshe/workflows';
import { migrations } from '../migrations';
import { ParkWithdrawals1795737600012 } from '../migrations/1795737600012-park-withdrawals';
import { PostgresAdministrativeAreas } from '../src/administrative-areas/infrastructure/postgres-administrative-areas';
import { ApplyDecisionUpdateHandler } from '../src/decisions/application/apply-decision-update';
import { ApplyParkedUpdatesHandler } from '../src/decisions/application/apply-parked-updates';
import { OpenDecisionHandler } from '../src/decisions/application/open-decision';
import { RejectDecisionEventHandler } from '../src/decisions/application/reject-decision-event';
import { PostgresParkedUpdateRepository } from '../src/decisions/infrastructure/postgres-parked-update.repository';
import { PostgresPendingDecisionRepository } from '../src/decisions/infrastructure/postgres-pending-decision.repository';
import { TemporalClientHolder } from '../src/decisions/infrastructure/temporal-client-holder';
import { CallFilingInHandler } from '../src/filings/application/call-filing-in';
import { CloseFilingHandler } from '../src/filings/application/close-filing';
import { NoticeFilingHandler } from '../src/filings/application/notice-filing';
import { RequestCallInHandler } from '../src/filings/application/request-call-in';
import { PostgresFilingRepository } from '../src/filings/infrastructure/postgres-filing.repository';
import type { ControllerMap } from '../src/parties/domain/controller-map';
import { controllerOf, DEFAULT_CONTROLLER_RULES } from '../src/parties/domain/party-controller';
import { PostgresPolicyRepository } from '../src/policies/infrastructure/postgres-policy.repository';
import { serviceConfig } from './policies-test-app';

/**
 * Filings on the real PostgreSQL (governance's migrations and seeded district defaults, in a schema of this
 * run's own) and the real Temporal dev server, with one worker of the real decision workflow on a task queue
 * of this run's own; the use cases as the bridge calls them, each in its own inbox-like transaction.
 */
const servers = parseTestEnv(process.env);
const schema = uniqueName('governance_filings').replace(/-/g, '_');
const taskQueue = uniqueName('filings-it');
const WINDOW_MS = 2_000;
const C = '310104-005-001';
const seats = {
  community: `community:${C}`,
  residents: `residents:${C}`,
  talent: 'talent:district-social-workers',
  funder: 'funder:district-civil-affairs-fund',
  federation: 'organization:district-federation',
};
const CHANNEL: Record<string, [DecisionCallInType, string]> = {
  community: ['sanshe.community.filing.call-in-requested.v1', 'sanshe/community'],
  organization: ['sanshe.organization.filing.call-in-requested.v1', 'sanshe/organization'],
  talent: ['sanshe.talent.filing.call-in-requested.v1', 'sanshe/talent'],
  funder: ['sanshe.funding.filing.call-in-requested.v1', 'sanshe/funding'],
};
let dataSource: DataSource;
let client: Client;
let worker: Worker;
let running: Promise<void>;
let holder: TemporalClientHolder;
let notice: NoticeFilingHandler;
let requestCallIn: RequestCallInHandler;
let close: CloseFilingHandler;
const started: string[] = [];

const inTransaction = <R>(work: (manager: EntityManager) => Promise<R>) => dataSource.transaction(work);
const published = async <T extends EventType>(type: T, subject: string) =>
  (
    await dataSource.query<{ payload: string }[]>(
      `SELECT payload FROM "${schema}".outbox WHERE event_type = $1 ORDER BY position`,
      [type],
    )
  )
    .map((row) => JSON.parse(row.payload) as SansheEvent<T>)
    .filter((event) => event.subject === subject);
const callInsOf = (proposalId: string) =>
  dataSource.query<{ party_id: string; status: string; refusal_code: string | null }[]>(
    `SELECT party_id, status, refusal_code FROM "${schema}".filing_call_in WHERE proposal_id = $1 ORDER BY seq`,
    [proposalId],
  );
const statusOf = async (decisionId: string) => {
  try {
    return (await client.workflow.getHandle(decisionId).describe()).status.name;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
};

const filed = (proposalId: string, extra: Record<string, unknown> = {}) =>
  createEvent({
    type: 'sanshe.organization.proposal.filed.v1',
    source: 'sanshe/organization',
    id: uniqueName('filed'),
    subject: proposalId,
    data: {
      proposalId,
      organizationId: 'org-x',
      communityCode: C,
      title: '周末亲子阅读角',
      summary: 'Saturday reading corner.',
      filingRuleVersion: 1,
      filedAt: new Date().toISOString(),
      ...extra,
    },
  });
const callIn = (proposalId: string, partyId: string, castBy = partyId) => {
  const kind = partyId.slice(0, partyId.indexOf(':'));
  const [type, source] = CHANNEL[kind === 'residents' ? 'community' : kind]!;
  const decisionId = decisionWorkflowId('activity-proposal', proposalId);
  const reason = { code: 'needs-review', text: '请按正常程序审议。' };
  return createEvent({
    type,
    source,
    id: uniqueName('call-in'),
    subject: decisionId,
    data: { proposalId, decisionId, partyId, castBy, reason },
  });
};
const withdrawal = (proposalId: string) =>
  createEvent({
    type: 'sanshe.organization.proposal.withdrawn.v1',
    source: 'sanshe/organization',
    id: uniqueName('withdrawn'),
    subject: proposalId,
    data: {
      proposalId,
      organizationId: 'org-x',
      communityCode: C,
      withdrawnFrom: 'filing',
      reason: { code: 'venue-lost', text: '活动取消。' },
    },
  });
const noticeOf = (event: SansheEvent<'sanshe.organization.proposal.filed.v1'>, brokerTime = Date.now()) =>
  inTransaction((manager) => notice.execute(manager, { event, brokerTime }));
const request = (event: SansheEvent<DecisionCallInType>, brokerTime = Date.now()) =>
  inTransaction((manager) => requestCallIn.execute(manager, { event, brokerTime }));
const refusalOf = async (event: SansheEvent<DecisionCallInType>) =>
  (await published('sanshe.governance.decision.vote-rejected.v1', event.data.decisionId)).filter(
    (refusal) => refusal.data.rejectedEventId === event.id,
  );
const newProposal = () => {
  const proposalId = uniqueName('filed-prop');
  const decisionId = decisionWorkflowId('activity-proposal', proposalId);
  started.push(decisionId);
  return { proposalId, decisionId };
};

beforeAll(async () => {
  await migrate({ url: servers.DATABASE_URL, schema, migrations });
  dataSource = new DataSource(serviceDataSourceOptions({ url: servers.DATABASE_URL, schema, poolSize: 4 }));
  await dataSource.initialize();
  client = new Client({
    connection: await Connection.connect({ address: servers.TEMPORAL_ADDRESS }),
    namespace: servers.TEMPORAL_NAMESPACE,
  });
  worker = await Worker.create({
    connection: await NativeConnection.connect({ address: servers.TEMPORAL_ADDRESS }),
    namespace: servers.TEMPORAL_NAMESPACE,
    taskQueue,
    ...testWorkflowCode(WORKFLOWS_PATH),
    activities: { publishDecisionEvent: async () => undefined },
  });
  running = worker.run();

  const config = {
    GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS: 10_000,
    GOVERNANCE_VOTE_GRACE_MS: 0,
    GOVERNANCE_FILING_CALL_IN_HOURS: WINDOW_MS / 3_600_000,
  };
  holder = new TemporalClientHolder(serviceConfig, config);
  const outbox = new OutboxWriter({ schema, source: 'sanshe/governance' });
  const reject = new RejectDecisionEventHandler(outbox);
  const parked = new PostgresParkedUpdateRepository(dataSource);
  const pending = new PostgresPendingDecisionRepository(dataSource);
  const applyUpdate = new ApplyDecisionUpdateHandler(holder, reject, pending, parked);
  const applyParked = new ApplyParkedUpdatesHandler(parked, applyUpdate);
  const policies = new PostgresPolicyRepository(dataSource);
  const areas = new PostgresAdministrativeAreas(dataSource);
  const controllers = {
    resolver: async () => (partyId: string) => controllerOf(DEFAULT_CONTROLLER_RULES, partyId),
  } as unknown as ControllerMap;
  const openDecision = new OpenDecisionHandler(policies, holder, controllers, taskQueue, config, areas);
  const filings = new PostgresFilingRepository(dataSource);
  const callFilingIn = new CallFilingInHandler(filings, outbox, openDecision, applyParked, reject);
  requestCallIn = new RequestCallInHandler(filings, controllers, reject, callFilingIn);
  notice = new NoticeFilingHandler(filings, policies, areas, controllers, outbox, callFilingIn, requestCallIn, config);
  close = new CloseFilingHandler(filings, applyUpdate, outbox);
}, 120_000);

afterAll(async () => {
  await Promise.all(
    started.map((id) =>
      client?.workflow
        .getHandle(id)
        .terminate('filings test over')
        .catch(() => undefined),
    ),
  );
  worker?.shutdown();
  await running;
  await holder?.onApplicationShutdown();
  await client?.connection.close();
  await dataSource?.query(`DROP SCHEMA "${schema}" CASCADE`);
  await dataSource?.destroy();
});

describe('a filed activity', () => {
  it('is noticed once, to the five seats of the district defaults, until brokerTime + the window', async () => {
    const { proposalId, decisionId } = newProposal();
    const event = filed(proposalId);
    const at = Date.now();
    await noticeOf(event, at);
    await noticeOf(event, at + 500); // redelivered
    const noticed = await published('sanshe.governance.filing.noticed.v1', decisionId);
    expect(noticed).toHaveLength(1);
    expect(noticed[0]!.id).toBe(`sanshe.governance.filing.noticed.v1:${proposalId}`);
    expect(noticed[0]!.data).toMatchObject({
      proposalId,
      decisionId,
      proposerId: 'organization:org-x',
      callInUntil: new Date(at + WINDOW_MS).toISOString(),
      callInControllers: 2,
      filingRuleVersion: 1,
    });
    expect([...noticed[0]!.data.eligiblePartyIds].sort()).toEqual(Object.values(seats).sort());
    expect(await statusOf(decisionId)).toBeNull();
  });

  it('is not called in by one controller (community, then its residents too), and is by a second (talent)', async () => {
    const { proposalId, decisionId } = newProposal();
    await noticeOf(filed(proposalId));
    await request(callIn(proposalId, seats.community));
    expect(await statusOf(decisionId)).toBeNull();
    await request(callIn(proposalId, seats.residents));
    expect(await statusOf(decisionId)).toBeNull();
    expect(await published('sanshe.governance.filing.called-in.v1', decisionId)).toEqual([]);

    const deciding = callIn(proposalId, seats.talent);
    await request(deciding);
    expect(await statusOf(decisionId)).toBe('RUNNING');
    await request(callIn(proposalId, seats.funder)); // a fourth: recorded, nothing opens again
    const calledIn = await published('sanshe.governance.filing.called-in.v1', decisionId);
    expect(calledIn).toHaveLength(1);
    expect(calledIn[0]!.data).toMatchObject({ cause: 'parties' });
    expect(calledIn[0]!.data.calledInBy.map((c) => c.partyId)).toEqual([
      seats.community,
      seats.residents,
      seats.talent,
    ]);
    // Opened from the stored filing, its proposer recused, under the community's activity-proposal policy.
    const view = await client.workflow.getHandle(decisionId).query(stateQuery);
    expect(view).toMatchObject({ title: '周末亲子阅读角', proposerId: 'organization:org-x', stage: 'voting' });
    expect((await callInsOf(proposalId)).map((c) => c.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
    ]);
  }, 60_000);

  it('is called in once when two controllers call in at the same time (the filing lock serializes them)', async () => {
    const { proposalId, decisionId } = newProposal();
    await noticeOf(filed(proposalId));
    // Unserialized, each would count only itself (one controller) and neither would call it in.
    await Promise.all([request(callIn(proposalId, seats.community)), request(callIn(proposalId, seats.federation))]);
    expect(await statusOf(decisionId)).toBe('RUNNING');
    expect(await published('sanshe.governance.filing.called-in.v1', decisionId)).toHaveLength(1);
  }, 60_000);

  it('refuses a call-in cast after the window (call-in-closed) and the proposer (conflict-of-interest)', async () => {
    const { proposalId, decisionId } = newProposal();
    const at = Date.now();
    await noticeOf(filed(proposalId), at);
    const late = callIn(proposalId, seats.talent);
    await request(late, at + WINDOW_MS + 1);
    const own = callIn(proposalId, 'organization:org-x');
    await request(own);
    expect((await refusalOf(late)).map((r) => r.data.code)).toEqual(['call-in-closed']);
    expect((await refusalOf(own)).map((r) => r.data.code)).toEqual(['conflict-of-interest']);
    expect((await refusalOf(late))[0]!.data).toMatchObject({ decisionId, partyId: seats.talent });
    expect(await callInsOf(proposalId)).toEqual([
      { party_id: seats.talent, status: 'refused', refusal_code: 'call-in-closed' },
      { party_id: 'organization:org-x', status: 'refused', refusal_code: 'conflict-of-interest' },
    ]);
  });

  it('counts call-ins that came before it when it arrives', async () => {
    const { proposalId, decisionId } = newProposal();
    await request(callIn(proposalId, seats.federation));
    await request(callIn(proposalId, seats.community));
    expect((await callInsOf(proposalId)).map((c) => c.status)).toEqual(['waiting', 'waiting']);
    expect(await statusOf(decisionId)).toBeNull();
    await noticeOf(filed(proposalId));
    expect((await callInsOf(proposalId)).map((c) => c.status)).toEqual(['accepted', 'accepted']);
    expect(await statusOf(decisionId)).toBe('RUNNING');
    expect(await published('sanshe.governance.filing.called-in.v1', decisionId)).toHaveLength(1);
  }, 60_000);

  it('once withdrawn, refuses a later call-in as filing-closed', async () => {
    const { proposalId, decisionId } = newProposal();
    await noticeOf(filed(proposalId));
    await inTransaction((manager) => close.execute(manager, { event: withdrawal(proposalId) }));
    const after = callIn(proposalId, seats.talent);
    await request(after);
    expect((await refusalOf(after)).map((r) => r.data.code)).toEqual(['filing-closed']);
    expect(await statusOf(decisionId)).toBeNull();
  });

  it('once withdrawn, says so in exactly one filing.withdrawn, with the reason; withdrawn again, in none', async () => {
    const { proposalId, decisionId } = newProposal();
    await noticeOf(filed(proposalId));
    const first = withdrawal(proposalId);
    await inTransaction((manager) => close.execute(manager, { event: first }));
    await inTransaction((manager) => close.execute(manager, { event: withdrawal(proposalId) }));
    const withdrawn = await published('sanshe.governance.filing.withdrawn.v1', decisionId);
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]).toMatchObject({
      id: `sanshe.governance.filing.withdrawn.v1:${proposalId}`,
      source: 'sanshe/governance',
      correlationid: first.id,
      data: {
        proposalId,
        decisionId,
        communityCode: C,
        organizationId: 'org-x',
        reason: first.data.reason,
        withdrawnAt: first.time,
      },
    });
    expect(validateEvent(withdrawn[0])).toBeDefined();
  });

  it("withdrawn after it was called in, ends its decision as the proposer's withdrawal", async () => {
    const { proposalId, decisionId } = newProposal();
    await noticeOf(filed(proposalId, { venueId: 'venue-hall-2' })); // called in at once: the decision is open
    await inTransaction((manager) => close.execute(manager, { event: withdrawal(proposalId) }));
    const outcome = await eventually(
      async () => {
        const view = await client.workflow.getHandle(decisionId).query(stateQuery);
        expect(view.outcome).not.toBeNull();
        return view.outcome;
      },
      { timeoutMs: 20_000 },
    );
    expect(outcome).toMatchObject({ result: 'withdrawn', decidedBy: 'proposer' });
    expect(await published('sanshe.governance.filing.withdrawn.v1', decisionId)).toEqual([]);
  }, 60_000);

  it('with a venue is called in at once (not-low-risk), naming the violation, and its decision opens', async () => {
    const { proposalId, decisionId } = newProposal();
    await noticeOf(filed(proposalId, { venueId: 'venue-hall-1' }));
    const calledIn = await published('sanshe.governance.filing.called-in.v1', decisionId);
    expect(calledIn).toHaveLength(1);
    expect(calledIn[0]!.data).toMatchObject({ cause: 'not-low-risk', calledInBy: [] });
    expect(calledIn[0]!.data.violations?.map((v) => v.path)).toEqual(['/venueId']);
    expect(await published('sanshe.governance.filing.noticed.v1', decisionId)).toEqual([]);
    expect(await statusOf(decisionId)).toBe('RUNNING');
  }, 60_000);
});

describe('migration 0012 (withdrawals park)', () => {
  it('goes down only once no withdrawal is parked, naming the parked one, and up again', async () => {
    const own = uniqueName('governance_mig012').replace(/-/g, '_');
    const upTo012 = migrations.slice(0, migrations.indexOf(ParkWithdrawals1795737600012) + 1);
    await migrate({ url: servers.DATABASE_URL, schema: own, migrations: upTo012 });
    const db = new DataSource(serviceDataSourceOptions({ url: servers.DATABASE_URL, schema: own, poolSize: 2 }));
    await db.initialize();
    const park = (kind: string) =>
      db.query(
        `INSERT INTO "${own}".parked_decision_update (event_source, event_id, decision_id, kind, request, event)
         VALUES ('sanshe/organization', $1, 'decision/activity-proposal/p-1', $2, '{}', '{}')`,
        [`evt-${kind}`, kind],
      );
    // Run by hand: TypeORM would undo the messaging migrations first (their timestamps are later).
    const migration = new ParkWithdrawals1795737600012();
    const runner = db.createQueryRunner();
    try {
      await park('withdraw');
      await expect(migration.down(runner)).rejects.toThrow(/sanshe\/organization evt-withdraw/);
      await db.query(`DELETE FROM "${own}".parked_decision_update`);
      await migration.down(runner);
      await expect(park('withdraw')).rejects.toThrow(/parked_decision_update_kind_check/);
      await park('vote');
      await migration.up(runner);
      await park('withdraw');
    } finally {
      await runner.release();
      await db.query(`DROP SCHEMA "${own}" CASCADE`);
      await db.destroy();
    }
  });
});
