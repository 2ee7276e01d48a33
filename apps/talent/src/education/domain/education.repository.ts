import type { EntityManager } from 'typeorm';
import type { SocialWorkerLevel } from '@sanshe/contracts';
import type { HeldCertificate } from './requirement';

export interface TrainingProgram {
  programId: string;
  title: string;
  hours: number;
  provider: string;
}

export interface Completion {
  workerId: string;
  programId: string;
  completedOn: string;
  hours: number;
}

/** An active certified worker and the hours they completed in the year. */
export interface YearHours {
  workerId: string;
  organizationId: string | null;
  level: SocialWorkerLevel;
  completedHours: number;
}

export interface SweptCertificate extends HeldCertificate {
  organizationId: string | null;
}

/** Training programs, completions, and the notices sent (once-only keys). */
export abstract class EducationRepository {
  /** False when the programId is taken. */
  abstract addProgram(manager: EntityManager, program: TrainingProgram, by: string): Promise<boolean>;
  abstract program(programId: string, manager?: EntityManager): Promise<TrainingProgram | null>;
  abstract programs(): Promise<TrainingProgram[]>;
  /** False when the same worker, program and day were recorded already. */
  abstract addCompletion(manager: EntityManager, completion: Completion, by: string): Promise<boolean>;
  abstract completions(workerId: string, year: number): Promise<Completion[]>;
  /** Active certified workers with their hours in `year`. */
  abstract yearHours(year: number, workerId?: string): Promise<YearHours[]>;
  /** The certificates at their worker's level of active certified workers. */
  abstract certificatesOfActive(): Promise<SweptCertificate[]>;
  /** Claims a once-only key; false when it was claimed before. */
  abstract claimNotice(manager: EntityManager, key: string, workerId: string, eventId: string): Promise<boolean>;
}
