import { covers, openingRefusal, type Portal, portalOfCommandsTopic, speaksFor, suspension } from './portal';

const bureau: Portal = {
  portalId: 'xuhui-civil-affairs',
  name: '徐汇区民政局',
  kind: 'district-bureau',
  jurisdiction: ['310104'],
  kafkaPrincipal: 'User:portal-xuhui-civil-affairs',
  speaksFor: ['funder:xuhui-welfare-fund'],
  status: 'active',
  version: 1,
};
const street: Portal = { ...bureau, portalId: 'street-xinhua', kind: 'street-office', jurisdiction: ['310104-005'] };
const opening = {
  programId: 'prog-1',
  castBy: 'portal:xuhui-civil-affairs',
  funderId: 'funder:xuhui-welfare-fund',
  districtCode: '310104',
};
const source = 'portal/xuhui-civil-affairs';

describe('the portal rules funding applies', () => {
  it('a portal covers its areas and those below them, by whole segments', () => {
    expect(covers(bureau, '310104')).toBe(true);
    expect(covers(bureau, '310104-005-001')).toBe(true);
    expect(covers(street, '310104')).toBe(false); // a street office does not act on its district
    expect(covers(street, '310104-005-001')).toBe(true);
    expect(covers({ jurisdiction: ['310104-00'] }, '310104-005')).toBe(false);
    expect(covers(bureau, '310105')).toBe(false);
  });

  it('a portal speaks for itself and its speaksFor only', () => {
    expect(speaksFor(bureau, 'portal:xuhui-civil-affairs')).toBe(true);
    expect(speaksFor(bureau, 'funder:xuhui-welfare-fund')).toBe(true);
    expect(speaksFor(bureau, 'funder:another-fund')).toBe(false);
    expect(speaksFor(bureau, 'portal:street-xinhua')).toBe(false);
  });

  it('the commands topic names its portal', () => {
    expect(portalOfCommandsTopic('sanshe.portal.street-xinhua.commands')).toBe('street-xinhua');
    expect(portalOfCommandsTopic('sanshe.portal.street-xinhua.replies')).toBeNull();
    expect(portalOfCommandsTopic('sanshe.governance.events')).toBeNull();
  });

  it('refuses only a registered portal that is suspended (an unregistered one is an extra, heard as before)', () => {
    expect(suspension('x', null)).toBeNull();
    expect(suspension('x', bureau)).toBeNull();
    expect(suspension('x', { ...bureau, status: 'suspended' })).toMatchObject({ code: 'portal-suspended' });
  });
});

describe('openingRefusal', () => {
  it('opens for an active portal, its funder and a district it covers', () => {
    expect(openingRefusal('xuhui-civil-affairs', bureau, source, opening)).toBeNull();
    const asItself = { ...opening, funderId: 'portal:xuhui-civil-affairs' };
    expect(openingRefusal('xuhui-civil-affairs', bureau, source, asItself)).toBeNull();
  });

  it.each([
    ['wrong-channel', bureau, 'portal/street-xinhua', opening],
    ['wrong-channel', bureau, source, { ...opening, castBy: 'portal:street-xinhua' }],
    ['unknown-portal', null, source, opening],
    ['portal-suspended', { ...bureau, status: 'suspended' as const }, source, opening],
    ['not-funder', bureau, source, { ...opening, funderId: 'funder:another-fund' }],
    ['outside-jurisdiction', bureau, source, { ...opening, districtCode: '310105' }],
  ])('refuses %s', (code, portal, from, asked) => {
    expect(openingRefusal('xuhui-civil-affairs', portal, from, asked)).toMatchObject({ code });
  });

  it('a street office may not open a program of its district', () => {
    const fromStreet = { ...opening, castBy: 'portal:street-xinhua' };
    expect(openingRefusal('street-xinhua', street, 'portal/street-xinhua', fromStreet)).toMatchObject({
      code: 'outside-jurisdiction',
      reason: expect.stringContaining('310104-005'),
    });
  });
});
