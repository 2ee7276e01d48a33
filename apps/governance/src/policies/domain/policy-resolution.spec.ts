import type { DecisionPolicy, PolicyScopeFields } from '@sanshe/contracts';
import { type DecisionArea, decisionAreaOf, mostSpecificPolicy, resolutionScopes } from './policy-resolution';
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

describe('program scope (issue 15): program → community → street → district → default', () => {
  const program = stored('program.prog-1.grant-award', { programId: 'prog-1' });
  const otherProgram = stored('program.prog-2.grant-award', { programId: 'prog-2' });
  const inProgram = { ...AREA, programId: 'prog-1' };

  it("ranks the decision's program first, then its area as before", () => {
    expect(resolutionScopes(inProgram).map((scope) => scope.level)).toEqual([
      'program',
      'community',
      'street',
      'district',
      'default',
    ]);
    expect(resolutionScopes(AREA)[0]).toEqual({ level: 'community', code: '310104-005-001' });
  });

  it("takes the program's policy over every area's, and another program's never", () => {
    expect(idOf([fallback, district, street, community, program], inProgram)).toEqual([
      'program.prog-1.grant-award',
      'program',
    ]);
    expect(idOf([otherProgram, fallback, street, community], inProgram)).toEqual(['own', 'community']);
    expect(idOf([program, otherProgram, street], AREA)).toEqual(['street', 'street']);
    expect(idOf([program, otherProgram])).toBeNull();
  });

  it('puts the program into the area only when there is one', () => {
    expect(decisionAreaOf('310104-005-001', AREA, 'prog-1')).toEqual(inProgram);
    expect(decisionAreaOf('310104-005-001', AREA)).toEqual(AREA);
    expect(decisionAreaOf('chaos-community', null, 'prog-1')).toEqual({
      communityCode: 'chaos-community',
      streetCode: null,
      districtCode: null,
      programId: 'prog-1',
    });
  });
});
