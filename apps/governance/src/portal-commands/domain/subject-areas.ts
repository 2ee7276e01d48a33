import type { EntityManager } from 'typeorm';

/**
 * Where governance knows a command's subject to be (a port: the class is also its injection token): the
 * community code of a decision, a filed proposal or a grant; null when governance does not know it (yet).
 */
export abstract class SubjectAreas {
  abstract ofDecision(manager: EntityManager, decisionId: string): Promise<string | null>;
  abstract ofFiling(manager: EntityManager, proposalId: string): Promise<string | null>;
  abstract ofGrant(grantId: string): Promise<string | null>;
}
