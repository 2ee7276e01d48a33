import { randomInt } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { contextTopic, type DecisionPolicyInput } from '@sanshe/contracts';
import {
  devToken,
  DISTRICT_POLICY_ADMIN,
  eventually,
  readTopicsToHighWaterMarks,
  testTopic,
  topicEnds,
  type TopicOffsets,
  uniqueName,
} from '@sanshe/testing';
import { decisionWorkflowId } from '@sanshe/workflows';
import { communityBesideGovernance } from './community-beside-governance';
import { removePoliciesAfterAll } from './governance-under-test';

/**
 * Residents' data under consent, end to end (the community service and governance as two processes on the
 * real Kafka, PostgreSQL and Temporal): an organization's activity is approved by votes; the committee
 * registers three residents, two of whom consent (through their representative) to be contacted by the
 * organization; the organization asks for their names and phones; the parties decide by votes (the
 * community's two through its POST /votes, the peer organization's on its own channel); the grant covers the
 * two who consented; a read is granted with only the granted fields, the others are refused — the resident
 * who did not consent, the committee's own staff, and the one who withdrew after the grant — and the access
 * log lists every attempt. Throughout, no resident's name, phone, ID number or address appears on any
 * `sanshe.*` topic or in the community process's output (a malformed ID number's 400 included).
 */
const SECOND_IN_HOURS = 1 / 3600;

/** An 18-character resident identity number (GB 11643) with a valid check character, random enough to be new. */
function validIdNumber(): string {
  const birth = `19${randomInt(30, 99)}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}`;
  const body = `310104${birth}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (weights[i] ?? 0), 0);
  return body + '10X98765432'[sum % 11];
}

const HAN = '梓涵浩宇欣怡子轩雨桐俊杰诗琪博文思远嘉懿';
const randomHan = (length: number) => Array.from({ length }, () => HAN[randomInt(0, HAN.length)]).join('');

/** A resident whose every field is unique to this run, so that finding one anywhere means it leaked. */
const testResident = () => ({
  name: `测${randomHan(5)}`,
  phone: `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`,
  idNumber: validIdNumber(),
  address: `徐汇区天平路${randomInt(100, 1000)}弄${randomInt(1, 100)}号${randomInt(100, 2000)}室`,
});
type TestResident = ReturnType<typeof testResident>;

/** Which of `values` occur in `text` (as written, and an ID number's X in lower case too). */
const leaked = (text: string, values: string[]) =>
  values.filter((value) => text.includes(value) || text.includes(value.toLowerCase()));

/**
 * Every record (key, value and headers) on every `sanshe.*` topic (the tests' prefix before it) after `starts`, read to the high-water
 * marks taken now by one consumer group; a topic created since (a dead-letter topic, say) from its beginning.
 */
async function everythingPublishedSince(kafka: Kafka, starts: TopicOffsets): Promise<string> {
  const records = await readTopicsToHighWaterMarks(kafka, starts, await topicEnds(kafka, testTopic('sanshe.')));
  return records.map((r) => `${r.topic} ${r.key}\n${r.value}\n${JSON.stringify(r.headers)}`).join('\n');
}

describe("residents' data under consent: a grant decided by the parties, reads logged, nothing on the wire", () => {
  const communityCode = `310104-098-${randomInt(100, 1000)}`;
  const streetCode = communityCode.slice(0, 10);
  const portal = uniqueName('street').toLowerCase();
  const organizationId = uniqueName('org-da').toLowerCase();
  const party = {
    community: `community:${communityCode}`,
    residents: `residents:${communityCode}`,
    peer: 'organization:da-peer',
  };
  const seat = (partyId: string, kind: string) => ({
    partyId,
    kind,
    title: kind,
    weight: 2,
    voteWindowHours: 600 * SECOND_IN_HOURS,
  });
  // Every seat 2 of 10, quorum 6: the community's two seats and the peer organization approve together.
  const policyOf = (decisionKind: string): DecisionPolicyInput => ({
    policyId: `${decisionKind}.${communityCode}`,
    decisionKind,
    communityCode,
    title: `Data-access e2e ${communityCode}`,
    parties: [
      seat(party.community, 'community'),
      seat(party.residents, 'residents'),
      seat(party.peer, 'organization'),
      seat('talent:da-social-workers', 'talent'),
      seat('funder:da-welfare-fund', 'funder'),
    ],
    quorum: 6,
    deliberationHours: 600 * SECOND_IN_HOURS,
    maxAmendments: 0,
    escalation: [
      {
        arbiterId: `portal:${portal}`,
        title: 'Street office',
        deadlineHours: 600 * SECOND_IN_HOURS,
        defaultOutcome: 'rejected',
      },
    ],
  });
  const policies = [policyOf('activity-proposal'), policyOf('data-access')];
  removePoliciesAfterAll(...policies.map((policy) => policy.policyId));
  /** Every sanshe.* topic's high-water marks before the run: the wire scan reads what the run added. */
  let topicStarts: TopicOffsets = new Map();
  const e2e = communityBesideGovernance('data-access', {
    portal,
    beforeStart: async (kafka) => {
      topicStarts = await topicEnds(kafka, testTopic('sanshe.'));
    },
  });
  const { call, governanceUrl, communityOutput, kafka } = e2e;
  const harness = e2e.governance;

  const tokens = {} as Record<'admin' | 'member' | 'staff' | 'rep' | 'org' | 'auditor', string>;
  const memberSub = uniqueName('da-committee-member');
  const repSub = uniqueName('da-residents-rep');
  const decisionIds: string[] = [];

  async function setUpCommunity(): Promise<void> {
    tokens.admin = await devToken({
      sub: uniqueName('area-admin'),
      parties: ['jurisdiction:310104'],
      roles: ['area-admin'],
    });
    await e2e.registerArea(tokens.admin, streetCode, communityCode, '数据授权测试');
    for (const [personSub, body] of [
      [memberSub, 'committee'],
      [repSub, 'residents'],
    ] as const) {
      const appointed = await call(
        `${e2e.communityUrl()}/communities/${communityCode}/representatives`,
        'POST',
        tokens.admin,
        {
          body,
          personSub,
          title: body === 'committee' ? '居委会委员' : '居民代表',
          termFrom: '2026-01-01',
        },
      );
      expect(appointed.status).toBe(201);
    }
    tokens.member = await devToken({ sub: memberSub, parties: [party.community], roles: ['committee-member'] });
    tokens.staff = await devToken({ sub: uniqueName('staff'), parties: [party.community], roles: ['committee-staff'] });
    tokens.rep = await devToken({ sub: repSub, parties: [party.residents], roles: ['residents-representative'] });
    tokens.org = await devToken({
      sub: uniqueName('org-staff'),
      parties: [`organization:${organizationId}`],
      roles: ['organization-staff'],
    });
    tokens.auditor = await devToken({ sub: uniqueName('auditor'), parties: [], roles: ['auditor'] });
    const policyAdmin = await devToken(DISTRICT_POLICY_ADMIN);
    for (const policy of policies) {
      expect((await call(`${governanceUrl()}/policies/${policy.policyId}`, 'PUT', policyAdmin, policy)).status).toBe(
        201,
      );
    }
  }

  /** The community's two seats vote through the community service, the peer organization on its own channel. */
  async function approveByVotes(decisionId: string): Promise<void> {
    decisionIds.push(decisionId);
    await eventually(
      async () => {
        const listed = await call(
          `${e2e.communityUrl()}/communities/${communityCode}/decisions?party=community`,
          'GET',
          tokens.member,
        );
        expect(listed.body).toEqual(expect.arrayContaining([expect.objectContaining({ decisionId, stage: 'voting' })]));
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    for (const [partyId, token] of [
      [party.community, tokens.member],
      [party.residents, tokens.rep],
    ] as const) {
      const vote = await call(`${e2e.communityUrl()}/votes`, 'POST', token, { decisionId, partyId, choice: 'approve' });
      expect(vote).toMatchObject({ status: 201, body: { status: 'sent' } });
    }
    await harness.publish(contextTopic('organization'), 'sanshe/organization', {
      type: 'sanshe.organization.decision.vote-cast.v1',
      subject: decisionId,
      data: { decisionId, partyId: party.peer, castBy: party.peer, choice: 'approve', round: 1 },
    });
  }

  async function approvedActivity(): Promise<string> {
    const proposalId = uniqueName('prop-da');
    await harness.publish(contextTopic('organization'), 'sanshe/organization', {
      type: 'sanshe.organization.proposal.submitted.v1',
      subject: proposalId,
      data: { proposalId, organizationId, communityCode, title: '独居老人每周探访', summary: 'e2e' },
    });
    await approveByVotes(decisionWorkflowId('activity-proposal', proposalId));
    return proposalId;
  }

  async function register(resident: TestResident): Promise<string> {
    const registered = await call(
      `${e2e.communityUrl()}/communities/${communityCode}/residents`,
      'POST',
      tokens.staff,
      resident,
    );
    expect(registered.status).toBe(201);
    return registered.body.residentId as string;
  }

  const consent = async (residentId: string, decision: 'granted' | 'withdrawn', activityId: string) => {
    const body = { purpose: 'organization-contact', decision, organizationId, activityId };
    expect(
      (await call(`${e2e.communityUrl()}/residents/${residentId}/consents`, 'POST', tokens.rep, body)).status,
    ).toBe(201);
  };

  const readAs = (token: string, grantId: string, residentId: string) =>
    call(`${e2e.communityUrl()}/data-access-grants/${grantId}/residents/${residentId}`, 'GET', token);

  it('grants what the parties decided to the residents who consented, logs every read, and leaks nothing', async () => {
    await setUpCommunity();
    const residents = [testResident(), testResident(), testResident()] as const;
    const malformed = { ...testResident(), idNumber: validIdNumber().slice(0, 17) + 'Z' };
    try {
      const refused = await call(
        `${e2e.communityUrl()}/communities/${communityCode}/residents`,
        'POST',
        tokens.staff,
        malformed,
      );
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('/idNumber');
      expect(leaked(refused.text, Object.values(malformed))).toEqual([]);
      const [consenting, alsoConsenting, silent] = (await Promise.all(residents.map(register))) as [
        string,
        string,
        string,
      ];

      const activityId = await approvedActivity();
      await consent(consenting, 'granted', activityId);
      await consent(alsoConsenting, 'granted', activityId);

      const requestBody = {
        proposalId: activityId,
        activityId,
        consentPurpose: 'organization-contact',
        purpose: '每周上门探访前电话联系，项目结束后删除。',
        fields: ['name', 'phone'],
        residentIds: [consenting, alsoConsenting, silent],
        durationDays: 30,
      };
      const requested = await eventually(
        async () => {
          const answer = await call(`${e2e.communityUrl()}/data-access-requests`, 'POST', tokens.org, requestBody);
          expect(answer.status).toBe(201); // 409 proposal-not-approved until the community hears the decision
          return answer.body;
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      const requestId = requested.requestId as string;
      await approveByVotes(decisionWorkflowId('data-access', requestId));
      const decided = await eventually(
        async () => {
          const shown = await call(`${e2e.communityUrl()}/data-access-requests/${requestId}`, 'GET', tokens.auditor);
          expect(shown.body).toMatchObject({ status: 'granted' });
          return shown.body;
        },
        { timeoutMs: 90_000, intervalMs: 500 },
      );
      expect(decided.grant).toMatchObject({ fields: ['name', 'phone'], residentsCovered: 2 });
      const grantId = decided.grant.grantId as string;

      const granted = await readAs(tokens.org, grantId, consenting);
      expect(granted).toMatchObject({ status: 200 });
      expect(granted.body).toEqual({
        residentId: consenting,
        fields: { name: residents[0].name, phone: residents[0].phone },
      });
      expect(await readAs(tokens.org, grantId, silent)).toMatchObject({ status: 403, body: { code: 'not-covered' } });
      expect(await readAs(tokens.staff, grantId, alsoConsenting)).toMatchObject({
        status: 403,
        body: { code: 'not-the-grantee' },
      });
      await consent(consenting, 'withdrawn', activityId);
      expect(await readAs(tokens.org, grantId, consenting)).toMatchObject({
        status: 403,
        body: { code: 'consent-withdrawn' },
      });

      const log = await call(`${e2e.communityUrl()}/access-log?grantId=${grantId}`, 'GET', tokens.auditor);
      expect(log.status).toBe(200);
      expect(
        (log.body as unknown as { residentId: string; result: string; reason: string | null }[]).map(
          ({ residentId, result, reason }) => ({ residentId, result, reason }),
        ),
      ).toEqual([
        { residentId: consenting, result: 'granted', reason: null },
        { residentId: silent, result: 'refused', reason: 'not-covered' },
        { residentId: alsoConsenting, result: 'refused', reason: 'not-the-grantee' },
        { residentId: consenting, result: 'refused', reason: 'consent-withdrawn' },
      ]);

      const personal = [...residents, malformed].flatMap((resident) => Object.values(resident));
      const onTheWire = await everythingPublishedSince(kafka, topicStarts);
      expect(onTheWire).toContain(`sanshe.community.events ${requestId}`); // the scan read this run's events
      expect(leaked(onTheWire, personal)).toEqual([]);
      expect(communityOutput()).not.toBe('');
      expect(leaked(communityOutput(), personal)).toEqual([]);
    } finally {
      for (const decisionId of decisionIds) {
        await harness.temporal.workflow
          .getHandle(decisionId)
          .terminate('data-access e2e is over')
          .catch(() => undefined);
      }
    }
  }, 300_000);
});
