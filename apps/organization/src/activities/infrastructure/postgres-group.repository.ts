import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { GroupRepository } from '../domain/activity.repository';
import { type Group, groupIdOf, type GroupKind, type GroupMeeting, type GroupMember } from '../domain/groups';

interface MemberRow {
  group_id: string;
  member_id: string;
  member_kind: GroupMember['memberKind'];
  role: string | null;
  joined_at: Date;
  left_at: Date | null;
}

interface MeetingRow {
  meeting_id: string;
  group_id: string;
  kind: GroupMeeting['kind'];
  held_on: string;
  topic: string;
  duration_minutes: number;
  attendee_count: number;
}

/** activity_group, group_member (members leave, never deleted) and group_meeting, plain SQL. */
@Injectable()
export class PostgresGroupRepository extends GroupRepository {
  private readonly groupTable: string;
  private readonly members: string;
  private readonly meetings: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    const schema = schemaNameOf(dataSource);
    this.groupTable = qualifiedTable(schema, 'activity_group');
    this.members = qualifiedTable(schema, 'group_member');
    this.meetings = qualifiedTable(schema, 'group_meeting');
  }

  async groups(manager: EntityManager | null, activityId: string): Promise<Group[]> {
    const db = manager ?? this.dataSource.manager;
    const groups = await db.query<{ group_id: string; kind: GroupKind }[]>(
      `SELECT group_id, kind FROM ${this.groupTable} WHERE activity_id = $1 ORDER BY array_position(
         ARRAY['participants', 'staff', 'volunteers'], kind)`,
      [activityId],
    );
    const ids = groups.map((g) => g.group_id);
    const members = await db.query<MemberRow[]>(
      `SELECT * FROM ${this.members} WHERE group_id = ANY($1) ORDER BY joined_at, member_id`,
      [ids],
    );
    const meetings = await db.query<MeetingRow[]>(
      `SELECT meeting_id, group_id, kind, held_on::text AS held_on, topic, duration_minutes, attendee_count
       FROM ${this.meetings} WHERE group_id = ANY($1) ORDER BY held_on, meeting_id`,
      [ids],
    );
    return groups.map(({ group_id, kind }) => ({
      groupId: group_id,
      kind,
      members: members
        .filter((m) => m.group_id === group_id)
        .map((m) => ({
          memberId: m.member_id,
          memberKind: m.member_kind,
          role: m.role,
          joinedAt: m.joined_at.toISOString(),
          leftAt: m.left_at === null ? null : m.left_at.toISOString(),
        })),
      meetings: meetings
        .filter((m) => m.group_id === group_id)
        .map((m) => ({
          meetingId: m.meeting_id,
          kind: m.kind,
          heldOn: m.held_on,
          topic: m.topic,
          durationMinutes: m.duration_minutes,
          attendeeCount: m.attendee_count,
        })),
    }));
  }

  async group(manager: EntityManager, activityId: string, kind: GroupKind): Promise<Group> {
    // Locks the group's row: two member changes of one group apply one after the other.
    await manager.query(`SELECT 1 FROM ${this.groupTable} WHERE group_id = $1 FOR UPDATE`, [
      groupIdOf(activityId, kind),
    ]);
    const found = (await this.groups(manager, activityId)).find((g) => g.kind === kind);
    if (!found) throw new Error(`activity ${activityId} has no ${kind} group`);
    return found;
  }

  async save(manager: EntityManager, group: Group): Promise<void> {
    for (const m of group.members) {
      await manager.query(
        `INSERT INTO ${this.members} (group_id, member_id, member_kind, role, joined_at, left_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (group_id, member_id) DO UPDATE SET member_kind = EXCLUDED.member_kind, role = EXCLUDED.role,
           joined_at = EXCLUDED.joined_at, left_at = EXCLUDED.left_at`,
        [group.groupId, m.memberId, m.memberKind, m.role, m.joinedAt, m.leftAt],
      );
    }
    for (const m of group.meetings) {
      await manager.query(
        `INSERT INTO ${this.meetings} (meeting_id, group_id, kind, held_on, topic, duration_minutes, attendee_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (meeting_id) DO NOTHING`,
        [m.meetingId, group.groupId, m.kind, m.heldOn, m.topic, m.durationMinutes, m.attendeeCount],
      );
    }
  }
}
