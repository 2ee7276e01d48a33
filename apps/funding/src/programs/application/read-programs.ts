import { Injectable } from '@nestjs/common';
import { AccessDenied } from '@sanshe/auth';
import { type Caller, funderPartiesOf, isAuditor, ORGANIZATION_ROLES } from '../../access/funding-access';
import { ProgramNotFound } from '../domain/program-errors';
import { type ProgramFilter, ProgramRepository, type StoredProgram } from '../domain/program.repository';
import { programReadOf, readsPrograms } from './program-access';

export interface ReadProgram {
  program: StoredProgram;
  read: 'full' | 'public';
}

const READERS = 'an auditor, a funder-admin/-staff, or an organization-admin/-staff';

/**
 * GET /programs and /programs/{id}: a funder's admin and staff read its programs whole, an auditor every
 * program; an organization's admin and staff read the open programs' public facts (what to apply to).
 */
@Injectable()
export class ReadProgramsHandler {
  constructor(private readonly programs: ProgramRepository) {}

  async one(programId: string, caller: Caller): Promise<ReadProgram> {
    this.requireReader(caller, `read program ${programId}`);
    const program = await this.programs.find(programId);
    const read = program && programReadOf(caller, program);
    if (!program || !read) throw new ProgramNotFound(programId);
    return { program, read };
  }

  async list(filter: Omit<ProgramFilter, 'funderIds'> & { funderId?: string }, caller: Caller): Promise<ReadProgram[]> {
    this.requireReader(caller, 'list programs');
    const { funderId, ...rest } = filter;
    const readsOpenOnes = isAuditor(caller) || ORGANIZATION_ROLES.some((role) => caller.roles.includes(role));
    const funderIds = funderId ? [funderId] : readsOpenOnes ? undefined : funderPartiesOf(caller);
    const found = await this.programs.list({ ...rest, funderIds });
    return found.flatMap((program) => {
      const read = programReadOf(caller, program);
      return read ? [{ program, read }] : [];
    });
  }

  private requireReader(caller: Caller, action: string): void {
    if (!readsPrograms(caller)) {
      throw new AccessDenied(`${caller.sub} may not ${action}: it needs to be ${READERS}`);
    }
  }
}
