import { roleRefusal } from './role-refusal';

const clerk = { sub: 'li', roles: ['organization-staff', 'auditor'], parties: ['organization:org-x'] };

describe('roleRefusal', () => {
  it('lets a caller with one of the roles who speaks for one of the parties', () => {
    expect(roleRefusal(clerk, 'organization-staff', ['organization:org-x'], 'read')).toBeNull();
    expect(
      roleRefusal(clerk, ['organization-admin', 'auditor'], ['organization:org-y', 'organization:org-x'], 'read'),
    ).toBeNull();
  });

  it('refuses the right role for another party, and the right party in another role, naming both sides', () => {
    expect(roleRefusal(clerk, 'organization-staff', ['organization:org-y', 'organization:org-z'], 'record hours')).toBe(
      'li may not record hours: it needs the role organization-staff for organization:org-y or organization:org-z, ' +
        'and the token grants roles organization-staff, auditor for organization:org-x',
    );
    expect(roleRefusal(clerk, ['organization-admin'], ['organization:org-x'], 'vote')).toMatch(
      /needs the role organization-admin for organization:org-x/,
    );
  });

  it('refuses everyone when no party could be spoken for, and says none for an empty token', () => {
    expect(roleRefusal({ sub: 'x', roles: [], parties: [] }, 'auditor', [], 'read')).toBe(
      'x may not read: it needs the role auditor for none, and the token grants roles none for none',
    );
  });
});
