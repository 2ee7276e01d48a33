import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import { type Activity, type ActivityFact, attendanceOf } from '../domain/activity';
import type { ActivityReport } from '../domain/activity.repository';
import type { ReportedEvidence } from '../domain/evidence';
import type { GroupCount, GroupKind } from '../domain/groups';

/** What only a completion carries, besides the activity itself. */
export interface Completion {
  report: ActivityReport;
  evidence: ReportedEvidence[];
  groups: Record<GroupKind, GroupCount>;
}

const PREFIX = 'sanshe.organization.activity';
const ids = (a: Activity) => ({
  activityId: a.activityId,
  proposalId: a.proposalId,
  organizationId: a.organizationId,
  communityCode: a.communityCode,
});
function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`an activity fact without ${what}`);
  return value;
}
const optional = <K extends string, V>(key: K, value: V | null) =>
  (value === null ? {} : { [key]: value }) as Partial<Record<K, V>>;

/**
 * Publishes an activity's facts in the caller's transaction. Ids are `<type>:<activityId>` (each happens
 * once), paused/resumed `…:<n>` (the n-th pause), so a retried use case never publishes one twice.
 */
@Injectable()
export class ActivityEvents {
  constructor(private readonly outbox: OutboxWriter) {}

  async publish(manager: EntityManager, facts: ActivityFact[], at: string, completion?: Completion): Promise<void> {
    for (const fact of facts) await this.publishOne(manager, fact, at, completion);
  }

  private async publishOne(manager: EntityManager, fact: ActivityFact, at: string, completion?: Completion) {
    const a = fact.activity;
    const subject = a.activityId;
    switch (fact.type) {
      case 'activity.scheduled': {
        const type = `${PREFIX}.scheduled.v1` as const;
        const sessions = a.sessions.map(({ sessionId, startsAt, endsAt }) => ({ sessionId, startsAt, endsAt }));
        const data = {
          ...ids(a),
          basis: a.basis,
          ...optional('decisionId', a.decisionId),
          ...optional('needId', a.needId),
          ...optional('venueId', a.venueId),
          ...optional('staffingPlan', a.staffingPlan),
          sessions,
          scheduledAt: a.scheduledAt,
        };
        return this.outbox.publish(manager, { type, id: `${type}:${subject}`, subject, data });
      }
      case 'activity.started': {
        const type = `${PREFIX}.started.v1` as const;
        const data = { ...ids(a), startedAt: a.startedAt ?? at };
        return this.outbox.publish(manager, { type, id: `${type}:${subject}`, subject, data });
      }
      case 'activity.paused':
      case 'activity.resumed': {
        const type =
          fact.type === 'activity.paused' ? (`${PREFIX}.paused.v1` as const) : (`${PREFIX}.resumed.v1` as const);
        const data = { ...ids(a), reason: 'called-in' as const, ...optional('decisionId', a.decisionId), at };
        return this.outbox.publish(manager, { type, id: `${type}:${subject}:${a.pauses}`, subject, data });
      }
      case 'activity.cancelled': {
        const type = `${PREFIX}.cancelled.v1` as const;
        const { reason, note } = present(a.cancelled, 'its cancellation');
        const data = { ...ids(a), reason, ...optional('note', note), at };
        return this.outbox.publish(manager, { type, id: `${type}:${subject}`, subject, data });
      }
      case 'activity.completed':
        return this.publishCompleted(manager, a, present(completion, 'its report'));
    }
  }

  private publishCompleted(manager: EntityManager, a: Activity, { report, evidence, groups }: Completion) {
    const type = `${PREFIX}.completed.v1` as const;
    const { sessionsHeld, participantIds, attendance } = attendanceOf(a.sessions);
    const data = {
      ...ids(a),
      ...optional('needId', a.needId),
      completedAt: present(a.completedAt, 'completedAt'),
      sessionsHeld,
      attendance,
      participantIds,
      basis: a.basis,
      ...optional('decisionId', a.decisionId),
      sessionsPlanned: a.sessions.filter((s) => s.status !== 'cancelled').length,
      report: { summary: report.summary, outcomes: report.outcomes },
      evidence: evidence.map(({ sha256, title, kind, reusedIn }) => ({
        sha256,
        title,
        kind,
        ...(reusedIn.length === 0 ? {} : { reusedIn }),
      })),
      groups,
      ...optional('milestone', report.milestone),
    };
    return this.outbox.publish(manager, { type, id: `${type}:${a.activityId}`, subject: a.activityId, data });
  }
}
