import { type Program, programData } from '../../domain/program';

/**
 * A program as the API shows it. `public` (organizations): what an applicant needs — not the program's
 * own decision policies, nor whether and how the funder's seat votes automatically.
 */
export function programView(program: Program & { updatedAt?: Date }, read: 'full' | 'public') {
  const data: Partial<ReturnType<typeof programData>> = programData(program);
  if (read === 'public') {
    delete data.policies;
    delete data.votingMode;
    delete data.autoAward;
  }
  return { ...data, updatedAt: (program.updatedAt ?? new Date()).toISOString() };
}
