import type { HoursRecord } from '../domain/hours-record';

const RECORDED = 'sanshe.talent.hours.recorded.v1' as const;
const CONFIRMED = 'sanshe.talent.hours.confirmed.v1' as const;
const REJECTED = 'sanshe.talent.hours.rejected.v1' as const;

const idsOf = (record: HoursRecord) => ({
  hoursId: record.hoursId,
  workerId: record.workerId,
  workerKind: record.workerKind,
  organizationId: record.organizationId,
  activityId: record.activityId,
  communityCode: record.communityCode,
});

/** talent.hours.recorded: governance starts `hours/<hoursId>` from it. */
export function hoursRecordedEvent(record: HoursRecord) {
  return {
    type: RECORDED,
    id: `${RECORDED}:${record.hoursId}`,
    subject: record.hoursId,
    data: {
      ...idsOf(record),
      servedOn: record.servedOn,
      minutes: record.minutes,
      ...(record.sessionId ? { sessionId: record.sessionId } : {}),
      confirmBy: record.confirmBy,
    },
  };
}

/** talent.hours.confirmed or .rejected for a settled record; its id is deterministic (published once). */
export function hoursSettledEvent(record: HoursRecord) {
  const settledAt = record.settledAt ?? new Date().toISOString();
  if (record.status === 'rejected') {
    return {
      type: REJECTED,
      id: `${REJECTED}:${record.hoursId}`,
      subject: record.hoursId,
      data: { ...idsOf(record), minutes: record.minutes, decisionId: record.decisionId ?? '', rejectedAt: settledAt },
    };
  }
  return {
    type: CONFIRMED,
    id: `${CONFIRMED}:${record.hoursId}`,
    subject: record.hoursId,
    data: {
      ...idsOf(record),
      minutes: record.minutes,
      confirmedBy: record.confirmedBy ?? 'community',
      ...(record.decisionId ? { decisionId: record.decisionId } : {}),
      confirmedAt: settledAt,
    },
  };
}
