import {
  certifiedNeeded,
  objectionReason,
  STAFFING_RULES,
  type StaffingLine,
  staffingProblems,
} from './staffing-rules';

// Worked examples computed by hand (README "Staffing rules"); the expectations are literals, not recomputed.
describe('staffing rules v1', () => {
  it('elderly-care, 45 participants, [certified 2, intern 3]: needs ceil(45/20) = 3 certified → certified-ratio', () => {
    const plan: StaffingLine[] = [
      { role: 'certified-social-worker', count: 2 },
      { role: 'intern', count: 3 },
    ];
    const problems = staffingProblems(plan, { category: 'elderly-care', expectedParticipants: 45 });
    expect(problems).toEqual([
      {
        rule: 'certified-ratio',
        message: '45 participants need 3 certified social workers, the plan has 2',
        fix: 'add 1 certified-social-worker',
      },
    ]);
    expect(objectionReason(problems)).toEqual({
      code: 'staffing-rule',
      text: 'certified-ratio: 45 participants need 3 certified social workers, the plan has 2: add 1 certified-social-worker',
    });
  });

  it('the same proposal amended to 3 certified passes', () => {
    const plan: StaffingLine[] = [
      { role: 'certified-social-worker', count: 3 },
      { role: 'intern', count: 3 },
    ];
    const problems = staffingProblems(plan, { category: 'elderly-care', expectedParticipants: 45 });
    expect(problems).toEqual([]);
    expect(objectionReason(problems)).toBeNull();
  });

  it('culture-hobby, 30, [intern 2, volunteer 5]: interns never the only staff → intern-not-alone, asked once', () => {
    const plan: StaffingLine[] = [
      { role: 'intern', count: 2 },
      { role: 'volunteer', count: 5 },
    ];
    expect(staffingProblems(plan, { category: 'culture-hobby', expectedParticipants: 30 })).toEqual([
      {
        rule: 'intern-not-alone',
        message: 'the plan has 2 interns and no certified social worker or community staff',
        fix: 'add 1 certified-social-worker or community-staff',
      },
    ]);
  });

  it('disability, 8, [certified 1, volunteer 4]: max(1, ceil(8/20) = 1) = 1 → passes', () => {
    const plan: StaffingLine[] = [
      { role: 'certified-social-worker', count: 1 },
      { role: 'volunteer', count: 4 },
    ];
    expect(staffingProblems(plan, { category: 'disability', expectedParticipants: 8 })).toEqual([]);
  });

  it('elderly-care needs 1 certified for 20 participants and 2 for 21', () => {
    expect(certifiedNeeded(20)).toBe(1);
    expect(certifiedNeeded(21)).toBe(2);
    expect(certifiedNeeded(0)).toBe(1);
    const one: StaffingLine[] = [{ role: 'certified-social-worker', count: 1 }];
    expect(staffingProblems(one, { category: 'elderly-care', expectedParticipants: 20 })).toEqual([]);
    expect(staffingProblems(one, { category: 'elderly-care', expectedParticipants: 21 })).toEqual([
      {
        rule: 'certified-ratio',
        message: '21 participants need 2 certified social workers, the plan has 1',
        fix: 'add 1 certified-social-worker',
      },
    ]);
  });

  it('volunteers never count as staff: elderly-care with volunteers only still needs its certified worker', () => {
    const plan: StaffingLine[] = [{ role: 'volunteer', count: 10 }];
    expect(staffingProblems(plan, { category: 'elderly-care', expectedParticipants: 10 })).toEqual([
      {
        rule: 'certified-ratio',
        message: '10 participants need 1 certified social worker, the plan has 0',
        fix: 'add 1 certified-social-worker',
      },
    ]);
  });

  it('a volunteers-only hobby group has no staff to lead, so it passes; community staff lead interns', () => {
    const context = { category: 'culture-hobby' as const, expectedParticipants: 30 };
    expect(staffingProblems([{ role: 'volunteer', count: 5 }], context)).toEqual([]);
    const led: StaffingLine[] = [
      { role: 'community-staff', count: 1 },
      { role: 'intern', count: 4 },
    ];
    expect(staffingProblems(led, context)).toEqual([]);
  });

  it('a minLevel on a line that is not certified cannot be met (min-level)', () => {
    const plan: StaffingLine[] = [
      { role: 'certified-social-worker', count: 1 },
      { role: 'intern', count: 1, minLevel: 'social-worker' },
    ];
    expect(staffingProblems(plan, { category: 'health', expectedParticipants: 10 })).toEqual([
      {
        rule: 'min-level',
        message: 'the intern line asks for social-worker, which only a certified social worker holds',
        fix: 'make the line certified-social-worker or drop its minLevel',
      },
    ]);
  });

  it('several problems make one reason naming each rule; the text stays within the schema', () => {
    const plan: StaffingLine[] = [{ role: 'intern', count: 2, minLevel: 'social-worker' }];
    const reason = objectionReason(staffingProblems(plan, { category: 'disability', expectedParticipants: 41 }));
    expect(reason?.text).toBe(
      'certified-ratio: 41 participants need 3 certified social workers, the plan has 0: add 3 certified-social-worker; ' +
        'min-level: the intern line asks for social-worker, which only a certified social worker holds: ' +
        'make the line certified-social-worker or drop its minLevel',
    );
    const long = objectionReason(
      Array.from({ length: 40 }, () => ({ rule: 'min-level', message: 'x'.repeat(80), fix: 'y' }) as const),
    );
    expect(long?.text.length).toBe(2000);
  });

  it('is data: a version with another ratio changes the count without code', () => {
    const stricter = { ...STAFFING_RULES, version: 2, participantsPerCertified: 10 };
    expect(certifiedNeeded(21, stricter)).toBe(3);
  });
});
