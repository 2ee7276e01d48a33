import { DEFAULT_CONTROLLER_RULES } from '../../parties/domain/party-controller';
import { resolverWith } from './policy-breaks';
import { REGISTRY_ORIGIN } from './portal-rules';

describe('resolverWith: the controller map with other registered rules', () => {
  const inForce = [
    ...DEFAULT_CONTROLLER_RULES,
    { partyPattern: 'funder:old', controller: 'portal:old' as const, origin: REGISTRY_ORIGIN },
    { partyPattern: 'funder:configured', controller: 'portal:p' as const, origin: 'config' },
  ];

  it("replaces the registry's rules, keeps the others ahead of them, and silences a suspended portal's parties", () => {
    const resolve = resolverWith(inForce, {
      rules: [
        { partyPattern: 'funder:x', controller: 'portal:p', origin: REGISTRY_ORIGIN },
        { partyPattern: 'funder:configured', controller: 'portal:q', origin: REGISTRY_ORIGIN },
      ],
      silenced: ['portal:s', 'funder:s'],
    });
    expect(['funder:x', 'funder:old', 'funder:configured', 'portal:s', 'funder:s', 'community:c'].map(resolve)).toEqual(
      ['portal:p', 'funding', 'portal:p', null, null, 'community'],
    );
  });
});
