import type { DemoContext } from '../context';
import { orgAdmin } from '../parties';
import type { Stage } from '../stage';

type Kind = 'certified-social-worker' | 'intern' | 'volunteer';

/** Who works where: names stay in the talent service (personal data); other services see ids and kinds. */
const STAFF: Record<string, { kind: Kind; name: string; level?: string }[]> = {
  elderlyCare: [
    { kind: 'certified-social-worker', name: '王芳', level: 'social-worker' },
    { kind: 'certified-social-worker', name: '李强', level: 'social-worker' },
    { kind: 'certified-social-worker', name: '周敏', level: 'senior-social-worker' },
    { kind: 'intern', name: '吴昊' },
    { kind: 'volunteer', name: '郑秀英' },
    { kind: 'volunteer', name: '冯建国' },
    { kind: 'volunteer', name: '何丽华' },
  ],
  servicesAgency: [
    { kind: 'certified-social-worker', name: '高远', level: 'senior-social-worker' },
    { kind: 'certified-social-worker', name: '林晓', level: 'social-worker' },
    { kind: 'intern', name: '黄嘉怡' },
    { kind: 'volunteer', name: '马志刚' },
    { kind: 'volunteer', name: '罗佳' },
  ],
  volunteers: [
    { kind: 'volunteer', name: '孙丽' },
    { kind: 'volunteer', name: '朱海' },
    { kind: 'volunteer', name: '胡月' },
    { kind: 'volunteer', name: '郭斌' },
  ],
};

const yearsFromNow = (years: number) => {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString().slice(0, 10);
};

function workerBody(organizationId: string, member: (typeof STAFF)[string][number], certificateNo: string) {
  const base = { organizationId, kind: member.kind, name: member.name };
  if (member.kind === 'certified-social-worker') {
    const level = member.level ?? 'social-worker';
    // Valid for years: talent warns about a certificate expiring within TALENT_CERTIFICATE_WARN_DAYS.
    const certificate = { level, number: certificateNo, issuedOn: yearsFromNow(-2), expiresOn: yearsFromNow(3) };
    return { ...base, level, skills: ['case-work', 'elderly-care'], certificate };
  }
  if (member.kind === 'intern') return { ...base, school: '华东理工大学社会工作系', internshipEndsOn: yearsFromNow(1) };
  return { ...base, skills: ['volunteer-management'] };
}

/** Step 0: the workforce, through the talent service (each organization's admin registers its own people). */
export const talentStage: Stage = {
  name: 'certified social workers, interns and volunteers',
  file: 'seed/talent.ts',
  async run(ctx: DemoContext) {
    for (const [key, staff] of Object.entries(STAFF)) {
      const organizationId = ctx.ids.organizations[key];
      if (!organizationId) throw new Error(`no organization "${key}" in the run: the organizations stage made none`);
      const token = await orgAdmin(ctx, organizationId);
      for (const [i, member] of staff.entries()) {
        const workerId = `w-${ctx.runId}-${key.toLowerCase()}-${i + 1}`;
        const certificateNo = `SW-${ctx.runId}-${key.slice(0, 3)}-${i + 1}`;
        await ctx.api.talent.expect(
          'PUT',
          `/workers/${workerId}`,
          token,
          workerBody(organizationId, member, certificateNo),
        );
        ctx.ids.workers[`${key}.${i + 1}`] = workerId;
      }
      const counts = staff.reduce<Record<string, number>>((n, m) => ({ ...n, [m.kind]: (n[m.kind] ?? 0) + 1 }), {});
      ctx.progress.say(
        `${organizationId}: ${Object.entries(counts)
          .map(([kind, n]) => `${n} ${kind}`)
          .join(', ')}`,
      );
    }
  },
};
