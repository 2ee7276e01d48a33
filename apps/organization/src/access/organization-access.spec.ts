import { actsFor, jurisdictionParty, organizationParty, roleRefusal, ROLES } from './organization-access';

const admin = { sub: 'chen', roles: [ROLES.orgAdmin], parties: [organizationParty('org-x')] };

describe('who may act for an organization', () => {
  it('needs the role and the party together', () => {
    expect(actsFor(admin, 'org-x', [ROLES.orgAdmin])).toBe(true);
    expect(actsFor(admin, 'org-y', [ROLES.orgAdmin])).toBe(false);
    expect(actsFor(admin, 'org-x', [ROLES.orgStaff])).toBe(false);
    expect(actsFor({ ...admin, roles: [ROLES.orgStaff] }, 'org-x', [ROLES.orgAdmin, ROLES.orgStaff])).toBe(true);
  });

  it('names the role and party needed, and what the token has', () => {
    const registrar = { sub: 'reg', roles: [ROLES.registrar], parties: [jurisdictionParty('310105')] };
    expect(roleRefusal(registrar, ROLES.registrar, [jurisdictionParty('310104')], 'grade org-x')).toBe(
      'reg may not grade org-x: it needs the role registrar for jurisdiction:310104, ' +
        'and the token grants roles registrar for jurisdiction:310105',
    );
    expect(
      roleRefusal({ sub: 'x', roles: [], parties: [] }, [ROLES.orgAdmin, ROLES.orgStaff], ['organization:o'], 'read'),
    ).toBe(
      'x may not read: it needs the role organization-admin or organization-staff for organization:o, ' +
        'and the token grants roles none for none',
    );
  });
});
