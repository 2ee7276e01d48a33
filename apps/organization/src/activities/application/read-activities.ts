import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OrganizationDirectory } from '../../registry/domain/organization-directory';
import type { Activity, ActivityStatus } from '../domain/activity';
import { ActivityNotFound, OrganizationNotFound, ReportNotFound } from '../domain/activity-errors';
import {
  ActivityRepository,
  GroupRepository,
  ReportRepository,
  type StoredReport,
} from '../domain/activity.repository';
import type { Group } from '../domain/groups';

/** The activities' reads: one activity (404 if unknown), an organization's list, groups, the report. */
@Injectable()
export class ReadActivitiesHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly activities: ActivityRepository,
    private readonly groupRepository: GroupRepository,
    private readonly reports: ReportRepository,
    private readonly directory: OrganizationDirectory,
  ) {}

  async one(activityId: string): Promise<Activity> {
    const activity = await this.activities.find(this.dataSource.manager, activityId);
    if (!activity) throw new ActivityNotFound(`no activity ${activityId}`);
    return activity;
  }

  async ofOrganization(organizationId: string, status?: ActivityStatus): Promise<Activity[]> {
    if (!(await this.directory.find(organizationId))) {
      throw new OrganizationNotFound(`no organization ${organizationId}`);
    }
    return this.activities.list({ organizationId, ...(status ? { status } : {}) });
  }

  async groups(activityId: string): Promise<Group[]> {
    await this.one(activityId);
    return this.groupRepository.groups(null, activityId);
  }

  async report(activityId: string): Promise<StoredReport> {
    const activity = await this.one(activityId);
    const report = await this.reports.find(activityId);
    if (!report) throw new ReportNotFound(`activity ${activityId} is ${activity.status}: it has no report`);
    return report;
  }
}
