import type { EvaluatorKind } from '@sanshe/contracts/pure';
import type { ActivityEvidence } from './activity-score';
import { EvaluationClosed, EvaluatorNotAllowed, NotAParticipant, OwnOrganization } from './evaluation-errors';
import type { Weights } from './evaluation-weights';

/**
 * open: evaluations count until the window closes (the score, once all four dimensions are in, is
 * provisional); final: the window closed with a score; unscored: it closed with nothing scorable.
 */
export type EvaluationStatus = 'open' | 'final' | 'unscored';

/** A completed activity as the community evaluates it; weights and need size are pinned at completion. */
export interface EvaluatedActivity {
  activityId: string;
  proposalId: string;
  organizationId: string;
  communityCode: string;
  needId: string | null;
  expectedSize: number | null;
  attendance: number;
  /** The pseudonymous residents the organization reported, or null when it listed none. */
  participantIds: string[] | null;
  completedAt: Date;
  windowClosesAt: Date;
  weights: Weights;
  status: EvaluationStatus;
  /** In hundredths (431 = 4.31): provisional while open, final after the window closed. */
  scoreHundredths: number | null;
  /** When the score was last computed. */
  scoredAt: Date | null;
}

export type EvaluationInput =
  | { kind: 'resident'; residentId: string; satisfaction: number; comment?: string }
  | { kind: 'committee'; outcome: number; reach?: number; comment?: string }
  | { kind: 'peer'; organizationId: string; efficiency: number; comment?: string };

export type EvaluationScores = { satisfaction: number } | { outcome: number; reach?: number } | { efficiency: number };

export interface RecordedEvaluation {
  evaluationId: string;
  activityId: string;
  kind: EvaluatorKind;
  /** Who may evaluate once: the resident's pseudonym, `committee`, or the peer organization's id. */
  evaluatorRef: string;
  scores: EvaluationScores;
  comment: string | null;
  evaluatedBy: string;
  createdAt: Date;
}

export const windowClosesAt = (completedAt: Date, windowHours: number): Date =>
  new Date(completedAt.getTime() + windowHours * 3_600_000);

export function evaluatorRefOf(input: EvaluationInput): string {
  switch (input.kind) {
    case 'resident':
      return input.residentId;
    case 'committee':
      return 'committee';
    case 'peer':
      return input.organizationId;
  }
}

export function scoresOf(input: EvaluationInput): EvaluationScores {
  switch (input.kind) {
    case 'resident':
      return { satisfaction: input.satisfaction };
    case 'committee':
      return input.reach === undefined ? { outcome: input.outcome } : { outcome: input.outcome, reach: input.reach };
    case 'peer':
      return { efficiency: input.efficiency };
  }
}

/** The role and party the token must hold to give this kind of evaluation of an activity in `communityCode`. */
export function requiredAccess(input: EvaluationInput, communityCode: string): { role: string; party: string } {
  switch (input.kind) {
    case 'resident':
      return { role: 'residents-representative', party: `residents:${communityCode}` };
    case 'committee':
      return { role: 'committee-member', party: `community:${communityCode}` };
    case 'peer':
      return { role: 'organization-staff', party: `organization:${input.organizationId}` };
  }
}

/** Who may give `input`: the role with its party, and a peer is never the evaluated organization. */
export function checkEvaluator(
  activity: EvaluatedActivity,
  input: EvaluationInput,
  caller: { sub: string; roles: readonly string[]; parties: readonly string[] },
): void {
  const { role, party } = requiredAccess(input, activity.communityCode);
  if (!caller.roles.includes(role) || !caller.parties.includes(party)) {
    throw new EvaluatorNotAllowed(
      `${caller.sub} may not give a ${input.kind} evaluation of activity ${activity.activityId}: ` +
        `it needs the role ${role} for ${party}`,
    );
  }
  if (input.kind === 'peer' && input.organizationId === activity.organizationId) {
    throw new OwnOrganization(input.organizationId);
  }
}

/** Whether an evaluation may still be recorded now: the window is open and the resident took part. */
export function checkEvaluation(activity: EvaluatedActivity, input: EvaluationInput, now: Date): void {
  // Closed by the sweeper, or due to be: either way the window, not the number of evaluations, ended it.
  if (activity.status !== 'open' || now.getTime() >= activity.windowClosesAt.getTime()) {
    throw new EvaluationClosed(
      `the evaluation window of activity ${activity.activityId} closed at ${activity.windowClosesAt.toISOString()}`,
    );
  }
  if (input.kind === 'resident' && activity.participantIds && !activity.participantIds.includes(input.residentId)) {
    throw new NotAParticipant(activity.activityId, input.residentId);
  }
}

/** The activity's evidence for scoring: its attendance and need size, and each evaluation's scores. */
export function evidenceOf(activity: EvaluatedActivity, evaluations: readonly RecordedEvaluation[]): ActivityEvidence {
  const committee = evaluations.find((evaluation) => evaluation.kind === 'committee')?.scores as
    { outcome: number; reach?: number } | undefined;
  return {
    attendance: activity.attendance,
    expectedSize: activity.expectedSize,
    residents: evaluations
      .filter((evaluation) => evaluation.kind === 'resident')
      .map((evaluation) => (evaluation.scores as { satisfaction: number }).satisfaction),
    committee: committee ?? null,
    peers: evaluations
      .filter((evaluation) => evaluation.kind === 'peer')
      .map((evaluation) => (evaluation.scores as { efficiency: number }).efficiency),
  };
}
