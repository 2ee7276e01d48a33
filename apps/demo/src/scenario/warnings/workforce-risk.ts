import { organizationAdmin } from '../money/money-parties';
import { auditor } from '../money/money-reads';
import type { Stage } from '../stage';

/** Talent's thresholds v1 (apps/talent/README.md, "Workforce health"): interns above 70% of at least 5 staff. */
const INTERN_RATIO_ABOVE = { numerator: 7, denominator: 10 };
const MIN_STAFF = 5;

interface Figures {
  certified: number;
  communityStaff: number;
  interns: number;
}

/**
 * How many interns an organization must take on before interns are above 70% of its staff (certified social
 * workers, community staff and interns; volunteers are never staff), in a team of at least 5. Exact: 7 of 10 is
 * not above, 8 of 11 is.
 */
export function internsToRisk({ certified, communityStaff, interns }: Figures): number {
  const others = certified + communityStaff;
  for (let more = 0; ; more++) {
    const i = interns + more;
    const staff = others + i;
    const above = i * INTERN_RATIO_ABOVE.denominator > staff * INTERN_RATIO_ABOVE.numerator;
    if (staff >= MIN_STAFF && above) return more;
  }
}

interface Workforce {
  figures: Figures;
  status: { indicator: string; status: string; crossings: number }[];
}

/**
 * Step 10, talent's warning: an organization takes on interns for its summer programme until they are above 70%
 * of its staff (PUT /workers/{id} by its admin); talent judges it in the same transaction and publishes
 * `talent.workforce.risk-detected` (intern-ratio), which its workforce view shows as at risk.
 */
export const workforceRiskStage: Stage = {
  name: 'a workforce-risk warning: interns above 70% of a team',
  file: 'warnings/workforce-risk.ts',
  async run(ctx) {
    ctx.record.expectedWarnings.push('workforce-risk');
    const organizationId = Object.values(ctx.ids.organizations)[0];
    if (!organizationId) throw new Error('no organization in the run: the seeding stages registered none');
    const read = async () =>
      (await ctx.api.talent.expect('GET', `/organizations/${organizationId}/workforce`, await auditor(ctx)))
        .body as Workforce;
    const before = await read();
    const more = internsToRisk(before.figures);
    const token = await organizationAdmin(ctx, organizationId);
    for (let i = 1; i <= more; i++) {
      await ctx.api.talent.expect('PUT', `/workers/demo-intern-${ctx.runId}-${i}`, token, {
        ...{ organizationId, kind: 'intern', name: `实习生${i}`, school: '华东理工大学社会工作系' },
        internshipEndsOn: `${new Date().getUTCFullYear() + 1}-06-30`,
      });
    }
    const { certified, communityStaff, interns } = before.figures;
    ctx.progress.say(
      `${organizationId} takes on ${more} interns: ${interns + more} of ${certified + communityStaff + interns + more} staff`,
    );
    const atRisk = await ctx.waitFor(
      `talent's intern-ratio warning for ${organizationId}`,
      async () => {
        const now = await read();
        const ratio = now.status.find((s) => s.indicator === 'intern-ratio');
        return ratio?.status === 'at-risk' ? { now, ratio } : undefined;
      },
      async () => `talent shows ${JSON.stringify((await read()).status)} for ${organizationId}`,
    );
    const f = atRisk.now.figures;
    const detail = `intern-ratio ${f.interns}/${f.certified + f.communityStaff + f.interns} > 0.70 (crossing ${atRisk.ratio.crossings})`;
    ctx.record.warnings.push({ kind: 'workforce-risk', subject: `organization:${organizationId}`, detail });
    ctx.progress.say(`talent.workforce.risk-detected for ${organizationId}: ${detail}`);
  },
};
