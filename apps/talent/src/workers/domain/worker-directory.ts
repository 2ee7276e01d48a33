import type { EntityManager } from 'typeorm';
import type { SkillCode, SocialWorkerLevel, StaffRole } from '@sanshe/contracts';

/** What other features need to know of a worker: who employs them, as what, qualified until when. */
export interface WorkerEntry {
  workerId: string;
  organizationId: string | null;
  kind: StaffRole;
  level: SocialWorkerLevel | null;
  status: 'active' | 'left';
  /** The latest expiry of a certificate in force at its level today (null: none in force). */
  certifiedUntil: string | null;
  skills: SkillCode[];
}

/**
 * The workers feature's port for hours, staffing, assignments and workforce health (provided and
 * exported by WorkersModule): pass the caller's transaction's manager to read inside it.
 */
export abstract class WorkerDirectory {
  abstract find(workerId: string, manager?: EntityManager): Promise<WorkerEntry | null>;
  /** The organization's workers, active and left, ordered by workerId. */
  abstract listByOrganization(organizationId: string, manager?: EntityManager): Promise<WorkerEntry[]>;
}
