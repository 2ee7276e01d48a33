import { Client, Connection } from '@temporalio/client';
import {
  type DecisionPolicy,
  type DecisionPolicyInput,
  portalCommandsTopic,
  portalDecisionPolicySetRequested,
  portalRepliesTopic,
  type SansheEvent,
} from '@sanshe/contracts';
import { ensureTopics } from '@sanshe/messaging';
import { TemporalWorkerModule } from '@sanshe/nest-platform';
import { type ServiceFeaturesUnderTest, startServiceFeaturesUnderTest } from '@sanshe/service-testing';
import {
  bearer,
  eventually,
  parseTestEnv,
  readTopicsToHighWaterMarks,
  testKafka,
  testPlatformEndpoint,
  testTopic,
  testWorkflowCode,
  topicEnds,
  uniqueName,
} from '@sanshe/testing';
import { CommunityCodeKey, stateQuery, streetExample, WORKFLOWS_PATH } from '@sanshe/workflows';
import { migrations } from '../migrations';
import { loadGovernanceConfig } from '../src/config/governance-config';
import { GovernanceConfigModule } from '../src/config/governance-config.module';
import { DecisionsModule } from '../src/decisions/decisions.module';
import { GovernanceActivities } from '../src/decisions/infrastructure/governance-activities';
import { bridgeTopics } from '../src/decisions/interface/events/decision-bridge.controller';
import { FilingsModule } from '../src/filings/filings.module';
import { PartiesModule } from '../src/parties/parties.module';
import { PoliciesModule } from '../src/policies/policies.module';
import { PortalCommandsModule } from '../src/portal-commands/portal-commands.module';
import { PortalsModule } from '../src/portals/portals.module';

/**
 * A registered street office's commands on the real servers (docs/events.md, "Portal commands and replies"):
 * governance's bridge, portal registry and portal commands on a schema, consumer group and Temporal task queue
 * of this run's own, with a worker of the real decision workflow. The office sets a policy of its street,
 * arbitrates an escalated decision of its street (and sends it once more without its reason, which its contract
 * refuses), votes on one of another street, and asks for a report; its
 * replies topic, read to the high-water marks, holds exactly one reply per command, with the right codes.
 */
const servers = parseTestEnv(process.env);
const PORTAL = uniqueName('street-it');
const PARTY = `portal:${PORTAL}`;
/** A portal the bridge hears from boot without a registration (as through GOVERNANCE_PORTALS). */
const HEARD = uniqueName('heard-it');
const SOURCE = `portal/${PORTAL}`;
const taskQueue = uniqueName('portal-commands-it');
const OWN_COMMUNITY = '310104-005-001';
const OTHER_COMMUNITY = '310104-011-001';

let svc: ServiceFeaturesUnderTest;
let temporal: Client;
const kafka = testKafka(PORTAL);

const governanceEnv = {
  GOVERNANCE_TASK_QUEUE: taskQueue,
  GOVERNANCE_VOTE_GRACE_MS: '0',
  GOVERNANCE_TEMPORAL_CALL_TIMEOUT_MS: '5000',
};

beforeAll(async () => {
  await ensureTopics(testPlatformEndpoint(), [portalCommandsTopic(PORTAL), portalRepliesTopic(PORTAL)]);
  temporal = new Client({
    connection: await Connection.connect({ address: servers.TEMPORAL_ADDRESS }),
    namespace: servers.TEMPORAL_NAMESPACE,
  });
  svc = await startServiceFeaturesUnderTest(
    {
      service: 'governance',
      migrations,
      topics: bridgeTopics([PORTAL, HEARD]),
      consumer: { retryDelayMs: 200, retryMaxDelayMs: 2_000, deadLetterAfterMs: 60_000 },
      featureModules: (env) => {
        const governance = loadGovernanceConfig(env);
        const portalIds = [PORTAL, HEARD];
        const decisions = DecisionsModule.forRoot({ portalIds, taskQueue, temporalUiWorkflowsUrl: 'x' });
        return [
          GovernanceConfigModule.forRoot(governance),
          PartiesModule.forRoot(governance.GOVERNANCE_PARTY_CONTROLLERS),
          PortalsModule,
          PoliciesModule,
          decisions,
          FilingsModule.forRoot(decisions),
          PortalCommandsModule.forRoot(decisions, portalIds),
          TemporalWorkerModule.forRootAsync({
            imports: [decisions],
            inject: [GovernanceActivities],
            useFactory: (activities: GovernanceActivities) => ({
              address: servers.TEMPORAL_ADDRESS,
              namespace: servers.TEMPORAL_NAMESPACE,
              taskQueue,
              ...testWorkflowCode(WORKFLOWS_PATH),
              activities: activities.activities(),
            }),
          }),
        ];
      },
    },
    { env: governanceEnv },
  );
  // The street office, registered as an operator does (its channels are the bridge's from the start).
  const token = await svc.token({ sub: 'operator-1', parties: [], roles: ['operator'] });
  const registration = {
    portalId: PORTAL,
    name: '斜土路街道办事处',
    kind: 'street-office',
    jurisdiction: ['310104-005'],
    kafkaPrincipal: `User:${PORTAL}`,
  };
  const registered = await fetch(`${svc.baseUrl}/portals`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify(registration),
  });
  expect(registered.status).toBe(201);
}, 90_000);

afterAll(async () => {
  await svc?.close();
  await temporal?.connection.close();
});

/** A command of the office's, on its own commands topic. */
const send = <T extends Parameters<ServiceFeaturesUnderTest['publish']>[2]['type']>(
  type: T,
  subject: string,
  data: Parameters<ServiceFeaturesUnderTest['publish']>[2]['data'],
) => svc.publish(portalCommandsTopic(PORTAL), SOURCE, { type, subject, id: uniqueName('cmd'), data } as never);

/** Every seat silent for a second: no quorum, so the decision goes to the office as its arbiter. */
function quickPolicy(communityCode: string): DecisionPolicy {
  return streetExample.policy({
    policyId: uniqueName('portal-it'),
    version: 1,
    communityCode,
    parties: streetExample.policy().parties.map((seat) => ({ ...seat, voteWindowHours: 1 / 3600 })),
    escalation: [{ arbiterId: PARTY, title: 'street office', deadlineHours: 1, defaultOutcome: 'rejected' }],
  });
}

/** The office's own street's activity-proposal policy: its contract's example, the office its arbiter. */
function streetPolicy(): DecisionPolicyInput {
  const { policy } = portalDecisionPolicySetRequested.example;
  return {
    ...policy,
    policyId: uniqueName('street-policy'),
    escalation: policy.escalation.map((step) => ({ ...step, arbiterId: PARTY })),
  };
}

/** A decision started as the bridge starts one, in `communityCode`, under `policy`. */
async function openDecision(communityCode: string, policy: DecisionPolicy) {
  const subjectId = uniqueName('prop');
  const input = { ...streetExample.decisionInput(subjectId, policy), communityCode, voteGraceMs: 0 };
  await temporal.workflow.start('decisionWorkflow', {
    taskQueue,
    workflowId: input.decisionId,
    args: [input],
    typedSearchAttributes: [{ key: CommunityCodeKey, value: communityCode }],
    workflowExecutionTimeout: '5 minutes',
  });
  return input.decisionId;
}

describe('the portals heard from boot', () => {
  it('have their replies topics made, registered or not, so that their replies can be relayed', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).toEqual(expect.arrayContaining([testTopic(portalRepliesTopic(HEARD))]));
    } finally {
      await admin.disconnect();
    }
  });
});

describe("a registered street office's commands", () => {
  it('are each answered exactly once on its replies topic: accepted in its street, outside-jurisdiction elsewhere', async () => {
    const own = await openDecision(OWN_COMMUNITY, quickPolicy(OWN_COMMUNITY));
    const other = await openDecision(OTHER_COMMUNITY, quickPolicy(OTHER_COMMUNITY));

    const policy = streetPolicy();
    const setPolicy = await send('sanshe.portal.decision-policy.set-requested.v1', policy.policyId, {
      policyId: policy.policyId,
      castBy: PARTY,
      policy,
    });
    const vote = await send('sanshe.portal.decision.vote-cast.v1', other, {
      decisionId: other,
      partyId: PARTY,
      castBy: PARTY,
      choice: 'approve',
    });
    await eventually(
      async () => expect((await temporal.workflow.getHandle(own).query(stateQuery)).stage).toBe('escalated'),
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    const arbitration = await send('sanshe.portal.decision.arbitrated.v1', own, {
      decisionId: own,
      arbiterId: PARTY,
      castBy: PARTY,
      result: 'approved',
      reason: '街道审核通过',
    });
    const today = new Date().toISOString().slice(0, 10);
    const report = await send('sanshe.portal.report.requested.v1', PORTAL, {
      portalId: PORTAL,
      castBy: PARTY,
      reportKind: 'decisions',
      from: today,
      to: today,
    });
    // An arbitration without its reason: its contract refuses it, and the inbox answers it (answerInvalidData).
    const invalid = { ...arbitration, id: uniqueName('cmd'), data: { ...arbitration.data, reason: undefined } };
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: testTopic(portalCommandsTopic(PORTAL)),
      // The set-policy command once more, as a portal resends after a timeout: one effect, two identical replies.
      messages: [
        { key: own, value: JSON.stringify(invalid) },
        { key: policy.policyId, value: JSON.stringify(setPolicy) },
      ],
    });
    await producer.disconnect();
    const commands = [setPolicy, vote, arbitration, report, invalid];

    const replies = await eventually(
      async () => {
        const records = await readTopicsToHighWaterMarks(
          kafka,
          new Map(),
          await topicEnds(kafka, testTopic(portalRepliesTopic(PORTAL))),
        );
        const events = records.map((r) => JSON.parse(r.value) as SansheEvent);
        const answered = new Set(events.map((e) => (e.data as { commandId: string }).commandId));
        expect(commands.filter((c) => !answered.has(c.id))).toEqual([]);
        expect(events.filter((e) => (e.data as { commandId: string }).commandId === setPolicy.id)).toHaveLength(2);
        return events;
      },
      { timeoutMs: 15_000, intervalMs: 500 },
    );
    const repliesTo = (command: { id: string }) =>
      replies
        .filter((e) => e.type !== 'sanshe.governance.portal.report-issued.v1')
        .filter((e) => (e.data as { commandId: string }).commandId === command.id)
        .map((e) => ({ type: e.type, subject: e.subject, data: e.data }));

    const setPolicyReplies = replies.filter((e) => (e.data as { commandId: string }).commandId === setPolicy.id);
    expect(setPolicyReplies[1]).toEqual(setPolicyReplies[0]); // the same id, time and data: sent again as stored
    const policyAccepted = {
      type: 'sanshe.governance.portal.command-accepted.v1',
      subject: setPolicy.id,
      data: expect.objectContaining({ result: { policyId: policy.policyId, policyVersion: 1, created: true } }),
    };
    expect(repliesTo(setPolicy)).toEqual([policyAccepted, policyAccepted]);
    expect(repliesTo(vote)).toEqual([
      {
        type: 'sanshe.governance.portal.command-rejected.v1',
        subject: vote.id,
        data: expect.objectContaining({ code: 'outside-jurisdiction', portalId: PORTAL }),
      },
    ]);
    expect(repliesTo(arbitration)).toEqual([
      {
        type: 'sanshe.governance.portal.command-accepted.v1',
        subject: arbitration.id,
        data: expect.objectContaining({ result: { decisionId: own } }),
      },
    ]);
    expect(repliesTo(invalid)).toEqual([
      {
        type: 'sanshe.governance.portal.command-rejected.v1',
        subject: invalid.id,
        data: expect.objectContaining({
          code: 'schema-invalid',
          reason: expect.stringContaining('/data/reason is required') as unknown,
        }),
      },
    ]);
    const [accepted] = repliesTo(report);
    expect(repliesTo(report)).toHaveLength(1);
    const reportId = (accepted?.data as unknown as { result: { reportId: string } }).result.reportId;
    expect(replies.filter((e) => e.type === 'sanshe.governance.portal.report-issued.v1')).toEqual([
      expect.objectContaining({ subject: reportId, data: expect.objectContaining({ jurisdiction: ['310104-005'] }) }),
    ]);
    // Nothing was applied outside the street: the other decision still waits for its votes.
    expect((await temporal.workflow.getHandle(other).query(stateQuery)).tally.approve).toBe(0);
    const stored = await svc.query<{ created_by: string }>(
      `SELECT created_by FROM "${svc.schema}".decision_policy WHERE policy_id = $1`,
      [policy.policyId],
    );
    expect(stored).toEqual([{ created_by: PARTY }]); // one effect of the command sent twice
  }, 40_000);
});
