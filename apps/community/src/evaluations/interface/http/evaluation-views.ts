import type { ActivityEvaluationView as ActivityView } from '../../application/read-evaluations';
import type { RecordedEvaluation } from '../../domain/evaluated-activity';
import type { OrganizationRating } from '../../domain/evaluation.repository';

/** An evaluation as anyone may read it: a resident's pseudonym is not shown. */
export const evaluationView = ({
  evaluationId,
  activityId,
  kind,
  evaluatorRef,
  scores,
  comment,
  createdAt,
}: RecordedEvaluation) => ({
  evaluationId,
  activityId,
  kind,
  ...(kind === 'peer' ? { organizationId: evaluatorRef } : {}),
  scores,
  comment,
  recordedAt: createdAt.toISOString(),
});

export const activityEvaluationView = ({ activity, dimensions, evaluations }: ActivityView) => ({
  activityId: activity.activityId,
  proposalId: activity.proposalId,
  organizationId: activity.organizationId,
  communityCode: activity.communityCode,
  needId: activity.needId,
  attendance: activity.attendance,
  completedAt: activity.completedAt.toISOString(),
  windowClosesAt: activity.windowClosesAt.toISOString(),
  status: activity.status,
  score: activity.scoreHundredths === null ? null : activity.scoreHundredths / 100,
  weights: activity.weights,
  dimensions,
  evaluations: evaluations.map(evaluationView),
});

export const ratingView = ({
  organizationId,
  scoreHundredths,
  activities,
  revision,
  updatedAt,
}: OrganizationRating) => ({
  organizationId,
  score: scoreHundredths / 100,
  activitiesEvaluated: activities,
  revision,
  updatedAt: updatedAt.toISOString(),
});
