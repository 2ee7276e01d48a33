import { randomUUID } from 'node:crypto';
import type { TokenRequest } from '@sanshe/auth';
import { jurisdictionParty, organizationParty, ROLES } from '../src/access/organization-access';
import { completeCreditCode } from '../src/registry/domain/credit-code';
import type { OrganizationUnderTest } from './organization-test-app';
import { call, type Reply } from '@sanshe/service-testing';

/** Shared by the organization's specs: callers, the community they serve, and registered organizations. */
export const COMMUNITY = '310104-005-001';
export const DISTRICT = '310104';

/** The plan's four valid credit codes (worked by hand in registry/domain/credit-code.spec.ts). */
export const VALID_CODES = ['91350100M000100Y43', '52310104MJ00000189', '53310000MJ0123456K', '52310104MJ00001570'];

export const newId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A valid credit code no other test uses: a random organization code under 徐汇's 52 (社会服务机构) prefix. */
export function uniqueCreditCode(): string {
  const digits = [...randomUUID().replace(/-/g, '')].filter((char) => /[0-9]/.test(char)).join('');
  return completeCreditCode(`52310104MJ${digits.padEnd(6, '0').slice(0, 6)}`);
}

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
export const registrar = (district = DISTRICT): TokenRequest => ({
  sub: `registrar-of-${district}`,
  parties: [jurisdictionParty(district)],
  roles: [ROLES.registrar],
});
export const auditor = (): TokenRequest => ({ sub: 'auditor', parties: [], roles: [ROLES.auditor] });

/** The platform's test HTTP call (@sanshe/service-testing), for this service's specs. */
export { call, type Reply };

/** A registration body: a social-work agency in 徐汇 serving COMMUNITY, with a credit code no other test uses. */
export function organizationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '徐汇区乐群社工服务社',
    type: 'social-work-agency',
    creditCode: uniqueCreditCode(),
    legalRepresentative: { name: '陈敏', title: '理事长' },
    registrationDistrictCode: DISTRICT,
    communitiesServed: [COMMUNITY],
    ...overrides,
  };
}

/** Registers `organizationId` as the registrar does: PUT (provisional), then status → registered. */
export async function registerOrganization(
  svc: OrganizationUnderTest,
  organizationId: string,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const body = organizationBody(overrides);
  const district = String(body.registrationDistrictCode);
  const put = await call(svc, 'PUT', `/organizations/${organizationId}`, registrar(district), body);
  if (put.status !== 201)
    throw new Error(`PUT /organizations/${organizationId}: ${put.status} ${JSON.stringify(put.body)}`);
  const registered = await call(svc, 'POST', `/organizations/${organizationId}/status`, registrar(district), {
    to: 'registered',
    reason: '登记成立',
  });
  if (registered.status !== 200) {
    throw new Error(
      `POST /organizations/${organizationId}/status: ${registered.status} ${JSON.stringify(registered.body)}`,
    );
  }
  return registered.body;
}
