import type { EntityManager } from 'typeorm';

/**
 * The port the workers feature calls in the transaction of every change to an organization's workers
 * (provided and exported by WorkforceModule): it re-evaluates the organization's workforce health, so a
 * crossing's event commits with the change that made it, or not at all.
 */
export abstract class WorkforceWatch {
  abstract reevaluate(manager: EntityManager, organizationId: string, now?: Date): Promise<void>;
}
