import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createEvent, type SansheEvent } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { migrate, serviceDataSourceOptions } from '@sanshe/persistence';
import { eventually, parseTestEnv, uniqueName, workflowBundlerOptions } from '@sanshe/testing';
import {
  disbursementStateQuery,
  disbursementWorkflowId,
  FUNDING_TASK_QUEUE,
  type FundingActivities,
  GrantIdKey,
  submitEvidenceUpdate,
  WORKFLOWS_PATH,
} from '@sanshe/workflows';
import { migrations } from '../migrations';
import { StartDisbursementHandler } from '../src/disbursements/application/start-disbursement';
import { DisbursementActivitiesProvider } from '../src/disbursements/infrastructure/disbursement-activities';
import { TemporalClientHolder } from '../src/decisions/infrastructure/temporal-client-holder';
import { serviceConfig } from './policies-test-app';

/**
 * Grant disbursement through governance on the real PostgreSQL (governance's migrations, in a schema of this
 * run's own) and the real Temporal dev server: governance's worker on a task queue of this run's own with the
 * real disbursement workflow and DisbursementActivitiesProvider. Funding's real worker is not in this test: a
 * small test worker on FUNDING_TASK_QUEUE answers reserveGrantBudget for this run's grants only (any other
 * grant's task is failed as retryable, so Temporal hands it to another poller, funding's own, on its retry).
 * The verification a tranche's evidence opens is not this test's: its activities are not registered here.
 */
const servers = parseTestEnv(process.env);
const schema = uniqueName('governance_disb').replace(/-/g, '_');
const taskQueue = uniqueName('disbursement-it');
const grantPrefix = uniqueName('grant-it');
const ORG = 'org-xinhua-elderly-care';
let dataSource: DataSource;
let client: Client;
let holder: TemporalClientHolder;
let activities: DisbursementActivitiesProvider;
let start: StartDisbursementHandler;
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
const evidence = (hashes: string[], submittedBy = `organization:${ORG}`) => ({
  trancheNo: 1,
  source: { type: 'activity-completed' as const, id: uniqueName('act') },
  evidence: hashes.map((sha256) => ({ sha256 })),
  submittedBy,
});
const submit = (grantId: string, submission: ReturnType<typeof evidence>) =>
  client.workflow
    .getHandle(disbursementWorkflowId(grantId))
    .executeUpdate(submitEvidenceUpdate, { args: [submission] });
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
  start = new StartDisbursementHandler(holder, taskQueue);
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
      workflowsPath: WORKFLOWS_PATH,
      bundlerOptions: workflowBundlerOptions(),
      activities: activities.activities(),
    }),
    await Worker.create({ connection, namespace, taskQueue: FUNDING_TASK_QUEUE, activities: funding }),
  );
  running.push(...workers.map((worker) => worker.run()));
}, 120_000);

afterAll(async () => {
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
    expect(await start.execute(event)).toBe('started');
    expect(await start.execute(event)).toBe('started'); // redelivered: USE_EXISTING, the same run
    const description = await client.workflow.getHandle(disbursementWorkflowId(grantId)).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.typedSearchAttributes.get(GrantIdKey)).toBe(grantId);
    // Generous: another poller of funding's queue (a funding process of another suite) may take a try first.
    await eventually(async () => expect(await stageOf(grantId)).toBe('awaiting-evidence'), { timeoutMs: 30_000 });
    expect(reserved.filter((id) => id === grantId)).toEqual([grantId]);
    const started = await factsOf(grantId, 'started');
    expect(started.map((e) => e.id)).toEqual([`disbursement/${grantId}/started/t0/1`]);
    expect(started[0]?.data).toMatchObject({ grantId, organizationId: ORG, trancheCount: 2 });
  });

  it('accepts the organization’s evidence (evidence-accepted) and refuses the same evidence for another grant', async () => {
    const [first, second] = [`${grantPrefix}-2`, `${grantPrefix}-3`];
    await start.execute(activated(first));
    await start.execute(activated(second));
    await eventually(async () => expect(await stageOf(second)).toBe('awaiting-evidence'), { timeoutMs: 30_000 });
    await eventually(async () => expect(await stageOf(first)).toBe('awaiting-evidence'), { timeoutMs: 30_000 });
    const hashes = [sha('photo-1'), sha('sign-in-sheet-1')];
    expect(await submit(first, evidence(hashes))).toEqual({ accepted: 2 });
    const accepted = await factsOf(first, 'evidence-accepted');
    expect(accepted.map((e) => e.data)).toEqual([expect.objectContaining({ trancheNo: 1, evidenceSha256: hashes })]);
    const reused = await submit(second, evidence([hashes[1] as string])).catch((err: unknown) => err);
    expect(reused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(((reused as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('EvidenceReused');
    expect(await factsOf(second, 'evidence-accepted')).toEqual([]);
  });
});
