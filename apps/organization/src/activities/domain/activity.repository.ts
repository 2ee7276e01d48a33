import type { EntityManager } from 'typeorm';
import type { Activity, ActivityStatus } from './activity';
import type { EvidenceUse, ReportedEvidence } from './evidence';
import type { Group, GroupKind } from './groups';

export interface ActivityFilter {
  organizationId: string;
  status?: ActivityStatus;
}

/** Activities with their sessions; every read in a transaction locks the row (FOR UPDATE) when asked. */
export abstract class ActivityRepository {
  /** Inserts it with its sessions and groups, unless its proposal has one: then returns that one's id. */
  abstract insert(
    manager: EntityManager,
    activity: Activity,
    groups: Group[],
  ): Promise<{ activityId: string; inserted: boolean }>;
  abstract find(manager: EntityManager, activityId: string, lock?: boolean): Promise<Activity | null>;
  abstract findByProposal(manager: EntityManager, proposalId: string, lock?: boolean): Promise<Activity | null>;
  /** Writes its status fields and its sessions (new ones inserted, known ones updated). */
  abstract save(manager: EntityManager, activity: Activity, recordedBy: string | null): Promise<void>;
  /** Every activity of the organization in one of these statuses, oldest first (no limit), in `manager`'s transaction. */
  abstract idsOf(
    manager: EntityManager,
    organizationId: string,
    statuses: readonly ActivityStatus[],
  ): Promise<string[]>;
  abstract list(filter: ActivityFilter): Promise<Activity[]>;
  /** The grant that funds the activity of a proposal (funding's grant.activated names the proposal). */
  abstract setGrant(manager: EntityManager, proposalId: string, grantId: string): Promise<void>;
  abstract countByStatus(organizationId: string): Promise<Record<ActivityStatus, number>>;
}

export abstract class GroupRepository {
  abstract groups(manager: EntityManager | null, activityId: string): Promise<Group[]>;
  abstract group(manager: EntityManager, activityId: string, kind: GroupKind): Promise<Group>;
  /** Writes its members (upserted) and the meetings it does not have yet. */
  abstract save(manager: EntityManager, group: Group): Promise<void>;
}

export interface ActivityReport {
  summary: string;
  outcomes: { indicator: string; unit: string; target?: number; achieved: number; note?: string }[];
  milestone: { grantId: string; trancheNo: number } | null;
}

export interface StoredReport extends ActivityReport {
  evidence: ReportedEvidence[];
  submittedBy: string;
  submittedAt: string;
}

export abstract class ReportRepository {
  /** Takes each hash's advisory lock (in the given, sorted, order) for the rest of the transaction. */
  abstract lockHashes(manager: EntityManager, hashes: string[]): Promise<void>;
  /** Which activities' reports already named each hash. */
  abstract usesOf(manager: EntityManager, hashes: string[]): Promise<Map<string, EvidenceUse[]>>;
  abstract insert(
    manager: EntityManager,
    activity: Activity,
    report: StoredReport,
    grantId: string | null,
  ): Promise<void>;
  abstract find(activityId: string): Promise<StoredReport | null>;
}
