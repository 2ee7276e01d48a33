import { randomInt } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { contextTopic, type DecisionPolicyInput, type EventType, type NewEvent } from '@sanshe/contracts';
import { devToken, DISTRICT_POLICY_ADMIN, eventually, parseTestEnv, uniqueName } from '@sanshe/testing';
import { decisionWorkflowId } from '@sanshe/workflows';
import { removePoliciesAfterAll } from './governance-under-test';
import { organizationBesideGovernance } from './organization-beside-governance';

/**
 * The organization service and governance as they run (two processes) on the real Kafka, PostgreSQL and
 * Temporal: a proposal submitted over HTTP becomes one event, one decision, votes on each party's own
 * channel, an approved proposal and one scheduled activity (however often the outcome is redelivered); an
 * objection, an amendment (round 2) and a withdrawal come back as the proposal's status; a filed activity
 * goes ahead, one controller's call-in does nothing, a second's opens a decision that pauses it until approved;
 * and an organization peer's vote, cast through the organization's API, reaches governance.
 */
const C = `310104-098-${randomInt(100, 1000)}`;
const ORG = uniqueName('org-e2e');
const FEDERATION = 'organization:district-federation';
const party = {
  community: `community:${C}`,
  residents: `residents:${C}`,
  talent: 'talent:e2e-social-workers',
  funder: 'funder:e2e-welfare-fund',
};
const CHANNEL = {
  community: { topic: contextTopic('community'), source: 'sanshe/community', context: 'community' },
  residents: { topic: contextTopic('community'), source: 'sanshe/community', context: 'community' },
  talent: { topic: contextTopic('talent'), source: 'sanshe/talent', context: 'talent' },
  funder: { topic: contextTopic('funding'), source: 'sanshe/funding', context: 'funding' },
} as const;
const portal = uniqueName('street').toLowerCase();
const seat = (partyId: string, kind: string) => ({ partyId, kind, title: kind, weight: 2, voteWindowHours: 1 });
const policy: DecisionPolicyInput = {
  policyId: `activity-proposal.${C}`,
  decisionKind: 'activity-proposal',
  communityCode: C,
  title: `Organization linkage e2e ${C}`,
  parties: [
    seat(party.community, 'community'),
    seat(party.residents, 'residents'),
    seat(party.talent, 'talent'),
    seat(party.funder, 'funder'),
    seat(FEDERATION, 'organization'),
  ],
  quorum: 6, // every seat 2 of 10: three seats approve; the community's two seats neither block nor approve alone
  deliberationHours: 1,
  maxAmendments: 1,
  escalation: [{ arbiterId: `portal:${portal}`, title: 'Street office', deadlineHours: 1, defaultOutcome: 'rejected' }],
};
const CONTENT = {
  title: '社区长者午餐与探访',
  summary: 'Weekly lunch and home visits for residents over 75.',
  category: 'elderly-care',
  schedule: {
    kind: 'one-off',
    timeZone: 'Asia/Shanghai',
    sessions: [{ startsAt: '2026-12-05T01:30:00.000Z', endsAt: '2026-12-05T03:00:00.000Z' }],
  },
  expectedParticipants: 20,
  staffingPlan: [{ role: 'volunteer', count: 3 }],
  usesResidentData: false,
};
const WAIT = { timeoutMs: 45_000, intervalMs: 300 };

describe('an organization’s proposals through governance and back', () => {
  removePoliciesAfterAll(policy.policyId);
  const e2e = organizationBesideGovernance('organization-linkage', { portal });
  const { call } = e2e;
  const harness = e2e.governance;
  const db = new PgClient({ connectionString: parseTestEnv(process.env).DATABASE_URL });
  const decisions: string[] = [];
  const tokens = {} as Record<'admin' | 'registrar' | 'reader' | 'federation', string>;

  const org = (path: string, method = 'GET', body?: unknown, token = tokens.admin) =>
    call(`${e2e.organizationUrl()}${path}`, method, token, body);
  const gov = (path: string, token = tokens.reader) => call(`${e2e.governanceUrl()}${path}`, 'GET', token);
  const count = async (schema: string, type: string, subject: string) =>
    Number(
      (
        await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${schema}.outbox WHERE event_type = $1 AND (payload::jsonb)->>'subject' = $2`,
          [type, subject],
        )
      ).rows[0]?.n,
    );
  const proposal = async (proposalId: string) => (await org(`/proposals/${proposalId}`)).body;
  const activitiesOf = async (proposalId: string) =>
    (
      (await org(`/organizations/${ORG}/activities`)).body as unknown as { proposalId: string; status: string }[]
    ).filter((a) => a.proposalId === proposalId);
  const until = <T>(probe: () => Promise<T>) => eventually(probe, WAIT);
  const statusIs = (proposalId: string, status: string) =>
    until(async () => expect(await proposal(proposalId)).toMatchObject({ status }));
  /** A party's event, on its controller's topic and from its source, as that service would publish it. */
  const as = <T extends EventType>(who: keyof typeof CHANNEL, event: Omit<NewEvent<T>, 'source'>) =>
    harness.publish(CHANNEL[who].topic, CHANNEL[who].source, event);
  const vote = (who: keyof typeof CHANNEL, decisionId: string, extra: Record<string, unknown> = {}) =>
    as(who, {
      type: `sanshe.${CHANNEL[who].context}.decision.vote-cast.v1` as 'sanshe.community.decision.vote-cast.v1',
      subject: decisionId,
      data: { decisionId, partyId: party[who], castBy: party[who], choice: 'approve', ...extra },
    });
  const callIn = (who: keyof typeof CHANNEL, proposalId: string) => {
    const decisionId = decisionWorkflowId('activity-proposal', proposalId);
    return as(who, {
      type: `sanshe.${CHANNEL[who].context}.filing.call-in-requested.v1` as 'sanshe.community.filing.call-in-requested.v1',
      subject: decisionId,
      data: {
        decisionId,
        proposalId,
        partyId: party[who],
        castBy: party[who],
        reason: { code: 'needs-review', text: '请审议' },
      },
    });
  };
  const draft = async (content: Record<string, unknown> = CONTENT) => {
    const created = await org(`/organizations/${ORG}/proposals`, 'POST', { communityCode: C, ...content });
    expect(created.status).toBe(201);
    const proposalId = String(created.body.proposalId);
    decisions.push(decisionWorkflowId('activity-proposal', proposalId));
    return { proposalId, decisionId: decisionWorkflowId('activity-proposal', proposalId) };
  };
  const submitted = async () => {
    const ids = await draft();
    expect(await org(`/proposals/${ids.proposalId}/submit`, 'POST')).toMatchObject({ status: 200 });
    await statusIs(ids.proposalId, 'under-review'); // governance opened the decision
    return ids;
  };

  beforeAll(async () => {
    await db.connect();
    tokens.admin = await devToken({
      sub: uniqueName('admin'),
      parties: [`organization:${ORG}`],
      roles: ['organization-admin'],
    });
    tokens.registrar = await devToken({
      sub: uniqueName('registrar'),
      parties: ['jurisdiction:310104'],
      roles: ['registrar'],
    });
    tokens.reader = await devToken({ sub: uniqueName('reader'), parties: [FEDERATION], roles: ['organization-admin'] });
    tokens.federation = tokens.reader;
    const policyAdmin = await devToken(DISTRICT_POLICY_ADMIN);
    expect((await call(`${e2e.governanceUrl()}/policies/${policy.policyId}`, 'PUT', policyAdmin, policy)).status).toBe(
      201,
    );
    // Registered as the registrar does it, through the organization's API (a volunteer team needs no credit code).
    const registration = {
      name: '徐汇区长者关怀志愿服务队',
      type: 'volunteer-team',
      legalRepresentative: { name: '王芳' },
      registrationDistrictCode: '310104',
      communitiesServed: [C],
    };
    expect((await org(`/organizations/${ORG}`, 'PUT', registration, tokens.registrar)).status).toBe(201);
    const registered = await org(
      `/organizations/${ORG}/status`,
      'POST',
      { to: 'registered', reason: '登记成立' },
      tokens.registrar,
    );
    expect(registered.status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(
      decisions.map((id) =>
        harness.temporal.workflow
          .getHandle(id)
          .terminate('organization-linkage e2e is over')
          .catch(() => undefined),
      ),
    );
    await db.end();
  });

  it('submit → one event, one decision, votes on three channels → approved, one activity however often decided', async () => {
    const { proposalId, decisionId } = await submitted();
    expect(await count('organization', 'sanshe.organization.proposal.submitted.v1', proposalId)).toBe(1);
    expect(await count('governance', 'sanshe.governance.decision.opened.v1', decisionId)).toBe(1);
    await vote('community', decisionId);
    await vote('residents', decisionId);
    await vote('talent', decisionId);
    await statusIs(proposalId, 'approved');
    const scheduled = await until(async () => {
      const activities = await activitiesOf(proposalId);
      expect(activities).toEqual([expect.objectContaining({ status: 'scheduled', basis: 'approved' })]);
      return activities;
    });

    // The outcome again: redelivered (same id), then as a new event (new id). Still one activity.
    const row = await db.query<{ payload: string }>(
      `SELECT payload FROM governance.outbox WHERE event_type = 'sanshe.governance.decision.decided.v1'
          AND (payload::jsonb)->>'subject' = $1`,
      [decisionId],
    );
    const decided = JSON.parse(row.rows[0]!.payload) as { id: string; data: Record<string, unknown> };
    const governanceTopic = contextTopic('governance');
    const again = [decided.id, `${decided.id}-again`];
    for (const id of again) {
      await harness.publish(governanceTopic, 'sanshe/governance', {
        type: 'sanshe.governance.decision.decided.v1',
        id,
        subject: decisionId,
        data: decided.data as never,
      });
    }
    await until(async () => {
      const seen = await db.query(`SELECT 1 FROM organization.inbox WHERE event_id = $1`, [`${decided.id}-again`]);
      expect(seen.rows).toHaveLength(1);
    });
    expect(await activitiesOf(proposalId)).toEqual(scheduled);
  }, 120_000);

  it('objection → deliberation shown → amendment → round 2 shown; withdrawal → decided withdrawn → withdrawn', async () => {
    const { proposalId, decisionId } = await submitted();
    await vote('community', decisionId, {
      choice: 'object',
      reason: { code: 'food-safety', text: '需明确食品安全责任人' },
    });
    await statusIs(proposalId, 'deliberation');
    const amend = {
      revision: '补充了食品安全责任人。',
      changes: { summary: 'Lunch with a named food-safety officer.' },
    };
    expect(await org(`/proposals/${proposalId}/amend`, 'POST', amend)).toMatchObject({ status: 200 });
    await until(async () =>
      expect(await proposal(proposalId)).toMatchObject({ status: 'under-review', decision: { round: 2 } }),
    );

    const withdraw = { reason: { code: 'capacity-changed', text: '原定社工离职，撤回方案。' } };
    expect(await org(`/proposals/${proposalId}/withdraw`, 'POST', withdraw)).toMatchObject({ status: 200 });
    await statusIs(proposalId, 'withdrawn');
    const decided = await db.query<{ payload: string }>(
      `SELECT payload FROM governance.outbox WHERE event_type = 'sanshe.governance.decision.decided.v1'
          AND (payload::jsonb)->>'subject' = $1`,
      [decisionId],
    );
    expect(decided.rows.map((r) => JSON.parse(r.payload).data)).toEqual([
      expect.objectContaining({ result: 'withdrawn', decidedBy: 'proposer' }),
    ]);
  }, 120_000);

  it('a filing goes ahead; one controller’s call-in does nothing; a second’s opens a decision that pauses it', async () => {
    const { proposalId, decisionId } = await draft();
    expect(await org(`/proposals/${proposalId}/file`, 'POST')).toMatchObject({
      status: 200,
      body: { status: 'filed' },
    });
    await until(async () =>
      expect(await activitiesOf(proposalId)).toEqual([
        expect.objectContaining({ status: 'scheduled', basis: 'filed' }),
      ]),
    );
    await until(async () =>
      expect(await gov(`/filings/${proposalId}`)).toMatchObject({ status: 200, body: { status: 'noticed' } }),
    );

    await callIn('community', proposalId);
    await callIn('residents', proposalId); // the same controller: still one voice
    const one = await until(async () => {
      const filing = (await gov(`/filings/${proposalId}`)).body;
      expect(filing.callIns).toHaveLength(2);
      return filing;
    });
    expect(one).toMatchObject({ status: 'noticed', decisionId: null });
    expect(await count('governance', 'sanshe.governance.decision.opened.v1', decisionId)).toBe(0);

    await callIn('talent', proposalId);
    await until(async () =>
      expect((await gov(`/filings/${proposalId}`)).body).toMatchObject({ status: 'called-in', decisionId }),
    );
    await until(async () => expect(await proposal(proposalId)).toMatchObject({ status: 'under-review' }));
    expect((await proposal(proposalId)).calledIn).toBeTruthy();
    await until(async () =>
      expect(await activitiesOf(proposalId)).toEqual([expect.objectContaining({ status: 'paused' })]),
    );

    await vote('community', decisionId);
    await vote('residents', decisionId);
    await vote('talent', decisionId);
    await statusIs(proposalId, 'approved');
    await until(async () =>
      expect(await activitiesOf(proposalId)).toEqual([expect.objectContaining({ status: 'scheduled' })]),
    );
  }, 120_000);

  it('an organization peer’s vote through POST /votes reaches governance', async () => {
    const { decisionId } = await submitted();
    const pending = async () =>
      (
        (await gov(`/parties/${FEDERATION}/pending`, tokens.federation)).body as unknown as { decisionId: string }[]
      ).map((d) => d.decisionId);
    expect(await pending()).toContain(decisionId);
    await until(async () => {
      const listed = (await org('/organizations/district-federation/decisions', 'GET', undefined, tokens.federation))
        .body;
      expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ decisionId })]));
    });
    const sent = await org('/votes', 'POST', { decisionId, partyId: FEDERATION, choice: 'approve' }, tokens.federation);
    expect(sent.status).toBe(201);
    await until(async () => expect(await pending()).not.toContain(decisionId));
  }, 120_000);
});
