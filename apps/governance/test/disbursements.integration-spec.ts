import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { type DynamicModule, Module } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { authConfigOf, AuthModule } from '@sanshe/auth';
import { HealthModule } from '@sanshe/nest-platform';
import { createEvent, type SansheEvent } from '@sanshe/contracts';
import { type Delivery, type EventHandler, type EventHandlers, OutboxWriter } from '@sanshe/messaging';
import { migrate, serviceDataSourceOptions } from '@sanshe/persistence';
import {
  bearer,
  devToken,
  eventually,
  parseTestEnv,
  type ServiceUnderTest,
  startServiceUnderTest,
  uniqueName,
  testWorkflowCode,
} from '@sanshe/testing';
import {
  disbursementStateQuery,
  disbursementWorkflowId,
  type FundingActivities,
  GrantIdKey,
  WORKFLOWS_PATH,
} from '@sanshe/workflows';
import { migrations } from '../migrations';
import { ApplyEvidenceHandler } from '../src/disbursements/application/apply-evidence';
import { RefuseDisbursementRequestHandler } from '../src/disbursements/application/refuse-disbursement-request';
import { OperateDisbursementHandler } from '../src/disbursements/application/operate-disbursement';
import { RetryParkedEvidenceHandler } from '../src/disbursements/application/retry-parked-evidence';
import { StartDisbursementHandler } from '../src/disbursements/application/start-disbursement';
import { ParkedDisbursementEvidence } from '../src/disbursements/infrastructure/parked-disbursement-evidence';
import { disbursementEventHandlers } from '../src/disbursements/interface/events/disbursement-events';
import { DisbursementsController } from '../src/disbursements/interface/http/disbursements.controller';
import { DisbursementActivitiesProvider } from '../src/disbursements/infrastructure/disbursement-activities';
import { DisbursementGrants } from '../src/disbursements/infrastructure/disbursement-grants';
import { TemporalClientHolder } from '../src/decisions/infrastructure/temporal-client-holder';
import { serviceConfig } from './policies-test-app';

/**
 * Grant disbursement through governance on the real PostgreSQL (governance's migrations, in a schema of this
 * run's own) and the real Temporal dev server: governance's worker on a task queue of this run's own with the
 * real disbursement workflow and DisbursementActivitiesProvider. Funding's real worker is not in this test: a
 * small test worker on this run's own funding task queue (GOVERNANCE_FUNDING_TASK_QUEUE) answers
 * reserveGrantBudget for this run's grants.
 * Events go through governance's disbursement handlers as the bridge calls them, each in its own inbox-like
 * transaction; the channel check passes them (its refusals are the handlers' unit spec). The verification a
 * tranche's evidence opens is not this test's: its activities are not registered here.
 */
const servers = parseTestEnv(process.env);
const schema = uniqueName('governance_disb').replace(/-/g, '_');
const taskQueue = uniqueName('disbursement-it');
/** Funding's task queue for this run's disbursements alone (GOVERNANCE_FUNDING_TASK_QUEUE): no other poller. */
const fundingQueue = uniqueName('funding-disb-it');
const grantPrefix = uniqueName('grant-it');
const ORG = 'org-xinhua-elderly-care';
let dataSource: DataSource;
let client: Client;
let holder: TemporalClientHolder;
let activities: DisbursementActivitiesProvider;
let handlers: EventHandlers;
let retryParked: RetryParkedEvidenceHandler;
let svc: ServiceUnderTest;

@Module({})
class DisbursementsHttpTestApp {}

/** The operators' endpoints behind the service's bearer-token guard, on this run's Temporal client. */
const httpApp = (): DynamicModule => ({
  module: DisbursementsHttpTestApp,
  imports: [HealthModule, AuthModule.forRoot(authConfigOf(serviceConfig, serviceConfig.stateDir))],
  controllers: [DisbursementsController],
  providers: [OperateDisbursementHandler, { provide: TemporalClientHolder, useValue: holder }],
});
const call = async (method: 'GET' | 'POST', path: string, roles?: string[]) => {
  const headers = roles ? bearer(await devToken({ sub: 'op-wang', parties: [], roles })) : {};
  const response = await fetch(`${svc.baseUrl}${path}`, { method, headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const workers: Worker[] = [];
const running: Promise<void>[] = [];
const startedIds: string[] = [];
const reserved: string[] = [];

const sha = (text: string) => createHash('sha256').update(`${schema}/${text}`).digest('hex');
const factsOf = async (grantId: string, type: string) =>
  (
    await dataSource.query<{ payload: string }[]>(
      `SELECT payload FROM "${schema}".outbox WHERE event_type = $1 ORDER BY position`,
      [`sanshe.governance.disbursement.${type}.v1`],
    )
  )
    .map((row) => JSON.parse(row.payload) as SansheEvent)
    .filter((event) => event.subject === grantId);

const activated = (grantId: string) => {
  startedIds.push(disbursementWorkflowId(grantId));
  return createEvent({
    type: 'sanshe.funding.grant.activated.v1',
    source: 'sanshe/funding',
    id: uniqueName('activated'),
    subject: grantId,
    data: {
      grantId,
      programId: 'prog-2026-elderly-care',
      organizationId: ORG,
      communityCode: '310104-005-001',
      decisionId: `decision/grant-award/${grantId}`,
      amount: { amountFen: 300_000, currency: 'CNY' },
      tranches: [
        { trancheNo: 1, amount: { amountFen: 100_000, currency: 'CNY' }, milestone: '项目启动', dueDate: '2027-01-31' },
        { trancheNo: 2, amount: { amountFen: 200_000, currency: 'CNY' }, milestone: '结项验收', dueDate: '2027-07-31' },
      ],
    },
  });
};
const completed = (grantId: string, hashes: string[]) =>
  createEvent({
    type: 'sanshe.organization.activity.completed.v1',
    source: 'sanshe/organization',
    id: uniqueName('completed'),
    subject: 'act-1',
    data: {
      ...{ activityId: uniqueName('act'), proposalId: 'prop-1', organizationId: ORG, communityCode: '310104-005-001' },
      ...{ completedAt: '2026-11-20T10:00:00.000Z', sessionsHeld: 4, attendance: 30 },
      evidence: hashes.map((sha256) => ({ sha256, title: '签到表', kind: 'sign-in-sheet' as const })),
      milestone: { grantId, trancheNo: 1 },
    },
  });
const delivery = (topic: string): Delivery => ({ topic, partition: 0, offset: '1', timestamp: '0' });
/** As the bridge's inbox runs a handler: in one transaction, rolled back when it throws. */
const handle = <T extends 'sanshe.funding.grant.activated.v1' | 'sanshe.organization.activity.completed.v1'>(
  event: SansheEvent<T>,
) =>
  dataSource.transaction((manager: EntityManager) =>
    (handlers[event.type] as EventHandler<T>)(event, manager, delivery(`${event.source.replace('/', '.')}.events`)),
  );
const stageOf = async (grantId: string) =>
  (await client.workflow.getHandle(disbursementWorkflowId(grantId)).query(disbursementStateQuery)).stage;

beforeAll(async () => {
  await migrate({ url: servers.DATABASE_URL, schema, migrations });
  dataSource = new DataSource(serviceDataSourceOptions({ url: servers.DATABASE_URL, schema, poolSize: 4 }));
  await dataSource.initialize();
  client = new Client({
    connection: await Connection.connect({ address: servers.TEMPORAL_ADDRESS }),
    namespace: servers.TEMPORAL_NAMESPACE,
  });
  holder = new TemporalClientHolder(serviceConfig, { GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS: 10_000 });
  activities = new DisbursementActivitiesProvider(
    dataSource,
    new OutboxWriter({ schema, source: 'sanshe/governance' }),
  );
  const parked = new ParkedDisbursementEvidence(dataSource);
  const refuse = new RefuseDisbursementRequestHandler(new OutboxWriter({ schema, source: 'sanshe/governance' }));
  const applyEvidence = new ApplyEvidenceHandler(holder, parked, refuse);
  const start = new StartDisbursementHandler(holder, applyEvidence, new DisbursementGrants(dataSource), taskQueue, {
    GOVERNANCE_FUNDING_TASK_QUEUE: fundingQueue,
  });
  const channels = { refusal: async () => null };
  handlers = disbursementEventHandlers({ start, applyEvidence, channels, refuse });
  retryParked = new RetryParkedEvidenceHandler(dataSource, parked, applyEvidence);
  const funding: Pick<FundingActivities, 'reserveGrantBudget'> = {
    reserveGrantBudget: async ({ grantId }) => {
      if (!grantId.startsWith(grantPrefix)) throw ApplicationFailure.retryable(`not this test's grant ${grantId}`);
      reserved.push(grantId);
      return { reservedFen: 300_000, currency: 'CNY', alreadyReserved: false };
    },
  };
  const connection = await NativeConnection.connect({ address: servers.TEMPORAL_ADDRESS });
  const namespace = servers.TEMPORAL_NAMESPACE;
  workers.push(
    await Worker.create({
      connection,
      namespace,
      taskQueue,
      ...testWorkflowCode(WORKFLOWS_PATH),
      activities: activities.activities(),
    }),
    await Worker.create({ connection, namespace, taskQueue: fundingQueue, activities: funding }),
  );
  running.push(...workers.map((worker) => worker.run()));
  svc = await startServiceUnderTest('governance', httpApp());
}, 120_000);

afterAll(async () => {
  await svc?.close();
  await Promise.all(
    startedIds.map((id) =>
      client?.workflow
        .getHandle(id)
        .terminate('disbursement test over')
        .catch(() => undefined),
    ),
  );
  workers.forEach((worker) => worker.shutdown());
  await Promise.all(running);
  await holder?.onApplicationShutdown();
  await client?.connection.close();
  await dataSource?.query(`DROP SCHEMA "${schema}" CASCADE`);
  await dataSource?.destroy();
});

describe('grant disbursement, through governance', () => {
  it('claims evidence for one grant tranche only: a repeat is fine, another grant or tranche gets the conflicts and claims nothing', async () => {
    const [a, b, fresh] = [sha('a'), sha('b'), sha('fresh')];
    expect(await activities.claimEvidence({ grantId: 'g-1', trancheNo: 1, hashes: [a, b] })).toEqual({ conflicts: [] });
    expect(await activities.claimEvidence({ grantId: 'g-1', trancheNo: 1, hashes: [b, a] })).toEqual({ conflicts: [] });
    const other = await activities.claimEvidence({ grantId: 'g-2', trancheNo: 1, hashes: [fresh, a] });
    expect(other).toEqual({ conflicts: [{ sha256: a, grantId: 'g-1', trancheNo: 1 }] });
    const later = await activities.claimEvidence({ grantId: 'g-1', trancheNo: 2, hashes: [b] });
    expect(later).toEqual({ conflicts: [{ sha256: b, grantId: 'g-1', trancheNo: 1 }] });
    // The refused claim kept nothing: the fresh hash is still free for anyone.
    expect(await activities.claimEvidence({ grantId: 'g-3', trancheNo: 1, hashes: [fresh] })).toEqual({
      conflicts: [],
    });
  });

  it('publishes a fact once under its deterministic id, however often the activity is retried', async () => {
    const grantId = uniqueName('g');
    const fact = {
      eventId: `disbursement/${grantId}/reminder/t1/1`,
      type: 'sanshe.governance.disbursement.reminder.v1' as const,
      grantId,
      data: { grantId, trancheNo: 1, deadline: '2027-01-31T16:00:00.000Z', escalateAt: '2027-02-14T16:00:00.000Z' },
    };
    await activities.publishDisbursementFact(fact);
    await activities.publishDisbursementFact(fact);
    expect((await factsOf(grantId, 'reminder')).map((event) => event.id)).toEqual([fact.eventId]);
  });

  it('grant.activated starts disbursement/<grantId> once, searchable by GrantId; it reserves and says started', async () => {
    const grantId = `${grantPrefix}-1`;
    const event = activated(grantId);
    await handle(event);
    const handle0 = client.workflow.getHandle(disbursementWorkflowId(grantId));
    const description = await handle0.describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.typedSearchAttributes.get(GrantIdKey)).toBe(grantId);
    await handle(event); // redelivered: USE_EXISTING, the same run
    expect((await handle0.describe()).runId).toBe(description.runId);
    // Generous: another poller of funding's queue (a funding process of another suite) may take a try first.
    await eventually(async () => expect(await stageOf(grantId)).toBe('awaiting-evidence'), { timeoutMs: 30_000 });
    expect(reserved.filter((id) => id === grantId)).toEqual([grantId]);
    const started = await factsOf(grantId, 'started');
    expect(started.map((e) => e.id)).toEqual([`disbursement/${grantId}/started/t0/1`]);
    expect(started[0]?.data).toMatchObject({ grantId, organizationId: ORG, trancheCount: 2 });
  });

  it('parks evidence that comes before its grant, applies it at the start (evidence-accepted), and refuses it reused by another grant (request-refused evidence-reused)', async () => {
    const [first, second] = [`${grantPrefix}-2`, `${grantPrefix}-3`];
    const hashes = [sha('photo-1'), sha('sign-in-sheet-1')];
    await handle(completed(first, hashes)); // no disbursement/<first> yet: parked
    const parked = await dataSource.query<{ workflow_id: string }[]>(
      `SELECT workflow_id FROM "${schema}".parked_disbursement_evidence`,
    );
    expect(parked.map((row) => row.workflow_id)).toEqual([disbursementWorkflowId(first)]);
    await handle(activated(first));
    await handle(activated(second));
    // Applied at the start, or (funding not answered yet: reserving) parked still and applied by the sweeper's retry.
    await eventually(
      async () => {
        await retryParked.execute();
        const accepted = await factsOf(first, 'evidence-accepted');
        expect(accepted.map((e) => e.data)).toEqual([
          expect.objectContaining({ trancheNo: 1, evidenceSha256: hashes }),
        ]);
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(await dataSource.query(`SELECT 1 FROM "${schema}".parked_disbursement_evidence`)).toEqual([]);
    await eventually(async () => expect(await stageOf(second)).toBe('awaiting-evidence'), { timeoutMs: 30_000 });
    const reused = completed(second, [hashes[1] as string]);
    await handle(reused); // answered, and consumed: not a dead letter
    const [refused, ...more] = await factsOf(second, 'request-refused');
    expect(more).toEqual([]);
    expect(refused?.data).toMatchObject({ requestEventId: reused.id, code: 'evidence-reused' });
    expect((refused?.data as { reason?: string } | undefined)?.reason).toMatch(
      /^evidence act-[^ ]+ for tranche 1: evidence already claimed elsewhere/,
    );
    expect(await factsOf(second, 'evidence-accepted')).toEqual([]);
    expect(
      (await client.workflow.getHandle(disbursementWorkflowId(second)).query(disbursementStateQuery)).evidence,
    ).toEqual([]);
  });

  it('serves operators the state (401 without a token, 403 without the role, 404 unknown) and retries only a stuck payment (409 naming the stage)', async () => {
    const grantId = `${grantPrefix}-4`;
    await handle(activated(grantId));
    await eventually(async () => expect(await stageOf(grantId)).toBe('awaiting-evidence'), { timeoutMs: 30_000 });
    expect((await call('GET', `/disbursements/${grantId}`)).status).toBe(401);
    expect((await call('GET', `/disbursements/${grantId}`, ['representative'])).status).toBe(403);
    expect((await call('GET', `/disbursements/${grantPrefix}-none`, ['auditor'])).status).toBe(404);
    const state = await call('GET', `/disbursements/${grantId}`, ['auditor']);
    expect(state).toMatchObject({ status: 200, body: { grantId, stage: 'awaiting-evidence', trancheNo: 1 } });
    expect((await call('POST', `/disbursements/${grantId}/retry-payment`, ['auditor'])).status).toBe(403);
    expect((await call('POST', `/disbursements/${grantPrefix}-none/retry-payment`, ['operator'])).status).toBe(404);
    const notStuck = await call('POST', `/disbursements/${grantId}/retry-payment`, ['operator']);
    expect(notStuck).toMatchObject({ status: 409, body: { code: 'wrong-stage' } });
    expect(notStuck.body.message).toMatch(/awaiting-evidence/);
  });
});
