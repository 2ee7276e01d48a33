import type { DecisionPolicy, PolicyScopeFields } from '@sanshe/contracts';
import { type DecisionArea, mostSpecificPolicy, resolutionScopes } from './policy-resolution';
import type { StoredPolicy } from './stored-policy';

const stored = (policyId: string, scope: PolicyScopeFields, version = 1): StoredPolicy => ({
  policy: { policyId, communityCode: null, ...scope, version } as DecisionPolicy,
  createdAt: new Date(0),
  createdBy: null,
});
const AREA: DecisionArea = { communityCode: '310104-005-001', streetCode: '310104-005', districtCode: '310104' };
const community = stored('own', { communityCode: '310104-005-001' });
const street = stored('street', { streetCode: '310104-005' });
const otherStreet = stored('other-street', { streetCode: '310104-006' });
const district = stored('district', { districtCode: '310104' });
const fallback = stored('default', {}, 4);
const idOf = (policies: StoredPolicy[], area = AREA) => {
  const found = mostSpecificPolicy(policies, area);
  return found && [found.policy.policyId, found.resolvedFrom];
};

describe('policy resolution: community → street → district → default', () => {
  it('ranks the scopes of a known community, most specific first', () => {
    expect(resolutionScopes(AREA)).toEqual([
      { level: 'community', code: '310104-005-001' },
      { level: 'street', code: '310104-005' },
      { level: 'district', code: '310104' },
      { level: 'default', code: null },
    ]);
    expect(resolutionScopes({ communityCode: 'chaos-community', streetCode: null, districtCode: null })).toEqual([
      { level: 'community', code: 'chaos-community' },
      { level: 'default', code: null },
    ]);
  });

  it('takes the most specific policy there is, whatever order they come in', () => {
    expect(idOf([fallback, district, street, community])).toEqual(['own', 'community']);
    expect(idOf([fallback, district, street])).toEqual(['street', 'street']);
    expect(idOf([otherStreet, fallback, district])).toEqual(['district', 'district']);
    expect(idOf([otherStreet, fallback])).toEqual(['default', 'default']);
    expect(idOf([otherStreet])).toBeNull();
  });

  it("another street's community takes its own street's policy, or the default", () => {
    const neighbour = { communityCode: '310104-006-002', streetCode: '310104-006', districtCode: '310104' };
    expect(idOf([street, otherStreet, fallback], neighbour)).toEqual(['other-street', 'street']);
    expect(idOf([street, fallback], neighbour)).toEqual(['default', 'default']);
  });

  it('an unknown community (no street, no district) takes its own policy or the default only', () => {
    const unknown = { communityCode: 'chaos-community', streetCode: null, districtCode: null };
    expect(idOf([street, district, fallback], unknown)).toEqual(['default', 'default']);
  });
});
