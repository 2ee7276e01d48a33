import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { assertAllowed } from '../domain/activity';
import { ActivityNotFound } from '../domain/activity-errors';
import { ActivityRepository, GroupRepository } from '../domain/activity.repository';
import {
  applyJoin,
  applyLeave,
  applyMeeting,
  type Group,
  type GroupKind,
  type GroupMeeting,
  type MemberKind,
} from '../domain/groups';

/** Members join and leave an activity's groups, and groups record meetings and trainings, until it ends. */
@Injectable()
export class ManageGroupsHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly activities: ActivityRepository,
    private readonly groups: GroupRepository,
  ) {}

  join(activityId: string, kind: GroupKind, member: { memberId: string; memberKind: MemberKind; role: string | null }) {
    return this.change(activityId, kind, (group, at) => applyJoin(group, member, at));
  }

  leave(activityId: string, kind: GroupKind, memberId: string) {
    return this.change(activityId, kind, (group, at) => applyLeave(group, memberId, at));
  }

  meet(activityId: string, kind: GroupKind, meeting: Omit<GroupMeeting, 'meetingId'>) {
    return this.change(activityId, kind, (group) =>
      applyMeeting(group, { ...meeting, meetingId: `mtg-${randomUUID()}` }),
    );
  }

  private change(activityId: string, kind: GroupKind, apply: (group: Group, at: string) => Group): Promise<Group> {
    return this.dataSource.transaction(async (manager) => {
      const activity = await this.activities.find(manager, activityId, true);
      if (!activity) throw new ActivityNotFound(`no activity ${activityId}`);
      assertAllowed(activity, 'manage-groups');
      const changed = apply(await this.groups.group(manager, activityId, kind), new Date().toISOString());
      await this.groups.save(manager, changed);
      return changed;
    });
  }
}
