import { inScope, readScopeOf } from './read-scope';

const caller = (roles: string[], parties: string[]) => ({ sub: 'someone', roles, parties });

describe('who reads applications and grants', () => {
  it('an auditor reads everything', () => {
    expect(readScopeOf(caller(['auditor'], []), 'read grants')).toEqual({ scope: null });
    expect(inScope(null, { funderId: 'funder:x', organizationId: 'org-1' })).toBe(true);
  });

  it('a funder reads its own, an organization its own, one token both', () => {
    const found = readScopeOf(
      caller(['funder-staff', 'organization-admin'], ['funder:xuhui', 'portal:street', 'organization:org-1']),
      'read grants',
    );
    expect(found).toEqual({
      scope: { funderIds: ['funder:xuhui', 'portal:street'], organizationIds: ['org-1'] },
    });
    const scope = 'scope' in found ? found.scope : null;
    expect(inScope(scope, { funderId: 'funder:xuhui', organizationId: 'org-9' })).toBe(true);
    expect(inScope(scope, { funderId: 'funder:other', organizationId: 'org-1' })).toBe(true);
    expect(inScope(scope, { funderId: 'funder:other', organizationId: 'org-9' })).toBe(false);
    expect(inScope(scope, { funderId: null, organizationId: 'org-9' })).toBe(false);
  });

  it('a party without the role, or a role without the party, reads nothing and is told why', () => {
    expect(readScopeOf(caller([], ['organization:org-1']), 'read grants')).toEqual({
      refusal: expect.stringContaining('may not read grants'),
    });
    expect(readScopeOf(caller(['organization-staff'], ['funder:xuhui']), 'read grants')).toHaveProperty('refusal');
  });
});
