import { randomUUID } from 'node:crypto';
import type { TokenRequest } from '@sanshe/auth';
import { jurisdictionParty, organizationParty, ROLES } from '../src/access/talent-access';
import type { TalentUnderTest } from './talent-test-app';
import { call, type Reply } from '@sanshe/service-testing';

/** Shared by talent's specs: callers, the district and community, and registered workers. */
export const DISTRICT = '310104';
export const COMMUNITY = '310104-005-001';

export const newId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

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
export const talentAdmin = (district = DISTRICT): TokenRequest => ({
  sub: `talent-office-of-${district}`,
  parties: [jurisdictionParty(district)],
  roles: [ROLES.talentAdmin],
});
export const auditor = (): TokenRequest => ({ sub: 'auditor', parties: [], roles: [ROLES.auditor] });

/** The platform's test HTTP call (@sanshe/service-testing), for this service's specs. */
export { call, type Reply };

/**
 * A PUT /workers body: a certified social worker (社会工作师) of `organizationId`, with a certificate in
 * force from 2024 to 2030 recorded with it. Overrides replace fields (`certificate: undefined` drops it).
 */
export function workerBody(organizationId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organizationId,
    kind: 'certified-social-worker',
    level: 'social-worker',
    name: '陈敏',
    phone: '13800138000',
    skills: ['case-work', 'elderly-care'],
    availability: [{ weekday: 2, from: '09:00', to: '12:00' }],
    certificate: {
      level: 'social-worker',
      number: `SW-${randomUUID().slice(0, 6)}`,
      issuedOn: '2024-06-01',
      expiresOn: '2030-05-31',
    },
    ...overrides,
  };
}

/**
 * Registers a worker of `organizationId` as its admin does (PUT /workers/{workerId}, 201) and returns
 * the view; `overrides` may set workerId and any body field (an intern: `{kind: 'intern', level:
 * undefined, certificate: undefined, school: …, internshipEndsOn: …}`).
 */
export async function registerWorker(
  svc: TalentUnderTest,
  organizationId: string,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, unknown> & { workerId: string }> {
  const { workerId = newId('sw'), ...fields } = overrides;
  const put = await call(
    svc,
    'PUT',
    `/workers/${String(workerId)}`,
    orgAdmin(organizationId),
    workerBody(organizationId, fields),
  );
  if (put.status !== 201)
    throw new Error(`PUT /workers/${String(workerId)}: ${put.status} ${JSON.stringify(put.body)}`);
  return put.body as Record<string, unknown> & { workerId: string };
}
