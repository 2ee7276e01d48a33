import {
  actsForFunder,
  actsForOrganization,
  funderPartiesOf,
  isAuditor,
  organizationParty,
  roleRefusal,
  ROLES,
} from './funding-access';

const funderAdmin = { sub: 'wang', roles: [ROLES.funderAdmin], parties: ['funder:xuhui-civil-affairs'] };
const orgStaff = { sub: 'li', roles: [ROLES.orgStaff], parties: [organizationParty('org-x')] };

describe('who may act in the funding service', () => {
  it('lets a funder’s admin or staff act for its party (funder:* or portal:*), and nobody else’s', () => {
    expect(actsForFunder(funderAdmin, 'funder:xuhui-civil-affairs')).toBe(true);
    expect(actsForFunder(funderAdmin, 'funder:xuhui-civil-affairs', [ROLES.funderAdmin])).toBe(true);
    expect(actsForFunder({ ...funderAdmin, roles: [ROLES.funderStaff] }, 'funder:xuhui-civil-affairs')).toBe(true);
    expect(
      actsForFunder({ ...funderAdmin, roles: [ROLES.funderStaff] }, 'funder:xuhui-civil-affairs', [ROLES.funderAdmin]),
    ).toBe(false);
    expect(actsForFunder(funderAdmin, 'funder:other-fund')).toBe(false);
    expect(actsForFunder({ ...funderAdmin, parties: ['portal:shanghai-civil'] }, 'portal:shanghai-civil')).toBe(true);
    expect(actsForFunder({ ...funderAdmin, roles: [ROLES.auditor] }, 'funder:xuhui-civil-affairs')).toBe(false);
  });

  it('lets an organization’s admin or staff act for it, and nobody else’s', () => {
    expect(actsForOrganization(orgStaff, 'org-x')).toBe(true);
    expect(actsForOrganization(orgStaff, 'org-y')).toBe(false);
    expect(actsForOrganization(orgStaff, 'org-x', [ROLES.orgAdmin])).toBe(false);
    expect(actsForOrganization({ ...orgStaff, parties: ['funder:org-x'] }, 'org-x')).toBe(false);
  });

  it('lists the funder parties a funder role speaks for, none without one', () => {
    const both = { sub: 'z', roles: [ROLES.funderStaff], parties: ['funder:a', 'portal:b', organizationParty('o')] };
    expect(funderPartiesOf(both)).toEqual(['funder:a', 'portal:b']);
    expect(funderPartiesOf({ ...both, roles: [ROLES.orgAdmin] })).toEqual([]);
    expect(isAuditor({ sub: 'a', roles: [ROLES.auditor], parties: [] })).toBe(true);
    expect(isAuditor(funderAdmin)).toBe(false);
  });

  it('names the role and party needed, and what the token has', () => {
    expect(roleRefusal(orgStaff, ROLES.funderAdmin, ['funder:xuhui-civil-affairs'], 'open a program')).toBe(
      'li may not open a program: it needs the role funder-admin for funder:xuhui-civil-affairs, ' +
        'and the token grants roles organization-staff for organization:org-x',
    );
  });
});
