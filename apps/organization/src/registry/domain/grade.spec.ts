import { applyGrade, effectiveGrade, gradeAtLeast, lastValidDay } from './grade';
import { applyRegister, type Organization } from './organization';
import { OrganizationNotRegistered, RegistryInputInvalid } from './registry-errors';

const org = (status: Organization['status'] = 'registered'): Organization => ({
  ...applyRegister(
    'org-1',
    {
      name: '乐群',
      type: 'community-group',
      legalRepresentative: { name: '陈敏' },
      registrationDistrictCode: '310104',
      communitiesServed: ['310104-005-001'],
    },
    'registrar',
  ).state,
  status,
});

describe('grades', () => {
  it('last five years by default: assessed 2025-06-30 → valid until 2030-06-29', () => {
    expect(lastValidDay('2025-06-30', 5)).toBe('2030-06-29');
    const { state, facts } = applyGrade(org(), { grade: '4A', assessedOn: '2025-06-30', ref: '徐民评〔2025〕12号' }, 5);
    expect(state.grade).toEqual({
      grade: '4A',
      assessedOn: '2025-06-30',
      validUntil: '2030-06-29',
      ref: '徐民评〔2025〕12号',
    });
    expect(facts[0].data).toMatchObject({ grade: { grade: '4A', assessedOn: '2025-06-30', validUntil: '2030-06-29' } });
  });

  it('may end earlier, never later than the validity years', () => {
    const earlier = applyGrade(org(), { grade: '3A', assessedOn: '2025-06-30', validUntil: '2027-12-31', ref: 'r' }, 5);
    expect(earlier.state.grade?.validUntil).toBe('2027-12-31');
    expect(() =>
      applyGrade(org(), { grade: '3A', assessedOn: '2025-06-30', validUntil: '2030-06-30', ref: 'r' }, 5),
    ).toThrow(RegistryInputInvalid);
    expect(() =>
      applyGrade(org(), { grade: '3A', assessedOn: '2025-06-30', validUntil: '2028-06-30', ref: 'r' }, 2),
    ).toThrow(/until 2027-06-29 at the latest/);
  });

  it('are given only to a registered organization', () => {
    for (const status of ['provisional', 'suspended', 'deregistered'] as const) {
      expect(() => applyGrade(org(status), { grade: '2A', assessedOn: '2025-01-01', ref: 'r' }, 5)).toThrow(
        OrganizationNotRegistered,
      );
    }
  });

  it('the same grade again is no change; null withdraws it', () => {
    const graded = applyGrade(org(), { grade: '2A', assessedOn: '2025-01-01', ref: 'r' }, 5).state;
    expect(applyGrade(graded, { grade: '2A', assessedOn: '2025-01-01', ref: 'r' }, 5).facts).toEqual([]);
    const withdrawn = applyGrade(graded, { grade: null, assessedOn: '2026-01-01', ref: 'r2' }, 5);
    expect(withdrawn.state.grade).toBeNull();
    expect(withdrawn.facts[0].data).toMatchObject({ grade: null });
  });

  it('are in force only until their last day', () => {
    const graded = applyGrade(org(), { grade: '5A', assessedOn: '2025-06-30', ref: 'r' }, 5).state;
    expect(effectiveGrade(graded, '2030-06-29')).toBe('5A');
    expect(effectiveGrade(graded, '2030-06-30')).toBeNull();
    expect(effectiveGrade(graded, '2025-06-29')).toBeNull();
  });

  it('compare 1A < … < 5A, no grade below all', () => {
    expect(gradeAtLeast('3A', '3A')).toBe(true);
    expect(gradeAtLeast('4A', '3A')).toBe(true);
    expect(gradeAtLeast('2A', '3A')).toBe(false);
    expect(gradeAtLeast(null, '1A')).toBe(false);
  });
});
