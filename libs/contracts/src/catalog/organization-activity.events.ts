import { Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { EVIDENCE_KIND_CODES } from '../vocabulary/organization-vocabulary';
import { CommunityCode, Id, Instant, literalUnion, ResidentPseudonym, Sha256, StaffingPlan } from './common';
import { DecisionId } from './decision';

/*
 * A social organization's activities (活动), on sanshe.organization.events: scheduled once its proposal is
 * approved or filed, then started, paused and resumed while a filing is called in, cancelled or completed.
 * Talent (assignments), the community and portals follow them. Subject: the activityId.
 */

const ActivityIds = {
  activityId: Id,
  proposalId: Id,
  organizationId: Id,
  communityCode: CommunityCode,
};
const ids = {
  activityId: 'act-2026-0009',
  proposalId: 'prop-2026-0001',
  organizationId: 'org-xinhua-elderly-care',
  communityCode: '310104-005-001',
};

/** Why the activity may go ahead: an approved decision, or a filing (not called in, or called in and approved). */
const Basis = Type.Union([Type.Literal('approved'), Type.Literal('filed')]);

export const activityScheduled = defineEvent('sanshe.organization.activity.scheduled.v1', {
  description:
    'An activity was scheduled from a proposal: approved by its decision (basis approved, decisionId), or filed ' +
    '(basis filed: it goes ahead unless called in). Lists its planned sessions. Talent assigns workers to the ' +
    'staffing plan (issue 14). Subject: the activityId.',
  data: Type.Object(
    {
      ...ActivityIds,
      basis: Basis,
      decisionId: Type.Optional(DecisionId),
      needId: Type.Optional(Id),
      venueId: Type.Optional(Id),
      staffingPlan: Type.Optional(StaffingPlan),
      sessions: Type.Array(
        Type.Object({ sessionId: Id, startsAt: Instant, endsAt: Instant }, { additionalProperties: true }),
        { maxItems: 500 },
      ),
      scheduledAt: Instant,
    },
    { additionalProperties: true },
  ),
  example: {
    ...ids,
    basis: 'approved',
    decisionId: 'decision/activity-proposal/prop-2026-0001',
    needId: 'need-2026-0031',
    venueId: 'venue-tianping-canteen',
    staffingPlan: [{ role: 'certified-social-worker', count: 1, minLevel: 'social-worker' }],
    sessions: [
      { sessionId: 'act-2026-0009-s1', startsAt: '2026-12-01T03:00:00.000Z', endsAt: '2026-12-01T05:00:00.000Z' },
      { sessionId: 'act-2026-0009-s2', startsAt: '2026-12-03T03:00:00.000Z', endsAt: '2026-12-03T05:00:00.000Z' },
    ],
    scheduledAt: '2026-11-20T08:00:00.000Z',
  },
});

export const activityStarted = defineEvent('sanshe.organization.activity.started.v1', {
  description:
    'An activity started (its first session was held, or the organization said so). Subject: the activityId.',
  data: Type.Object({ ...ActivityIds, startedAt: Instant }, { additionalProperties: true }),
  example: { ...ids, startedAt: '2026-12-01T03:00:00.000Z' },
});

const Pause = Type.Object(
  {
    ...ActivityIds,
    /** called-in: parties called its filing in, so it waits for the decision. */
    reason: Type.Literal('called-in'),
    decisionId: Type.Optional(DecisionId),
    at: Instant,
  },
  { additionalProperties: true },
);
const pauseExample = {
  ...ids,
  proposalId: 'prop-2026-0002',
  reason: 'called-in' as const,
  decisionId: 'decision/activity-proposal/prop-2026-0002',
  at: '2026-11-28T02:00:00.000Z',
};

export const activityPaused = defineEvent('sanshe.organization.activity.paused.v1', {
  description:
    'A filed activity paused because its filing was called in (sanshe.governance.filing.called-in.v1): it waits ' +
    'for the decision, then resumes (approved) or is cancelled (rejected). Subject: the activityId.',
  data: Pause,
  example: pauseExample,
});

export const activityResumed = defineEvent('sanshe.organization.activity.resumed.v1', {
  description:
    'A paused activity resumed where it was: the decision on its called-in filing approved it. Subject: the activityId.',
  data: Pause,
  example: { ...pauseExample, at: '2026-12-02T02:00:00.000Z' },
});

export const activityCancelled = defineEvent('sanshe.organization.activity.cancelled.v1', {
  description:
    'An activity was cancelled before completion: by its organization, because the decision on its called-in ' +
    'filing rejected it, because its proposal was withdrawn, or because the organization was deregistered. ' +
    'Subject: the activityId.',
  data: Type.Object(
    {
      ...ActivityIds,
      reason: literalUnion(['organization', 'called-in-rejected', 'withdrawn', 'organization-deregistered']),
      note: Type.Optional(Type.String({ maxLength: 500 })),
      at: Instant,
    },
    { additionalProperties: true },
  ),
  example: {
    ...ids,
    reason: 'organization',
    note: '社区食堂装修，活动顺延至明年另行申报。',
    at: '2026-12-10T02:00:00.000Z',
  },
});

const Count = Type.Integer({ minimum: 0 });
const GroupCounts = Type.Object(
  { members: Count, meetings: Count, trainings: Count, trainingMinutes: Count },
  { additionalProperties: true },
);

/** What the organization reports on completion: a summary and its outcome indicators. */
const Report = Type.Object(
  {
    summary: Type.String({ maxLength: 4000 }),
    outcomes: Type.Array(
      Type.Object(
        {
          indicator: Type.String({ minLength: 1, maxLength: 200 }),
          unit: Type.String({ maxLength: 40 }),
          target: Type.Optional(Type.Number()),
          achieved: Type.Number(),
          note: Type.Optional(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: true },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: true },
);

/** A piece of evidence by its hash (the file stays with the organization); reusedIn flags a hash seen before. */
const Evidence = Type.Object(
  {
    sha256: Sha256,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    kind: literalUnion(EVIDENCE_KIND_CODES, { description: 'one of EVIDENCE_KINDS' }),
    /** Other activities (and their grants) whose reports already carried this hash: flagged, not refused. */
    reusedIn: Type.Optional(
      Type.Array(
        Type.Object(
          { activityId: Id, grantId: Type.Optional(Type.Union([Id, Type.Null()])) },
          { additionalProperties: true },
        ),
        { maxItems: 20 },
      ),
    ),
  },
  { additionalProperties: true },
);

export const activityCompleted = defineEvent('sanshe.organization.activity.completed.v1', {
  description:
    'A social organization completed an approved or filed activity (proposalId) in a community: how many ' +
    'sessions it held and how many people came. Opens its evaluation in the community service (reach from ' +
    "attendance against the need's expected size; residents listed in participantIds may rate it). Since " +
    'issue 13 (additively) it carries the report, the evidence by hash, the groups and the grant milestone it ' +
    'claims: the milestone evidence funding and governance rely on (issue 16); a reused hash is flagged, not ' +
    'refused. Subject: the activityId.',
  data: Type.Object(
    {
      activityId: Id,
      proposalId: Id,
      organizationId: Id,
      communityCode: CommunityCode,
      /** The community need it answered, as named by the proposal. */
      needId: Type.Optional(Id),
      completedAt: Instant,
      sessionsHeld: Type.Integer({ minimum: 0 }),
      /** Distinct people who took part. */
      attendance: Type.Integer({ minimum: 0 }),
      /** Residents who took part, by pseudonym (never a name); absent = not recorded. */
      participantIds: Type.Optional(Type.Array(ResidentPseudonym, { maxItems: 5000 })),
      basis: Type.Optional(Basis),
      decisionId: Type.Optional(DecisionId),
      sessionsPlanned: Type.Optional(Count),
      report: Type.Optional(Report),
      evidence: Type.Optional(Type.Array(Evidence, { maxItems: 200 })),
      /** Sizes and work of the activity's groups: participants, staff, volunteers. */
      groups: Type.Optional(
        Type.Object(
          { participants: GroupCounts, staff: GroupCounts, volunteers: GroupCounts },
          { additionalProperties: true },
        ),
      ),
      /** The grant tranche whose milestone this completion evidences. */
      milestone: Type.Optional(
        Type.Object({ grantId: Id, trancheNo: Type.Integer({ minimum: 1 }) }, { additionalProperties: true }),
      ),
    },
    { additionalProperties: true },
  ),
  example: {
    activityId: 'act-2026-0009',
    proposalId: 'prop-2026-0001',
    organizationId: 'org-xinhua-elderly-care',
    communityCode: '310104-005-001',
    needId: 'need-2026-0031',
    completedAt: '2026-09-30T10:00:00.000Z',
    sessionsHeld: 26,
    attendance: 36,
    participantIds: ['rp-3f8k2m1q', 'rp-9d7w4x2n', 'rp-5t6y7u8i'],
    basis: 'approved',
    decisionId: 'decision/activity-proposal/prop-2026-0001',
    sessionsPlanned: 26,
    report: {
      summary: '26次午餐与探访全部开展，独居长者按月随访，食品安全零事故。',
      outcomes: [
        { indicator: '受益长者', unit: '人', target: 40, achieved: 36 },
        { indicator: '居民满意度', unit: '%', target: 90, achieved: 94, note: '问卷回收32份' },
      ],
    },
    evidence: [
      {
        sha256: 'a3f1c2e4b5d6978812345678901234567890abcdefabcdefabcdefabcdef0123',
        title: '签到表（9月）',
        kind: 'sign-in-sheet',
      },
      {
        sha256: '0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c',
        title: '活动照片',
        kind: 'photo',
        reusedIn: [{ activityId: 'act-2026-0004', grantId: 'grant-2026-0002' }],
      },
    ],
    groups: {
      participants: { members: 36, meetings: 0, trainings: 0, trainingMinutes: 0 },
      staff: { members: 2, meetings: 4, trainings: 1, trainingMinutes: 120 },
      volunteers: { members: 8, meetings: 2, trainings: 2, trainingMinutes: 180 },
    },
    milestone: { grantId: 'grant-2026-0007', trancheNo: 3 },
  },
});
