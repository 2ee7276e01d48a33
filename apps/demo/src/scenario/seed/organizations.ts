import type { DemoContext } from '../context';
import { registrar } from '../parties';
import type { Stage } from '../stage';
import { demoCreditCode } from './credit-code';

interface DemoOrganization {
  /** The scenario's name for it (ctx.ids.organizations key). */
  key: string;
  name: string;
  type: string;
  grade: string | null;
  /** GB 32100's first two characters: 51 an association, 52 a social service organization; null: none. */
  authority: string | null;
  representative: string;
}

/**
 * Four organizations of different types and grades: an elderly-care centre (4A) and a social work agency (5A)
 * propose funded activities, the district's federation (3A) holds the peer seat in decisions, and a
 * neighbourhood volunteer team (ungraded, no credit code) files a low-risk activity.
 */
const ORGANIZATIONS: DemoOrganization[] = [
  {
    key: 'elderlyCare',
    name: '晨光长者关爱服务中心',
    type: 'private-non-enterprise',
    grade: '4A',
    authority: '52',
    representative: '陈静',
  },
  {
    key: 'servicesAgency',
    name: '枫林社会工作服务社',
    type: 'social-work-agency',
    grade: '5A',
    authority: '52',
    representative: '刘洋',
  },
  {
    key: 'federation',
    name: '演示区社会组织联合会',
    type: 'charitable-association',
    grade: '3A',
    authority: '51',
    representative: '赵敏',
  },
  {
    key: 'volunteers',
    name: '梧桐苑邻里志愿服务队',
    type: 'volunteer-team',
    grade: null,
    authority: null,
    representative: '孙丽',
  },
];

async function register(ctx: DemoContext, org: DemoOrganization, serial: number): Promise<string> {
  const organizationId = `org-${ctx.runId}-${org.key.toLowerCase()}`;
  const token = await registrar(ctx);
  const path = `/organizations/${organizationId}`;
  await ctx.api.organization.expect('PUT', path, token, {
    ...{ name: org.name, type: org.type, legalRepresentative: { name: org.representative } },
    ...(org.authority ? { creditCode: demoCreditCode(org.authority, ctx.ids.districtCode, serial) } : {}),
    registrationDistrictCode: ctx.ids.districtCode,
    communitiesServed: ctx.ids.communities,
  });
  await ctx.api.organization.expect('POST', `${path}/status`, token, { to: 'registered', reason: '登记成立（演示）' });
  if (org.grade) {
    const assessedOn = new Date().toISOString().slice(0, 10);
    const assessmentRef = `评估-${ctx.runId}-${serial}`;
    await ctx.api.organization.expect('PUT', `${path}/grade`, token, { grade: org.grade, assessedOn, assessmentRef });
  }
  ctx.progress.say(`${organizationId} ${org.name}: ${org.type}, registered${org.grade ? `, graded ${org.grade}` : ''}`);
  return organizationId;
}

/** Step 0: the registry of social organizations, through the organization service (the district's registrar). */
export const organizationsStage: Stage = {
  name: 'organizations of different types and grades',
  file: 'seed/organizations.ts',
  async run(ctx) {
    for (const [i, org] of ORGANIZATIONS.entries()) {
      ctx.ids.organizations[org.key] = await register(ctx, org, i + 1);
    }
  },
};
