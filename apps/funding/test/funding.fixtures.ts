import { randomUUID } from 'node:crypto';
import type { TokenRequest } from '@sanshe/auth';
import { contextTopic, organizationRegistered } from '@sanshe/contracts';
import { eventually } from '@sanshe/testing';
import { organizationParty, ROLES } from '../src/access/funding-access';
import type { FundingUnderTest } from './funding-test-app';
import { call, type Reply } from '@sanshe/service-testing';

/** Shared by funding's specs: callers, the district and community, programs and registered organizations. */
export const DISTRICT = '310104';
export const STREET = '310104-005';
export const COMMUNITY = '310104-005-001';
export const FUNDER = 'funder:xuhui-civil-affairs';

export const newId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export const funderAdmin = (funderId = FUNDER): TokenRequest => ({
  sub: `admin-of-${funderId}`,
  parties: [funderId],
  roles: [ROLES.funderAdmin],
});
export const funderStaff = (funderId = FUNDER): TokenRequest => ({
  sub: `staff-of-${funderId}`,
  parties: [funderId],
  roles: [ROLES.funderStaff],
});
export const orgAdmin = (organizationId: string): TokenRequest => ({
  sub: `admin-of-${organizationId}`,
  parties: [organizationParty(organizationId)],
  roles: [ROLES.orgAdmin],
});
export const orgStaff = (organizationId: string): TokenRequest => ({
  sub: `staff-of-${organizationId}`,
  parties: [organizationParty(organizationId)],
  roles: [ROLES.orgStaff],
});
export const auditor = (): TokenRequest => ({ sub: 'auditor', parties: [], roles: [ROLES.auditor] });

/** The platform's test HTTP call (@sanshe/service-testing), for this service's specs. */
export { call, type Reply };

/**
 * A PUT /programs body: 徐汇区's direct elderly-care program of FUNDER for 2026, 1 200 000 yuan, paid 30/40/30,
 * open to graded (≥ 3A) social-work agencies and private non-enterprise units of street 310104-005, decided
 * by rules, awarded by hand. Overrides replace fields (`minGrade` in eligibility: pass a whole eligibility).
 */
export function programBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    funderId: FUNDER,
    funderKind: 'government',
    title: '2026年度徐汇区社区养老服务资助项目',
    mode: 'direct',
    category: 'elderly-care',
    budget: { amountFen: 120_000_000, currency: 'CNY' },
    period: { from: '2026-01-01', to: '2026-12-31' },
    districtCode: DISTRICT,
    eligibility: {
      organizationTypes: ['social-work-agency', 'private-non-enterprise'],
      minGrade: '3A',
      needCategories: ['elderly-care'],
      streetCodes: [STREET],
    },
    tranchePlan: [
      { trancheNo: 1, percent: 30, milestone: '项目启动', dueAfterDays: 0 },
      { trancheNo: 2, percent: 40, milestone: '中期评估', dueAfterDays: 90 },
      { trancheNo: 3, percent: 30, milestone: '结项验收', dueAfterDays: 180 },
    ],
    indicators: [{ code: 'elders-served', label: '服务长者人次', target: '1200人次' }],
    noticeWorkingDays: 5,
    votingMode: 'rules',
    autoAward: false,
    ...overrides,
  };
}

/**
 * Opens a program as its funder's admin does (PUT /programs/{programId}, 201) and returns the view;
 * `overrides` may set programId and any body field.
 */
export async function openProgram(
  svc: FundingUnderTest,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, unknown> & { programId: string; funderId: string; revision: number }> {
  const { programId = newId('prog'), ...fields } = overrides;
  const body = programBody(fields);
  const put = await call(svc, 'PUT', `/programs/${String(programId)}`, funderAdmin(String(body.funderId)), body);
  if (put.status !== 201)
    throw new Error(`PUT /programs/${String(programId)}: ${put.status} ${JSON.stringify(put.body)}`);
  return put.body as Record<string, unknown> & { programId: string; funderId: string; revision: number };
}

/**
 * Publishes an organization.registered (or, with `type: 'updated'`, organization.updated) from the
 * organization service's channel and waits until funding's read model holds that revision. `data`
 * overrides the contract's example: a registered 4A private non-enterprise unit serving COMMUNITY.
 */
export async function registerOrganization(
  svc: FundingUnderTest,
  data: Record<string, unknown> = {},
  type: 'registered' | 'updated' = 'registered',
): Promise<{ organizationId: string; revision: number }> {
  const organizationId = String(data.organizationId ?? newId('org'));
  const revision = Number(data.revision ?? 1);
  await svc.publish(contextTopic('organization'), 'sanshe/organization', {
    type: `sanshe.organization.organization.${type}.v1`,
    subject: organizationId,
    data: {
      ...organizationRegistered.example,
      status: 'registered',
      grade: { grade: '4A', assessedOn: '2025-06-30', validUntil: '2030-06-29' },
      communitiesServed: [COMMUNITY],
      ...data,
      organizationId,
      revision,
    },
  } as never);
  await eventually(
    async () => {
      const rows = await svc.query<{ revision: number }>(
        `SELECT revision FROM ${svc.schema}.funding_organization WHERE organization_id = $1`,
        [organizationId],
      );
      expect(rows[0]?.revision).toBeGreaterThanOrEqual(revision);
    },
    { timeoutMs: 20_000 },
  );
  return { organizationId, revision };
}
