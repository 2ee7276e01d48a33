import type { DecisionPolicy } from '@sanshe/contracts';
import { bindingOf, bindingsFor } from './policy-bindings';

describe('bindingOf: the area that binds a template to a party id', () => {
  it.each([
    ['portal:street-{streetCode}', 'portal:street-310104-005', [null, '310104-005', '310104']],
    ['portal:civil-affairs-{districtCode}', 'portal:civil-affairs-310104', [null, null, '310104']],
    ['community:{communityCode}', 'community:310104-005-001', ['310104-005-001', '310104-005', '310104']],
    ['portal:{districtCode}-x-{districtCode}', 'portal:310104-x-310104', [null, null, '310104']],
    ['portal:street-{streetCode}', 'portal:street-xinhua', null], // not a street code
    ['portal:street-{streetCode}', 'portal:street-310104-005-001', null], // a community's code is no street's
    ['portal:{districtCode}-x-{districtCode}', 'portal:310104-x-310105', null], // one placeholder, one code
    ['portal:street.{streetCode}', 'portal:streetx310104-005', null], // a dot is a dot
  ])('%s as %s → %j', (template, partyId, codes) => {
    const binding = bindingOf(template, partyId);
    expect(binding && [binding.communityCode, binding.streetCode, binding.districtCode]).toEqual(codes);
  });

  it("finds each area where a party fills one of the policy's templates, once", () => {
    const policy = {
      parties: [{ partyId: 'community:{communityCode}' }, { partyId: 'funder:fund' }],
      escalation: [{ arbiterId: 'portal:street-{streetCode}' }, { arbiterId: 'portal:street-{streetCode}' }],
    } as DecisionPolicy;
    expect(bindingsFor(policy, ['portal:street-310104-005', 'funder:fund', 'portal:other'])).toEqual([
      { communityCode: null, streetCode: '310104-005', districtCode: '310104' },
    ]);
  });
});
