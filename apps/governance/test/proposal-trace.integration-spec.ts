import { finishedSpans, parentOf, stopTracing } from './trace-collector'; // first: tracing starts before Nest loads
import { SpanKind } from '@opentelemetry/api';
import { Controller, Module } from '@nestjs/common';
import { Ctx, type KafkaContext, Payload } from '@nestjs/microservices';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { contextTopic } from '@sanshe/contracts';
import { ConsumeTopic, InboxService, MESSAGING_MIGRATIONS } from '@sanshe/messaging';
import { temporalWorkerTracing } from '@sanshe/nest-platform/temporal-tracing';
import { call, type ServiceFeaturesUnderTest, startServiceFeaturesUnderTest } from '@sanshe/service-testing';
import { eventually, parseTestEnv, testWorkflowCode, uniqueName } from '@sanshe/testing';
import { type DecisionEventToPublish, streetExample, withdrawUpdate, WORKFLOWS_PATH } from '@sanshe/workflows';
// The organization service's own test harness: this one test runs both services in one process (one trace).
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  orgAdmin,
  orgStaff,
  registerOrganization,
  COMMUNITY,
  newId,
} from '../../organization/test/organization.fixtures';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { type OrganizationUnderTest, startOrganizationUnderTest } from '../../organization/test/organization-test-app';
import type { AdministrativeAreas } from '../src/administrative-areas/domain/administrative-areas';
import { OpenDecisionHandler } from '../src/decisions/application/open-decision';
import { TemporalClientHolder } from '../src/decisions/infrastructure/temporal-client-holder';
import { DECISION_OPENINGS } from '../src/decisions/interface/events/decision-openings';
import type { ControllerMap } from '../src/parties/domain/controller-map';
import type { ServiceController } from '../src/parties/domain/party-controller';
import type { PolicyRepository } from '../src/policies/domain/policy.repository';
import { serviceConfig } from './policies-test-app';

/**
 * One trace follows a proposal from organization's HTTP call to governance's decision workflow and its activity, on
 * the real PostgreSQL, Kafka and Temporal dev server, both services in this process with spans kept in memory:
 * POST /proposals/{id}/submit (HTTP server span) → the outbox row's traceparent → the relay's producer span → the
 * Kafka record → governance's consumer span around the event's inbox handling → the bridge's open-decision span →
 * the client's StartWorkflow → the workflow's RunWorkflow → StartActivity → RunActivity (publishDecisionEvent).
 * The bridge here is the real OpenDecisionHandler under a consumer of this test's own (only this test's proposal
 * is opened), with the policy, controllers and areas given, as in decision-updates.integration-spec.
 */
const servers = parseTestEnv(process.env);
const ORGANIZATION_TOPIC = contextTopic('organization');
const SUBMITTED = 'sanshe.organization.proposal.submitted.v1';
const ORG = newId('org');
const taskQueue = uniqueName('trace-it');
const published: DecisionEventToPublish[] = [];
const WITHDRAWAL = { code: 'capacity-changed', text: '原定社工离职，撤回方案。' };
/** A low-risk proposal (no venue, money or residents' data), as organization's proposals spec drafts one. */
const PROPOSAL = {
  communityCode: COMMUNITY,
  title: '社区长者午餐与探访',
  summary: 'Weekly lunch and home visits for residents over 75.',
  category: 'elderly-care',
  schedule: {
    kind: 'recurring',
    timeZone: 'Asia/Shanghai',
    recurrence: {
      ...{ startsOn: '2026-12-01', until: '2026-12-17', weekdays: [2, 4] },
      ...{ startTime: '09:30', endTime: '11:00', intervalWeeks: 1 },
    },
  },
  expectedParticipants: 30,
  staffingPlan: [{ role: 'volunteer', count: 4 }],
  usesResidentData: false,
};
let traced: string | undefined; // the proposal whose submission the bridge opens
let organization: OrganizationUnderTest;
let governance: ServiceFeaturesUnderTest;
let worker: Worker;
let running: Promise<void>;
let client: Client;
let holder: TemporalClientHolder;

function openDecisionHandler(): OpenDecisionHandler {
  holder = new TemporalClientHolder(serviceConfig, { GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS: 10_000 });
  const policies = { resolve: async () => ({ policy: streetExample.policy() }) } as unknown as PolicyRepository;
  const speaksFor = (partyId: string) => partyId.split(':', 1)[0] as ServiceController;
  const controllers = { resolver: async () => speaksFor } as unknown as ControllerMap;
  const areas = { lineage: async () => null } as unknown as AdministrativeAreas;
  return new OpenDecisionHandler(policies, holder, controllers, taskQueue, { GOVERNANCE_VOTE_GRACE_MS: 0 }, areas);
}

@Controller()
class TracedBridge {
  private readonly openDecision = openDecisionHandler();
  constructor(private readonly inbox: InboxService) {}

  @ConsumeTopic(ORGANIZATION_TOPIC)
  onEvent(@Payload() _raw: Buffer, @Ctx() context: KafkaContext) {
    return this.inbox.consume(context, {
      [SUBMITTED]: async (event) => {
        if (event.subject !== traced) return; // another test's proposal
        const opening = DECISION_OPENINGS[SUBMITTED](event.data);
        const openedBy = { eventId: event.id, type: event.type };
        expect(await this.openDecision.execute({ opening, owner: 'organization', openedBy })).toBe('started');
      },
    });
  }
}

@Module({ controllers: [TracedBridge] })
class TracedBridgeModule {}

beforeAll(async () => {
  [organization, governance] = await Promise.all([
    startOrganizationUnderTest(),
    startServiceFeaturesUnderTest({
      service: 'governance',
      migrations: [...MESSAGING_MIGRATIONS], // the bridge here needs the inbox, not governance's tables
      topics: [ORGANIZATION_TOPIC],
      consumer: { retryDelayMs: 200 },
      featureModules: () => [TracedBridgeModule],
    }),
  ]);
  worker = await Worker.create({
    connection: await NativeConnection.connect({ address: servers.TEMPORAL_ADDRESS }),
    namespace: servers.TEMPORAL_NAMESPACE,
    taskQueue,
    ...testWorkflowCode(WORKFLOWS_PATH),
    ...temporalWorkerTracing({ bundlingAtStart: !process.env.GOVERNANCE_WORKFLOW_BUNDLE }),
    activities: { publishDecisionEvent: async (event: DecisionEventToPublish) => void published.push(event) },
  });
  running = worker.run();
  client = new Client({
    connection: await Connection.connect({ address: servers.TEMPORAL_ADDRESS }),
    namespace: servers.TEMPORAL_NAMESPACE,
  });
  await registerOrganization(organization, ORG);
}, 90_000);

afterAll(async () => {
  if (traced)
    await client?.workflow
      .getHandle(`decision/activity-proposal/${traced}`)
      .terminate()
      .catch(() => 0);
  worker?.shutdown();
  await running;
  await holder?.onApplicationShutdown();
  await client?.connection.close();
  await Promise.all([organization?.close(), governance?.close()]);
  await stopTracing();
});

/** `spanId` and its ancestors' ids within `trace`, nearest first. */
function ancestry(trace: ReadableSpan[], spanId: string | undefined): (string | undefined)[] {
  const span = trace.find((s) => s.spanContext().spanId === spanId);
  return span ? [spanId, ...ancestry(trace, parentOf(span))] : [spanId];
}

describe('a proposal traced from the HTTP call to the decision workflow', () => {
  it('is one trace whose spans follow each other: HTTP, relay, Kafka, inbox, bridge, workflow, activity', async () => {
    const draft = await call(organization, 'POST', `/organizations/${ORG}/proposals`, orgStaff(ORG), PROPOSAL);
    expect(draft.status).toBe(201);
    traced = String(draft.body.proposalId);
    finishedSpans.reset(); // the registration's and the draft's requests are traces of their own
    const submit = await call(organization, 'POST', `/proposals/${traced}/submit`, orgAdmin(ORG));
    expect(submit.status).toBe(200);

    // The workflow's own span ends with the run: the proposer withdraws (an Update), so the decision closes.
    const decision = client.workflow.getHandle(`decision/activity-proposal/${traced}`);
    await eventually(() => expect(published.map((p) => p.decisionId)).toContain(decision.workflowId), {
      timeoutMs: 30_000,
    });
    await decision.executeUpdate(withdrawUpdate, { args: [{ castBy: `organization:${ORG}`, reason: WITHDRAWAL }] });
    await decision.result();
    await eventually(
      () => expect(finishedSpans.getFinishedSpans().map((s) => s.name)).toContain('RunWorkflow:decisionWorkflow'),
      { timeoutMs: 30_000 },
    );

    const [event] = (await organization.outboxOf(traced)).filter((e) => e.type === SUBMITTED);
    const spans = finishedSpans.getFinishedSpans();
    const named = spans.map((s) => `${s.name} ${s.spanContext().spanId} <- ${parentOf(s) ?? 'root'}`);
    const http = spans.find((s) => s.name.startsWith('POST') && s.kind === SpanKind.SERVER);
    if (!http) throw new Error(`no HTTP server span among ${named.join(', ')}`);
    const trace = spans.filter((s) => s.spanContext().traceId === http.spanContext().traceId);
    const childOf = (parent: ReadableSpan | undefined, name: string) => {
      const child = trace.find((s) => s.name === name && parentOf(s) === parent?.spanContext().spanId);
      if (!child) throw new Error(`no ${name} under ${parent?.name ?? 'nothing'} in ${named.join(', ')}`);
      return child;
    };
    // The event carries the context of the HTTP call it was written in (its span, or a descendant: Express's);
    // the relay's span continues it.
    const [, traceId, writtenIn] = event?.traceparent?.split('-') ?? [];
    expect(traceId).toBe(http.spanContext().traceId);
    expect(ancestry(trace, writtenIn)).toContain(http.spanContext().spanId);
    const relay = trace.find((s) => s.name === `publish ${ORGANIZATION_TOPIC}` && parentOf(s) === writtenIn);
    // Then each span is a child of the one before it, all in the HTTP call's trace.
    let parent = relay;
    for (const name of [
      `process ${SUBMITTED}`,
      'governance.bridge open-decision',
      'StartWorkflow:decisionWorkflow',
      'RunWorkflow:decisionWorkflow',
      'StartActivity:publishDecisionEvent',
      'RunActivity:publishDecisionEvent',
    ])
      parent = childOf(parent, name);
    expect(published.map((p) => p.decisionId)).toContain(`decision/activity-proposal/${traced}`);
  });
});
