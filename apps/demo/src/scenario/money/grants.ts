import type { DemoContext } from '../context';
import type { Stage } from '../stage';
import { funderAdmin } from './money-parties';
import { AWARD_FUNDER_SEAT } from './money-policies';
import { auditor, type Grant, readDisbursement, readGrant, recordDecision, yuan } from './money-reads';
import { communityApproves, funderApproves } from './money-votes';

/** An approved proposal of the run that asks one of the run's programs for money. */
export interface FundedProposal {
  name: string;
  proposalId: string;
  programName: string;
  programId: string;
}

/** The run's approved proposals naming a run program (organization's GET /proposals/{id}). */
export async function fundedProposals(ctx: DemoContext): Promise<FundedProposal[]> {
  const token = await auditor(ctx);
  const programNames = new Map(Object.entries(ctx.ids.programs).map(([name, id]) => [id, name]));
  const found: FundedProposal[] = [];
  for (const [name, proposalId] of Object.entries(ctx.ids.proposals)) {
    const { body } = await ctx.api.organization.expect('GET', `/proposals/${proposalId}`, token);
    const programId = (body as { content?: { programId?: string } }).content?.programId;
    const programName = programId ? programNames.get(programId) : undefined;
    if ((body as { status?: string }).status === 'approved' && programId && programName) {
      found.push({ name, proposalId, programName, programId });
    }
  }
  return found;
}

/**
 * Step 6 of the loop: each approved proposal asking a program for money became funding's application; the
 * funder awards it (at once under the program's auto-award, or by its admin here), the award is decided
 * together (`decision/grant-award/<grantId>`: the funder's seat and the community's committee), funding activates
 * the grant with its tranche schedule, and governance starts `disbursement/<grantId>`.
 */
export const grantsStage: Stage = {
  name: 'grants awarded, decided together and activated; disbursements started',
  file: 'money/grants.ts',
  async run(ctx) {
    const proposals = await fundedProposals(ctx);
    if (proposals.length === 0) {
      throw new Error(
        `no approved proposal of the run asks a run program for money (proposals: ${
          Object.values(ctx.ids.proposals).join(', ') || 'none'
        })`,
      );
    }
    const grants = await Promise.all(proposals.map((proposal) => grantOf(ctx, proposal)));
    for (const program of Object.values(ctx.ids.programs)) {
      const active = grants.filter((g) => g.programId === program);
      const title = await programTitle(ctx, program, active[0]?.funderId);
      const reservedFen = active.reduce((sum, g) => sum + g.amountFen, 0); // reserved whole at activation
      ctx.record.money.push({ programId: program, title, reservedFen, paidFen: 0, tranchesPaid: 0 });
    }
  },
};

async function grantOf(ctx: DemoContext, proposal: FundedProposal): Promise<Grant> {
  const awarded = await awardedGrant(ctx, proposal);
  const decisionId = awarded.decisionId;
  ctx.progress.workflow(`grant ${awarded.grantId} awarded ${yuan(awarded.amountFen)}: decided together`, decisionId);
  await Promise.all([
    funderApproves(ctx, decisionId, AWARD_FUNDER_SEAT),
    communityApproves(ctx, decisionId, awarded.communityCode),
  ]);
  await recordDecision(ctx, `grant award: ${awarded.title}`, decisionId, 'approved');
  const grant = await ctx.waitFor(
    `grant ${awarded.grantId} activated`,
    async () => {
      const now = await readGrant(ctx, awarded.grantId);
      if (now.status === 'voided') throw new Error(`grant ${awarded.grantId} voided: ${now.voidedReasonCode}`);
      return now.status === 'active' || now.status === 'completed' ? now : undefined;
    },
    () => `funding's grant ${awarded.grantId} is still awarded: governance's decided has not reached it`,
  );
  const schedule = (grant.tranches ?? []).map((t) => `t${t.trancheNo} ${yuan(t.amountFen)} due ${t.dueDate}`);
  ctx.progress.say(`grant ${grant.grantId} active, reserved ${yuan(grant.amountFen)}: ${schedule.join(', ')}`);
  ctx.ids.grants[proposal.name] = grant.grantId;
  const operatorToken = await auditor(ctx);
  await ctx.waitFor(
    `disbursement/${grant.grantId} started`,
    () => readDisbursement(ctx, grant.grantId, operatorToken),
    () => `governance's GET /disbursements/${grant.grantId} still answers 404: grant.activated not heard yet`,
  );
  ctx.progress.workflow(`disbursement of ${grant.grantId} started`, `disbursement/${grant.grantId}`);
  return grant;
}

/** The proposal's application, awarded by the funder's admin unless the program awarded it at once; its grant. */
async function awardedGrant(ctx: DemoContext, { proposalId, programId }: FundedProposal): Promise<Grant> {
  const token = await auditor(ctx);
  const query = `?programId=${encodeURIComponent(programId)}`;
  const application = await ctx.waitFor(
    `funding's application for ${proposalId}`,
    async () => {
      const { body } = await ctx.api.funding.expect('GET', `/applications${query}`, token);
      return (body as { applicationId: string; proposalId: string; status: string; funderId: string | null }[]).find(
        (a) => a.proposalId === proposalId,
      );
    },
    () => `funding has no application of ${proposalId}: the approved decision has not reached it`,
  );
  if (application.status === 'ineligible' || application.status === 'declined') {
    throw new Error(
      `application ${application.applicationId} is ${application.status}: ${JSON.stringify(application)}`,
    );
  }
  if (application.status === 'received') {
    const admin = await funderAdmin(ctx, application.funderId ?? '');
    await ctx.api.funding.expect('POST', `/applications/${application.applicationId}/award`, admin, {});
    ctx.progress.say(`${application.funderId}'s admin awards application ${application.applicationId}`);
  }
  return ctx.waitFor(
    `the grant of ${proposalId}`,
    async () => {
      const { body } = await ctx.api.funding.expect('GET', `/grants${query}`, token);
      return (body as Grant[]).find((g) => g.proposalId === proposalId);
    },
    () => `funding lists no grant of ${proposalId} in ${programId}`,
  );
}

async function programTitle(ctx: DemoContext, programId: string, funderId?: string): Promise<string> {
  const answer = await ctx.api.funding.call('GET', `/programs/${programId}`, await auditor(ctx));
  return (answer.body as { title?: string }).title ?? funderId ?? programId;
}
