import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import {
  type DecisionPolicyInput,
  exampleEvent,
  grantAwarded,
  type ProgramPolicyRules,
  programOpened,
  programUpdated,
  type SansheEvent,
} from '@sanshe/contracts';
import { type EventHandler, PermanentEventError } from '@sanshe/messaging';
import { migrate } from '@sanshe/persistence';
import {
  bearer,
  devToken,
  DISTRICT_POLICY_ADMIN,
  type ServiceUnderTest,
  startServiceUnderTest,
  uniqueName,
} from '@sanshe/testing';
import { migrations } from '../migrations';
import { AdministrativeAreas } from '../src/administrative-areas/domain/administrative-areas';
import { bindDecisionPolicy } from '../src/decisions/application/bind-decision-policy';
import type { ChannelCheck } from '../src/decisions/application/channel-check';
import { resolveBoundPolicy } from '../src/decisions/application/resolve-bound-policy';
import { DECISION_OPENINGS } from '../src/decisions/interface/events/decision-openings';
import { programPolicyEventHandlers } from '../src/decisions/interface/events/program-policy-events';
import { ControllerMap } from '../src/parties/domain/controller-map';
import { SetProgramPoliciesHandler } from '../src/policies/application/set-program-policies';
import { PolicyRepository } from '../src/policies/domain/policy.repository';
import { policiesTestApp, serviceConfig } from './policies-test-app';

/**
 * Policies scoped to a street or a district, on the real PostgreSQL (a schema of this run's own): a
 * decision takes its community's policy, else its street's, else its district's, else the default;
 * a policy names one scope (400 naming the field otherwise), and a scope has one policy.
 */
const schema = uniqueName('governance_scopes').replace(/-/g, '_');
const STREET = '310104-005';
let svc: ServiceUnderTest;
let districtAdmin: string;

/** A valid policy with a street office as its first arbiter: every seat 2 of 10, quorum 6. */
const policy = (policyId: string, scope: Partial<DecisionPolicyInput>): DecisionPolicyInput => ({
  policyId,
  decisionKind: 'activity-proposal',
  communityCode: null,
  title: `Scoped policy ${policyId}`,
  parties: [
    { partyId: 'community:{communityCode}', kind: 'community', title: '居委会', weight: 2, voteWindowHours: 168 },
    { partyId: 'residents:{communityCode}', kind: 'residents', title: '居民代表', weight: 2, voteWindowHours: 168 },
    { partyId: 'talent:scope-social-workers', kind: 'talent', title: '社工', weight: 2, voteWindowHours: 168 },
    { partyId: 'funder:scope-fund', kind: 'funder', title: '基金', weight: 2, voteWindowHours: 168 },
    { partyId: 'organization:scope-peer', kind: 'organization', title: '同行', weight: 2, voteWindowHours: 168 },
  ],
  quorum: 6,
  deliberationHours: 24,
  maxAmendments: 1,
  escalation: [
    { arbiterId: 'portal:street-{streetCode}', title: '街道办事处', deadlineHours: 72, defaultOutcome: 'rejected' },
  ],
  ...scope,
});

interface Reply {
  status: number;
  body: Record<string, unknown> & { problems?: { path: string; message: string }[] };
}
async function call(method: 'GET' | 'PUT', path: string, body?: unknown, token = districtAdmin): Promise<Reply> {
  const response = await fetch(`${svc.baseUrl}${path}`, {
    method,
    headers: { ...bearer(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Reply['body'] };
}
const put = (input: DecisionPolicyInput, token?: string) => call('PUT', `/policies/${input.policyId}`, input, token);
const resolve = (communityCode: string) =>
  call('GET', `/policies/resolve?decisionKind=activity-proposal&communityCode=${communityCode}`);
const storedRows = () =>
  svc.app
    .get<DataSource>(getDataSourceToken())
    .query<unknown[]>(`SELECT * FROM "${schema}".decision_policy ORDER BY policy_id, version`);

beforeAll(async () => {
  districtAdmin = await devToken(DISTRICT_POLICY_ADMIN);
  await migrate({ url: serviceConfig.DATABASE_URL, schema, migrations });
  svc = await startServiceUnderTest('governance', policiesTestApp(schema));
});

afterAll(async () => {
  if (!svc) return;
  await svc.app.get<DataSource>(getDataSourceToken()).query(`DROP SCHEMA "${schema}" CASCADE`);
  await svc.close();
});

describe('the seeded defaults, version 4', () => {
  it("resolve with the street office of the decision's own street, and its district's bureau", async () => {
    const resolved = await resolve('310104-006-001');
    expect(resolved.body).toMatchObject({
      policyId: 'activity-proposal.district',
      version: 4,
      resolvedFrom: 'default',
      escalation: [
        { arbiterId: 'portal:street-{streetCode}', deadlineHours: 72, defaultOutcome: 'escalate' },
        { arbiterId: 'portal:civil-affairs-{districtCode}', deadlineHours: 120, defaultOutcome: 'approved' },
      ],
    });
    const { bindings, ...policy } = resolved.body as unknown as { bindings: never } & Parameters<
      typeof bindDecisionPolicy
    >[0];
    const controllerOf = await svc.app.get(ControllerMap).resolver();
    const bound = bindDecisionPolicy(policy, '310104-006-001', bindings, controllerOf);
    expect(bound.escalation.map((step) => step.arbiterId)).toEqual([
      'portal:street-310104-006',
      'portal:civil-affairs-310104',
    ]);
    expect(bound.parties.slice(0, 2).map((seat) => seat.partyId)).toEqual([
      'community:310104-006-001',
      'residents:310104-006-001',
    ]);
    // A community whose street nobody knows cannot be bound: refused, naming it and the placeholder.
    expect(() => bindDecisionPolicy(policy, 'chaos-community', null, controllerOf)).toThrow(
      /community chaos-community: \{streetCode\} in portal:street-\{streetCode\}/,
    );
  });
});

describe('policies scoped to a street or a district', () => {
  it("a street's policy governs that street's communities; another street's take the default", async () => {
    const street = policy('activity-proposal.street-005', { streetCode: STREET });
    expect((await put(street)).status).toBe(201);

    const here = await resolve('310104-005-001');
    expect(here.status).toBe(200);
    expect(here.body).toMatchObject({
      policyId: street.policyId,
      streetCode: STREET,
      resolvedFrom: 'street',
      bindings: { communityCode: '310104-005-001', streetCode: STREET, districtCode: '310104' },
    });
    const there = await resolve('310104-006-001');
    expect(there.body).toMatchObject({
      policyId: 'activity-proposal.district',
      resolvedFrom: 'default',
      bindings: { streetCode: '310104-006' },
    });
    const listed = await call('GET', `/policies?streetCode=${STREET}`);
    expect((listed.body as unknown as { policyId: string }[]).map((p) => p.policyId)).toEqual([street.policyId]);
  });

  it("a district's policy ranks below a street's and above the default; a community's own above all", async () => {
    const district = policy('activity-proposal.district-310104', { districtCode: '310104', title: 'District 310104' });
    expect((await put(district)).status).toBe(201);
    expect((await resolve('310104-006-001')).body).toMatchObject({
      policyId: district.policyId,
      resolvedFrom: 'district',
    });
    expect((await resolve('310104-005-002')).body).toMatchObject({ resolvedFrom: 'street' });
    const listed = await call('GET', '/policies?districtCode=310104');
    expect((listed.body as unknown as { policyId: string }[]).map((p) => p.policyId)).toEqual([district.policyId]);
    expect((await call('GET', '/policies?districtCode=310104-005')).body.problems?.[0]?.path).toBe(
      '/query/districtCode',
    );

    const own = policy('activity-proposal.310104-005-002', { communityCode: '310104-005-002' });
    expect((await put(own)).status).toBe(201);
    expect((await resolve('310104-005-002')).body).toMatchObject({ policyId: own.policyId, resolvedFrom: 'community' });
    // A community that is not a code: its own policy or the default, never a street's.
    expect((await resolve('somewhere-else')).body).toMatchObject({
      resolvedFrom: 'default',
      bindings: { communityCode: 'somewhere-else', streetCode: null, districtCode: null },
    });
  });

  it('refuses a policy naming two scopes with 400 naming the field, storing nothing', async () => {
    const before = await storedRows();
    const both = await put(policy('two-scopes', { communityCode: '310104-005-003', streetCode: STREET }));
    expect(both.status).toBe(400);
    expect(both.body.problems).toEqual([
      { path: '/streetCode', message: expect.stringContaining('it sets communityCode and streetCode') as string },
    ]);
    // The same for a street administrator, who could set neither alone: malformed before it is forbidden.
    const streetAdmin = await devToken({
      sub: 'street-clerk',
      parties: [`jurisdiction:${STREET}`],
      roles: ['policy-admin'],
    });
    const three = await put(policy('three-scopes', { streetCode: STREET, districtCode: '310104' }), streetAdmin);
    expect(three.status).toBe(400);
    expect(three.body.problems?.map((p) => p.path)).toEqual(['/districtCode']);
    expect(await storedRows()).toEqual(before);
  });

  it("gives a street one policy, keeps a policy in its scope, and lets only the street's or district's administrator set it", async () => {
    const second = await put(policy('second-street-policy', { streetCode: STREET }));
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ conflictingPolicyId: 'activity-proposal.street-005' });
    const moved = await put(policy('activity-proposal.street-005', { streetCode: '310104-007' }));
    expect(moved.status).toBe(409);
    expect(moved.body.message).toMatch(
      /governs activity-proposal in street 310104-005; it cannot move to .* in street 310104-007/,
    );

    const clerkOf = async (code: string) =>
      devToken({ sub: `clerk-${code}`, parties: [`jurisdiction:${code}`], roles: ['policy-admin'] });
    const own = await put(
      policy('activity-proposal.street-008', { streetCode: '310104-008' }),
      await clerkOf('310104-008'),
    );
    expect(own.status).toBe(201);
    const neighbour = await put(
      policy('activity-proposal.street-009', { streetCode: '310104-009' }),
      await clerkOf('310104-008'),
    );
    expect(neighbour.status).toBe(403);
    const upwards = await put(
      policy('activity-proposal.district-x', { districtCode: '310104' }),
      await clerkOf('310104-008'),
    );
    expect(upwards.status).toBe(403);
  });
});

/*
 * Policies scoped to a funding program (docs/decisions.md, "Program scope"): set from funding's program events
 * through the bridge's handler (the channel check passes here; it is unit-tested), or by the district's operator
 * over HTTP; a grant-award of the program resolves to its own policy before any area's.
 */
describe('policies scoped to a funding program', () => {
  const PROGRAM = uniqueName('prog');
  const FUNDER = 'funder:xuhui-civil-affairs';
  const awardPolicyId = `program.${PROGRAM}.grant-award`;
  /** The program's award rules: its funder, the community (committee and residents) and a peer, 2 of 6 each. */
  const award: ProgramPolicyRules = {
    title: '项目资助决策',
    parties: [
      { partyId: FUNDER, kind: 'funder', title: '区民政局', weight: 2, voteWindowHours: 48 },
      { partyId: 'community:{communityCode}', kind: 'community', title: '居委会', weight: 1, voteWindowHours: 48 },
      { partyId: 'residents:{communityCode}', kind: 'residents', title: '居民代表', weight: 1, voteWindowHours: 48 },
      { partyId: 'organization:peer-review', kind: 'organization', title: '同行评审', weight: 2, voteWindowHours: 48 },
    ],
    quorum: 4,
    deliberationHours: 24,
    maxAmendments: 1,
    escalation: [
      { arbiterId: 'portal:street-{streetCode}', title: '街道办', deadlineHours: 72, defaultOutcome: 'rejected' },
    ],
  };
  const delivery = { topic: 'sanshe.funding.events', partition: 0, offset: '0', timestamp: '0' };
  type ProgramType = 'sanshe.funding.program.opened.v1' | 'sanshe.funding.program.updated.v1';
  const deliver = (definition: typeof programOpened | typeof programUpdated, policies: Record<string, unknown>) => {
    const handlers = programPolicyEventHandlers(
      { refusal: async () => null } as unknown as ChannelCheck,
      svc.app.get(SetProgramPoliciesHandler),
    );
    const data = { ...definition.example, programId: PROGRAM, funderId: FUNDER, policies };
    const event = { ...exampleEvent(definition), data } as unknown as SansheEvent<ProgramType>;
    const handler = handlers[definition.type] as EventHandler<ProgramType>;
    return handler(event, {} as EntityManager, delivery);
  };
  const listed = async () => (await call('GET', `/policies?programId=${PROGRAM}`)).body as unknown as StoredView[];
  type StoredView = { policyId: string; version: number; programId: string; createdBy: string };

  it("stores a program.opened's award policy as the program's, set by its funder; the same again stores nothing", async () => {
    await deliver(programOpened, { award });
    await deliver(programOpened, { award }); // a redelivery, or a program.updated that left it as it was
    await deliver(programUpdated, { award });
    expect(await listed()).toEqual([
      expect.objectContaining({ policyId: awardPolicyId, version: 1, programId: PROGRAM, createdBy: FUNDER }),
    ]);
    await deliver(programUpdated, { award: { ...award, deliberationHours: 12 } });
    expect((await listed()).map((p) => [p.policyId, p.version])).toEqual([[awardPolicyId, 2]]);
  });

  it("opens a grant-award of the program under the program's policy, with the seats it set, bound to the community", async () => {
    const opening = DECISION_OPENINGS['sanshe.funding.grant.awarded.v1']({
      ...grantAwarded.example,
      programId: PROGRAM,
      communityCode: '310104-005-001',
    });
    const ports = {
      policies: svc.app.get(PolicyRepository),
      areas: svc.app.get(AdministrativeAreas),
      controllers: svc.app.get(ControllerMap),
    };
    const { policy } = await resolveBoundPolicy(ports, opening.kind, opening.communityCode, opening.programId);
    expect(policy).toMatchObject({ policyId: awardPolicyId, version: 2, quorum: 4, deliberationHours: 12 });
    expect(policy.parties.map((seat) => [seat.partyId, seat.weight])).toEqual([
      [FUNDER, 2],
      ['community:310104-005-001', 1],
      ['residents:310104-005-001', 1],
      ['organization:peer-review', 2],
    ]);
    expect(policy.escalation.map((step) => step.arbiterId)).toEqual(['portal:street-310104-005']);
    // Another program's grant, and the resolve endpoint: the district default, and the program's own.
    const other = await resolveBoundPolicy(ports, 'grant-award', '310104-005-001', uniqueName('prog'));
    expect(other.policy.policyId).toBe('grant-award.district');
    const resolved = await call(
      'GET',
      `/policies/resolve?decisionKind=grant-award&communityCode=310104-005-001&programId=${PROGRAM}`,
    );
    expect(resolved.body).toMatchObject({ policyId: awardPolicyId, resolvedFrom: 'program' });
  });

  it('dead-letters a program policy that breaks a rule, naming it, and stores nothing', async () => {
    const before = await storedRows();
    const [funderSeat, ...others] = award.parties;
    const alone = { ...award, parties: [{ ...funderSeat, weight: 4 }, ...others] } as ProgramPolicyRules;
    const refused = deliver(programUpdated, { award: { ...award, deliberationHours: 6 }, verify: alone });
    await expect(refused).rejects.toThrow(PermanentEventError);
    await expect(refused).rejects.toThrow(/^policy-rules-broken: .*funder:xuhui-civil-affairs/);
    expect(await storedRows()).toEqual(before);
  });

  it("lets the district's operator set a program policy over HTTP, and refuses one naming two scopes with 400", async () => {
    const operated = policy(`program.${PROGRAM}.activity-proposal`, { programId: PROGRAM });
    expect((await put(operated)).status).toBe(201);
    const clerk = await devToken({ sub: 'clerk-005', parties: [`jurisdiction:${STREET}`], roles: ['policy-admin'] });
    expect((await put({ ...operated, title: 'by a street clerk' }, clerk)).status).toBe(403);
    const both = await put(policy('program-and-community', { programId: PROGRAM, communityCode: '310104-005-001' }));
    expect(both.status).toBe(400);
    expect(both.body.problems).toEqual([
      { path: '/communityCode', message: expect.stringContaining('it sets programId and communityCode') as string },
    ]);
    expect((await listed()).map((p) => p.policyId)).toEqual([`program.${PROGRAM}.activity-proposal`, awardPolicyId]);
  });
});
