import { Client, Connection, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource, type EntityManager } from 'typeorm';
import { createEvent, type EventType, type SansheEvent } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { migrate, serviceDataSourceOptions } from '@sanshe/persistence';
import { eventually, parseTestEnv, uniqueName, testWorkflowCode } from '@sanshe/testing';
import {
  auditQuery,
  type DecisionEventToPublish,
  decisionWorkflowId,
  stateQuery,
  streetExample,
  WORKFLOWS_PATH,
} from '@sanshe/workflows';
import { migrations } from '../migrations';
import type { AdministrativeAreas } from '../src/administrative-areas/domain/administrative-areas';
import {
  ApplyDecisionUpdateHandler,
  type ApplyDecisionUpdateCommand,
} from '../src/decisions/application/apply-decision-update';
import { ApplyParkedUpdatesHandler } from '../src/decisions/application/apply-parked-updates';
import { OpenDecisionHandler } from '../src/decisions/application/open-decision';
import { RefuseExpiredParkedUpdatesHandler } from '../src/decisions/application/refuse-expired-parked-updates';
import { RejectDecisionEventHandler } from '../src/decisions/application/reject-decision-event';
import { PostgresParkedUpdateRepository } from '../src/decisions/infrastructure/postgres-parked-update.repository';
import { PostgresPendingDecisionRepository } from '../src/decisions/infrastructure/postgres-pending-decision.repository';
import { TemporalClientHolder } from '../src/decisions/infrastructure/temporal-client-holder';
import type { ControllerMap } from '../src/parties/domain/controller-map';
import type { PolicyRepository } from '../src/policies/domain/policy.repository';
import { serviceConfig } from './policies-test-app';

/**
 * The bridge's use cases on the real PostgreSQL (governance's migrations, in a schema of this run's own)
 * and the real Temporal dev server, with a worker of the real decision workflow on a task queue of this
 * run's own: Temporal calls have a deadline; votes before their opening are parked, then applied by the
 * opening, or refused once they have waited too long.
 */
const servers = parseTestEnv(process.env);
const schema = uniqueName('governance_bridge').replace(/-/g, '_');
const taskQueue = uniqueName('bridge-it');
const CALL_TIMEOUT_MS = 1_500;
const MAX_AGE_MS = 1_000;
const { parties, policy } = streetExample;
let dataSource: DataSource;
let client: Client;
let worker: Worker;
let running: Promise<void>;
let holder: TemporalClientHolder;
let applyUpdate: ApplyDecisionUpdateHandler;
let applyParked: ApplyParkedUpdatesHandler;
let openDecision: OpenDecisionHandler;
let refuseExpired: RefuseExpiredParkedUpdatesHandler;
/** What the workflows handed their publish activity. */
const publishedEvents: DecisionEventToPublish[] = [];

const inTransaction = <R>(work: (manager: EntityManager) => Promise<R>) => dataSource.transaction(work);
const rows = (sql: string, params: unknown[] = []) => dataSource.query<Record<string, unknown>[]>(sql, params);
const parkedFor = (decisionId: string) =>
  rows(`SELECT * FROM "${schema}".parked_decision_update WHERE decision_id = $1`, [decisionId]);
const refusalsOf = async (event: SansheEvent) =>
  (
    await rows(
      `SELECT payload FROM "${schema}".outbox WHERE event_type = 'sanshe.governance.decision.vote-rejected.v1'`,
    )
  )
    .map((row) => JSON.parse(row.payload as string) as SansheEvent<'sanshe.governance.decision.vote-rejected.v1'>)
    .filter((refusal) => refusal.data.rejectedEventId === event.id);

const voteOf = (decisionId: string, partyId: string): ApplyDecisionUpdateCommand => ({
  decisionId,
  update: { kind: 'vote', request: { partyId, castBy: partyId, choice: 'approve' } },
  event: createEvent({
    type: 'sanshe.community.decision.vote-cast.v1',
    source: 'sanshe/community',
    id: uniqueName('vote'),
    subject: decisionId,
    data: { decisionId, partyId, castBy: partyId, choice: 'approve' },
  }) as SansheEvent<EventType>,
});

/** The proposer's withdrawal of `decisionId`'s proposal, as the bridge maps proposal.withdrawn (castBy its organization). */
const withdrawalOf = (decisionId: string, castBy: string = parties.proposer): ApplyDecisionUpdateCommand => {
  const reason = { code: 'capacity-changed', text: '原定社工离职，撤回方案。' };
  const organizationId = castBy.slice('organization:'.length);
  return {
    decisionId,
    update: { kind: 'withdraw', request: { castBy, reason } },
    event: createEvent({
      type: 'sanshe.organization.proposal.withdrawn.v1',
      source: 'sanshe/organization',
      id: uniqueName('withdrawn'),
      subject: decisionId.slice('decision/activity-proposal/'.length),
      data: {
        proposalId: decisionId.slice('decision/activity-proposal/'.length),
        organizationId,
        communityCode: streetExample.decisionInput('x').communityCode,
        withdrawnFrom: 'decision',
        reason,
      },
    }) as SansheEvent<EventType>,
  };
};
const decidedOf = (decisionId: string) =>
  publishedEvents.filter((e) => e.decisionId === decisionId && e.entry.type === 'decided').map((e) => e.entry);

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
    activities: {
      publishDecisionEvent: async (event: DecisionEventToPublish) => {
        publishedEvents.push(event);
      },
    },
  });
  running = worker.run();

  const config = {
    GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS: CALL_TIMEOUT_MS,
    GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS: MAX_AGE_MS,
    GOVERNANCE_VOTE_GRACE_MS: 0,
  };
  holder = new TemporalClientHolder(serviceConfig, config);
  const reject = new RejectDecisionEventHandler(new OutboxWriter({ schema, source: 'sanshe/governance' }));
  const parked = new PostgresParkedUpdateRepository(dataSource);
  applyUpdate = new ApplyDecisionUpdateHandler(
    holder,
    reject,
    new PostgresPendingDecisionRepository(dataSource),
    parked,
  );
  applyParked = new ApplyParkedUpdatesHandler(parked, applyUpdate);
  refuseExpired = new RefuseExpiredParkedUpdatesHandler(dataSource, parked, reject, config);
  const policies = { resolve: async () => ({ policy: policy() }) } as unknown as PolicyRepository;
  const controllers = { resolver: async () => () => 'community' } as unknown as ControllerMap;
  const areas = { lineage: async () => null } as unknown as AdministrativeAreas;
  openDecision = new OpenDecisionHandler(policies, holder, controllers, taskQueue, config, areas);
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await holder?.onApplicationShutdown();
  await client?.connection.close();
  await dataSource?.query(`DROP SCHEMA "${schema}" CASCADE`);
  await dataSource?.destroy();
});

describe('Temporal calls of the bridge', () => {
  it('fail as a transient error at the deadline when no worker polls the decision, refusing nothing', async () => {
    // A decision on a task queue nobody polls: its Update is never accepted. Without a deadline the call
    // waits forever, and this test fails by Jest's timeout.
    const decisionId = decisionWorkflowId('activity-proposal', uniqueName('no-worker'));
    const stuck = await client.workflow.start('decisionWorkflow', {
      taskQueue: uniqueName('nobody-polls'),
      workflowId: decisionId,
      args: [streetExample.decisionInput(decisionId)],
      workflowExecutionTimeout: '2 minutes', // gone by itself if this test dies
    });
    try {
      const vote = voteOf(decisionId, parties.community);
      const started = Date.now();
      const attempt = inTransaction((manager) => applyUpdate.execute(manager, vote));
      await expect(attempt).rejects.toThrow(WorkflowUpdateRPCTimeoutOrCancelledError);
      expect(Date.now() - started).toBeGreaterThanOrEqual(CALL_TIMEOUT_MS - 100);
      expect(await refusalsOf(vote.event)).toEqual([]);
      expect(await parkedFor(decisionId)).toEqual([]);
    } finally {
      await stuck.terminate('test over');
    }
  }, 30_000);
});

describe('updates before their opening', () => {
  it('are parked once, applied once by the opening, and not again by a second opening', async () => {
    const decisionId = decisionWorkflowId('activity-proposal', uniqueName('parked'));
    const vote = voteOf(decisionId, parties.community);
    const later = voteOf(decisionId, parties.talent);
    expect(await inTransaction((manager) => applyUpdate.execute(manager, vote))).toBe('parked');
    expect(await inTransaction((manager) => applyUpdate.execute(manager, vote))).toBe('parked'); // redelivered
    expect(await inTransaction((manager) => applyUpdate.execute(manager, { ...later, brokerTime: Date.now() }))).toBe(
      'parked',
    );
    expect(await parkedFor(decisionId)).toHaveLength(2);

    const input = streetExample.decisionInput(decisionId);
    const opening = { ...input, decisionId };
    const open = () =>
      inTransaction(async (manager) => {
        const opened = await openDecision.execute({ opening, openedBy: input.openedBy, owner: 'organization' });
        return [opened, await applyParked.execute(manager, decisionId)];
      });
    expect(await open()).toEqual(['started', 2]);
    expect(await open()).toEqual(['started', 0]); // the opening redelivered: USE_EXISTING, nothing left parked

    const audit = await client.workflow.getHandle(decisionId).query(auditQuery);
    const votes = audit
      .filter((r) => r.entry.type === 'vote-cast')
      .map((r) => (r.entry as { partyId: string }).partyId);
    expect(votes).toEqual([parties.community, parties.talent]); // in arrival order, each once
    expect(await parkedFor(decisionId)).toEqual([]);
    expect(await refusalsOf(vote.event)).toEqual([]);
    await client.workflow.getHandle(decisionId).terminate('test over');
  }, 60_000);

  it('are refused as unknown-decision once parked longer than the bound, once with two sweepers', async () => {
    const decisionId = decisionWorkflowId('activity-proposal', uniqueName('never-opened'));
    const vote = voteOf(decisionId, parties.funder);
    expect(await inTransaction((manager) => applyUpdate.execute(manager, vote))).toBe('parked');
    expect(await refuseExpired.execute()).toBe(0); // still young

    await new Promise((resolve) => setTimeout(resolve, MAX_AGE_MS + 200));
    const refused = await Promise.all([refuseExpired.execute(), refuseExpired.execute()]);
    expect(refused.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    const refusals = await refusalsOf(vote.event);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.data).toMatchObject({
      decisionId,
      partyId: parties.funder,
      code: 'unknown-decision',
      rejectedEventSource: 'sanshe/community',
    });
    expect(refusals[0]!.data.reason).toContain(`within ${MAX_AGE_MS} ms`);
    expect(refusals[0]!.data.reason).toContain('GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS');
    expect(await parkedFor(decisionId)).toEqual([]);
    expect(await refuseExpired.execute()).toBe(0);
  }, 30_000);
});

describe('withdrawals', () => {
  const open = (decisionId: string) =>
    inTransaction(async (manager) => {
      const input = streetExample.decisionInput(decisionId);
      const opened = await openDecision.execute({
        opening: { ...input, decisionId },
        openedBy: input.openedBy,
        owner: 'organization',
      });
      return [opened, await applyParked.execute(manager, decisionId)];
    });
  const decided = (decisionId: string) =>
    eventually(
      () => {
        const outcomes = decidedOf(decisionId);
        expect(outcomes).toHaveLength(1);
        return outcomes[0]!;
      },
      { timeoutMs: 20_000 },
    );

  it('end the decision as withdrawn by the proposer, published once; a vote after it is decision-closed', async () => {
    const decisionId = decisionWorkflowId('activity-proposal', uniqueName('withdrawn'));
    expect(await open(decisionId)).toEqual(['started', 0]);
    expect(await inTransaction((m) => applyUpdate.execute(m, withdrawalOf(decisionId)))).toBe('accepted');
    expect(await decided(decisionId)).toMatchObject({
      type: 'decided',
      outcome: { result: 'withdrawn', decidedBy: 'proposer', level: 0 },
    });
    const late = voteOf(decisionId, parties.community);
    expect(await inTransaction((m) => applyUpdate.execute(m, late))).toBe('rejected');
    expect((await refusalsOf(late.event)).map((r) => r.data.code)).toEqual(['decision-closed']);
    expect(decidedOf(decisionId)).toHaveLength(1);
  }, 60_000);

  it('are refused as not-the-proposer when another organization sends one, and change nothing', async () => {
    const decisionId = decisionWorkflowId('activity-proposal', uniqueName('not-mine'));
    await open(decisionId);
    const other = withdrawalOf(decisionId, 'organization:org-someone-else');
    expect(await inTransaction((m) => applyUpdate.execute(m, other))).toBe('rejected');
    expect((await refusalsOf(other.event)).map((r) => r.data)).toEqual([
      expect.objectContaining({ decisionId, castBy: 'organization:org-someone-else', code: 'not-the-proposer' }),
    ]);
    const state = await client.workflow.getHandle(decisionId).query(stateQuery);
    expect(state.stage).toBe('voting');
    await client.workflow.getHandle(decisionId).terminate('test over');
  }, 60_000);

  it('park before their opening and are applied by it', async () => {
    const decisionId = decisionWorkflowId('activity-proposal', uniqueName('withdrawn-early'));
    expect(await inTransaction((m) => applyUpdate.execute(m, withdrawalOf(decisionId)))).toBe('parked');
    expect((await parkedFor(decisionId)).map((row) => row.kind)).toEqual(['withdraw']);
    expect(await open(decisionId)).toEqual(['started', 1]);
    expect(await decided(decisionId)).toMatchObject({ outcome: { result: 'withdrawn', decidedBy: 'proposer' } });
    expect(await parkedFor(decisionId)).toEqual([]);
  }, 60_000);
});
