import { DEFAULT_CONTROLLER_RULES } from '../../parties/domain/party-controller';
import { covers, type Portal, sameRegistration } from './portal';
import { conflictingClaims, REGISTRY_ORIGIN, registeredControllerRules, speaksForProblems } from './portal-rules';

const portal = (overrides: Partial<Portal> = {}): Portal => ({
  portalId: 'xuhui-civil-affairs',
  name: '徐汇区民政局',
  kind: 'district-bureau',
  jurisdiction: ['310104'],
  kafkaPrincipal: 'User:portal-xuhui-civil-affairs',
  speaksFor: ['funder:xuhui-welfare-fund'],
  status: 'active',
  registeredBy: 'operator-1',
  registeredAt: new Date(0),
  updatedAt: new Date(0),
  version: 1,
  ...overrides,
});

describe('covers', () => {
  it.each([
    [['310104'], '310104', true],
    [['310104'], '310104-005', true],
    [['310104'], '310104-005-001', true],
    [['310104-005'], '310104-005-001', true],
    [['310104-005'], '310104-006-001', false], // another street of the same district
    [['310104-005'], '310104', false], // a street does not cover its district
    [['310104-005-001'], '310104-005-002', false],
    [['310105', '310104-005'], '310104-005-009', true], // a list: any of them
    [['310104'], '3101045', false], // whole segments only
  ])('%j covers %s: %s', (jurisdiction, areaCode, expected) => {
    expect(covers({ jurisdiction }, areaCode)).toBe(expected);
  });
});

describe('sameRegistration', () => {
  it('ignores the order of jurisdiction and speaksFor, and nothing else', () => {
    const a = portal({ jurisdiction: ['310104-005', '310104-006'], speaksFor: ['funder:a', 'funder:b'] });
    expect(
      sameRegistration(a, { ...a, jurisdiction: ['310104-006', '310104-005'], speaksFor: ['funder:b', 'funder:a'] }),
    ).toBe(true);
    expect(sameRegistration(a, { ...a, name: 'other' })).toBe(false);
    expect(sameRegistration(a, { ...a, kafkaPrincipal: 'User:other' })).toBe(false);
    expect(sameRegistration(a, { ...a, speaksFor: ['funder:a'] })).toBe(false);
  });
});

describe('speaksForProblems', () => {
  it('refuses the portal itself and any other portal, naming the entry', () => {
    expect(speaksForProblems('a', ['funder:f', 'portal:a', 'portal:b'])).toEqual([
      { path: '/speaksFor/1', message: expect.stringMatching(/is the portal itself/) },
      { path: '/speaksFor/2', message: expect.stringMatching(/is another portal/) },
    ]);
    expect(speaksForProblems('a', ['funder:f', 'community:310104-005-001'])).toEqual([]);
  });
});

describe('conflictingClaims: one controller per party', () => {
  const rules = [
    ...DEFAULT_CONTROLLER_RULES,
    { partyPattern: 'funder:configured-fund', controller: 'funding' as const, origin: 'config' },
    { partyPattern: 'funder:xuhui-welfare-fund', controller: 'portal:xuhui-civil-affairs' as const, origin: 'config' },
    { partyPattern: 'funder:old', controller: 'portal:other' as const, origin: REGISTRY_ORIGIN },
  ];

  it("does not count a kind's rule, the portal's own rule, or the registry's rules (its claims are read apart)", () => {
    const parties = ['portal:xuhui-civil-affairs', 'funder:xuhui-welfare-fund', 'funder:new-fund', 'funder:old'];
    expect(conflictingClaims('xuhui-civil-affairs', parties, [], rules)).toEqual([]);
  });

  it('refuses a party another portal speaks for, and one an exact rule gives another controller', () => {
    const registered = [{ partyId: 'funder:new-fund', controller: 'portal:b', origin: REGISTRY_ORIGIN }];
    expect(
      conflictingClaims('a', ['portal:a', 'funder:new-fund', 'funder:configured-fund'], registered, rules),
    ).toEqual([
      { partyId: 'funder:new-fund', controller: 'portal:b', origin: REGISTRY_ORIGIN },
      { partyId: 'funder:configured-fund', controller: 'funding', origin: 'config' },
    ]);
    // Someone else's configured claim on this portal's favourite fund.
    expect(conflictingClaims('a', ['funder:xuhui-welfare-fund'], [], rules)).toEqual([
      { partyId: 'funder:xuhui-welfare-fund', controller: 'portal:xuhui-civil-affairs', origin: 'config' },
    ]);
  });
});

describe('registeredControllerRules', () => {
  it('an active portal controls itself and its speaksFor; a suspended one nothing, its parties silenced', () => {
    const active = portal();
    const suspended = portal({ portalId: 'street-xinhua', speaksFor: ['funder:street-fund'], status: 'suspended' });
    expect(registeredControllerRules([active, suspended])).toEqual({
      rules: [
        {
          partyPattern: 'portal:xuhui-civil-affairs',
          controller: 'portal:xuhui-civil-affairs',
          origin: REGISTRY_ORIGIN,
        },
        {
          partyPattern: 'funder:xuhui-welfare-fund',
          controller: 'portal:xuhui-civil-affairs',
          origin: REGISTRY_ORIGIN,
        },
      ],
      silenced: ['portal:street-xinhua', 'funder:street-fund'],
    });
  });
});
