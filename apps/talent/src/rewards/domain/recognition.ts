import type { RecognitionCode } from '@sanshe/contracts';
import type { RewardEntry } from './reward-entry';
import { REWARD_RULES, type RewardRules } from './reward-rules';

/** A recognition to award: to whom, which, for which year (yearly ones), and what caused it. */
export interface RecognitionAward {
  workerId: string;
  organizationId: string | null;
  recognition: RecognitionCode;
  year: number | null;
  /** The confirmed hours that reached a star level, or the talent office's award. */
  cause: { type: 'hours' | 'award'; id: string };
  note: string | null;
  recordedBy: string;
}

/** Its ledger entry: no points, the recognition named (awarded once per worker, and year when yearly). */
export function recognitionEntry(award: RecognitionAward, rules: RewardRules = REWARD_RULES): RewardEntry {
  return {
    workerId: award.workerId,
    kind: 'recognition',
    points: 0,
    cause: award.cause,
    recognition: award.recognition,
    recognitionYear: award.year,
    note: award.note,
    ruleVersion: rules.version,
    recordedBy: award.recordedBy,
  };
}

const RECOGNITION_AWARDED = 'sanshe.talent.recognition.awarded.v1' as const;

/** talent.recognition.awarded, its id deterministic per worker, recognition and year: published once. */
export function recognitionAwardedEvent(award: RecognitionAward) {
  const key = award.year ? `${award.recognition}:${award.year}` : award.recognition;
  return {
    type: RECOGNITION_AWARDED,
    id: `${RECOGNITION_AWARDED}:${award.workerId}:${key}`,
    subject: award.workerId,
    data: {
      workerId: award.workerId,
      organizationId: award.organizationId,
      recognition: award.recognition,
      ...(award.year ? { year: award.year } : {}),
      cause: award.cause,
    },
  };
}
