import type { PersonalField } from '@sanshe/contracts/pure';
import type { EntityManager } from 'typeorm';

/**
 * The resident register as other features see it (a port and its token; ResidentsModule provides it).
 * Residents are known elsewhere only by their pseudonymous id (`rp-…`); plaintext leaves through `reveal`
 * alone, which only a grant's read calls.
 */
export abstract class ResidentVault {
  /** Which of these pseudonymous ids are registered residents of the community. */
  abstract registeredIn(communityCode: string, residentIds: string[], manager?: EntityManager): Promise<Set<string>>;
  /** The community of a resident, or null when unknown. */
  abstract communityOf(residentId: string, manager?: EntityManager): Promise<string | null>;
  /** Decrypted fields of one resident (only those asked for); null when unknown. */
  abstract reveal(
    residentId: string,
    fields: readonly PersonalField[],
    manager?: EntityManager,
  ): Promise<Partial<Record<PersonalField, string>> | null>;
}
