import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Type } from '@sinclair/typebox';
import type { DataSource } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import { CalendarDate, Id, schemaProblems, StrictCommunityCode } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { type Caller, organizationParty, ORGANIZATION_ROLES, roleRefusal } from '../../access/talent-access';
import { TALENT_CONFIG } from '../../config/talent-config.tokens';
import type { TalentConfig } from '../../config/talent-config';
import { WorkerDirectory, type WorkerEntry } from '../../workers/domain/worker-directory';
import { HoursConflict, HoursInputInvalid, HoursNotFound } from '../domain/hours-errors';
import { activityRefusal, confirmByFrom, type HoursRecord } from '../domain/hours-record';
import { HoursRepository } from '../domain/hours.repository';
import { hoursRecordedEvent } from './hours-events';

export const RecordHoursBody = Type.Object(
  {
    workerId: Id,
    activityId: Id,
    communityCode: StrictCommunityCode,
    servedOn: CalendarDate,
    minutes: Type.Integer({ minimum: 1, maximum: 1440, description: 'Minutes served that day' }),
    sessionId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
type RecordHoursInput = { workerId: string; activityId: string; communityCode: string; servedOn: string } & {
  minutes: number;
  sessionId?: string;
};

/** `activity-not-yet-known`: organization.activity.scheduled has not reached talent (yet): accepted anyway. */
export interface RecordedHours {
  record: HoursRecord;
  warnings: { code: 'activity-not-yet-known'; message: string }[];
}

const activityNotYetKnown = (activityId: string) => ({
  code: 'activity-not-yet-known' as const,
  message: `talent has not heard of ${activityId} being scheduled (organization.activity.scheduled) yet`,
});

/** 403 unless the caller is admin or staff of the worker's organization; 409 unless the worker is active. */
function checkRecorder(caller: Caller, worker: WorkerEntry): string {
  const parties = worker.organizationId ? [organizationParty(worker.organizationId)] : [];
  const refusal = roleRefusal(caller, ORGANIZATION_ROLES, parties, `record hours of ${worker.workerId}`);
  if (refusal || !worker.organizationId) throw new AccessDenied(refusal ?? `${worker.workerId} has no organization`);
  if (worker.status !== 'active') {
    throw new HoursConflict('worker-not-active', `${worker.workerId} has left ${worker.organizationId}`);
  }
  return worker.organizationId;
}

function newRecord(
  input: RecordHoursInput,
  worker: WorkerEntry & { organizationId: string },
  activityKnown: boolean,
  recordedBy: string,
  confirmHours: number,
): HoursRecord {
  const now = new Date();
  return {
    hoursId: `hours-${randomUUID()}`,
    workerId: worker.workerId,
    workerKind: worker.kind,
    organizationId: worker.organizationId,
    activityId: input.activityId,
    activityKnown,
    sessionId: input.sessionId ?? null,
    communityCode: input.communityCode,
    servedOn: input.servedOn,
    minutes: input.minutes,
    confirmBy: confirmByFrom(now, confirmHours).toISOString(),
    status: 'recorded',
    confirmedBy: null,
    decisionId: null,
    recordedBy,
    recordedAt: now.toISOString(),
    settledAt: null,
  };
}

/**
 * POST /hours: the body (400 naming each field), the worker (404), who records (403: admin or staff of the
 * worker's organization), the worker active and the activity theirs (409); then the record and
 * talent.hours.recorded commit together, with confirmBy TALENT_HOURS_CONFIRM_HOURS after now.
 */
@Injectable()
export class RecordHoursHandler {
  constructor(
    private readonly hours: HoursRepository,
    private readonly workers: WorkerDirectory,
    private readonly outbox: OutboxWriter,
    @Inject(TALENT_CONFIG) private readonly config: TalentConfig,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  private get confirmHours(): number {
    return this.config.TALENT_HOURS_CONFIRM_HOURS;
  }

  async execute(body: unknown, caller: Caller): Promise<RecordedHours> {
    const problems = schemaProblems(RecordHoursBody, body, '/body');
    if (problems.length > 0) throw new HoursInputInvalid(problems);
    const input = body as RecordHoursInput;
    const worker = await this.workers.find(input.workerId);
    if (!worker) throw new HoursNotFound(`no worker ${input.workerId}`);
    const organizationId = checkRecorder(caller, worker);
    return this.dataSource.transaction(async (manager) => {
      const activity = await this.hours.scheduledActivity(manager, input.activityId);
      const refusal = activityRefusal(activity, organizationId, input.communityCode);
      if (refusal) throw refusal;
      const activityKnown = activity !== null;
      const record = newRecord(input, { ...worker, organizationId }, activityKnown, caller.sub, this.confirmHours);
      const stored = await this.hours.insert(manager, record);
      if ('existing' in stored) {
        const message = `${worker.workerId}'s hours on ${input.activityId} on ${input.servedOn} are already recorded`;
        throw new HoursConflict('hours-already-recorded', `${message} as ${stored.existing}`, stored.existing);
      }
      await this.outbox.publish(manager, hoursRecordedEvent(record));
      return { record, warnings: activityKnown ? [] : [activityNotYetKnown(input.activityId)] };
    });
  }
}
