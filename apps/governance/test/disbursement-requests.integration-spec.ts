import { createHash } from 'node:crypto';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createEvent, type EventType, type SansheEvent } from '@sanshe/contracts';
import { type Delivery, type EventHandler, type EventHandlers, OutboxWriter } from '@sanshe/messaging';
import { HealthRegistry } from '@sanshe/nest-platform';
import { migrate, serviceDataSourceOptions } from '@sanshe/persistence';
import { eventually, parseTestEnv, uniqueName, testWorkflowCode } from '@sanshe/testing';
import {
  type DecisionEventToPublish,
  type DisbursementInput,
  disbursementStartOptions,
  disbursementStateQuery,
  disbursementWorkflowId,
  type FundingActivities,
  stateQuery,
  voteUpdate,
  WORKFLOWS_PATH,
} from '@sanshe/workflows';
import { migrations } from '../migrations';
import { PostgresAdministrativeAreas } from '../src/administrative-areas/infrastructure/postgres-administrative-areas';
import { ApplyDecisionUpdateHandler } from '../src/decisions/application/apply-decision-update';
import { ApplyParkedUpdatesHandler } from '../src/decisions/application/apply-parked-updates';
import { ChannelCheck } from '../src/decisions/application/channel-check';
import { RejectDecisionEventHandler } from '../src/decisions/application/reject-decision-event';
import type { BridgePortals } from '../src/decisions/domain/bridge-portals';
import { PostgresParkedUpdateRepository } from '../src/decisions/infrastructure/postgres-parked-update.repository';
import { PostgresPendingDecisionRepository } from '../src/decisions/infrastructure/postgres-pending-decision.repository';
import { TemporalClientHolder } from '../src/decisions/infrastructure/temporal-client-holder';
import { ApplyDisbursementRequestHandler } from '../src/disbursements/application/apply-disbursement-request';
import { ApplyEvidenceHandler } from '../src/disbursements/application/apply-evidence';
import { RefuseDisbursementRequestHandler } from '../src/disbursements/application/refuse-disbursement-request';
import { RefuseExpiredParkedEvidenceHandler } from '../src/disbursements/application/refuse-expired-parked-evidence';
import { StartDisbursementHandler } from '../src/disbursements/application/start-disbursement';
import { DisbursementActivitiesProvider } from '../src/disbursements/infrastructure/disbursement-activities';
import { DisbursementGrants } from '../src/disbursements/infrastructure/disbursement-grants';
import { ParkedDisbursementEvidence } from '../src/disbursements/infrastructure/parked-disbursement-evidence';
import { disbursementEventHandlers } from '../src/disbursements/interface/events/disbursement-events';
import { disbursementRequestEventHandlers } from '../src/disbursements/interface/events/disbursement-request-events';
import { ChildDecisionActivitiesProvider } from '../src/hours/infrastructure/child-decision-activities';
import type { ControllerMap } from '../src/parties/domain/controller-map';
import { controllerOf, DEFAULT_CONTROLLER_RULES } from '../src/parties/domain/party-controller';
import { PostgresPolicyRepository } from '../src/policies/infrastructure/postgres-policy.repository';
import { serviceConfig } from './policies-test-app';

/**
 * The parties' requests to a grant's disbursement, through governance's handlers as the bridge calls them (each
 * in its own inbox-like transaction, with the real channel check on the seeded controllers), on the real
 * PostgreSQL (governance's migrations in a schema of this run's own, the seeded disbursement policies) and the
 * real Temporal dev server: governance's worker on a task queue of this run's own (the real disbursement and
 * decision workflows, the real disbursement and child-decision activities; decision events are collected), and
 * a small worker on this run's own funding task queue reserving its grants (nothing waits for it: runs that need a
 * later stage start past their reservation, as after continue-as-new). The workflow's facts and refusals are
 * read from governance's outbox, which the relay publishes to Kafka.
 */
const servers = parseTestEnv(process.env);
const schema = uniqueName('governance_disbreq').replace(/-/g, '_');
const taskQueue = uniqueName('disbursement-req-it');
/** Funding's task queue for this run's disbursements alone (GOVERNANCE_FUNDING_TASK_QUEUE): no other poller. */
const fundingQueue = uniqueName('funding-disbreq-it');
const grantPrefix = uniqueName('grant-rq');
const C = '310104-005-001';
const COMMUNITY = `community:${C}`;
const RESIDENTS = `residents:${C}`;
const FUNDER = 'funder:district-civil-affairs-fund';
const REASON = { code: 'evidence-false', text: '签到表与现场照片不符，服务人次存疑' };
let dataSource: DataSource;
let client: Client;
let holder: TemporalClientHolder;
let handlers: EventHandlers;
let refuseExpired: RefuseExpiredParkedEvidenceHandler;
const workers: Worker[] = [];
const running: Promise<void>[] = [];
const startedIds: string[] = [];
const decisionEvents: DecisionEventToPublish[] = [];

const sha = (text: string) => createHash('sha256').update(`${schema}/${text}`).digest('hex');
const outboxOf = async (grantId: string, type: string) =>
  (
    await dataSource.query<{ payload: string }[]>(
      `SELECT payload FROM "${schema}".outbox WHERE event_type = $1 ORDER BY position`,
      [`sanshe.governance.disbursement.${type}.v1`],
    )
  )
    .map((row) => JSON.parse(row.payload) as SansheEvent & { data: Record<string, unknown> })
    .filter((event) => event.subject === grantId);
const topicOf = (source: string) =>
  source.startsWith('portal/') ? `sanshe.portal.${source.slice(7)}.commands` : `${source.replace('/', '.')}.events`;
/** As the bridge's inbox runs a handler: in one transaction, read from `topic` (by default the source's own). */
const handle = (event: SansheEvent<EventType>, topic = topicOf(event.source)) =>
  dataSource.transaction((manager) => {
    const delivery: Delivery = { topic, partition: 0, offset: '1', timestamp: '0' };
    return (handlers[event.type] as EventHandler<EventType>)(event, manager, delivery);
  });
const handleOf = (grantId: string) => client.workflow.getHandle(disbursementWorkflowId(grantId));
const stateOf = (grantId: string) => handleOf(grantId).query(disbursementStateQuery);
const statusOf = async (workflowId: string) => {
  try {
    return (await client.workflow.getHandle(workflowId).describe()).status.name;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
};

const tranches = [
  { trancheNo: 1, amount: { amountFen: 100_000, currency: 'CNY' }, milestone: '项目启动', dueDate: '2027-01-31' },
  { trancheNo: 2, amount: { amountFen: 200_000, currency: 'CNY' }, milestone: '结项验收', dueDate: '2027-07-31' },
];
const activated = (grantId: string, organizationId = 'org-xinhua-elderly-care') => {
  startedIds.push(disbursementWorkflowId(grantId));
  return createEvent({
    type: 'sanshe.funding.grant.activated.v1',
    source: 'sanshe/funding',
    id: uniqueName('activated'),
    subject: grantId,
    data: {
      ...{ grantId, programId: 'prog-2026-elderly-care', organizationId, communityCode: C },
      ...{ decisionId: `decision/grant-award/${grantId}`, amount: { amountFen: 300_000, currency: 'CNY' }, tranches },
      ...{ funderId: FUNDER, noticeWorkingDays: 5 },
    },
  });
};
const evidencePackage = (grantId: string, organizationId = 'org-xinhua-elderly-care') =>
  createEvent({
    type: 'sanshe.organization.milestone.evidence-submitted.v1',
    source: 'sanshe/organization',
    id: uniqueName('package'),
    subject: grantId,
    data: {
      ...{ packageId: uniqueName('evp'), grantId, trancheNo: 1, organizationId },
      ...{ submittedBy: `organization:${organizationId}`, castBy: `organization:${organizationId}` },
      summary: '项目启动报告：签到表与回访记录',
      evidence: [{ sha256: sha(`${grantId}/report`), title: '启动报告', kind: 'report' as const }],
    },
  });
const objection = (grantId: string, partyId = RESIDENTS) =>
  createEvent({
    type: 'sanshe.community.disbursement.objection-raised.v1',
    source: 'sanshe/community',
    id: uniqueName('objection'),
    subject: grantId,
    data: { grantId, trancheNo: 1, partyId, castBy: partyId, reason: REASON },
  });
const cancellation = (grantId: string, partyId = FUNDER) =>
  createEvent({
    type: 'sanshe.funding.disbursement.cancellation-requested.v1',
    source: 'sanshe/funding',
    id: uniqueName('cancel'),
    subject: grantId,
    data: {
      grantId,
      partyId,
      castBy: partyId,
      reason: { code: 'budget-withdrawn', text: '区财政年中调整，剩余资金收回' },
    },
  });
const clawback = (grantId: string, trancheNo: number) =>
  createEvent({
    type: 'sanshe.community.disbursement.clawback-proposed.v1',
    source: 'sanshe/community',
    id: uniqueName('clawback'),
    subject: grantId,
    data: {
      grantId,
      trancheNo,
      amount: { amountFen: 50_000, currency: 'CNY' },
      partyId: COMMUNITY,
      castBy: COMMUNITY,
      reason: REASON,
    },
  });

/**
 * `disbursement/<grantId>` started as a run after continue-as-new is (`carried`): no reservation, so a run reaches
 * a later tranche without waiting for funding. `paid` tranches are paid already; the next one awaits evidence.
 */
async function startPastReservation(grantId: string, paid: { trancheNo: number; amountFen: number }[] = []) {
  const input: DisbursementInput = {
    ...{ grantId, programId: 'prog-2026-elderly-care', organizationId: 'org-xinhua-elderly-care', communityCode: C },
    ...{ funderId: FUNDER, amount: { amountFen: 300_000, currency: 'CNY' }, noticeWorkingDays: 5 },
    tranches: tranches.map((t) => ({ ...t, amountFen: t.amount.amountFen })),
    fundingTaskQueue: fundingQueue,
    carried: {
      ...{ trancheIndex: paid.length, factCounts: {}, cancellationRounds: 0, clawbacks: [] },
      paid: paid.map((tranche, i) => ({ ...tranche, paymentId: `pay-${i + 1}` })),
    },
  };
  startedIds.push(disbursementWorkflowId(grantId));
  await client.workflow.start('disbursementWorkflow', disbursementStartOptions(input, taskQueue));
  await eventually(async () => expect((await stateOf(grantId)).stage).toBe('awaiting-evidence'));
}

/** Approves a tranche's verification as its seated parties would, until the decision settles. */
async function approveVerification(decisionId: string): Promise<void> {
  startedIds.push(decisionId);
  const decision = client.workflow.getHandle(decisionId);
  await eventually(async () => expect((await decision.query(stateQuery)).outcome).toBeNull(), { timeoutMs: 20_000 });
  for (const partyId of [FUNDER, COMMUNITY, RESIDENTS, 'talent:independent-assessor']) {
    if ((await decision.query(stateQuery)).outcome) break;
    await decision.executeUpdate(voteUpdate, { args: [{ partyId, castBy: partyId, choice: 'approve' }] });
  }
}

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
  const controllers = {
    resolver: async () => (partyId: string) => controllerOf(DEFAULT_CONTROLLER_RULES, partyId),
  } as ControllerMap;
  const portals = { heard: [], unheard: async () => [] } as unknown as BridgePortals;
  const channels = new ChannelCheck(controllers, new HealthRegistry(), portals);
  const refuse = new RefuseDisbursementRequestHandler(outbox);
  const parked = new ParkedDisbursementEvidence(dataSource);
  const grants = new DisbursementGrants(dataSource);
  const applyEvidence = new ApplyEvidenceHandler(holder, parked, refuse);
  const start = new StartDisbursementHandler(holder, applyEvidence, grants, taskQueue, {
    GOVERNANCE_FUNDING_TASK_QUEUE: fundingQueue,
  });
  const apply = new ApplyDisbursementRequestHandler(holder);
  handlers = {
    ...disbursementEventHandlers({ start, applyEvidence, channels, refuse }),
    ...disbursementRequestEventHandlers({ apply, refuse, channels, grants, controllers }),
  };
  refuseExpired = new RefuseExpiredParkedEvidenceHandler(dataSource, parked, refuse, {
    GOVERNANCE_PARKED_DISBURSEMENT_TTL_HOURS: 1,
  });

  const decisionParked = new PostgresParkedUpdateRepository(dataSource);
  const pending = new PostgresPendingDecisionRepository(dataSource);
  const applyUpdate = new ApplyDecisionUpdateHandler(
    holder,
    new RejectDecisionEventHandler(outbox),
    pending,
    decisionParked,
  );
  const applyParked = new ApplyParkedUpdatesHandler(decisionParked, applyUpdate);
  const policies = new PostgresPolicyRepository(dataSource);
  const areas = new PostgresAdministrativeAreas(dataSource);
  const child = new ChildDecisionActivitiesProvider(dataSource, policies, areas, controllers, applyParked, config);
  const disbursement = new DisbursementActivitiesProvider(dataSource, outbox);
  const funding: Pick<FundingActivities, 'reserveGrantBudget'> = {
    reserveGrantBudget: async ({ grantId }) => {
      if (!grantId.startsWith(grantPrefix)) throw ApplicationFailure.retryable(`not this test's grant ${grantId}`);
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
      activities: {
        publishDecisionEvent: async (event: DecisionEventToPublish) => void decisionEvents.push(event),
        ...child.activities(),
        ...disbursement.activities(),
      },
    }),
    await Worker.create({ connection, namespace, taskQueue: fundingQueue, activities: funding }),
  );
  running.push(...workers.map((worker) => worker.run()));
}, 120_000);

afterAll(async () => {
  await Promise.all(
    startedIds.map((id) =>
      client?.workflow
        .getHandle(id)
        .terminate('disbursement requests test over')
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

describe('the parties’ requests to a disbursement, through governance', () => {
  it('an evidence package is accepted; in notice, an objection on the wrong channel is refused and changes nothing, a seated party’s reopens verification', async () => {
    const grantId = `${grantPrefix}-objection`;
    await startPastReservation(grantId);
    const submitted = evidencePackage(grantId);
    await handle(submitted);
    const [accepted] = await outboxOf(grantId, 'evidence-accepted');
    expect(accepted?.data).toMatchObject({ source: { type: 'evidence-package', id: submitted.data.packageId } });

    await approveVerification(`decision/milestone-verification/${grantId}.t1`);
    await eventually(async () => expect((await stateOf(grantId)).stage).toBe('notice'), { timeoutMs: 20_000 });

    const misrouted = objection(grantId);
    await handle(misrouted, 'sanshe.talent.events'); // residents speak only through the community service
    const [refused, ...moreRefused] = await outboxOf(grantId, 'request-refused');
    expect(moreRefused).toEqual([]);
    expect(refused?.data).toMatchObject({ requestEventId: misrouted.id, partyId: RESIDENTS, code: 'wrong-channel' });
    expect(await stateOf(grantId)).toMatchObject({ stage: 'notice', objections: [] });

    const raised = objection(grantId);
    await handle(raised);
    await handle(raised); // redelivered: the update id is the event's identity, one objection
    await eventually(async () => expect((await outboxOf(grantId, 'objection-upheld')).length).toBe(1));
    const state = await stateOf(grantId);
    expect(state.objections).toEqual([expect.objectContaining({ partyId: RESIDENTS, trancheNo: 1 })]);
    expect((await outboxOf(grantId, 'request-refused')).map((e) => e.data.requestEventId)).toEqual([misrouted.id]);
    startedIds.push(`decision/milestone-verification/${grantId}.t1.r2`);
    await eventually(async () =>
      expect(await statusOf(`decision/milestone-verification/${grantId}.t1.r2`)).toBe('RUNNING'),
    );
  });

  it('the funder’s cancellation request opens decision/grant-cancellation/<grantId>; another funder’s is refused not-funder', async () => {
    const grantId = `${grantPrefix}-cancel`;
    await handle(activated(grantId));
    // Whatever its stage (funding may not have answered the reservation yet): a cancellation is asked at any.
    const stranger = cancellation(grantId, 'funder:another-fund');
    await handle(stranger);
    const [refused] = await outboxOf(grantId, 'request-refused');
    expect(refused?.data).toMatchObject({ requestEventId: stranger.id, code: 'not-funder' });

    await handle(cancellation(grantId));
    const decisionId = `decision/grant-cancellation/${grantId}`;
    startedIds.push(decisionId);
    await eventually(async () => expect(await statusOf(decisionId)).toBe('RUNNING'), { timeoutMs: 20_000 });
    expect((await stateOf(grantId)).cancellation).not.toBeNull();
    const again = cancellation(grantId); // a second request while the first is being decided
    await handle(again);
    const answers = (await outboxOf(grantId, 'request-refused')).map((e) => e.data);
    expect(answers).toEqual([
      expect.objectContaining({ requestEventId: stranger.id, code: 'not-funder' }),
      expect.objectContaining({ requestEventId: again.id, partyId: FUNDER, code: 'cancellation-pending' }),
    ]);
  });

  it('a clawback proposal of a paid tranche opens decision/grant-clawback/<grantId>.t1; one of an unpaid tranche is refused not-paid', async () => {
    const grantId = `${grantPrefix}-clawback`;
    await startPastReservation(grantId, [{ trancheNo: 1, amountFen: 100_000 }]); // tranche 1 paid

    const unpaid = clawback(grantId, 2);
    await handle(unpaid); // the validator's rejection of a started Update is answered
    const [refused] = await outboxOf(grantId, 'request-refused');
    expect(refused?.data).toMatchObject({ requestEventId: unpaid.id, partyId: COMMUNITY, code: 'not-paid' });

    await handle(clawback(grantId, 1));
    const decisionId = `decision/grant-clawback/${grantId}.t1`;
    startedIds.push(decisionId);
    await eventually(async () => expect(await statusOf(decisionId)).toBe('RUNNING'), { timeoutMs: 20_000 });
    expect(await outboxOf(grantId, 'request-refused')).toHaveLength(1);
  });

  it('an organization’s deregistration asks a cancellation of its grant (cause organization-deregistered)', async () => {
    const grantId = `${grantPrefix}-dereg`;
    const organizationId = uniqueName('org-closing');
    await handle(activated(grantId, organizationId));
    // Whatever its stage (funding may not have answered the reservation yet): a cancellation is asked at any.
    const updated = createEvent({
      type: 'sanshe.organization.organization.updated.v1',
      source: 'sanshe/organization',
      id: uniqueName('org-updated'),
      subject: organizationId,
      data: {
        ...{ organizationId, name: '即将注销的服务中心', type: 'private-non-enterprise', status: 'deregistered' },
        ...{ registrationDistrictCode: '310104', communitiesServed: [C], grade: null, revision: 5 },
      },
    });
    await handle(updated);
    await handle(updated); // redelivered: one request, one decision
    const decisionId = `decision/grant-cancellation/${grantId}`;
    startedIds.push(decisionId);
    await eventually(async () => expect(await statusOf(decisionId)).toBe('RUNNING'), { timeoutMs: 20_000 });
    expect(await outboxOf(grantId, 'request-refused')).toEqual([]);
  });

  it('evidence for a grant that never starts is refused unknown-grant once past its TTL; fresher evidence stays parked', async () => {
    const [stale, fresh] = [`${grantPrefix}-never`, `${grantPrefix}-later`];
    const staleEvent = evidencePackage(stale);
    await handle(staleEvent);
    await handle(evidencePackage(fresh));
    await dataSource.query(
      `UPDATE "${schema}".parked_disbursement_evidence SET parked_at = now() - interval '2 hours' WHERE event_id = $1`,
      [staleEvent.id],
    );
    expect(await refuseExpired.execute()).toBe(1); // TTL 1 h
    expect(await refuseExpired.execute()).toBe(0);
    const refused = await outboxOf(stale, 'request-refused');
    expect(refused.map((e) => e.data)).toEqual([
      expect.objectContaining({
        requestEventId: staleEvent.id,
        requestType: 'sanshe.organization.milestone.evidence-submitted.v1',
        partyId: 'organization:org-xinhua-elderly-care',
        code: 'unknown-grant',
      }),
    ]);
    const left = await dataSource.query<{ workflow_id: string }[]>(
      `SELECT workflow_id FROM "${schema}".parked_disbursement_evidence`,
    );
    expect(left.map((row) => row.workflow_id)).toEqual([disbursementWorkflowId(fresh)]);
  });
});
