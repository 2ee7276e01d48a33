import type { EntityManager } from 'typeorm';
import type { CommunityHours, HoursAnswer, HoursSettlement } from './community-hours';

/** Hours served in the community's communities; writes go through the caller's transaction. */
export abstract class HoursRepository {
  /** Records hours once (a redelivered recorded event changes nothing). */
  abstract insert(manager: EntityManager, hours: Omit<CommunityHours, 'answer' | 'settlement'>): Promise<void>;
  /** The hours, locked for the rest of the transaction. */
  abstract lock(manager: EntityManager, hoursId: string): Promise<CommunityHours | null>;
  abstract find(hoursId: string): Promise<CommunityHours | null>;
  abstract saveAnswer(manager: EntityManager, hoursId: string, answer: HoursAnswer): Promise<void>;
  /** Settles known hours once (false: unknown or settled before). */
  abstract settle(manager: EntityManager, hoursId: string, settlement: HoursSettlement): Promise<boolean>;
  /** Marks the answer sent as `eventId` refused by governance; false when no answer has that id. */
  abstract rejectAnswer(
    manager: EntityManager,
    eventId: string,
    rejection: { code: string; reason: string },
  ): Promise<boolean>;
  /** The community's hours, newest served first; only those awaiting the committee unless `all`. */
  abstract listFor(communityCode: string, all: boolean): Promise<CommunityHours[]>;
}
