import { ORGANIZATION_GRADES, type FieldProblem, type OrganizationGrade } from '@sanshe/contracts';
import { changed, type Organization, type RegistryChange } from './organization';
import { OrganizationNotRegistered, RegistryInputInvalid } from './registry-errors';

/** PUT /organizations/{id}/grade: a grade and its assessment, or null to withdraw the grade. */
export interface GradeCommand {
  grade: OrganizationGrade | null;
  assessedOn: string;
  validUntil?: string;
  ref: string;
}

/** The last day of `years` years from `assessedOn` (2025-06-30 + 5 → 2030-06-29), in calendar dates. */
export function lastValidDay(assessedOn: string, years: number): string {
  const date = new Date(`${assessedOn}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Grades a registered organization: valid until `validUntil`, never beyond `validityYears` from its
 * assessment (the default end). An unchanged grade is no change.
 */
export function applyGrade(current: Organization, command: GradeCommand, validityYears: number): RegistryChange {
  if (current.status !== 'registered') throw new OrganizationNotRegistered(current.organizationId, current.status);
  if (command.grade === null) {
    return current.grade === null ? { state: current, facts: [] } : changed({ ...current, grade: null });
  }
  const latest = lastValidDay(command.assessedOn, validityYears);
  const validUntil = command.validUntil ?? latest;
  const problems: FieldProblem[] = [];
  if (validUntil > latest) {
    problems.push({
      path: '/body/validUntil',
      message: `a grade is valid at most ${validityYears} years from its assessment: until ${latest} at the latest`,
    });
  }
  if (validUntil < command.assessedOn) {
    problems.push({ path: '/body/validUntil', message: `must not be before assessedOn ${command.assessedOn}` });
  }
  if (problems.length) throw new RegistryInputInvalid(problems);
  const grade = { grade: command.grade, assessedOn: command.assessedOn, validUntil, ref: command.ref };
  if (JSON.stringify(current.grade) === JSON.stringify(grade)) return { state: current, facts: [] };
  return changed({ ...current, grade });
}

/** The grade in force on `today` (YYYY-MM-DD): null once its validity has ended. */
export function effectiveGrade(organization: Pick<Organization, 'grade'>, today: string): OrganizationGrade | null {
  const grade = organization.grade;
  return grade && grade.assessedOn <= today && today <= grade.validUntil ? grade.grade : null;
}

/** Whether `grade` is at least `min` (1A < 2A < … < 5A); no grade is below every grade. */
export function gradeAtLeast(grade: OrganizationGrade | null, min: OrganizationGrade): boolean {
  return grade !== null && ORGANIZATION_GRADES.indexOf(grade) >= ORGANIZATION_GRADES.indexOf(min);
}
