import { actsFor, isTalentAdmin, jurisdictionParty, organizationParty, roleRefusal, ROLES } from './talent-access';

const staff = { sub: 'li', roles: [ROLES.orgStaff], parties: [organizationParty('org-x')] };

describe('who may act in the talent service', () => {
  it('lets an organization’s admin or staff act for it, and nobody else’s', () => {
    expect(actsFor(staff, 'org-x')).toBe(true);
    expect(actsFor({ ...staff, roles: [ROLES.orgAdmin] }, 'org-x')).toBe(true);
    expect(actsFor(staff, 'org-y')).toBe(false);
    expect(actsFor(staff, 'org-x', [ROLES.orgAdmin])).toBe(false);
    expect(actsFor({ ...staff, roles: [ROLES.auditor] }, 'org-x')).toBe(false);
  });

  it('knows a talent-admin by its role and a district party together', () => {
    expect(isTalentAdmin({ sub: 'a', roles: [ROLES.talentAdmin], parties: [jurisdictionParty('310104')] })).toBe(true);
    expect(isTalentAdmin({ sub: 'a', roles: [ROLES.talentAdmin], parties: [organizationParty('org-x')] })).toBe(false);
    expect(isTalentAdmin({ sub: 'a', roles: [ROLES.orgAdmin], parties: [jurisdictionParty('310104')] })).toBe(false);
  });

  it('names the role and party needed, and what the token has', () => {
    expect(roleRefusal(staff, [ROLES.orgAdmin, ROLES.orgStaff], [organizationParty('org-y')], 'record hours')).toBe(
      'li may not record hours: it needs the role organization-admin or organization-staff for organization:org-y, ' +
        'and the token grants roles organization-staff for organization:org-x',
    );
  });
});
