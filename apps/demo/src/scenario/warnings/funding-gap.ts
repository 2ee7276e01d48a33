import { auditor, readGrant } from '../money/money-reads';
import type { Stage } from '../stage';

interface OrganizationFunding {
  fundedUntil: string | null;
  daysLeft: number | null;
  warnDays: number;
  gaps: { kind: string; episode: number; since: string; detectedOn: Record<string, unknown> }[];
}

/**
 * Step 10, funding's warning: an organization whose promised money all falls due within FUNDING_GAP_WARN_DAYS (60)
 * has a short runway — its funding chain breaks after the last tranche, and its talent walks out. Funding's sweeper
 * (every FUNDING_GAP_SWEEP_INTERVAL_MS) publishes `funding.gap.detected` once per episode, which the organization's
 * funding view (GET /organizations/{id}/funding) shows as an open gap. The demo's grants pay within days.
 */
export const fundingGapStage: Stage = {
  name: 'a funding-gap warning: secured funds run out',
  file: 'warnings/funding-gap.ts',
  async run(ctx) {
    ctx.record.expectedWarnings.push('funding-gap');
    const grantIds = Object.values(ctx.ids.grants);
    if (grantIds.length === 0) throw new Error('no grant in the run: no organization has funding to run out');
    const organizations = [
      ...new Set((await Promise.all(grantIds.map((g) => readGrant(ctx, g)))).map((g) => g.organizationId)),
    ];
    const token = await auditor(ctx);
    const read = async (organizationId: string) =>
      (await ctx.api.funding.expect('GET', `/organizations/${organizationId}/funding`, token))
        .body as OrganizationFunding;
    const found = await ctx.waitFor(
      `funding's gap warning for ${organizations.join(' or ')}`,
      async () => {
        for (const organizationId of organizations) {
          const funding = await read(organizationId);
          const gap = funding.gaps[0];
          if (gap) return { organizationId, funding, gap };
        }
        return undefined;
      },
      async () => {
        const views = await Promise.all(organizations.map(async (o) => [o, await read(o)] as const));
        const runways = views.map(([o, f]) => `${o}: funded until ${f.fundedUntil}, ${f.daysLeft} days left`);
        return `no open gap (${runways.join('; ')}): is funding's FUNDING_GAP_SWEEP_INTERVAL_MS short in this run?`;
      },
      ctx.seconds(30_000, 60_000),
    );
    const { organizationId, funding, gap } = found;
    const detail =
      gap.kind === 'runway-short'
        ? `runway-short: funded until ${funding.fundedUntil}, ${funding.daysLeft} days < ${funding.warnDays}`
        : `${gap.kind} ${JSON.stringify(gap.detectedOn)}`;
    ctx.record.warnings.push({ kind: 'funding-gap', subject: `organization:${organizationId}`, detail });
    ctx.progress.say(`funding.gap.detected for ${organizationId} (episode ${gap.episode}): ${detail}`);
  },
};
