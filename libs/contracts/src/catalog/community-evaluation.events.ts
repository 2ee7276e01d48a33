import { type TSchema, Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { CommunityCode, Id, Instant, literalUnion, Score } from './common';
import { EVALUATOR_KINDS } from '../vocabulary/community-vocabulary';

/*
 * Evaluation on the whole of the service, not on efficiency alone: after an activity completes, residents
 * (satisfaction), the residents' committee (outcome against the need) and a peer organization (efficiency)
 * evaluate it; reach comes from attendance. Per-community weights never let efficiency outweigh another
 * dimension or exceed a quarter of the total. The communityCode is the one the activity carried
 * (organization.activity.completed), hence the loose CommunityCode.
 */

const dimensions = <T extends TSchema>(value: T) =>
  Type.Object(
    {
      reach: Type.Optional(value),
      satisfaction: Type.Optional(value),
      outcome: Type.Optional(value),
      efficiency: Type.Optional(value),
    },
    { additionalProperties: true },
  );

const Weight = Type.Integer({ minimum: 0, maximum: 100 });

export const evaluationRecorded = defineEvent('sanshe.community.evaluation.recorded.v1', {
  description:
    'An evaluation of a completed activity was recorded: by a resident who took part (satisfaction; once ' +
    "each), by the residents' committee (outcome against the need, or reach when no need was named) or by a " +
    'peer organization (efficiency). No resident id on the wire. Subject: the evaluationId.',
  data: Type.Object(
    {
      evaluationId: Id,
      activityId: Id,
      organizationId: Id,
      communityCode: CommunityCode,
      evaluator: literalUnion(EVALUATOR_KINDS),
      /** The dimensions this evaluator scores, each 1–5. */
      scores: dimensions(Score),
      recordedAt: Instant,
    },
    { additionalProperties: true },
  ),
  example: {
    evaluationId: 'eval-2026-0452',
    activityId: 'act-2026-0009',
    organizationId: 'org-xinhua-elderly-care',
    communityCode: '310104-005-001',
    evaluator: 'committee',
    scores: { outcome: 4 },
    recordedAt: '2026-10-12T02:15:00.000Z',
  },
});

export const ratingUpdated = defineEvent('sanshe.community.rating.updated.v1', {
  description:
    "An organization's rating changed because one of its activities was scored. Evaluation ends when the " +
    "activity's window closes, not when the fourth dimension arrives: while it is open, every evaluation " +
    'accepted once all four dimensions are in rescores it (`activity.provisional` true); at the close the score ' +
    'becomes final on what is present (efficiency capped so it still never outweighs the others; efficiency ' +
    'alone never scores), published once more with `provisional` false, so consumers learn it is final. ' +
    "The rating is the mean of its activities' current scores, provisional or final, 0–5 rounded half-up to 2 " +
    'decimals (not a JSON Schema multipleOf, which binary floating point breaks). `revision` counts 1, 2, … per ' +
    'organization and is in the event id (`…rating.updated.v1:<organizationId>:<revision>`): keep the highest. ' +
    '`activity` is the score that caused the change, with its dimensions and the weights pinned when it ' +
    'completed. Subject: the organizationId.',
  data: Type.Object(
    {
      organizationId: Id,
      score: Type.Number({ minimum: 0, maximum: 5, description: '2 decimals' }),
      activitiesEvaluated: Type.Integer({ minimum: 1 }),
      /** Optional only because early events lacked it (additive). */
      revision: Type.Optional(Type.Integer({ minimum: 1, description: "The organization's rating revision" })),
      activity: Type.Object(
        {
          activityId: Id,
          communityCode: CommunityCode,
          score: Type.Number({ minimum: 0, maximum: 5, description: '2 decimals' }),
          provisional: Type.Optional(
            Type.Boolean({ description: 'The window is still open: later evaluations may change the score' }),
          ),
          /** The dimensions' values that were present, each 0–5 (a mean may have more decimals). */
          dimensions: dimensions(Type.Number({ minimum: 0, maximum: 5 })),
          weights: Type.Object(
            { reach: Weight, satisfaction: Weight, outcome: Weight, efficiency: Weight },
            { additionalProperties: true },
          ),
        },
        { additionalProperties: true },
      ),
    },
    { additionalProperties: true },
  ),
  subjectField: 'organizationId',
  example: {
    organizationId: 'org-xinhua-elderly-care',
    score: 4.11,
    activitiesEvaluated: 2,
    revision: 7,
    activity: {
      activityId: 'act-2026-0009',
      communityCode: '310104-005-001',
      score: 4.31,
      provisional: true,
      dimensions: { reach: 4.5, satisfaction: 4.2, outcome: 4, efficiency: 5 },
      weights: { reach: 3, satisfaction: 3, outcome: 3, efficiency: 1 },
    },
  },
});
