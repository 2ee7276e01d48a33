import { contextTopic } from '@sanshe/contracts';
import { InboxService } from '@sanshe/messaging';
import { eventually } from '@sanshe/testing';
import { type FundingUnderTest, startFundingUnderTest } from './funding-test-app';
import {
  auditor,
  call,
  funderAdmin,
  funderStaff,
  newId,
  openProgram,
  orgAdmin,
  registerOrganization,
} from './funding.fixtures';
import {
  applicationOf,
  consumed,
  decide,
  FUND_SEAT,
  GOVERNANCE,
  grantRow,
  openDecision,
  proposal,
  sent,
  submit,
  type TestProposal,
} from './grants.fixtures';

/**
 * Applications, grants decided together and the funder's seat on the real PostgreSQL and Kafka: the
 * organization's and governance's events published to their real topics, read by funding's consumer.
 */
const LATER = { period: { from: '2026-01-01', to: '2099-12-31' } };
const RECEIVED = 'sanshe.funding.application.received.v1';
const AWARDED = 'sanshe.funding.grant.awarded.v1';
const ACTIVATED = 'sanshe.funding.grant.activated.v1';
const VOIDED = 'sanshe.funding.grant.voided.v1';
const VOTE_CAST = 'sanshe.funding.decision.vote-cast.v1';
let svc: FundingUnderTest;
let organizationId: string;

const grantIdOf = (p: TestProposal) => `grant-app-${p.proposalId}`;
const grantDecision = (p: TestProposal) => `decision/grant-award/${grantIdOf(p)}`;

/** An approved proposal's application: submitted, approved, and waited for. */
async function applied(p: TestProposal) {
  await submit(svc, p);
  await decide(svc, p.decisionId, 'approved');
  return applicationOf(svc, p.proposalId);
}

async function award(p: TestProposal, body: Record<string, unknown> = {}, funderId?: string) {
  return call(svc, 'POST', `/applications/app-${p.proposalId}/award`, funderAdmin(funderId), body);
}

async function balance(accountId: string): Promise<number> {
  const [row] = await svc.query<{ balance_fen: string }>(
    `SELECT balance_fen FROM ${svc.schema}.ledger_account WHERE account_id = $1`,
    [accountId],
  );
  return Number(row?.balance_fen ?? 0);
}

beforeAll(async () => {
  svc = await startFundingUnderTest();
  ({ organizationId } = await registerOrganization(svc));
}, 60_000);
afterAll(() => svc?.close());

describe('applications from approved proposals', () => {
  it('on one event the applications feature runs before grants, and grants before the funder’s seat', () => {
    const order = svc.registry.featuresOf('sanshe.governance.decision.decided.v1');
    expect(order.filter((feature) => ['applications', 'grants', 'votes'].includes(feature))).toEqual([
      'applications',
      'grants',
      'votes',
    ]);
  });

  it('decided before submitted: one application; redeliveries of both change nothing', async () => {
    const { programId } = await openProgram(svc, LATER);
    const p = proposal(organizationId, programId);
    const decided = await decide(svc, p.decisionId, 'approved');
    await consumed(svc, decided.id);
    expect(await svc.query(`SELECT 1 FROM ${svc.schema}.application WHERE proposal_id = $1`, [p.proposalId])).toEqual(
      [],
    );
    await submit(svc, p);
    const application = await applicationOf(svc, p.proposalId);
    expect(application).toMatchObject({ application_id: `app-${p.proposalId}`, status: 'received', eligible: true });
    const again = [await submit(svc, p), await decide(svc, p.decisionId, 'approved')];
    await consumed(svc, ...again.map((event) => event.id));
    expect(await sent(svc, `app-${p.proposalId}`, RECEIVED)).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ proposalId: p.proposalId, programId, eligible: true, ineligibleReasons: [] }),
      }),
    ]);
  });

  it('an ineligible organization gets an application with its reasons and no award, even when auto-awarded', async () => {
    const { programId } = await openProgram(svc, { ...LATER, autoAward: true });
    const { organizationId: low } = await registerOrganization(svc, {
      grade: { grade: '2A', assessedOn: '2025-06-30', validUntil: '2030-06-29' },
    });
    const p = proposal(low, programId);
    const application = await applied(p);
    expect(application).toMatchObject({ status: 'ineligible', eligible: false });
    expect(application.ineligible_reasons).toEqual([expect.objectContaining({ code: 'grade-below-minimum' })]);
    expect(await grantRow(svc, grantIdOf(p))).toBeUndefined();
    expect((await award(p)).status).toBe(409);
  });

  it('a rejected proposal, or one asking no program, makes no application', async () => {
    const { programId } = await openProgram(svc, LATER);
    const rejected = proposal(organizationId, programId);
    const noMoney = proposal(organizationId, null);
    const ids = [await submit(svc, rejected), await decide(svc, rejected.decisionId, 'rejected')];
    ids.push(await submit(svc, noMoney), await decide(svc, noMoney.decisionId, 'approved'));
    await consumed(svc, ...ids.map((event) => event.id));
    const rows = await svc.query(`SELECT 1 FROM ${svc.schema}.application WHERE proposal_id = ANY($1)`, [
      [rejected.proposalId, noMoney.proposalId],
    ]);
    expect(rows).toEqual([]);
  });
});

describe('awards, decided in governance', () => {
  it('awards within the request and the budget left; 403 another funder; 400 naming /amount; 409 over the budget', async () => {
    const { programId } = await openProgram(svc, { ...LATER, budget: { amountFen: 6_000_000, currency: 'CNY' } });
    const first = proposal(organizationId, programId, 4_800_000);
    const second = proposal(organizationId, programId, 2_000_000);
    await applied(first);
    await applied(second);
    expect((await award(first, {}, 'funder:another-fund')).status).toBe(403);
    const over = await award(first, { amount: { amountFen: 4_800_001, currency: 'CNY' } });
    expect(over.status).toBe(400);
    expect(over.body.problems).toEqual([expect.objectContaining({ path: '/amount/amountFen' })]);
    const crumbs = await award(first, { amount: { amountFen: 2, currency: 'CNY' } });
    expect(crumbs.status).toBe(400); // 2 fen at the plan's percents leaves a tranche with 0 fen
    expect(crumbs.body.problems).toEqual([
      expect.objectContaining({ path: '/amount/amountFen', message: expect.stringContaining('would get 0 fen') }),
    ]);
    const made = await award(first, { title: '长者午餐资助' });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ grantId: grantIdOf(first), status: 'awarded', amountFen: 4_800_000 });
    // 6 000 000 available − 4 800 000 pending their decision = 1 200 000 < 2 000 000
    const short = await award(second);
    expect(short).toMatchObject({
      status: 409,
      body: { code: 'insufficient-available', availableFen: 6_000_000, pendingFen: 4_800_000 },
    });
    expect((await award(second, { amount: { amountFen: 1_200_000, currency: 'CNY' } })).status).toBe(200);
    expect((await award(first)).status).toBe(409); // awarded already
    // No body at all reads as {} (every field is optional): the same 409, not a 500 (found by npm run fuzz)
    const bare = await fetch(`${svc.baseUrl}/applications/app-${first.proposalId}/award`, {
      method: 'POST', // no content-type either: the body parser leaves the body undefined
      headers: { authorization: `Bearer ${await svc.token(funderAdmin())}` },
    });
    expect(bare.status).toBe(409);
    expect(await sent(svc, grantIdOf(first), AWARDED)).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ applicationId: `app-${first.proposalId}`, title: '长者午餐资助', programId }),
      }),
    ]);
  });

  it('a closed program awards no more (409 program-closed)', async () => {
    const { programId } = await openProgram(svc, LATER);
    const p = proposal(organizationId, programId, 100_000);
    await applied(p);
    expect((await call(svc, 'POST', `/programs/${programId}/close`, funderAdmin())).status).toBe(200);
    expect(await award(p)).toMatchObject({ status: 409, body: { code: 'program-closed' } });
  });

  it('only governance’s decision activates: not the award, not a decided from another channel', async () => {
    const { programId } = await openProgram(svc, LATER);
    const p = proposal(organizationId, programId, 1_000_001);
    await applied(p);
    expect((await award(p)).status).toBe(200);
    const dead = () => svc.app.get(InboxService).processor.counts['dead-lettered'];
    const before = dead();
    // Other ids than governance's own `<decisionId>/outcome`, so neither can stand in for the real one.
    await decide(svc, grantDecision(p), 'approved', {
      topic: GOVERNANCE,
      source: 'sanshe/portal',
      id: newId('forged'),
    });
    await decide(svc, grantDecision(p), 'approved', {
      topic: contextTopic('organization'),
      source: 'sanshe/governance',
      id: newId('misrouted'),
    });
    await eventually(async () => expect(dead()).toBeGreaterThanOrEqual(before + 2), { timeoutMs: 20_000 });
    expect(await grantRow(svc, grantIdOf(p))).toMatchObject({ status: 'awarded', tranches: null });
    expect(await sent(svc, grantIdOf(p), ACTIVATED)).toEqual([]);
    expect(await balance(`grant/${grantIdOf(p)}/reserved`)).toBe(0);

    const available = await balance(`program/${programId}/available`);
    await decide(svc, grantDecision(p), 'approved');
    await eventually(async () => expect(await grantRow(svc, grantIdOf(p))).toMatchObject({ status: 'active' }), {
      timeoutMs: 20_000,
    });
    expect(await balance(`grant/${grantIdOf(p)}/reserved`)).toBe(1_000_001);
    expect(await balance(`program/${programId}/available`)).toBe(available - 1_000_001);
    const [activated] = await sent(svc, grantIdOf(p), ACTIVATED);
    const tranches = (activated.data as { tranches: { amount: { amountFen: number } }[] }).tranches;
    // 1 000 001 at 30/40/30: 300 000 rest 30, 400 000 rest 40, 300 000 rest 30 → the fen left goes to the 40
    expect(tranches.map((t) => t.amount.amountFen)).toEqual([300_000, 400_001, 300_000]);
    expect(activated.data).toMatchObject({
      funderId: 'funder:xuhui-civil-affairs',
      mode: 'direct',
      noticeWorkingDays: 5,
    });

    const shown = await call(svc, 'GET', `/grants/${grantIdOf(p)}`, orgAdmin(organizationId));
    expect(shown.body).toMatchObject({
      status: 'active',
      tranches: [expect.objectContaining({ trancheNo: 1, amountFen: 300_000 }), expect.anything(), expect.anything()],
      balances: { reserved: 1_000_001, payable: 0, paid: 0, 'clawback-receivable': 0 },
    });
    const redelivered = await decide(svc, grantDecision(p), 'approved');
    await consumed(svc, redelivered.id);
    expect(await sent(svc, grantIdOf(p), ACTIVATED)).toHaveLength(1);
  });

  it('rejected and withdrawn decisions void the grant with their reason codes', async () => {
    const { programId } = await openProgram(svc, LATER);
    const rejected = proposal(organizationId, programId, 100_000);
    const withdrawn = proposal(organizationId, programId, 100_000);
    for (const p of [rejected, withdrawn]) {
      await applied(p);
      expect((await award(p)).status).toBe(200);
    }
    await decide(svc, grantDecision(rejected), 'rejected');
    await decide(svc, grantDecision(withdrawn), 'withdrawn');
    for (const [p, code] of [
      [rejected, 'decision-rejected'],
      [withdrawn, 'decision-withdrawn'],
    ] as const) {
      await eventually(async () => expect(await sent(svc, grantIdOf(p), VOIDED)).toHaveLength(1), {
        timeoutMs: 20_000,
      });
      expect(await grantRow(svc, grantIdOf(p))).toMatchObject({ status: 'voided', voided_reason_code: code });
      expect((await sent(svc, grantIdOf(p), VOIDED))[0].data).toMatchObject({ reasonCode: code });
    }
  });

  it('a budget cut below an awarded grant voids it at activation (budget-exhausted)', async () => {
    const budget = { amountFen: 1_000_000, currency: 'CNY' };
    const program = await openProgram(svc, { ...LATER, budget });
    const [a, b] = [
      proposal(organizationId, program.programId, 400_000),
      proposal(organizationId, program.programId, 400_000),
    ];
    for (const p of [a, b]) {
      await applied(p);
      expect((await award(p)).status).toBe(200);
    }
    const cut = await call(svc, 'PUT', `/programs/${program.programId}`, funderAdmin(), {
      ...programBodyOf(program),
      budget: { amountFen: 500_000, currency: 'CNY' },
    });
    expect(cut.status).toBe(200);
    await decide(svc, grantDecision(a), 'approved');
    // a first: the two outcomes travel on different partitions, so b's could be applied first and void a instead.
    await eventually(async () => expect(await sent(svc, grantIdOf(a), ACTIVATED)).toHaveLength(1), {
      timeoutMs: 20_000,
    });
    await decide(svc, grantDecision(b), 'approved');
    await eventually(async () => expect(await sent(svc, grantIdOf(b), VOIDED)).toHaveLength(1), { timeoutMs: 20_000 });
    expect(await grantRow(svc, grantIdOf(b))).toMatchObject({
      status: 'voided',
      voided_reason_code: 'budget-exhausted',
    });
    expect(await grantRow(svc, grantIdOf(a))).toMatchObject({ status: 'active' });
    expect(await balance(`program/${program.programId}/available`)).toBe(100_000);
  });

  it('an organization deregistered voids its awarded grants, not its active ones, and is awarded no more', async () => {
    const { organizationId: leaving } = await registerOrganization(svc);
    const { programId } = await openProgram(svc, LATER);
    const [active, awarded] = [proposal(leaving, programId, 200_000), proposal(leaving, programId, 200_000)];
    for (const p of [active, awarded]) {
      await applied(p);
      expect((await award(p)).status).toBe(200);
    }
    const late = proposal(leaving, programId, 200_000);
    await applied(late);
    await decide(svc, grantDecision(active), 'approved');
    await eventually(async () => expect(await grantRow(svc, grantIdOf(active))).toMatchObject({ status: 'active' }), {
      timeoutMs: 20_000,
    });
    await registerOrganization(svc, { organizationId: leaving, status: 'deregistered', revision: 2 }, 'updated');
    await eventually(async () => expect(await sent(svc, grantIdOf(awarded), VOIDED)).toHaveLength(1), {
      timeoutMs: 20_000,
    });
    expect((await sent(svc, grantIdOf(awarded), VOIDED))[0].data).toMatchObject({
      reasonCode: 'organization-deregistered',
    });
    expect(await grantRow(svc, grantIdOf(active))).toMatchObject({ status: 'active' });
    expect(await award(late)).toMatchObject({ status: 409, body: { code: 'organization-deregistered' } });
  });

  it('a program that awards by itself awards its request at once; one the budget left cannot cover waits for the funder', async () => {
    const budget = { amountFen: 1_000_000, currency: 'CNY' };
    const { programId } = await openProgram(svc, { ...LATER, autoAward: true, budget });
    const [first, second] = [
      proposal(organizationId, programId, 600_000),
      proposal(organizationId, programId, 600_000),
    ];
    await applied(first);
    await eventually(async () => expect(await sent(svc, grantIdOf(first), AWARDED)).toHaveLength(1), {
      timeoutMs: 20_000,
    });
    expect(await grantRow(svc, grantIdOf(first))).toMatchObject({
      status: 'awarded',
      awarded_by: 'program:auto-award',
    });
    // 1 000 000 available − 600 000 pending = 400 000 < 600 000: refused inside the inbox's transaction, which goes on
    expect(await applied(second)).toMatchObject({ status: 'received' });
    expect(await grantRow(svc, grantIdOf(second))).toBeUndefined();
    const byHand = await award(second, { amount: { amountFen: 400_000, currency: 'CNY' } });
    expect(byHand).toMatchObject({
      status: 200,
      body: { status: 'awarded', awardedBy: 'admin-of-funder:xuhui-civil-affairs' },
    });
  });
});

/** PUT /programs's body from a program view: the fields PUT takes. */
function programBodyOf(view: Record<string, unknown>): Record<string, unknown> {
  const fields = ['funderKind', 'coFunders', 'title', 'mode', 'category', 'budget', 'period', 'districtCode'];
  const more = ['eligibility', 'tranchePlan', 'indicators', 'noticeWorkingDays', 'votingMode', 'autoAward'];
  return {
    funderId: 'funder:xuhui-civil-affairs',
    ...Object.fromEntries([...fields, ...more].filter((f) => f in view).map((f) => [f, view[f]])),
  };
}

describe('reads', () => {
  it('the organization reads its own, another funder nothing, an auditor all; 401 and 403 otherwise', async () => {
    const { programId } = await openProgram(svc, LATER);
    const p = proposal(organizationId, programId, 100_000);
    await applied(p);
    const own = await call<{ applicationId: string }[]>(
      svc,
      'GET',
      `/applications?programId=${programId}`,
      orgAdmin(organizationId),
    );
    expect(own.body.map((a) => a.applicationId)).toEqual([`app-${p.proposalId}`]);
    const other = await call<unknown[]>(
      svc,
      'GET',
      `/applications?programId=${programId}`,
      funderAdmin('funder:another-fund'),
    );
    expect(other).toMatchObject({ status: 200, body: [] });
    const all = await call<unknown[]>(svc, 'GET', `/applications?programId=${programId}`, auditor());
    expect(all.body).toHaveLength(1);
    expect((await call(svc, 'GET', `/applications/app-${p.proposalId}`, orgAdmin('org-other'))).status).toBe(404);
    expect((await call(svc, 'GET', '/applications?status=bogus', auditor())).body).toMatchObject({
      problems: [expect.objectContaining({ path: '/query/status' })],
    });
    expect((await call(svc, 'GET', '/grants', null)).status).toBe(401);
    expect((await call(svc, 'GET', '/grants', { sub: 'nobody', parties: [], roles: [] })).status).toBe(403);
    expect((await call(svc, 'GET', `/grants?programId=${programId}`, funderAdmin())).status).toBe(200);
  });
});

describe('the funder’s seat', () => {
  it('rules: votes on a grant-award by FUNDING_VOTE_RULES once per round, with its reason', async () => {
    const { programId } = await openProgram(svc, LATER);
    const p = proposal(organizationId, programId, 100_000);
    await applied(p);
    expect((await award(p)).status).toBe(200);
    await openDecision(svc, grantDecision(p), [`community:310104-005-001`, FUND_SEAT]);
    await eventually(async () => expect(await sent(svc, grantDecision(p), VOTE_CAST)).toHaveLength(1), {
      timeoutMs: 20_000,
    });
    const again = await openDecision(svc, grantDecision(p), [FUND_SEAT]);
    await consumed(svc, again.id);
    const round2 = await svc.publish(GOVERNANCE, 'sanshe/governance', {
      type: 'sanshe.governance.decision.round-opened.v1',
      subject: grantDecision(p),
      id: `${grantDecision(p)}/5`,
      data: {
        decisionId: grantDecision(p),
        round: 2,
        revision: '金额调整',
        pending: [{ partyId: FUND_SEAT, deadline: '2099-01-01T00:00:00.000Z' }],
      },
    });
    await consumed(svc, round2.id);
    expect((await sent(svc, grantDecision(p), VOTE_CAST)).map((event) => event.data)).toEqual([
      { decisionId: grantDecision(p), partyId: FUND_SEAT, castBy: FUND_SEAT, choice: 'approve', round: 1 },
      { decisionId: grantDecision(p), partyId: FUND_SEAT, castBy: FUND_SEAT, choice: 'approve', round: 2 },
    ]);
  });

  it('rules: abstains on a proposal asking no money, objects to an ineligible one — waiting for the proposal', async () => {
    const { programId } = await openProgram(svc, LATER);
    const none = proposal(organizationId, null);
    const tooBig = proposal(organizationId, programId, 999_000_000_000);
    await openDecision(svc, none.decisionId, [FUND_SEAT]);
    const opened = await openDecision(svc, tooBig.decisionId, [FUND_SEAT]);
    await consumed(svc, opened.id);
    expect(await sent(svc, tooBig.decisionId, VOTE_CAST)).toEqual([]); // the proposal is not known yet
    await submit(svc, none);
    await submit(svc, tooBig);
    await eventually(async () => expect(await sent(svc, tooBig.decisionId, VOTE_CAST)).toHaveLength(1), {
      timeoutMs: 20_000,
    });
    expect((await sent(svc, none.decisionId, VOTE_CAST))[0].data).toMatchObject({
      choice: 'abstain',
      reason: { code: 'no-funding-requested' },
    });
    expect((await sent(svc, tooBig.decisionId, VOTE_CAST))[0].data).toMatchObject({
      choice: 'object',
      reason: { code: 'proposal-ineligible', text: expect.stringContaining('over-budget-request') },
    });
  });

  it('staff: the inbox, 403/400/409 refusals, one vote per round, governance’s refusal shown', async () => {
    const { programId } = await openProgram(svc, { ...LATER, votingMode: 'staff' });
    const p = proposal(organizationId, programId, 100_000);
    await applied(p);
    expect((await award(p)).status).toBe(200);
    const decisionId = grantDecision(p);
    const opened = await openDecision(svc, decisionId, [FUND_SEAT]);
    await consumed(svc, opened.id);
    expect(await sent(svc, decisionId, VOTE_CAST)).toEqual([]);
    const staff = funderStaff(FUND_SEAT);
    const inbox = await call<{ decisionId: string }[]>(svc, 'GET', '/decisions?pending=true', staff);
    expect(inbox.body.map((d) => d.decisionId)).toContain(decisionId);

    const path = `/decisions/${decisionId}/votes`;
    const approve = { partyId: FUND_SEAT, choice: 'approve' };
    expect((await call(svc, 'POST', path, funderStaff('funder:another-fund'), approve)).status).toBe(403);
    expect((await call(svc, 'POST', path, orgAdmin(organizationId), approve)).status).toBe(403);
    const noReason = await call(svc, 'POST', path, staff, { partyId: FUND_SEAT, choice: 'object' });
    expect(noReason).toMatchObject({ status: 400, body: { problems: [expect.objectContaining({ path: '/reason' })] } });
    expect((await call(svc, 'POST', path, staff, { ...approve, choice: 'maybe' })).body).toMatchObject({
      problems: [expect.objectContaining({ path: '/choice' })],
    });
    const notSeated = await call(svc, 'POST', path, funderAdmin('funder:another-fund'), {
      ...approve,
      partyId: 'funder:another-fund',
    });
    expect(notSeated).toMatchObject({ status: 409, body: { code: 'not-seated' } });
    const cast = await call(svc, 'POST', path, staff, approve);
    expect(cast).toMatchObject({ status: 200, body: { choice: 'approve', mode: 'staff', castBy: staff.sub } });
    expect((await call(svc, 'POST', path, staff, approve)).body).toMatchObject({ code: 'already-voted' });
    expect(await sent(svc, decisionId, VOTE_CAST)).toHaveLength(1);
    const pending = await call<{ decisionId: string }[]>(svc, 'GET', '/decisions?pending=true', staff);
    expect(pending.body.map((d) => d.decisionId)).not.toContain(decisionId);

    const refused = await svc.publish(GOVERNANCE, 'sanshe/governance', {
      type: 'sanshe.governance.decision.vote-rejected.v1',
      subject: decisionId,
      data: {
        decisionId,
        partyId: FUND_SEAT,
        castBy: FUND_SEAT,
        code: 'past-deadline',
        reason: 'the round closed before the vote arrived',
        rejectedEventId: `${VOTE_CAST}:${decisionId}:${FUND_SEAT}:1`,
        rejectedEventSource: 'sanshe/funding',
        rejectedEventType: VOTE_CAST,
      },
    });
    await consumed(svc, refused.id);
    const votes = await call(svc, 'GET', path, staff);
    expect(votes.body).toEqual([
      expect.objectContaining({ status: 'rejected', rejection: { code: 'past-deadline', reason: expect.any(String) } }),
    ]);
    await decide(svc, decisionId, 'approved');
    await eventually(async () => expect(await grantRow(svc, grantIdOf(p))).toMatchObject({ status: 'active' }), {
      timeoutMs: 20_000,
    });
    expect((await call(svc, 'POST', path, staff, approve)).body).toMatchObject({ code: 'decision-closed' });
  });
});
