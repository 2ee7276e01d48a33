import type { ConsentPurpose } from '@sanshe/contracts/pure';
import type { EntityManager } from 'typeorm';

/**
 * Residents' consents as other features read them (a port and its token; ConsentsModule provides it).
 * No cache: a withdrawal recorded a moment ago already counts.
 */
export abstract class ConsentLedger {
  /** Those of residentIds whose latest consent for (purpose, organizationId when the purpose names one) is granted at `at`. */
  abstract consenting(
    residentIds: string[],
    purpose: ConsentPurpose,
    organizationId: string | null,
    at: Date,
    manager?: EntityManager,
  ): Promise<Set<string>>;
}
