import type { TokenRequest } from '@sanshe/auth';
import { contextTopic, type EventData, type SansheEvent } from '@sanshe/contracts';
import { residentsParty, ROLES } from '../src/access/community-access';
import type { CommunityUnderTest } from './community-test-app';
import { COMMUNITY, newId } from './needs.fixtures';

/** Shared by the evaluation and overview specs: the events organizations send, and the evaluators. */
export const residentsRep = (code = COMMUNITY): TokenRequest => ({
  sub: `residents-rep-${code}`,
  parties: [residentsParty(code)],
  roles: [ROLES.residentsRep],
});

/** A pseudonymous resident id as the contract wants it (rp- and 8–64 of [0-9a-z]). */
export const resident = (n: number) => `rp-resident${String(n).padStart(4, '0')}`;

type Completed = EventData<'sanshe.organization.activity.completed.v1'>;

/** organization.activity.completed on the organization's channel; `id` to re-send it under another event id. */
export function activityCompleted(
  svc: CommunityUnderTest,
  activity: Partial<Completed> & { activityId: string; organizationId: string },
  id?: string,
): Promise<SansheEvent<'sanshe.organization.activity.completed.v1'>> {
  return svc.publish(contextTopic('organization'), 'sanshe/organization', {
    type: 'sanshe.organization.activity.completed.v1',
    ...(id ? { id } : {}),
    subject: activity.activityId,
    data: {
      proposalId: newId('prop'),
      communityCode: COMMUNITY,
      completedAt: new Date().toISOString(),
      sessionsHeld: 4,
      attendance: 36,
      ...activity,
    },
  });
}

/** Rows of `table` in the service's schema that match `where` (one parameter, $1). */
export async function countRows(svc: CommunityUnderTest, table: string, where: string, param: unknown) {
  const rows = await svc.query<{ n: string }>(`SELECT count(*) AS n FROM "${svc.schema}".${table} WHERE ${where}`, [
    param,
  ]);
  return Number(rows[0]?.n);
}

/** Every event of `type` in the service's outbox, oldest first. */
export async function outboxOfType(svc: CommunityUnderTest, type: string): Promise<SansheEvent[]> {
  const rows = await svc.query<{ payload: string }>(
    `SELECT payload FROM "${svc.schema}".outbox WHERE event_type = $1 ORDER BY position`,
    [type],
  );
  return rows.map((row) => JSON.parse(row.payload) as SansheEvent);
}
