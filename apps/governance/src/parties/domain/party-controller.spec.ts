import {
  channelOf,
  channelRefusal,
  controllerOf,
  type ControllerRule,
  DEFAULT_CONTROLLER_RULES,
  isControllerId,
} from './party-controller';

const rules: ControllerRule[] = [
  ...DEFAULT_CONTROLLER_RULES,
  { partyPattern: 'volunteers:*', controller: 'community', origin: 'config' },
  { partyPattern: 'funder:xuhui-welfare-fund', controller: 'portal:xuhui-civil-affairs', origin: 'config' },
];

describe('controllerOf', () => {
  it.each([
    ['community:310104-005-001', 'community'],
    ['residents:310104-005-001', 'community'],
    ['community:{communityCode}', 'community'],
    ['organization:org-xinhua', 'organization'],
    ['talent:district-social-workers', 'talent'],
    ['funder:district-civil-affairs-fund', 'funding'],
    ['funder:xuhui-welfare-fund', 'portal:xuhui-civil-affairs'], // an exact rule beats its kind's
    ['portal:street-xinhua', 'portal:street-xinhua'], // a portal speaks for itself
    ['portal:street-{streetCode}', 'portal:street-{streetCode}'], // so does a portal template, until bound
    ['portal:{districtCode}-civil-affairs', 'portal:{districtCode}-civil-affairs'],
    ['portal:Street-{streetCode}', null], // not a portal id once bound
    ['portal:street-{street}', null], // not a placeholder
    ['volunteers:team-7', 'community'], // an open kind, mapped by configuration
    ['charity:unmapped', null], // nobody may speak for it
  ])('%s → %s', (partyId, controller) => {
    expect(controllerOf(rules, partyId)).toBe(controller);
  });
});

describe('channelOf', () => {
  it("names a context's events topic and source, and a portal's command topic and source", () => {
    expect(channelOf('community')).toEqual({ topic: 'sanshe.community.events', source: 'sanshe/community' });
    expect(channelOf('portal:street-xinhua')).toEqual({
      topic: 'sanshe.portal.street-xinhua.commands',
      source: 'portal/street-xinhua',
    });
  });

  it('accepts only the four contexts and well-formed portals as controllers', () => {
    expect(['funding', 'portal:a-1', 'governance', 'portal:', 'portal:A'].map(isControllerId)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('channelRefusal', () => {
  const resolve = (partyId: string) => controllerOf(rules, partyId);
  const community = { topic: 'sanshe.community.events', source: 'sanshe/community' };

  it("accepts a party's message on its controller's topic from its controller's source", () => {
    expect(channelRefusal(community, ['residents:310104-005-001'], resolve)).toBeNull();
    expect(
      channelRefusal(
        { topic: 'sanshe.portal.xuhui-civil-affairs.commands', source: 'portal/xuhui-civil-affairs' },
        ['funder:xuhui-welfare-fund'],
        resolve,
      ),
    ).toBeNull();
  });

  it.each([
    [
      'a funder vote on the community topic',
      community,
      'funder:district-civil-affairs-fund',
      /speaks only through funding/,
    ],
    [
      "portal B's vote on portal A's topic",
      { topic: 'sanshe.portal.a.commands', source: 'portal/a' },
      'portal:b',
      /speaks only through portal:b \(topic sanshe.portal.b.commands, source portal\/b\)/,
    ],
    [
      'a source that does not match its topic',
      { topic: 'sanshe.community.events', source: 'sanshe/talent' },
      'community:310104-005-001',
      /from source sanshe\/talent/,
    ],
    ['a party nobody speaks for', community, 'charity:unmapped', /has no controller/],
  ])('refuses %s', (_what, arrival, partyId, reason) => {
    expect(channelRefusal(arrival, [partyId], resolve)).toMatch(reason);
  });
});
