import type { EntityManager } from 'typeorm';
import type { EvidencePackage } from './evidence-package';

/** The organizations' evidence packages; writes join the caller's transaction. */
export abstract class EvidencePackageRepository {
  /** Stores the package, or returns the organization's package of the same Idempotency-Key, storing nothing. */
  abstract insert(manager: EntityManager, evidencePackage: EvidencePackage): Promise<EvidencePackage | null>;
  /** The organization's packages for `grantId`, oldest first. */
  abstract listFor(grantId: string, organizationId: string): Promise<EvidencePackage[]>;
  /** Marks the package sent as `eventId` refused by governance; false when no package has that event. */
  abstract refuse(manager: EntityManager, eventId: string, refusal: { code: string; reason: string }): Promise<boolean>;
}
