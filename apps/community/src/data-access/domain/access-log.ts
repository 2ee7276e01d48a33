import type { PersonalField } from '@sanshe/contracts/pure';

/** One read attempt under a grant, granted or refused: who, which resident, which fields, when, and why not. */
export interface AccessLogEntry {
  actorSub: string;
  actorParties: readonly string[];
  grantId: string;
  residentId: string;
  communityCode: string;
  fields: readonly PersonalField[];
  result: 'granted' | 'refused';
  reason: string | null;
}

export interface LoggedAccess extends AccessLogEntry {
  logId: string;
  at: Date;
}

export interface AccessLogQuery {
  communityCode?: string;
  residentId?: string;
  grantId?: string;
  from?: Date;
  to?: Date;
}

/** The most rows one query returns (the oldest first). */
export const ACCESS_LOG_PAGE = 1000;

/** The append-only access log: appended in its own committed transaction, never changed. */
export abstract class AccessLog {
  abstract append(entry: AccessLogEntry): Promise<void>;
  abstract find(query: AccessLogQuery): Promise<LoggedAccess[]>;
}
