import type { DemoContext } from '../context';
import type { Stage } from '../stage';
import { evidenceOf } from './activity-reports';
import { recordPaid } from './money-summary';
import { organizationAdmin } from './money-parties';
import {
  auditor,
  type Disbursement,
  type Grant,
  payments,
  readDisbursement,
  readGrant,
  recordDecision,
  yuan,
} from './money-reads';
import { communityApproves, funderApproves } from './money-votes';

/**
 * Step 8 of the loop, each grant's tranches in turn (the grants side by side): evidence (the first tranche's is
 * the activity's report; later ones an evidence package), the milestone verified together in its child decision
 * `decision/milestone-verification/<grantId>.t<n>`, the public notice, one payment — settled by funding's
 * internal rail, or confirmed by the funder's portal (portal-sim confirm-payment) — then, for the summary, what
 * each program paid and the check that every grant's paid money is what `npm run ledger:verify` recomputes.
 */
export const tranchesStage: Stage = {
  name: 'milestones verified together, publicly noticed, paid in tranches; ledger verified',
  file: 'money/tranches.ts',
  async run(ctx) {
    const grantIds = Object.values(ctx.ids.grants);
    if (grantIds.length === 0) throw new Error('no grant in the run: the grants stage activated none');
    const grants = await Promise.all(grantIds.map((grantId) => readGrant(ctx, grantId)));
    await Promise.all(grants.map((grant) => disburse(ctx, grant)));
    await recordPaid(ctx, grants);
  },
};

async function disburse(ctx: DemoContext, grant: Grant): Promise<void> {
  const token = await auditor(ctx);
  const view = () => readDisbursement(ctx, grant.grantId, token).then((v) => v ?? ({} as Disbursement));
  for (const tranche of grant.tranches ?? []) {
    const n = tranche.trancheNo;
    const paidAlready = (v: Disbursement) => (v.paid ?? []).some((p) => p.trancheNo === n);
    if (n > 1) await submitEvidencePackage(ctx, grant, n, view);
    const verifying = await ctx.waitFor(
      `tranche ${n} of ${grant.grantId} under verification`,
      async () => {
        const v = await view();
        return (v.trancheNo === n && v.openVerification) || paidAlready(v) ? v : undefined;
      },
      async () => `disbursement/${grant.grantId} is at ${JSON.stringify(stageOf(await view()))}, no verification open`,
    );
    const decisionId = verifying.openVerification;
    if (decisionId) {
      ctx.progress.workflow(
        `tranche ${n} of ${grant.grantId}: milestone evidence accepted, verified together`,
        decisionId,
      );
      await Promise.all([
        funderApproves(ctx, decisionId, grant.funderId),
        communityApproves(ctx, decisionId, grant.communityCode),
      ]);
      await recordDecision(ctx, `milestone ${n} of ${grant.title}`, decisionId, 'approved');
    }
    await payTranche(ctx, grant, n, view);
  }
  await ctx.waitFor(
    `disbursement/${grant.grantId} completed`,
    async () => ((await view()).stage === 'completed' ? true : undefined),
    async () => `disbursement/${grant.grantId} is at ${JSON.stringify(stageOf(await view()))}`,
  );
  ctx.progress.workflow(`grant ${grant.grantId} disbursed in full`, `disbursement/${grant.grantId}`);
}

const stageOf = (v: Disbursement) => ({ stage: v.stage, trancheNo: v.trancheNo, paid: v.paid?.length ?? 0 });

/** A later tranche's evidence: a package the organization submits for the grant's milestone (not one activity). */
async function submitEvidencePackage(ctx: DemoContext, grant: Grant, n: number, view: () => Promise<Disbursement>) {
  await ctx.waitFor(
    `disbursement/${grant.grantId} awaiting evidence for tranche ${n}`,
    async () => {
      const v = await view();
      return v.stage === 'awaiting-evidence' && v.trancheNo === n ? v : undefined;
    },
    async () => `disbursement/${grant.grantId} is at ${JSON.stringify(stageOf(await view()))}`,
  );
  const token = await organizationAdmin(ctx, grant.organizationId);
  const evidence = [
    evidenceOf(`阶段服务报告（第${n}期）`, 'report', `${grant.grantId} tranche ${n} report ${ctx.runId}`),
    evidenceOf(`满意度问卷汇总（第${n}期）`, 'survey', `${grant.grantId} tranche ${n} survey ${ctx.runId}`),
  ];
  await ctx.api.organization.expect('POST', `/grants/${grant.grantId}/evidence-packages`, token, {
    ...{ organizationId: grant.organizationId, trancheNo: n, evidence },
    summary: `${grant.title}：第${n}期里程碑的服务报告与问卷。`,
  });
  ctx.progress.say(`${grant.organizationId} submits an evidence package for ${grant.grantId} tranche ${n}`);
}

/** The notice, then the payment: a portal funder confirms it through its portal; funding's own rail settles itself. */
async function payTranche(ctx: DemoContext, grant: Grant, n: number, view: () => Promise<Disbursement>) {
  const noticed = await ctx.waitFor(
    `tranche ${n} of ${grant.grantId} noticed and paying`,
    async () => {
      const v = await view();
      return ['notice', 'paying', 'payment-stuck'].includes(v.stage) || v.paid?.some((p) => p.trancheNo === n)
        ? v
        : undefined;
    },
    async () => `disbursement/${grant.grantId} is at ${JSON.stringify(stageOf(await view()))}`,
  );
  ctx.progress.say(
    `tranche ${n} of ${grant.grantId} publicly noticed` + (noticed.noticeUntil ? ` until ${noticed.noticeUntil}` : ''),
  );
  if (grant.funderId.startsWith('portal:')) await portalConfirms(ctx, grant, n);
  const paid = await ctx.waitFor(
    `tranche ${n} of ${grant.grantId} paid`,
    async () => (await view()).paid?.find((p) => p.trancheNo === n),
    async () => `disbursement/${grant.grantId} is at ${JSON.stringify(stageOf(await view()))}`,
  );
  ctx.progress.say(`tranche ${n} of ${grant.grantId} paid ${yuan(paid.amountFen)} (payment ${paid.paymentId})`);
}

async function portalConfirms(ctx: DemoContext, grant: Grant, n: number) {
  const portalId = grant.funderId.slice('portal:'.length);
  const payment = await ctx.waitFor(
    `funding's payment of ${grant.grantId} tranche ${n} instructed`,
    async () => (await payments(ctx, grant.grantId)).find((p) => p.trancheNo === n && p.status === 'instructed'),
    () => `funding has no instructed payment for ${grant.grantId} tranche ${n}`,
  );
  const reference = `DEMO-${ctx.runId}-${n}`.toUpperCase().slice(0, 60);
  const run = await ctx.portalSim(portalId, [
    ...['send', 'confirm-payment', '--payment', payment.paymentId, '--grant', grant.grantId],
    ...['--tranche', String(n), '--rail-reference', reference],
  ]);
  if (run.code !== 0)
    throw new Error(`portal ${portalId} confirming ${payment.paymentId} exited ${run.code}: ${run.stdout}`);
  ctx.progress.say(`portal:${portalId} confirms payment ${payment.paymentId} on its own rail (${reference})`);
}
