import type { DecisionPolicy } from '@sanshe/contracts';
import { PermanentEventError } from '@sanshe/messaging';
import { streetExample } from '@sanshe/workflows';
import { bindDecisionPolicy } from './bind-decision-policy';

const controllerOf = (partyId: string) =>
  partyId.startsWith('portal:') ? partyId : partyId.slice(0, partyId.indexOf(':'));
const LINEAGE = { communityCode: '310104-005-001', streetCode: '310104-005', districtCode: '310104' };

/** The street example as a district-wide template: this community's seats, this street's and district's portals. */
function template(): DecisionPolicy {
  const policy = streetExample.policy();
  const [street, district] = policy.escalation;
  return {
    ...policy,
    communityCode: null,
    parties: policy.parties.map((seat, i) => (i < 2 ? { ...seat, partyId: `${seat.kind}:{communityCode}` } : seat)),
    escalation: [
      { ...street!, arbiterId: 'portal:street-{streetCode}' },
      { ...district!, arbiterId: 'portal:civil-affairs-{districtCode}' },
    ],
  };
}

describe('bindDecisionPolicy', () => {
  it("binds every placeholder to the community's lineage", () => {
    const bound = bindDecisionPolicy(template(), LINEAGE.communityCode, LINEAGE, controllerOf);
    expect(bound.parties.slice(0, 2).map((seat) => seat.partyId)).toEqual([
      'community:310104-005-001',
      'residents:310104-005-001',
    ]);
    expect(bound.escalation.map((step) => step.arbiterId)).toEqual([
      'portal:street-310104-005',
      'portal:civil-affairs-310104',
    ]);
  });

  it('refuses, naming the community and each placeholder, when the street and district are unknown', () => {
    const bind = () => bindDecisionPolicy(template(), 'chaos-community', null, controllerOf);
    expect(bind).toThrow(PermanentEventError);
    expect(bind).toThrow(
      /cannot be bound in community chaos-community: \{streetCode\} in portal:street-\{streetCode\}, \{districtCode\} in portal:civil-affairs-\{districtCode\}/,
    );
  });

  it('binds {communityCode} alone for any community code, known or not', () => {
    const policy = { ...template(), escalation: streetExample.policy().escalation };
    const bound = bindDecisionPolicy(policy, 'chaos-community', null, controllerOf);
    expect(bound.parties[0]?.partyId).toBe('community:chaos-community');
  });

  it('refuses a bound policy that breaks the rules, naming the rule it breaks', () => {
    const policy = {
      ...template(),
      escalation: [{ ...template().escalation[1]!, arbiterId: 'community:{communityCode}' }],
    };
    expect(() => bindDecisionPolicy(policy, LINEAGE.communityCode, LINEAGE, controllerOf)).toThrow(
      /bound in community 310104-005-001 breaks the rules: arbiter community:310104-005-001 also votes/,
    );
  });

  it('leaves a policy without placeholders as it is, unchecked (it was validated when set)', () => {
    const policy = streetExample.policy();
    expect(bindDecisionPolicy(policy, 'chaos-community', null, () => 'community')).toEqual(policy);
  });
});
