import type { OrganizationStatus } from '@sanshe/contracts';
import {
  applyProfileChange,
  applyRegister,
  applyStatus,
  checkRegister,
  type Organization,
  type ProfileBody,
} from './organization';
import { InvalidTransition, RegistrationLocked } from './registry-errors';

const BODY: ProfileBody = {
  name: '徐汇区乐群社工服务社',
  type: 'social-work-agency',
  creditCode: '52310104MJ00000189',
  legalRepresentative: { name: '陈敏', title: '理事长' },
  registrationDistrictCode: '310104',
  communitiesServed: ['310104-005-001'],
};
const registered = (status: OrganizationStatus = 'registered'): Organization => ({
  ...applyRegister('org-1', BODY, 'registrar').state,
  status,
});

describe('registering', () => {
  it('is provisional at revision 1, with one registered fact that carries no legal representative', () => {
    const { state, facts } = applyRegister('org-1', BODY, 'registrar');
    expect(state).toMatchObject({ status: 'provisional', revision: 1, grade: null });
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({
      type: 'sanshe.organization.organization.registered.v1',
      subject: 'org-1',
      id: 'sanshe.organization.organization.registered.v1:org-1:1',
      data: { organizationId: 'org-1', creditCode: '52310104MJ00000189', status: 'provisional', revision: 1 },
    });
    expect(JSON.stringify(facts)).not.toContain('陈敏');
  });

  it('requires a credit code except of community groups and volunteer teams', () => {
    const withoutCode = { ...BODY, creditCode: undefined };
    expect(checkRegister(withoutCode)).toEqual([
      expect.objectContaining({ path: '/body/creditCode', message: expect.stringMatching(/^is required/) }),
    ]);
    expect(checkRegister({ ...withoutCode, type: 'community-group' })).toEqual([]);
    expect(checkRegister({ ...withoutCode, type: 'volunteer-team' })).toEqual([]);
  });

  it('names the failed credit-code check under /body', () => {
    expect(checkRegister({ ...BODY, creditCode: '52310104MJ00000188' })).toEqual([
      { path: '/body/creditCode', message: 'check-character: expected 9, found 8 (GB 32100-2015)' },
    ]);
  });
});

describe('changing the profile', () => {
  it('changes nothing when nothing changed', () => {
    const current = registered();
    expect(applyProfileChange(current, BODY, false)).toEqual({ state: current, facts: [] });
  });

  it('is the next revision with one updated fact', () => {
    const { state, facts } = applyProfileChange(registered(), { ...BODY, name: '乐群社工' }, false);
    expect(state).toMatchObject({ name: '乐群社工', revision: 2 });
    expect(facts.map((fact) => fact.id)).toEqual(['sanshe.organization.organization.updated.v1:org-1:2']);
  });

  it('locks the district and credit code once no longer provisional, except for the registrar', () => {
    const moved = { ...BODY, registrationDistrictCode: '310105', creditCode: '52310104MJ00001570' };
    expect(() => applyProfileChange(registered(), moved, false)).toThrow(RegistrationLocked);
    expect(applyProfileChange(registered(), moved, true).state.registrationDistrictCode).toBe('310105');
    expect(applyProfileChange(registered('provisional'), moved, false).state.creditCode).toBe('52310104MJ00001570');
  });
});

describe('the status lifecycle', () => {
  const ALL: OrganizationStatus[] = ['provisional', 'registered', 'suspended', 'deregistered'];
  const ALLOWED: Record<OrganizationStatus, OrganizationStatus[]> = {
    provisional: ['registered', 'deregistered'],
    registered: ['suspended', 'deregistered'],
    suspended: ['registered', 'deregistered'],
    deregistered: [],
  };
  const cells = ALL.flatMap((from) => ALL.map((to) => [from, to, ALLOWED[from].includes(to)] as const));

  it.each(cells)('%s → %s allowed: %s', (from, to, allowed) => {
    const current = registered(from);
    if (allowed) {
      const { state, facts } = applyStatus(current, to);
      expect(state).toMatchObject({ status: to, revision: 2 });
      expect(facts).toEqual([expect.objectContaining({ data: expect.objectContaining({ status: to, revision: 2 }) })]);
      return;
    }
    let refusal: unknown;
    try {
      applyStatus(current, to);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(InvalidTransition);
    expect(refusal).toMatchObject({ code: 'invalid-transition', status: from, attempted: to, allowed: ALLOWED[from] });
  });
});
