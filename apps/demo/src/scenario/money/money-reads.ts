import type { DemoContext } from '../context';

/** An auditor reads every service's records (never writes): the demo's eyes on what the parties did. */
export const auditor = (ctx: DemoContext) =>
  ctx.token({ sub: `demo-auditor-${ctx.runId}`, parties: [], roles: ['auditor'] });

export interface GrantTranche {
  trancheNo: number;
  amountFen: number;
  milestone: string;
  dueDate: string;
}

/** Funding's GrantView (apps/funding/src/grants/interface/http/grant-schemas.ts), the fields the demo reads. */
export interface Grant {
  grantId: string;
  proposalId: string | null;
  programId: string;
  organizationId: string;
  communityCode: string;
  funderId: string;
  amountFen: number;
  currency: string;
  title: string;
  status: 'awarded' | 'active' | 'completed' | 'voided';
  decisionId: string;
  tranches: GrantTranche[] | null;
  voidedReasonCode: string | null;
  balances?: Record<string, number>;
}

/** Governance's DisbursementView, as GET /disbursements/{grantId} answers it (the workflow's state query). */
export interface Disbursement {
  stage: string;
  trancheNo: number | null;
  openVerification: string | null;
  noticeUntil: string | null;
  verifications: { decisionId: string; outcome: { result: string } }[];
  paid: { trancheNo: number; amountFen: number; paymentId: string }[];
}

export async function readGrant(ctx: DemoContext, grantId: string): Promise<Grant> {
  return (await ctx.api.funding.expect('GET', `/grants/${grantId}`, await auditor(ctx))).body as Grant;
}

/** The disbursement's state, or undefined while governance has not started `disbursement/<grantId>`. */
export async function readDisbursement(ctx: DemoContext, grantId: string, token: string) {
  const answer = await ctx.api.governance.expect('GET', `/disbursements/${grantId}`, token, undefined, [200, 404]);
  return answer.status === 200 ? (answer.body as Disbursement) : undefined;
}

/** A closed decision's outcome (GET /decisions/{id}), or undefined while it is open. */
export async function closedDecision(
  ctx: DemoContext,
  decisionId: string,
): Promise<{ result: string; decidedBy: string } | undefined> {
  const answer = await ctx.api.governance.expect(
    'GET',
    `/decisions/${decisionId}`,
    await auditor(ctx),
    undefined,
    [200, 404],
  );
  if (answer.status !== 200) return undefined;
  const outcome = (answer.body as { outcome?: { result?: string; decidedBy?: string } }).outcome;
  return outcome?.result ? { result: outcome.result, decidedBy: outcome.decidedBy ?? '' } : undefined;
}

/** Waits for the decision to close and records it beside the scenario's intended outcome. */
export async function recordDecision(ctx: DemoContext, label: string, decisionId: string, intended: string) {
  const entry: { label: string; decisionId: string; intended: string; actual?: string; decidedBy?: string } = {
    ...{ label, decisionId, intended },
  };
  ctx.record.decisions.push(entry);
  const outcome = await ctx.waitFor(
    `${decisionId} (${label}) decided`,
    () => closedDecision(ctx, decisionId),
    () => `governance's GET /decisions/${decisionId} still answers 404 (open)`,
  );
  entry.actual = outcome.result;
  entry.decidedBy = outcome.decidedBy;
  ctx.progress.workflow(`${label}: ${outcome.result} (by ${outcome.decidedBy})`, decisionId);
  return outcome;
}

/** A tranche's payment as funding shows it (GET /grants/{grantId}/payments). */
export interface Payment {
  paymentId: string;
  trancheNo: number;
  amount: { amountFen: number };
  rail: string;
  status: string;
}

export async function payments(ctx: DemoContext, grantId: string): Promise<Payment[]> {
  return (await ctx.api.funding.expect('GET', `/grants/${grantId}/payments`, await auditor(ctx))).body as Payment[];
}

export const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
