import type { Identity } from '@sanshe/auth';
import { communityParty, organizationParty, ROLES } from '../../access/community-access';
import type { DataAccessGrant } from './data-access-request';
import { consentOrganization, expiryOf } from './data-access-request';
import { grantReadRefusal } from './grant-read';

const NOW = new Date('2026-12-01T08:00:00.000Z');
const grant: DataAccessGrant = {
  grantId: 'grant-1',
  requestId: 'dar-1',
  decisionId: 'decision/data-access/dar-1',
  organizationId: 'org-xinhua',
  communityCode: '310104-005-001',
  consentPurpose: 'organization-contact',
  fields: ['name', 'phone'],
  expiresAt: new Date('2026-12-31T08:00:00.000Z'),
  createdAt: new Date('2026-11-30T08:00:00.000Z'),
};
const staff = (organizationId: string): Identity => ({
  sub: `staff-of-${organizationId}`,
  parties: [organizationParty(organizationId)],
  roles: [ROLES.orgStaff],
});
const open = { now: NOW, covered: true, consenting: true };

describe('grantReadRefusal', () => {
  it('grants the grantee’s staff a covered, consenting resident before the expiry', () => {
    expect(grantReadRefusal(staff('org-xinhua'), grant, 'rp-1', open)).toBeNull();
  });

  it.each<[string, Identity]>([
    ['another organization’s staff', staff('org-other')],
    [
      'the community’s own staff',
      { sub: 'clerk', parties: [communityParty('310104-005-001')], roles: [ROLES.committeeStaff] },
    ],
    ['the grantee party without the staff role', { sub: 'x', parties: [organizationParty('org-xinhua')], roles: [] }],
    ['an auditor', { sub: 'audit', parties: [], roles: [ROLES.auditor] }],
  ])('refuses %s as not-the-grantee', (_who, identity) => {
    expect(grantReadRefusal(identity, grant, 'rp-1', open)?.code).toBe('not-the-grantee');
  });

  it('refuses at and after the expiry instant as grant-expired', () => {
    expect(grantReadRefusal(staff('org-xinhua'), grant, 'rp-1', { ...open, now: grant.expiresAt })?.code).toBe(
      'grant-expired',
    );
    const before = new Date(grant.expiresAt.getTime() - 1);
    expect(grantReadRefusal(staff('org-xinhua'), grant, 'rp-1', { ...open, now: before })).toBeNull();
  });

  it('refuses a resident the grant does not cover as not-covered, before asking consent', () => {
    const refusal = grantReadRefusal(staff('org-xinhua'), grant, 'rp-2', { now: NOW, covered: false });
    expect(refusal).toMatchObject({ code: 'not-covered', message: expect.stringContaining('rp-2') });
  });

  it('refuses a covered resident whose consent no longer holds as consent-withdrawn', () => {
    expect(grantReadRefusal(staff('org-xinhua'), grant, 'rp-1', { ...open, consenting: false })?.code).toBe(
      'consent-withdrawn',
    );
  });

  it('checks the grantee first: a stranger learns nothing about expiry or coverage', () => {
    const expiredUncovered = { now: grant.expiresAt, covered: false, consenting: false };
    expect(grantReadRefusal(staff('org-other'), grant, 'rp-1', expiredUncovered)?.code).toBe('not-the-grantee');
  });
});

describe('request rules', () => {
  it('expires durationDays whole days after the request', () => {
    expect(expiryOf(NOW, 30).toISOString()).toBe('2026-12-31T08:00:00.000Z');
  });

  it('asks contact consent for the requesting organization, the other purposes for none', () => {
    expect(consentOrganization('organization-contact', 'org-xinhua')).toBe('org-xinhua');
    expect(consentOrganization('activity-participation', 'org-xinhua')).toBeNull();
    expect(consentOrganization('aggregate-research', 'org-xinhua')).toBeNull();
  });
});
