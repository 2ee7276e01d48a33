import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { Id, Revision, SocialWorkerLevel, StaffRole } from './common';
import { defineCallIn, defineVoteCast } from './decision';

export const talentDecisionVoteCast = defineVoteCast(
  'talent',
  'A social worker (party `talent:<workerId>`), through the talent service,',
  {
    decisionId: 'decision/activity-proposal/prop-2026-0001',
    partyId: 'talent:sw-2019-0457',
    castBy: 'talent:sw-2019-0457',
    choice: 'approve',
    round: 2,
  },
);

export const talentFilingCallInRequested = defineCallIn(
  'talent',
  'A social worker (party `talent:<workerId>`, e.g. the district social workers), through the talent service,',
  {
    proposalId: 'prop-2026-0002',
    decisionId: 'decision/activity-proposal/prop-2026-0002',
    partyId: 'talent:district-social-workers',
    castBy: 'talent:district-social-workers',
    reason: { code: 'staffing-unclear', text: '方案未说明由哪位持证社工督导志愿者，请补充。' },
  },
);

/*
 * Workers (社工人才), minimal until issue 14 extends them additively: enough for an organization's capacity
 * profile. Whole state + revision; consumers keep the newest. No name on the wire. Subject: the workerId.
 */
const WorkerData = Type.Object(
  {
    workerId: Id,
    /** The organization the worker works for, or null (between organizations, or independent). */
    organizationId: Type.Union([Id, Type.Null()]),
    kind: StaffRole,
    /** The social-worker qualification, for certified social workers. */
    level: Type.Optional(SocialWorkerLevel),
    status: Type.Union([Type.Literal('active'), Type.Literal('left')]),
    revision: Revision,
  },
  { additionalProperties: true },
);
const worker = {
  workerId: 'sw-2019-0457',
  organizationId: 'org-xinhua-elderly-care',
  kind: 'certified-social-worker' as const,
  level: 'social-worker' as const,
  status: 'active' as const,
};

export const workerRegistered = defineEvent('sanshe.talent.worker.registered.v1', {
  description:
    'The talent service registered a worker (certified social worker, intern, volunteer, community staff) and ' +
    'the organization they work for. Minimal; issue 14 extends it additively. Subject: the workerId.',
  data: WorkerData,
  example: { ...worker, revision: 1 },
});

export const workerUpdated = defineEvent('sanshe.talent.worker.updated.v1', {
  description:
    "A worker's record changed (organization, level, left): the whole state with its revision; a consumer " +
    'ignores a revision older than the one it keeps. Minimal; issue 14 extends it additively. Subject: the workerId.',
  data: WorkerData,
  example: { ...worker, level: 'senior-social-worker', revision: 2 },
});
