import type { EntityManager } from 'typeorm';
import type { ProgramCategory, ProgramMode } from '@sanshe/contracts';
import type { Program, ProgramStatus } from './program';

export interface StoredProgram extends Program {
  updatedAt: Date;
}

export interface ProgramFilter {
  /** Only these funders' programs (absent: every funder's). */
  funderIds?: readonly string[];
  status?: ProgramStatus;
  mode?: ProgramMode;
  category?: ProgramCategory;
}

/** The program table. */
export abstract class ProgramRepository {
  /** The program, locked until the transaction ends (null: not opened yet). */
  abstract lockForChange(manager: EntityManager, programId: string): Promise<Program | null>;
  abstract find(programId: string, manager?: EntityManager): Promise<StoredProgram | null>;
  abstract list(filter: ProgramFilter): Promise<StoredProgram[]>;
  abstract save(manager: EntityManager, program: Program, by: string): Promise<void>;
}
