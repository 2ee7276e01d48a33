import { createHash } from 'node:crypto';
import type { DemoContext } from '../context';
import { demoResidents } from '../evaluations/residents';
import type { Stage } from '../stage';
import { organizationAdmin, representative } from './money-parties';
import { auditor, type Grant, readGrant } from './money-reads';

/** A piece of evidence: the file stays with the organization, its SHA-256 travels (docs/events.md). */
export function evidenceOf(title: string, kind: string, content: string) {
  return { sha256: createHash('sha256').update(content).digest('hex'), title, kind };
}

const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Step 7 of the loop, for each funded activity: the organization starts it and records who came to a session
 * (residents by their pseudonymous ids, plus a count without one); its social worker's hours are recorded in
 * talent and confirmed by the host community's committee (governance's `hours/<hoursId>`); then the activity
 * is completed with its report and evidence by SHA-256, naming the grant's first tranche as its milestone.
 */
export const activityReportsStage: Stage = {
  name: 'activities start and report: attendance, hours confirmed, evidence by SHA-256',
  file: 'money/activity-reports.ts',
  async run(ctx) {
    const grants = Object.entries(ctx.ids.grants);
    if (grants.length === 0) throw new Error('no grant in the run: the grants stage activated none');
    await Promise.all(grants.map(async ([name, grantId]) => reportActivity(ctx, name, await readGrant(ctx, grantId))));
  },
};

async function reportActivity(ctx: DemoContext, name: string, grant: Grant): Promise<void> {
  const token = await organizationAdmin(ctx, grant.organizationId);
  const activity = await ctx.waitFor(
    `the activity of ${grant.proposalId}`,
    async () => {
      const listed = await ctx.api.organization.expect(
        'GET',
        `/organizations/${grant.organizationId}/activities`,
        token,
      );
      return (listed.body as { activityId: string; proposalId: string; status: string }[]).find(
        (a) => a.proposalId === grant.proposalId,
      );
    },
    () => `organization lists no activity of ${grant.proposalId}: the approved decision has not scheduled it`,
  );
  const { activityId } = activity;
  ctx.ids.activities[name] = activityId;
  if (activity.status === 'scheduled')
    await ctx.api.organization.expect('POST', `/activities/${activityId}/start`, token);
  const sessionId = await firstSession(ctx, activityId, token);
  const residentIds = await demoResidents(ctx, grant.communityCode);
  await ctx.api.organization.expect('PUT', `/activities/${activityId}/sessions/${sessionId}/attendance`, token, {
    residentIds,
    anonymousCount: 12,
  });
  ctx.progress.say(
    `${activityId} started: session ${sessionId} held, ${residentIds.length} residents by pseudonym + 12`,
  );
  await confirmedHours(ctx, grant, activityId);
  const evidence = [
    evidenceOf('签到表（第1期）', 'sign-in-sheet', `${activityId} ${sessionId} ${residentIds.join(',')}`),
    evidenceOf('活动照片', 'photo', `${activityId} photo ${ctx.runId}`),
  ];
  await ctx.api.organization.expect('POST', `/activities/${activityId}/complete`, token, {
    summary: `${grant.title}：首期活动按计划开展，居民参与踊跃。`,
    outcomes: [{ indicator: '服务居民', unit: '人次', target: 15, achieved: residentIds.length + 12 }],
    evidence,
    milestone: { grantId: grant.grantId, trancheNo: 1 },
  });
  ctx.progress.say(
    `${activityId} completed: report with evidence ${evidence.map((e) => e.sha256.slice(0, 12)).join(', ')}… ` +
      `for ${grant.grantId} tranche 1`,
  );
}

/** The activity's first planned session, or one added now when its schedule planned none. */
async function firstSession(ctx: DemoContext, activityId: string, token: string): Promise<string> {
  const { body } = await ctx.api.organization.expect('GET', `/activities/${activityId}/sessions`, token);
  const planned = (body as { sessionId: string; status: string }[]).find((s) => s.status !== 'cancelled');
  if (planned) return planned.sessionId;
  const startsAt = new Date(Date.now() - 3_600_000);
  const added = await ctx.api.organization.expect('POST', `/activities/${activityId}/sessions`, token, {
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 5_400_000).toISOString(),
  });
  return String((added.body as { sessionId: string }).sessionId);
}

/** A worker's hours recorded by the organization, confirmed by the host committee: two parties, one workflow. */
async function confirmedHours(ctx: DemoContext, grant: Grant, activityId: string): Promise<void> {
  const token = await organizationAdmin(ctx, grant.organizationId);
  const { body } = await ctx.api.talent.expect('GET', `/workers?organizationId=${grant.organizationId}`, token);
  const worker = (body as { workerId: string; kind: string; status: string }[]).find(
    (w) => w.status === 'active' && w.kind !== 'volunteer',
  );
  if (!worker) throw new Error(`organization ${grant.organizationId} has no active worker in talent to serve`);
  const recorded = await ctx.api.talent.expect('POST', '/hours', token, {
    ...{ workerId: worker.workerId, activityId, communityCode: grant.communityCode },
    ...{ servedOn: shanghaiToday(), minutes: 120 },
  });
  const hoursId = String((recorded.body as { hoursId: string }).hoursId);
  ctx.progress.workflow(`${worker.workerId}'s 2 h recorded by ${grant.organizationId}`, `hours/${hoursId}`);
  const committee = await representative(ctx, grant.communityCode, 'committee');
  await ctx.waitFor(
    `the committee's confirmation of hours ${hoursId}`,
    async () => {
      const answer = await ctx.api.community.call('POST', `/hours/${hoursId}/confirm`, committee, {});
      if (answer.status === 404) return undefined; // talent.hours.recorded not heard yet
      if (answer.status !== 201 && answer.status !== 200) throw new Error(`confirming ${hoursId}: ${answer.text}`);
      return answer;
    },
    () => `community still answers 404 for hours ${hoursId}: talent.hours.recorded not heard yet`,
  );
  const reader = await auditor(ctx);
  await ctx.waitFor(
    `hours ${hoursId} confirmed in talent`,
    async () => {
      const hours = await ctx.api.talent.expect('GET', `/hours/${hoursId}`, reader);
      return (hours.body as { status: string }).status === 'confirmed' ? hours : undefined;
    },
    () => `talent's hours ${hoursId} are not confirmed: governance's hours/${hoursId} has not recorded them`,
  );
  ctx.progress.say(`hours ${hoursId} confirmed by community:${grant.communityCode}'s committee`);
}
