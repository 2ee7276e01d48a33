import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DecisionPolicyInput, schemaProblems } from '@sanshe/contracts';
import { migrate } from '@sanshe/persistence';
import {
  bearer,
  devToken,
  DISTRICT_POLICY_ADMIN,
  type ServiceUnderTest,
  startServiceUnderTest,
  uniqueName,
} from '@sanshe/testing';
import { bindPolicyToCommunity, validatePolicy } from '@sanshe/workflows';
import { migrations } from '../migrations';
import { HOURS_DISPUTE_CREATED_BY, HOURS_DISPUTE_POLICY } from '../migrations/1795737600015-seed-hours-dispute-policy';
import {
  DISBURSEMENT_DEFAULTS_CREATED_BY,
  GRANT_CANCELLATION_POLICY,
  GRANT_CLAWBACK_POLICY,
  MILESTONE_VERIFICATION_POLICY,
} from '../migrations/1795737600017-seed-disbursement-policies';
import { policiesTestApp, serviceConfig } from './policies-test-app';
import {
  DISTRICT_DEFAULT_POLICIES,
  DISTRICT_DEFAULTS_CREATED_BY,
} from '../migrations/1795737600001-seed-district-default-policies';
import {
  COMMUNITY_SEATS_CREATED_BY,
  DISTRICT_DEFAULT_POLICIES_V2,
} from '../migrations/1795737600002-seat-the-decision-community';
import {
  DISTRICT_DEFAULT_POLICIES_V3,
  REBALANCED_CREATED_BY,
} from '../migrations/1795737600006-rebalance-district-defaults';
import {
  DISTRICT_DEFAULT_POLICIES_V4,
  STREET_ARBITERS_CREATED_BY,
} from '../migrations/1795737600010-street-office-arbitrates-its-own-street';
import { ControllerMap } from '../src/parties/domain/controller-map';
import { PolicyRepository } from '../src/policies/domain/policy.repository';

// The real PostgreSQL, with governance's real migrations, in a schema of this run's own.
const { DATABASE_URL } = serviceConfig;
const schema = uniqueName('governance_policies').replace(/-/g, '_');
const testApp = () => policiesTestApp(schema);

const COMMUNITY = '310104-005-001';
/** A funder that the district civil-affairs portal speaks for (a controller rule this test adds). */
const PORTAL_FUNDER = 'funder:xuhui-lottery-fund';
/**
 * A valid community policy: weights 2·1·2·2·2 = 9, quorum 5. The community service speaks for the
 * committee and the residents (3 together), so no controller holds more than 3: none can block alone
 * (the others keep at least 6) or approve alone, at quorum 5 or 6.
 */
const policy = (overrides: Partial<DecisionPolicyInput> = {}): DecisionPolicyInput => ({
  policyId: `activity-proposal.${COMMUNITY}`,
  decisionKind: 'activity-proposal',
  communityCode: COMMUNITY,
  title: 'Activity proposals in 新华社区',
  parties: [
    { partyId: `community:${COMMUNITY}`, kind: 'community', title: '新华社区居委会', weight: 2, voteWindowHours: 168 },
    { partyId: `residents:${COMMUNITY}`, kind: 'residents', title: '居民代表', weight: 1, voteWindowHours: 168 },
    { partyId: 'talent:xinhua-social-workers', kind: 'talent', title: '街道社工', weight: 2, voteWindowHours: 168 },
    {
      partyId: 'funder:xuhui-civil-affairs-fund',
      kind: 'funder',
      title: '区民政福利基金',
      weight: 2,
      voteWindowHours: 168,
    },
    {
      partyId: 'organization:org-peer-sunshine',
      kind: 'organization',
      title: '阳光社工事务所',
      weight: 2,
      voteWindowHours: 24,
    },
  ],
  quorum: 5,
  deliberationHours: 72,
  maxAmendments: 2,
  escalation: [
    { arbiterId: 'portal:street-xinhua', title: '新华街道办事处', deadlineHours: 72, defaultOutcome: 'escalate' },
    { arbiterId: 'portal:xuhui-civil-affairs', title: '徐汇区民政局', deadlineHours: 120, defaultOutcome: 'rejected' },
  ],
  ...overrides,
});
const withWeights = (input: DecisionPolicyInput, weights: number[], quorum: number): DecisionPolicyInput => ({
  ...input,
  parties: input.parties.map((seat, i) => ({ ...seat, weight: weights[i] ?? seat.weight })),
  quorum,
});

interface Reply {
  status: number;
  body: Record<string, unknown> & {
    version?: number;
    message?: string;
    problems?: { path: string; message: string }[];
    violations?: {
      rule: string;
      partyId: string | null;
      controller: string | null;
      partyIds: string[];
      message: string;
    }[];
  };
}

let svc: ServiceUnderTest;

let token: string;

async function call(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<Reply> {
  const response = await fetch(`${svc.baseUrl}${path}`, {
    method,
    headers: { ...bearer(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Reply['body'] };
}
const put = (input: unknown, id = (input as DecisionPolicyInput).policyId) =>
  call('PUT', `/policies/${encodeURIComponent(id)}`, input);
const get = (path: string) => call('GET', path);
/** What a client sent, from what a read returns. */
function inputOf(read: Reply['body']): Record<string, unknown> {
  const input = { ...read };
  for (const added of ['version', 'createdAt', 'createdBy']) delete input[added];
  return input;
}
const database = () => svc.app.get<DataSource>(getDataSourceToken());
/** Every stored version of every policy: a refusal leaves this as it was. */
const storedRows = () =>
  database().query<unknown[]>(
    `SELECT policy_id, version, body, created_by, created_at FROM "${schema}".decision_policy ORDER BY policy_id, version`,
  );

beforeAll(async () => {
  token = await devToken(DISTRICT_POLICY_ADMIN);
  await migrate({ url: DATABASE_URL, schema, migrations });
  svc = await startServiceUnderTest('governance', testApp());
  // A portal registered as a funder (read before any request: the controller map caches what it reads).
  await database().query(
    `INSERT INTO "${schema}".party_controller (party_pattern, controller, origin) VALUES ($1, $2, 'test')`,
    [PORTAL_FUNDER, 'portal:xuhui-civil-affairs'],
  );
});

afterAll(async () => {
  if (!svc) return;
  await database().query(`DROP SCHEMA "${schema}" CASCADE`);
  await svc.close();
});

describe('decision policies over HTTP, stored in PostgreSQL', () => {
  it('seeds district-wide defaults that pass the schema and the no-single-veto rules', async () => {
    const defaults = DISTRICT_DEFAULT_POLICIES.map((p) => p.decisionKind);
    expect(defaults).toEqual(['activity-proposal', 'data-access', 'grant-award']);
    for (const seeded of DISTRICT_DEFAULT_POLICIES) {
      expect(schemaProblems(DecisionPolicyInput, seeded)).toEqual([]);
      expect(validatePolicy(seeded)).toEqual([]);
    }

    for (const seeded of DISTRICT_DEFAULT_POLICIES_V2) {
      expect(schemaProblems(DecisionPolicyInput, seeded)).toEqual([]);
      expect(validatePolicy(seeded)).toEqual([]);
      // Bound to a community, the seats are that community's parties and the rules still hold.
      const bound = bindPolicyToCommunity({ ...seeded, version: 2 }, '310104-005-001');
      expect(bound.parties.map((seat) => seat.partyId)).toEqual(
        expect.arrayContaining(['community:310104-005-001', 'residents:310104-005-001']),
      );
      expect(validatePolicy(bound)).toEqual([]);
    }

    const { status, body } = await get('/policies?communityCode=');
    expect(status).toBe(200);
    const stored = body as unknown as Reply['body'][];
    // The three kinds' v4, the hours-dispute default (issue 14) and the disbursement's three (issue 16) at
    // their first version, by policy id.
    const [activityProposal, dataAccess, grantAward] = DISTRICT_DEFAULT_POLICIES_V4;
    expect(stored.map(inputOf)).toEqual([
      activityProposal,
      dataAccess,
      grantAward,
      GRANT_CANCELLATION_POLICY,
      GRANT_CLAWBACK_POLICY,
      HOURS_DISPUTE_POLICY,
      MILESTONE_VERIFICATION_POLICY,
    ]);
    expect(stored.map((p) => [p.policyId, p.version, p.createdBy])).toEqual([
      ['activity-proposal.district', 4, STREET_ARBITERS_CREATED_BY],
      ['data-access.district', 4, STREET_ARBITERS_CREATED_BY],
      ['grant-award.district', 4, STREET_ARBITERS_CREATED_BY],
      ['grant-cancellation.district', 1, DISBURSEMENT_DEFAULTS_CREATED_BY],
      ['grant-clawback.district', 1, DISBURSEMENT_DEFAULTS_CREATED_BY],
      ['hours-dispute.district', 1, HOURS_DISPUTE_CREATED_BY],
      ['milestone-verification.district', 1, DISBURSEMENT_DEFAULTS_CREATED_BY],
    ]);
    const third = await get(`/policies/activity-proposal.district/versions/3`);
    expect(third.body).toMatchObject({
      ...DISTRICT_DEFAULT_POLICIES_V3[0],
      version: 3,
      createdBy: REBALANCED_CREATED_BY,
    });
    const first = await get(`/policies/${DISTRICT_DEFAULT_POLICIES[0]!.policyId}/versions/1`);
    expect(first.body).toMatchObject({
      ...DISTRICT_DEFAULT_POLICIES[0],
      version: 1,
      createdBy: DISTRICT_DEFAULTS_CREATED_BY,
    });
    const second = await get(`/policies/activity-proposal.district/versions/2`);
    expect(second.body).toMatchObject({
      ...DISTRICT_DEFAULT_POLICIES_V2[0],
      version: 2,
      createdBy: COMMUNITY_SEATS_CREATED_BY,
    });
  });

  it("seeds the disbursement's defaults so that no controller blocks or approves alone, and says what silence means", async () => {
    const controllerOf = await svc.app.get(ControllerMap).resolver(); // the rules the migrations seeded
    const defaults = [MILESTONE_VERIFICATION_POLICY, GRANT_CANCELLATION_POLICY, GRANT_CLAWBACK_POLICY];
    for (const seeded of defaults) {
      expect(schemaProblems(DecisionPolicyInput, seeded)).toEqual([]);
      expect(validatePolicy(seeded, controllerOf)).toEqual([]);
      expect(validatePolicy(bindPolicyToCommunity({ ...seeded, version: 1 }, COMMUNITY), controllerOf)).toEqual([]);
      // Sent again as it is, it passes the HTTP checks too and is the latest version: nothing new is stored.
      const again = await put(seeded);
      expect({ status: again.status, version: again.body.version }).toEqual({ status: 200, version: 1 });
    }
    // The verification seats the independent assessor and the fund; the bureau's silence approves a
    // verification but keeps a grant running and its money paid.
    expect(MILESTONE_VERIFICATION_POLICY.parties.map((seat) => [seat.partyId, seat.weight])).toEqual([
      ['community:{communityCode}', 1],
      ['residents:{communityCode}', 1],
      ['talent:independent-assessor', 1],
      ['funder:district-civil-affairs-fund', 2],
    ]);
    expect(defaults.map((policy) => [policy.decisionKind, policy.escalation.at(-1)?.defaultOutcome])).toEqual([
      ['milestone-verification', 'approved'],
      ['grant-cancellation', 'rejected'],
      ['grant-clawback', 'rejected'],
    ]);
    // With the fund at weight 1 the community's bloc (2 of 4) could block at quorum 3: refused, naming it.
    const lighterFund = withWeights(MILESTONE_VERIFICATION_POLICY, [1, 1, 1, 1], 3);
    expect(validatePolicy(lighterFund, controllerOf)).toEqual([
      expect.objectContaining({ rule: 'controller-veto', controller: 'community' }),
    ]);
  });

  it('rebalances the defaults (version 3) so that no controller blocks alone; version 2 is refused naming community', async () => {
    const controllerOf = await svc.app.get(ControllerMap).resolver(); // the rules the migrations seeded
    for (const seeded of DISTRICT_DEFAULT_POLICIES_V3) {
      expect(schemaProblems(DecisionPolicyInput, seeded)).toEqual([]);
      expect(validatePolicy(seeded, controllerOf)).toEqual([]);
      expect(validatePolicy(bindPolicyToCommunity({ ...seeded, version: 3 }, COMMUNITY), controllerOf)).toEqual([]);
    }
    for (const seeded of DISTRICT_DEFAULT_POLICIES_V4) {
      // Version 4 (its street's office, its district's bureau) keeps the seats and weights of version 3.
      expect(validatePolicy(seeded, controllerOf)).toEqual([]);
      // Sent again as it is, it passes every rule and is the latest version: nothing new is stored.
      const again = await put(seeded);
      expect({ status: again.status, version: again.body.version }).toEqual({ status: 200, version: 4 });
    }

    const before = await storedRows();
    for (const old of DISTRICT_DEFAULT_POLICIES_V2) {
      // community 2 + residents 2 of 8, both spoken for by the community service: 4 left < quorum 5.
      const refused = await put(old);
      expect(refused.status).toBe(422);
      expect(refused.body.violations).toEqual([
        {
          rule: 'controller-veto',
          partyId: null,
          controller: 'community',
          partyIds: ['community:{communityCode}', 'residents:{communityCode}'],
          message: expect.stringContaining('community could block every decision alone') as string,
        },
      ]);
    }
    expect(await storedRows()).toEqual(before);
  });

  it('stores a new policy (201), answers a repeat with the same version (200), and bumps the version on a change', async () => {
    const first = policy();
    const created = await put(first);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...first, version: 1, createdBy: DISTRICT_POLICY_ADMIN.sub });

    // The same policy with its keys in another order is the same policy.
    const again = await put(Object.fromEntries(Object.entries(first).reverse()));
    expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: created.body });

    const changed = policy({ quorum: 6, maxAmendments: 1 });
    const bumped = await put(changed);
    expect(bumped.status).toBe(201);
    expect(bumped.body).toMatchObject({ ...changed, version: 2 });

    expect((await get(`/policies/${first.policyId}`)).body).toEqual(bumped.body);
    expect((await get(`/policies/${first.policyId}/versions/1`)).body).toEqual(created.body);
    const missing = await get(`/policies/${first.policyId}/versions/3`);
    expect(missing).toEqual({
      status: 404,
      body: { statusCode: 404, message: `policy ${first.policyId} has no version 3 (its versions are 1 to 2)` },
    });
  });

  it('refuses a malformed policy with 400 naming each field, and stores nothing', async () => {
    const valid = policy({ policyId: 'malformed' });
    const broken: Partial<DecisionPolicyInput> = {
      ...valid,
      parties: valid.parties.map((s, i) => (i === 1 ? { ...s, weight: 0 } : s)),
    };
    delete broken.title;

    const refused = await put(broken);
    expect(refused.status).toBe(400);
    expect(refused.body.problems).toEqual(
      expect.arrayContaining([
        { path: '/title', message: 'is required' },
        { path: '/parties/1/weight', message: 'must be >= 1' },
      ]),
    );
    expect(refused.body.message).toMatch(/\/parties\/1\/weight/);

    const elsewhere = await put(policy({ policyId: 'malformed' }), 'another-id');
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.problems).toEqual([
      { path: '/policyId', message: 'must equal the policy id in the URL (another-id), not malformed' },
    ]);

    expect((await get('/policies/malformed')).status).toBe(404);
    expect(await get('/policies/another-id')).toEqual({
      status: 404,
      body: { statusCode: 404, message: 'policy another-id does not exist' },
    });
  });

  it('refuses with 422 a policy where one party could block every decision, naming it, and stores nothing', async () => {
    // The funder's 4 of 10 is short of quorum 7 alone, but without it the others hold only 6.
    const vetoing = withWeights(policy({ policyId: 'funder-veto', communityCode: 'veto-test' }), [2, 1, 2, 4, 1], 7);
    const refused = await put(vetoing);
    expect(refused.status).toBe(422);
    expect(refused.body.violations).toEqual([
      {
        rule: 'no-single-veto',
        partyId: 'funder:xuhui-civil-affairs-fund',
        controller: 'funding',
        partyIds: ['funder:xuhui-civil-affairs-fund'],
        message: expect.stringContaining('funder:xuhui-civil-affairs-fund could block every decision alone') as string,
      },
    ]);
    expect(refused.body.message).toContain('funder:xuhui-civil-affairs-fund');
    expect((await get('/policies/funder-veto')).status).toBe(404);
  });

  it('refuses with 422 a change that lets one party approve alone, keeping the latest version as it was', async () => {
    const base = policy({ policyId: 'single-approval', communityCode: 'approval-test' });
    expect((await put(base)).status).toBe(201);

    const refused = await put(withWeights(base, [1, 1, 5, 1, 1], 3));
    expect(refused.status).toBe(422);
    expect(refused.body.violations).toEqual([
      {
        rule: 'no-single-approval',
        partyId: 'talent:xinhua-social-workers',
        controller: 'talent',
        partyIds: ['talent:xinhua-social-workers'],
        message: 'talent:xinhua-social-workers has weight 5 ≥ quorum 3: it could approve alone',
      },
    ]);
    const latest = await get('/policies/single-approval');
    expect(latest.body).toMatchObject({ ...base, version: 1 });
  });

  it('a policy whose one controller can block alone is refused with 422 naming the controller', async () => {
    const before = await storedRows();
    // No party can block alone (each leaves ≥ 6 of 8), but the community service speaks for 2 + 2: 4 < 5.
    const bloc = withWeights(policy({ policyId: 'bloc-veto', communityCode: 'bloc-test' }), [2, 2, 1, 2, 1], 5);
    const refused = await put(bloc);
    expect(refused.status).toBe(422);
    expect(refused.body.violations).toEqual([
      {
        rule: 'controller-veto',
        partyId: null,
        controller: 'community',
        partyIds: [`community:${COMMUNITY}`, `residents:${COMMUNITY}`],
        message:
          `community speaks for community:${COMMUNITY} + residents:${COMMUNITY} (weight 4); without them the ` +
          'others hold 4 < quorum 5: community could block every decision alone by objecting or staying silent on all its seats',
      },
    ]);
    expect(refused.body.message).toContain('community could block every decision alone');
    expect((await get('/policies/bloc-veto')).status).toBe(404);
    expect(await storedRows()).toEqual(before);
  });

  it('a policy whose one controller can approve alone is refused with 422 naming the controller', async () => {
    const base = policy({ policyId: 'bloc-approval', communityCode: 'bloc-approval-test' });
    expect((await put(base)).status).toBe(201);
    const before = await storedRows();

    // 3 + 3 of 12 reach quorum 6 by the community service alone (the others, 6, could still pass without it).
    const refused = await put(withWeights(base, [3, 3, 2, 2, 2], 6));
    expect(refused.status).toBe(422);
    expect(refused.body.violations).toEqual([
      {
        rule: 'controller-approval',
        partyId: null,
        controller: 'community',
        partyIds: [`community:${COMMUNITY}`, `residents:${COMMUNITY}`],
        message: `community speaks for community:${COMMUNITY} + residents:${COMMUNITY} (weight 6) ≥ quorum 6: it could approve alone`,
      },
    ]);
    expect((await get('/policies/bloc-approval')).body).toMatchObject({ ...base, version: 1 });
    expect(await storedRows()).toEqual(before);
  });

  it('refuses with 422 an arbiter whose controller also votes, and a seat nobody speaks for', async () => {
    const before = await storedRows();
    // The district portal speaks for PORTAL_FUNDER: it cannot arbitrate a decision it votes in as a funder.
    const base = policy({ policyId: 'partial-arbiter', communityCode: 'arbiter-test' });
    const parties = base.parties.map((seat) =>
      seat.kind === 'funder' ? { ...seat, partyId: PORTAL_FUNDER, title: '区福彩公益金' } : seat,
    );
    const partial = await put({ ...base, parties });
    expect(partial.status).toBe(422);
    expect(partial.body.violations).toEqual([
      {
        rule: 'neutral-arbiter',
        partyId: 'portal:xuhui-civil-affairs',
        controller: 'portal:xuhui-civil-affairs',
        partyIds: [PORTAL_FUNDER],
        message:
          `arbiter portal:xuhui-civil-affairs is spoken for by portal:xuhui-civil-affairs, which also votes for ${PORTAL_FUNDER}; ` +
          'an arbiter must not settle a tie its controller took part in',
      },
    ]);

    const unmapped = base.parties.map((seat) =>
      seat.kind === 'organization' ? { ...seat, partyId: 'charity:xinhua-food-bank', kind: 'charity' } : seat,
    );
    const silent = await put({ ...base, parties: unmapped });
    expect(silent.status).toBe(422);
    expect(silent.body.violations).toEqual([
      expect.objectContaining({ rule: 'no-controller', partyId: 'charity:xinhua-food-bank', controller: null }),
    ]);
    expect((await get('/policies/partial-arbiter')).status).toBe(404);
    expect(await storedRows()).toEqual(before);
  });

  it('resolves to the community’s own policy before the district-wide default', async () => {
    const repository = svc.app.get(PolicyRepository);
    const own = policy({ policyId: 'resolve-own', decisionKind: 'data-access', communityCode: 'resolve-test' });
    expect((await put(own)).status).toBe(201);

    const area = (communityCode: string | null) => ({ communityCode, streetCode: null, districtCode: null });
    expect((await repository.resolve('data-access', area('resolve-test')))?.policy).toEqual({ ...own, version: 1 });
    expect((await repository.resolve('data-access', area('no-policy-of-its-own')))?.policy.policyId).toBe(
      'data-access.district',
    );
    expect((await repository.resolve('data-access', area(null)))?.policy.policyId).toBe('data-access.district');
    expect(await repository.resolve('tree-planting', area('resolve-test'))).toBeNull();

    const viaHttp = await get('/policies/resolve?decisionKind=data-access&communityCode=resolve-test');
    expect(viaHttp.body).toMatchObject({ policyId: 'resolve-own', version: 1 });
    expect((await get('/policies/resolve?decisionKind=data-access')).body.policyId).toBe('data-access.district');
    expect(await get('/policies/resolve?decisionKind=tree-planting&communityCode=resolve-test')).toEqual({
      status: 404,
      body: {
        statusCode: 404,
        message: 'no policy governs tree-planting in community resolve-test, and no district-wide one either',
      },
    });
    const bad = await get('/policies/resolve?decisionKind=Data_Access');
    expect(bad.status).toBe(400);
    expect(bad.body.problems?.[0]?.path).toBe('/query/decisionKind');

    const listed = await get('/policies?decisionKind=data-access');
    expect((listed.body as unknown as Reply['body'][]).map((p) => p.policyId)).toEqual([
      'data-access.district',
      'resolve-own',
    ]);
  });

  it('keeps one policy per scope, and a policy in its scope (409)', async () => {
    const second = await put(policy({ policyId: 'second-district-default', communityCode: null }));
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      conflictingPolicyId: 'activity-proposal.district',
      message: expect.stringContaining(
        'policy activity-proposal.district already governs activity-proposal district-wide',
      ) as string,
    });

    const before = (await get('/policies/activity-proposal.district')).body.version;
    expect(before).toBe(4); // the seed, the decision's community seated, the rebalancing, the street's own office
    const moved = await put(policy({ policyId: 'activity-proposal.district', communityCode: 'somewhere' }));
    expect(moved.status).toBe(409);
    expect((await get('/policies/activity-proposal.district')).body.version).toBe(before);
  });

  it('gives two concurrent changes consecutive versions, losing neither', async () => {
    const base = policy({ policyId: 'concurrent', communityCode: 'concurrency-test' });
    expect((await put(base)).status).toBe(201);

    const a = policy({ ...base, title: 'change A' });
    const b = policy({ ...base, title: 'change B' });
    const replies = await Promise.all([put(a), put(b)]);
    expect(replies.map((r) => r.status)).toEqual([201, 201]);
    expect(replies.map((r) => r.body.version).sort()).toEqual([2, 3]);

    const versions = await Promise.all([2, 3].map((v) => get(`/policies/concurrent/versions/${v}`)));
    expect(versions.map((v) => v.body.title).sort()).toEqual(['change A', 'change B']);
    expect((await get('/policies/concurrent')).body.version).toBe(3);

    // The very first version too: there is no row yet to lock.
    const fresh = policy({ policyId: 'concurrent-fresh', communityCode: 'concurrency-fresh' });
    const firsts = await Promise.all([put(fresh), put({ ...fresh, title: 'other first' })]);
    expect(firsts.map((r) => r.body.version).sort()).toEqual([1, 2]);
  });

  it('checks the version parameter and documents the endpoints in /docs', async () => {
    const bad = await get('/policies/concurrent/versions/first');
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual([{ path: '/params/version', message: 'must be a positive integer' }]);

    const docs = (await (await fetch(`${svc.baseUrl}/docs/openapi.json`)).json()) as { paths: Record<string, object> };
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining([
        '/policies',
        '/policies/resolve',
        '/policies/{policyId}',
        '/policies/{policyId}/versions/{version}',
      ]),
    );
    expect(Object.keys(docs.paths['/policies/{policyId}'] ?? {})).toEqual(expect.arrayContaining(['get', 'put']));
    // The parameters say what the checks enforce (Schemathesis' valid values were refused 400 without them).
    const parameters = (path: string, method = 'get') =>
      Object.fromEntries(
        (
          (docs.paths[path] as Record<string, { parameters: { name: string; schema: object }[] }>)[method]
            ?.parameters ?? []
        ).map(({ name, schema }) => [name, schema]),
      );
    expect(parameters('/policies')).toMatchObject({
      decisionKind: { pattern: '^[a-z][a-z-]*$' },
      communityCode: { anyOf: [{ pattern: expect.any(String) }, { enum: [''] }] },
      streetCode: { pattern: '^[0-9]{6}-[0-9]{3}$' },
      districtCode: { pattern: '^[0-9]{6}$' },
      programId: { pattern: expect.any(String) },
    });
    expect(parameters('/policies/resolve')).toMatchObject({ decisionKind: { pattern: '^[a-z][a-z-]*$' } });
    // The controller map's party id, as the check in front of it reads one (kind:id).
    expect(parameters('/controllers/resolve')).toMatchObject({
      partyId: { type: 'string', pattern: expect.any(String) },
    });
    expect(parameters('/policies/{policyId}/versions/{version}')).toMatchObject({
      version: { type: 'integer', minimum: 1, maximum: 999_999_999 },
    });
    // A refusal names the controller that breaks the rules (null when it is about no controller).
    expect(docs.paths['/policies/{policyId}']).toMatchObject({
      put: {
        responses: {
          '422': {
            content: {
              'application/json': {
                schema: {
                  properties: {
                    violations: {
                      items: {
                        properties: {
                          controller: { type: 'string', nullable: true },
                          partyIds: { type: 'array', items: { type: 'string' } },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    });
  });
});
