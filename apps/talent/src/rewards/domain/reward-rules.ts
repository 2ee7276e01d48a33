import { STAR_VOLUNTEER_LEVELS, type RecognitionCode, type StaffRole } from '@sanshe/contracts';

/**
 * The rewards rules are data (apps/talent/README.md, "Rewards"): a new version is a new constant, and every
 * ledger entry names the version that priced it.
 */
export interface RewardRules {
  version: number;
  /** Points per confirmed hour, by the kind the worker served as; minutes count pro rata, floored. */
  hourPoints: Readonly<Record<StaffRole, number>>;
  /** Points per hour of completed training, floored to whole points. */
  trainingPointsPerHour: number;
  /** A final activity score at or above minScore earns points to each worker assigned to the activity. */
  goodEvaluation: { minScore: number; points: number };
  /** Star volunteer levels: confirmed volunteer hours at which each is awarded, once. */
  starVolunteer: readonly { recognition: RecognitionCode; hours: number }[];
}

export const REWARD_RULES: RewardRules = {
  version: 1,
  hourPoints: { volunteer: 10, 'certified-social-worker': 5, intern: 5, 'community-staff': 5 },
  trainingPointsPerHour: 2,
  goodEvaluation: { minScore: 4.5, points: 20 },
  starVolunteer: STAR_VOLUNTEER_LEVELS.map(({ code, hours }) => ({ recognition: code, hours })),
};

/** Points for confirmed minutes served as `kind`: rate × minutes / 60, floored (95 volunteer minutes → 15). */
export function pointsForHours(kind: StaffRole, minutes: number, rules: RewardRules = REWARD_RULES): number {
  return Math.floor((minutes * rules.hourPoints[kind]) / 60);
}

/**
 * Points for a completed training of `hours` (one decimal, as programs store them): counted in tenths of
 * an hour so that 0.1-steps never floor wrongly in binary floating point.
 */
export function pointsForTraining(hours: number, rules: RewardRules = REWARD_RULES): number {
  return Math.floor((Math.round(hours * 10) * rules.trainingPointsPerHour) / 10);
}

/** An activity's score as the community's rating.updated carries it. */
export interface ActivityScore {
  score: number;
  /** True while the evaluation window is open; absent in events older than the flag, which were final. */
  provisional?: boolean;
}

/** Points each assigned worker earns for the activity's score: only a final score counts, never a provisional one. */
export function pointsForEvaluation(activity: ActivityScore, rules: RewardRules = REWARD_RULES): number {
  if (activity.provisional === true) return 0;
  return activity.score >= rules.goodEvaluation.minScore ? rules.goodEvaluation.points : 0;
}

/**
 * The star volunteer levels reached with `confirmedMinutes` that are not yet among `awarded`, lowest first:
 * the ledger records each once (a level is reached at exactly its hours).
 */
export function starLevelsDue(
  confirmedMinutes: number,
  awarded: ReadonlySet<string>,
  rules: RewardRules = REWARD_RULES,
): RecognitionCode[] {
  return rules.starVolunteer
    .filter((level) => confirmedMinutes >= level.hours * 60 && !awarded.has(level.recognition))
    .map((level) => level.recognition);
}
