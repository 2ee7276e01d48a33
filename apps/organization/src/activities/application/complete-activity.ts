import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Activity, applyComplete } from '../domain/activity';
import { ActivityInputInvalid, ActivityNotFound } from '../domain/activity-errors';
import {
  type ActivityReport,
  ActivityRepository,
  GroupRepository,
  ReportRepository,
} from '../domain/activity.repository';
import { checkEvidence, type EvidenceItem, flagReuse, lockOrder } from '../domain/evidence';
import { groupCounts } from '../domain/groups';
import { ActivityEvents } from './activity-events';

export interface CompleteActivityCommand {
  activityId: string;
  report: ActivityReport;
  evidence: EvidenceItem[];
  submittedBy: string;
}

/**
 * Completes a running activity with its report: evidence checked first (a bad one writes nothing),
 * then in one transaction each hash's advisory lock (sorted order) before reading who used it already,
 * so two reports sharing a hash cannot both miss each other; reuse is flagged, never refused. One
 * activity.completed carries the attendance, report, evidence and group counts.
 */
@Injectable()
export class CompleteActivityHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly activities: ActivityRepository,
    private readonly groups: GroupRepository,
    private readonly reports: ReportRepository,
    private readonly events: ActivityEvents,
  ) {}

  execute({ activityId, report, evidence, submittedBy }: CompleteActivityCommand): Promise<Activity> {
    const problems = checkEvidence(evidence);
    if (problems.length > 0) throw new ActivityInputInvalid(problems);
    return this.dataSource.transaction(async (manager) => {
      const activity = await this.activities.find(manager, activityId, true);
      if (!activity) throw new ActivityNotFound(`no activity ${activityId}`);
      const at = new Date().toISOString();
      const { state, facts } = applyComplete(activity, at);
      const hashes = lockOrder(evidence);
      await this.reports.lockHashes(manager, hashes);
      const reported = flagReuse(activityId, evidence, await this.reports.usesOf(manager, hashes));
      const completed = { ...state, grantId: report.milestone?.grantId ?? state.grantId };
      await this.activities.save(manager, completed, submittedBy);
      const stored = { ...report, evidence: reported, submittedBy, submittedAt: at };
      await this.reports.insert(manager, completed, stored, completed.grantId);
      const groups = groupCounts(await this.groups.groups(manager, activityId));
      const completedFacts = facts.map((fact) => ({ ...fact, activity: completed }));
      await this.events.publish(manager, completedFacts, at, { report, evidence: reported, groups });
      return completed;
    });
  }
}
