import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource, type EntityManager } from 'typeorm';
import { createEvent, type SansheEvent } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { migrate, serviceDataSourceOptions } from '@sanshe/persistence';
import { eventually, parseTestEnv, uniqueName, testWorkflowCode } from '@sanshe/testing';
import {
  type DecisionEventToPublish,
  type HoursActivities,
  hoursStateQuery,
  hoursWorkflowId,
  type RecordConfirmedHoursInput,
  stateQuery,
  validatePolicy,
  voteUpdate,
  WORKFLOWS_PATH,
} from '@sanshe/workflows';
import { migrations } from '../migrations';
import { CreateParkedHoursUpdate1795737600014 } from '../migrations/1795737600014-create-parked-hours-update';
import { HOURS_DISPUTE_POLICY } from '../migrations/1795737600015-seed-hours-dispute-policy';
import { PostgresAdministrativeAreas } from '../src/administrative-areas/infrastructure/postgres-administrative-areas';
import { ApplyDecisionUpdateHandler } from '../src/decisions/application/apply-decision-update';
import { ApplyParkedUpdatesHandler } from '../src/decisions/application/apply-parked-updates';
import { RefuseExpiredParkedUpdatesHandler } from '../src/decisions/application/refuse-expired-parked-updates';
import { RejectDecisionEventHandler } from '../src/decisions/application/reject-decision-event';
import { ParkedUpdateSweeper } from '../src/decisions/infrastructure/parked-update-sweeper';
import { PostgresParkedUpdateRepository } from '../src/decisions/infrastructure/postgres-parked-update.repository';
import { PostgresPendingDecisionRepository } from '../src/decisions/infrastructure/postgres-pending-decision.repository';
import { TemporalClientHolder } from '../src/decisions/infrastructure/temporal-client-holder';
import { ApplyHoursUpdateHandler } from '../src/hours/application/apply-hours-update';
import { RefuseExpiredParkedHoursUpdatesHandler } from '../src/hours/application/refuse-expired-parked-hours-updates';
import { RejectHoursUpdateHandler } from '../src/hours/application/reject-hours-update';
import { StartHoursConfirmationHandler } from '../src/hours/application/start-hours-confirmation';
import { ChildDecisionActivitiesProvider } from '../src/hours/infrastructure/child-decision-activities';
import { PostgresParkedHoursUpdateRepository } from '../src/hours/infrastructure/postgres-parked-hours-update.repository';
import type { ControllerMap } from '../src/parties/domain/controller-map';
import { controllerOf, DEFAULT_CONTROLLER_RULES } from '../src/parties/domain/party-controller';
import { PostgresPolicyRepository } from '../src/policies/infrastructure/postgres-policy.repository';
import { serviceConfig } from './policies-test-app';

/**
 * Hours confirmed by two parties on the real PostgreSQL (governance's migrations, the seeded hours-dispute
 * default, in a schema of this run's own) and the real Temporal dev server: one governance worker (the real
 * workflows and child-decision activities) and a fake talent worker, each on a task queue of this run's own;
 * the use cases as the bridge calls them, each in its own inbox-like transaction.
 */
const servers = parseTestEnv(process.env);
const schema = uniqueName('governance_hours').replace(/-/g, '_');
const taskQueue = uniqueName('hours-it');
const talentQueue = uniqueName('talent-it');
const C = '310104-005-001';
const COMMUNITY = `community:${C}`;
let dataSource: DataSource;
let client: Client;
const workers: Worker[] = [];
const running: Promise<void>[] = [];
let holder: TemporalClientHolder;
let start: StartHoursConfirmationHandler;
let applyHours: ApplyHoursUpdateHandler;
let applyDecisionUpdate: ApplyDecisionUpdateHandler;
/** The sweeper as governance wires it (hours registered, as HoursModule does); its timer never started. */
let sweeper: ParkedUpdateSweeper;
const recorded: RecordConfirmedHoursInput[] = [];
const decisionEvents: DecisionEventToPublish[] = [];
const startedIds: string[] = [];

const inTransaction = <R>(work: (manager: EntityManager) => Promise<R>) => dataSource.transaction(work);
const recordsOf = (hoursId: string) => recorded.filter((r) => r.hoursId === hoursId);
const refusals = async (hoursId: string) =>
  (
    await dataSource.query<{ payload: string }[]>(
      `SELECT payload FROM "${schema}".outbox WHERE event_type = $1 ORDER BY position`,
      ['sanshe.governance.hours.update-rejected.v1'],
    )
  )
    .map((row) => JSON.parse(row.payload) as SansheEvent<'sanshe.governance.hours.update-rejected.v1'>)
    .filter((event) => event.subject === hoursId);

const recordedEvent = (hoursId: string, confirmInMs: number) => {
  startedIds.push(hoursWorkflowId(hoursId), `decision/hours-dispute/${hoursId}`);
  return createEvent({
    type: 'sanshe.talent.hours.recorded.v1',
    source: 'sanshe/talent',
    id: uniqueName('recorded'),
    subject: hoursId,
    data: {
      hoursId,
      workerId: 'vol-1',
      workerKind: 'volunteer',
      organizationId: 'org-x',
      activityId: 'act-1',
      communityCode: C,
      servedOn: '2026-11-20',
      minutes: 95,
      confirmBy: new Date(Date.now() + confirmInMs).toISOString(),
    },
  });
};
const answer = (hoursId: string, partyId = COMMUNITY) => ({ hoursId, communityCode: C, partyId, castBy: partyId });
const confirmed = (hoursId: string, partyId?: string) =>
  createEvent({
    type: 'sanshe.community.hours.confirmed.v1',
    source: 'sanshe/community',
    id: uniqueName('confirmed'),
    subject: hoursId,
    data: answer(hoursId, partyId),
  });
const disputed = (hoursId: string) =>
  createEvent({
    type: 'sanshe.community.hours.disputed.v1',
    source: 'sanshe/community',
    id: uniqueName('disputed'),
    subject: hoursId,
    data: { ...answer(hoursId), reason: { code: 'not-served', text: '签到表显示该志愿者当天未到场。' } },
  });
const startFor = (event: SansheEvent<'sanshe.talent.hours.recorded.v1'>) =>
  inTransaction((manager) => start.execute(manager, event));
const confirm = (event: SansheEvent<'sanshe.community.hours.confirmed.v1'>) =>
  inTransaction((manager) =>
    applyHours.execute(manager, {
      hoursId: event.data.hoursId,
      update: { kind: 'confirm', request: event.data },
      event,
    }),
  );
const dispute = (event: SansheEvent<'sanshe.community.hours.disputed.v1'>) => {
  const { partyId, castBy, reason } = event.data;
  const request = { partyId, castBy, reason, eventId: event.id };
  return inTransaction((manager) =>
    applyHours.execute(manager, { hoursId: event.data.hoursId, update: { kind: 'dispute', request }, event }),
  );
};
const parkedEventIds = async (...hoursIds: string[]) =>
  (
    await dataSource.query<{ event_id: string }[]>(
      `SELECT event_id FROM "${schema}".parked_hours_update WHERE workflow_id = ANY($1) ORDER BY seq`,
      [hoursIds.map(hoursWorkflowId)],
    )
  ).map((row) => row.event_id);
const statusOf = async (workflowId: string) => {
  try {
    return (await client.workflow.getHandle(workflowId).describe()).status.name;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
};

beforeAll(async () => {
  await migrate({ url: servers.DATABASE_URL, schema, migrations });
  dataSource = new DataSource(serviceDataSourceOptions({ url: servers.DATABASE_URL, schema, poolSize: 4 }));
  await dataSource.initialize();
  client = new Client({
    connection: await Connection.connect({ address: servers.TEMPORAL_ADDRESS }),
    namespace: servers.TEMPORAL_NAMESPACE,
  });
  const config = { GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS: 10_000, GOVERNANCE_VOTE_GRACE_MS: 0 };
  holder = new TemporalClientHolder(serviceConfig, config);
  const outbox = new OutboxWriter({ schema, source: 'sanshe/governance' });
  const parked = new PostgresParkedUpdateRepository(dataSource);
  const pending = new PostgresPendingDecisionRepository(dataSource);
  applyDecisionUpdate = new ApplyDecisionUpdateHandler(holder, new RejectDecisionEventHandler(outbox), pending, parked);
  const applyParked = new ApplyParkedUpdatesHandler(parked, applyDecisionUpdate);
  const controllers = {
    resolver: async () => (partyId: string) => controllerOf(DEFAULT_CONTROLLER_RULES, partyId),
  } as unknown as ControllerMap;
  const policies = new PostgresPolicyRepository(dataSource);
  const areas = new PostgresAdministrativeAreas(dataSource);
  const child = new ChildDecisionActivitiesProvider(dataSource, policies, areas, controllers, applyParked, config);
  const parkedHours = new PostgresParkedHoursUpdateRepository(dataSource);
  applyHours = new ApplyHoursUpdateHandler(holder, parkedHours, new RejectHoursUpdateHandler(outbox));
  start = new StartHoursConfirmationHandler(holder, parkedHours, applyHours, taskQueue, talentQueue);
  const maxAge = { GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS: 60_000 };
  const rejectDecision = new RejectDecisionEventHandler(outbox);
  sweeper = new ParkedUpdateSweeper(
    new RefuseExpiredParkedUpdatesHandler(dataSource, parked, rejectDecision, maxAge),
    maxAge,
  );
  const refuseHours = new RefuseExpiredParkedHoursUpdatesHandler(
    dataSource,
    parkedHours,
    new RejectHoursUpdateHandler(outbox),
    maxAge,
  );
  sweeper.register({ label: 'parked_hours_update', execute: () => refuseHours.execute() });

  const connection = await NativeConnection.connect({ address: servers.TEMPORAL_ADDRESS });
  const namespace = servers.TEMPORAL_NAMESPACE;
  const talent: HoursActivities = {
    recordConfirmedHours: async (input) => (recorded.push(input), 'recorded'),
    rejectHours: async () => 'rejected',
  };
  workers.push(
    await Worker.create({
      connection,
      namespace,
      taskQueue,
      ...testWorkflowCode(WORKFLOWS_PATH),
      activities: {
        publishDecisionEvent: async (event: DecisionEventToPublish) => void decisionEvents.push(event),
        ...child.activities(),
      },
    }),
    await Worker.create({ connection, namespace, taskQueue: talentQueue, activities: talent }),
  );
  running.push(...workers.map((worker) => worker.run()));
}, 120_000);

afterAll(async () => {
  await Promise.all(
    startedIds.map((id) =>
      client?.workflow
        .getHandle(id)
        .terminate('hours test over')
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

describe('hours confirmed by two parties, through governance', () => {
  it('seeds an hours-dispute default the policy validator accepts: 3 seats of weight 1, quorum 2', () => {
    expect(validatePolicy(HOURS_DISPUTE_POLICY, (id) => controllerOf(DEFAULT_CONTROLLER_RULES, id))).toEqual([]);
    expect(HOURS_DISPUTE_POLICY).toMatchObject({ decisionKind: 'hours-dispute', quorum: 2 });
  });

  it('recorded hours start hours/<hoursId> once; the community confirms: recorded once (community)', async () => {
    const hoursId = uniqueName('hrs');
    const event = recordedEvent(hoursId, 60_000);
    await startFor(event);
    await startFor(event); // redelivered: the same workflow
    expect(await statusOf(hoursWorkflowId(hoursId))).toBe('RUNNING');
    const answered = confirmed(hoursId);
    expect(await confirm(answered)).toBe('accepted');
    await eventually(async () => expect(await statusOf(hoursWorkflowId(hoursId))).toBe('COMPLETED'));
    expect(await confirm(answered)).toBe('accepted'); // redelivered: Temporal knows the update id, no second effect
    expect(await confirm(confirmed(hoursId))).toBe('rejected'); // a new answer after the end: settled
    expect(recordsOf(hoursId)).toEqual([{ hoursId, confirmedBy: 'community' }]);
    expect((await refusals(hoursId)).map((r) => r.data.code)).toEqual(['hours-closed']);
  });

  it('silence until confirmBy (2 s) confirms the hours: recorded once (silence)', async () => {
    const hoursId = uniqueName('hrs');
    await startFor(recordedEvent(hoursId, 2_000));
    await eventually(async () => expect(recordsOf(hoursId)).toEqual([{ hoursId, confirmedBy: 'silence' }]), {
      timeoutMs: 15_000,
    });
  });

  it('refuses another community’s answer (not-a-party) with update-rejected, and changes nothing', async () => {
    const hoursId = uniqueName('hrs');
    await startFor(recordedEvent(hoursId, 60_000));
    const foreign = confirmed(hoursId, 'community:310104-005-002');
    expect(await confirm(foreign)).toBe('rejected');
    const [refusal, ...more] = await refusals(hoursId);
    expect(more).toEqual([]);
    expect(refusal?.data).toMatchObject({
      hoursId,
      workflowId: hoursWorkflowId(hoursId),
      code: 'not-a-party',
      rejectedEventId: foreign.id,
      rejectedEventType: 'sanshe.community.hours.confirmed.v1',
    });
    expect((await client.workflow.getHandle(hoursWorkflowId(hoursId)).query(hoursStateQuery)).stage).toBe('awaiting');
  });

  it('a confirm before the workflow exists is parked, and applied when it starts', async () => {
    const hoursId = uniqueName('hrs');
    const event = recordedEvent(hoursId, 60_000);
    expect(await confirm(confirmed(hoursId))).toBe('parked');
    await startFor(event);
    await eventually(async () => expect(recordsOf(hoursId)).toEqual([{ hoursId, confirmedBy: 'community' }]));
    const [{ n }] = await dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM "${schema}".parked_hours_update WHERE workflow_id = $1`,
      [hoursWorkflowId(hoursId)],
    );
    expect(Number(n)).toBe(0);
  });

  it('a confirm parked past GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS is refused (unknown-hours) by the sweeper, once, and deleted; a fresh one stays', async () => {
    const [stale, fresh] = [uniqueName('hrs'), uniqueName('hrs')];
    const staleEvent = confirmed(stale);
    const freshEvent = confirmed(fresh);
    expect(await confirm(staleEvent)).toBe('parked');
    expect(await confirm(freshEvent)).toBe('parked');
    await dataSource.query(
      `UPDATE "${schema}".parked_hours_update SET parked_at = now() - interval '2 hours' WHERE event_id = $1`,
      [staleEvent.id],
    );

    await sweeper.sweep();
    await sweeper.sweep(); // nothing left to refuse: no second refusal

    const rejected = await refusals(stale);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].data).toMatchObject({
      hoursId: stale,
      workflowId: hoursWorkflowId(stale),
      partyId: COMMUNITY,
      castBy: COMMUNITY,
      code: 'unknown-hours',
      rejectedEventId: staleEvent.id,
      rejectedEventSource: 'sanshe/community',
      rejectedEventType: 'sanshe.community.hours.confirmed.v1',
    });
    expect(rejected[0].data.reason).toContain('GOVERNANCE_PARKED_UPDATE_MAX_AGE_MS');
    expect(await refusals(fresh)).toEqual([]);
    expect(await parkedEventIds(stale, fresh)).toEqual([freshEvent.id]);
  });

  it('reverting migration 014 refuses while hours answers are parked, naming them, and keeps the table', async () => {
    const hoursId = uniqueName('hrs');
    const event = confirmed(hoursId);
    expect(await confirm(event)).toBe('parked');
    const runner = dataSource.createQueryRunner();
    try {
      await expect(new CreateParkedHoursUpdate1795737600014().down(runner)).rejects.toThrow(
        `sanshe/community ${event.id}`,
      );
    } finally {
      await runner.release();
    }
    expect(await parkedEventIds(hoursId)).toEqual([event.id]);
  });

  it('a dispute opens the child decision under hours-dispute; a vote parked before it and a second approval: recorded (decision)', async () => {
    const hoursId = uniqueName('hrs');
    await startFor(recordedEvent(hoursId, 60_000));
    const decisionId = `decision/hours-dispute/${hoursId}`;
    const TALENT = 'talent:district-social-workers';
    const early = createEvent({
      type: 'sanshe.talent.decision.vote-cast.v1',
      source: 'sanshe/talent',
      id: uniqueName('vote'),
      subject: decisionId,
      data: { decisionId, partyId: TALENT, castBy: TALENT, choice: 'approve' },
    });
    const request = { partyId: TALENT, castBy: TALENT, choice: 'approve' as const };
    const parkedVote = await inTransaction((manager) =>
      applyDecisionUpdate.execute(manager, { decisionId, update: { kind: 'vote', request }, event: early }),
    );
    expect(parkedVote).toBe('parked'); // the child decision does not exist yet
    expect(await dispute(disputed(hoursId))).toBe('accepted');
    expect(await confirm(confirmed(hoursId))).toBe('rejected');
    expect((await refusals(hoursId)).map((r) => r.data.code)).toEqual(['hours-disputed']);

    await eventually(async () => expect(await statusOf(decisionId)).toBe('RUNNING'));
    const view = await client.workflow.getHandle(decisionId).query(stateQuery);
    expect(view).toMatchObject({ kind: 'hours-dispute', subjectId: hoursId, proposerId: 'organization:org-x' });
    expect(view.policy).toMatchObject({ policyId: 'hours-dispute.district', quorum: 2 });
    const seats = view.votes.map((v) => v.partyId);
    expect(seats).toEqual([COMMUNITY, expect.stringMatching(/^portal:street-/), 'talent:district-social-workers']);
    // The parked vote was applied once the child started (applyParkedDecisionUpdates).
    await eventually(async () => {
      const votes = (await client.workflow.getHandle(decisionId).query(stateQuery)).votes;
      expect(votes.find((v) => v.partyId === TALENT)?.choice).toBe('approve');
    });
    const street = { partyId: seats[1]!, castBy: seats[1]!, choice: 'approve' as const };
    await client.workflow.getHandle(decisionId).executeUpdate(voteUpdate, { args: [street] });
    await eventually(async () =>
      expect(recordsOf(hoursId)).toEqual([{ hoursId, confirmedBy: 'decision', decisionId }]),
    );
    const types = decisionEvents.filter((e) => e.decisionId === decisionId).map((e) => e.entry.type);
    expect(types).toEqual(expect.arrayContaining(['opened', 'decided']));
  });
});
