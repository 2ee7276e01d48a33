import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import {
  contextTopic,
  type DecisionPolicyInput,
  type EventType,
  type NewEvent,
  portalRepliesTopic,
} from '@sanshe/contracts';
import { stopApp } from '@sanshe/infra';
import { ensureTopics } from '@sanshe/messaging';
import {
  bearer,
  devToken,
  DISTRICT_POLICY_ADMIN,
  eventually,
  parseTestEnv,
  testPlatformEndpoint,
  uniqueName,
} from '@sanshe/testing';
import { auditQuery, decisionWorkflowId, findBrokenLink, stateQuery } from '@sanshe/workflows';
import { governanceEventsAbout } from './governance-events';
import { governanceGroupAtTopicEnds, governanceUnderTest, removePoliciesAfterAll } from './governance-under-test';

/**
 * A street office bound by `{streetCode}` arbitrates its own community's escalated decision, through the
 * governance process on the real servers. The hierarchy reaches governance as the community service's
 * events (district 310104, streets 310104-005 and -006, community 310104-005-001); after a restart
 * governance hears both streets' offices without GOVERNANCE_PORTALS. Under a street-scoped policy whose
 * arbiter is `portal:street-{streetCode}`, a tie escalates to portal:street-310104-005; the -006 office
 * ruling as itself is `not-the-arbiter`, naming -005 on its own topic is `wrong-channel`; -005 decides.
 * The offices act through the real portal-sim (its package.json bin, child processes): each `send arbitrate`
 * waits for its reply on the office's replies topic, prints it and exits 1 (rejected) or 0 (accepted); the
 * office's `inbox` lists the escalated decision and its `listen` prints its accepted reply and the decision.
 *
 * The policy is data-access (no other serial test opens one in this street) and is removed afterwards,
 * so that the shared schema keeps no short-window policy for street 310104-005.
 */
const SECOND_IN_HOURS = 1 / 3600;
const [DISTRICT, STREET, OTHER_STREET, COMMUNITY] = ['310104', '310104-005', '310104-006', '310104-005-001'];
const OFFICE = `street-${STREET}`;
const OTHER_OFFICE = `street-${OTHER_STREET}`;
const POLICY_ID = `data-access.e2e-street-${STREET}`;
const ROOT = resolve(__dirname, '../../..');

/** The CLIs still running: a failed test must not leave a listener behind. */
const running = new Set<ChildProcess>();
afterAll(() => running.forEach((child) => child.kill()));

/** Starts the portal-sim CLI as a portal developer runs it (its package.json bin), on the suite's Kafka. */
function startPortalSim(portalId: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const kafka = { KAFKA_BROKERS: parseTestEnv(process.env).KAFKA_BROKERS.join(',') };
  const child = spawn(process.execPath, ['apps/portal-sim/bin/portal-sim.js', '--portal', portalId, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...kafka, ...env },
  });
  running.add(child);
  child.on('close', () => running.delete(child));
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code, ...output }));
  });
  return { child, output, exited };
}
const portalSim = (portalId: string, args: string[], env?: NodeJS.ProcessEnv) =>
  startPortalSim(portalId, args, env).exited;

/** One printed reply line: time, ACCEPTED|REJECTED, type, the command id (its subject), then its facts. */
const replyOf = (stdout: string) => {
  const [line = ''] = stdout.trim().split('\n');
  const [, verdict, type, commandId] = line.split('  ');
  return { line, verdict, type, commandId };
};

describe('the street office of the decision’s own street arbitrates, through the governance process', () => {
  const group = governanceGroupAtTopicEnds('street-arbiter-e2e', [OFFICE, OTHER_OFFICE]);
  const harness = governanceUnderTest('street-arbiter-e2e', () => ({
    ...group,
    GOVERNANCE_TASK_QUEUE: 'governance-street-it',
    GOVERNANCE_PORTALS: '', // no extras: the policies name the portals
  }));
  const { kafka } = harness;
  const requestId = uniqueName('dar');
  const decisionId = decisionWorkflowId('data-access', requestId);
  const party = {
    community: `community:${COMMUNITY}`,
    residents: `residents:${COMMUNITY}`,
    talent: 'talent:e2e-street-workers',
    funder: 'funder:e2e-street-fund',
    peer: 'organization:e2e-street-peer',
  };
  const seat = (partyId: string, kind: string) => ({
    partyId,
    kind,
    title: partyId,
    weight: 2,
    voteWindowHours: 600 * SECOND_IN_HOURS,
  });
  // Every seat 2 of 10, quorum 6: 4 approve, 4 object, 2 abstain is a tie, which escalates.
  const policy: DecisionPolicyInput = {
    policyId: POLICY_ID,
    decisionKind: 'data-access',
    communityCode: null,
    streetCode: STREET,
    title: `End-to-end: data access in street ${STREET}`,
    parties: [
      seat('community:{communityCode}', 'community'),
      seat('residents:{communityCode}', 'residents'),
      seat(party.talent, 'talent'),
      seat(party.funder, 'funder'),
      seat(party.peer, 'organization'),
    ],
    quorum: 6,
    deliberationHours: 2 * SECOND_IN_HOURS,
    maxAmendments: 0,
    escalation: [
      {
        arbiterId: 'portal:street-{streetCode}',
        title: '街道办事处',
        deadlineHours: 600 * SECOND_IN_HOURS,
        defaultOutcome: 'rejected',
      },
    ],
  };

  const http = async (path: string, init: RequestInit = {}) => {
    const token = await devToken(DISTRICT_POLICY_ADMIN);
    const response = await fetch(`http://127.0.0.1:${harness.governance.port}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...bearer(token) },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const bridgeHealth = async () => {
    const health = (await (await fetch(`http://127.0.0.1:${harness.governance.port}/health`)).json()) as {
      details: { bridge: { heardPortals: string[]; unheardPortals: string[] } };
    };
    return health.details.bridge;
  };
  const publishAs = <T extends EventType>(context: string, event: Omit<NewEvent<T>, 'source'>) =>
    harness.publish(contextTopic(context as 'community'), `sanshe/${context}`, event);
  const arbitrate = async (portalId: string, as: string, outcome: 'approved' | 'rejected') => {
    const args = ['send', 'arbitrate', '--decision', decisionId, '--outcome', outcome, '--as', as];
    const run = await portalSim(portalId, [...args, '--reason', `${portalId} rules ${outcome}.`, '--timeout', '30']);
    return { ...run, reply: replyOf(run.stdout) };
  };
  const vote = (context: string, partyId: string, choice: 'approve' | 'object' | 'abstain') =>
    publishAs(context, {
      type: `sanshe.${context}.decision.vote-cast.v1`,
      subject: decisionId,
      data: {
        decisionId,
        partyId,
        castBy: partyId,
        choice,
        ...(choice === 'object' ? { reason: { code: 'consent', text: 'Residents were not asked.' } } : {}),
      },
    } as never);
  const state = () => harness.temporal.workflow.getHandle(decisionId).query(stateQuery);

  removePoliciesAfterAll(POLICY_ID);
  // The offices are heard, not registered (the registry would check their jurisdiction first): their replies
  // topics are made here, as a registration makes them, so that the office's listen reads its replies.
  beforeAll(() => ensureTopics(testPlatformEndpoint(), [OFFICE, OTHER_OFFICE].map(portalRepliesTopic)));

  it('binds {streetCode} to the street of the community, and only that street’s office may rule', async () => {
    const serviceArea = { description: '端到端测试' };
    const area = { population: 1, serviceArea, revision: 1 };
    await publishAs('community', {
      type: 'sanshe.community.district.registered.v1',
      subject: DISTRICT,
      data: { districtCode: DISTRICT, name: '徐汇区', ...area },
    });
    for (const [streetCode, name] of [
      [STREET, '新华路街道'],
      [OTHER_STREET, '天平路街道'],
    ] as const) {
      await publishAs('community', {
        type: 'sanshe.community.street.registered.v1',
        subject: streetCode,
        data: { streetCode, districtCode: DISTRICT, name, ...area },
      });
    }
    await publishAs('community', {
      type: 'sanshe.community.community.registered.v1',
      subject: COMMUNITY,
      data: { communityCode: COMMUNITY, streetCode: STREET, districtCode: DISTRICT, name: '新华居民区', ...area },
    });
    // Keyed by code, the four events are on different partitions: each arrives in its own time.
    await eventually(
      async () => {
        for (const code of [DISTRICT, STREET, OTHER_STREET, COMMUNITY]) {
          expect((await http(`/administrative-areas/${code}`)).status).toBe(200);
        }
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect((await http(`/administrative-areas/${OTHER_STREET}`)).body).toMatchObject({ parentCode: DISTRICT });

    // Named by the defaults' portal:street-{streetCode} once the streets are known: heard after a restart.
    const before = await bridgeHealth();
    expect([...before.heardPortals, ...before.unheardPortals]).toEqual(expect.arrayContaining([OFFICE, OTHER_OFFICE]));
    await stopApp(harness.governance, 15_000);
    await harness.startAgain();
    const after = await bridgeHealth();
    expect(after.heardPortals).toEqual(expect.arrayContaining([OFFICE, OTHER_OFFICE]));
    expect(after.unheardPortals).toEqual([]);

    expect((await http(`/policies/${POLICY_ID}`, { method: 'PUT', body: JSON.stringify(policy) })).status).toBe(201);
    await publishAs('community', {
      type: 'sanshe.community.data-access.requested.v1',
      subject: requestId,
      data: {
        requestId,
        communityCode: COMMUNITY,
        requesterId: 'organization:e2e-researcher',
        dataset: 'elderly-living-alone',
        purpose: 'End-to-end test of the street arbiter.',
      },
    });
    const opened = await eventually(state, { timeoutMs: 60_000, intervalMs: 250 });
    expect(opened.policy).toMatchObject({ policyId: POLICY_ID, version: 1 });
    expect(opened.pending.map((p) => p.partyId).sort()).toEqual(Object.values(party).sort());

    // A tie: 4 approve, 4 object, 2 abstain of 10, quorum 6. Once deliberation closes, it escalates.
    await vote('community', party.community, 'approve');
    await vote('community', party.residents, 'approve');
    await vote('talent', party.talent, 'object');
    await vote('funding', party.funder, 'object');
    await vote('organization', party.peer, 'abstain');
    const escalated = await eventually(
      async () => {
        const found = (await governanceEventsAbout(kafka, decisionId)).find(
          (e) => e.type === 'sanshe.governance.decision.escalated.v1',
        );
        expect(found).toBeDefined();
        return found!;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(escalated.data).toMatchObject({ level: 1, arbiterId: `portal:${OFFICE}` });

    // Through portal-sim, at once (none changes the decision): this street's office reads its inbox (a token that
    // speaks for it) and starts listening; the other street's office rules as itself on its own topic (not this
    // decision's arbiter) and naming this street's office (not its channel), each answered on its replies topic.
    const SANSHE_TOKEN = await devToken({ sub: 'e2e-street-office', parties: [`portal:${OFFICE}`], roles: [] });
    const governanceUrl = `http://127.0.0.1:${harness.governance.port}`;
    const types = 'sanshe.governance.decision.decided.v1,sanshe.governance.portal.*';
    const listening = startPortalSim(OFFICE, ['listen', '--types', types]);
    const [inbox, notArbiter, impostor] = await Promise.all([
      portalSim(OFFICE, ['inbox', '--governance-url', governanceUrl], { SANSHE_TOKEN }),
      arbitrate(OTHER_OFFICE, `portal:${OTHER_OFFICE}`, 'rejected'),
      arbitrate(OTHER_OFFICE, `portal:${OFFICE}`, 'rejected'),
    ]);
    expect(inbox.code).toBe(0);
    expect(inbox.stdout).toMatch(new RegExp(`  portal:${OFFICE}  ${decisionId}  kind=data-access  stage=escalated  `));
    for (const [run, code] of [
      [notArbiter, 'not-the-arbiter'],
      [impostor, 'wrong-channel'],
    ] as const) {
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: expect.stringContaining('sent') });
      expect(run.reply).toMatchObject({ verdict: 'REJECTED', type: 'sanshe.governance.portal.command-rejected.v1' });
      expect(run.reply.line).toContain(`code=${code}`);
      expect(run.reply.line).toContain('commandType=sanshe.portal.decision.arbitrated.v1');
    }
    expect(notArbiter.reply.line).toMatch(new RegExp(`reason="[^"]*${OTHER_OFFICE}`));
    // Governance's public refusals name the same commands (their ids are the replies' subjects).
    await eventually(
      async () => {
        const refused = (await governanceEventsAbout(kafka, decisionId)).filter(
          (e) => e.type === 'sanshe.governance.decision.vote-rejected.v1',
        );
        expect(refused.map((e) => e.data)).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              rejectedEventId: notArbiter.reply.commandId,
              code: 'not-the-arbiter',
              reason: expect.stringContaining(OTHER_OFFICE) as string,
            }),
            expect.objectContaining({
              rejectedEventId: impostor.reply.commandId,
              code: 'wrong-channel',
              reason: expect.stringContaining(`portal:${OFFICE} speaks only through portal:${OFFICE}`) as string,
            }),
          ]),
        );
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect((await state()).outcome).toBeNull();

    // This street's office rules: decided by its arbiter, the audit trail intact.
    // Listening (its positions fixed before it says so), this street's office rules.
    await eventually(() => expect(listening.output.stderr).toContain('listening to'), { timeoutMs: 30_000 });
    const ruled = await arbitrate(OFFICE, `portal:${OFFICE}`, 'approved');
    expect({ code: ruled.code, stderr: ruled.stderr }).toEqual({ code: 0, stderr: expect.stringContaining('sent') });
    expect(ruled.reply).toMatchObject({ verdict: 'ACCEPTED', type: 'sanshe.governance.portal.command-accepted.v1' });
    expect(ruled.reply.line).toContain('commandType=sanshe.portal.decision.arbitrated.v1');
    const outcome = await harness.temporal.workflow.getHandle(decisionId).result();
    expect(outcome).toMatchObject({ result: 'approved', decidedBy: 'arbiter', level: 1 });
    const audit = await harness.temporal.workflow.getHandle(decisionId).query(auditQuery);
    expect(findBrokenLink(audit)).toBeNull();
    const ruling = audit.find((r) => r.entry.type === 'arbitrated');
    expect(ruling?.entry).toMatchObject({ arbiterId: `portal:${OFFICE}` });

    // The listening office saw its accepted reply and the decision decided, each once, and stops on Ctrl-C.
    const seen = (pattern: string) => listening.output.stdout.split('\n').filter((line) => line.includes(pattern));
    await eventually(() => expect(seen(`decided.v1  ${decisionId}  `)).toHaveLength(1), { timeoutMs: 30_000 });
    expect(seen(`ACCEPTED  sanshe.governance.portal.command-accepted.v1  ${ruled.reply.commandId}  `)).toHaveLength(1);
    listening.child.kill('SIGINT');
    expect((await listening.exited).code).toBe(0);
  }, 240_000);
});
