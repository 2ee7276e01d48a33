import type { EntityManager } from 'typeorm';
import type { Representative } from './representative';

/** Where representatives are kept; writes go through the caller's transaction. */
export abstract class RepresentativeRepository {
  /** Serializes appointments to one community, then returns its active representatives. */
  abstract lockActive(manager: EntityManager, communityCode: string): Promise<Representative[]>;
  abstract find(representativeId: string, manager?: EntityManager): Promise<Representative | null>;
  abstract insert(manager: EntityManager, rep: Representative, appointedBy: string): Promise<void>;
  abstract end(manager: EntityManager, rep: Representative, endedBy: string): Promise<void>;
  abstract list(communityCode: string, includeEnded: boolean): Promise<Representative[]>;
}

/**
 * The port other features use (votes): may this person cast that body's vote of that community today?
 * Exported by RepresentativesModule.
 */
export abstract class RepresentativeRoster {
  abstract isActive(
    communityCode: string,
    body: Representative['body'],
    personSub: string,
    manager?: EntityManager,
  ): Promise<boolean>;
}
