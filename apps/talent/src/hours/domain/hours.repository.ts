import type { EntityManager } from 'typeorm';
import type { HoursRecord, HoursSettlement, ScheduledActivity } from './hours-record';

/** The hours feature's port (its adapter: infrastructure/postgres-hours.repository.ts). */
export abstract class HoursRepository {
  /** Adds the record; when the worker already has hours for that activity, day and session, returns theirs. */
  abstract insert(manager: EntityManager, record: HoursRecord): Promise<{ inserted: true } | { existing: string }>;
  /** The record, locked until the transaction ends (settling it). */
  abstract findForUpdate(manager: EntityManager, hoursId: string): Promise<HoursRecord | null>;
  abstract settle(manager: EntityManager, hoursId: string, settlement: HoursSettlement): Promise<HoursRecord>;
  abstract find(hoursId: string): Promise<HoursRecord | null>;
  /** The worker's records, newest service first. */
  abstract listByWorker(workerId: string): Promise<HoursRecord[]>;
  /** The minutes the worker served as a volunteer and were confirmed, as `manager`'s transaction sees them. */
  abstract confirmedVolunteerMinutes(manager: EntityManager, workerId: string): Promise<number>;
  /**
   * An activity as talent learnt of it from organization.activity.scheduled (the staffing feature keeps
   * them), or null when that has not arrived yet.
   */
  abstract scheduledActivity(manager: EntityManager, activityId: string): Promise<ScheduledActivity | null>;
}
