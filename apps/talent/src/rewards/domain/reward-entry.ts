import type { RecognitionCode } from '@sanshe/contracts';

export type RewardEntryKind = 'earned' | 'redeemed' | 'recognition';

/**
 * What an entry is for: the confirmed hours record, the training completion (`<programId>:<completedOn>`),
 * the evaluated activity, the redemption, or the talent office's award.
 */
export type RewardCauseType = 'hours' | 'training' | 'evaluation' | 'redemption' | 'award';

/** One line of the append-only rewards ledger. */
export interface RewardEntry {
  workerId: string;
  kind: RewardEntryKind;
  /** Earned > 0, redeemed < 0, a recognition 0: the balance is their sum. */
  points: number;
  cause: { type: RewardCauseType; id: string };
  recognition: RecognitionCode | null;
  /** The year of a yearly recognition (social worker of the year). */
  recognitionYear: number | null;
  /** What was redeemed, or the award's citation. */
  note: string | null;
  ruleVersion: number;
  recordedBy: string;
}

export interface StoredRewardEntry extends RewardEntry {
  entryId: string;
  at: string;
}

/** A worker's rewards: the balance and every entry, oldest first, each naming its cause. */
export interface RewardAccount {
  workerId: string;
  balance: number;
  entries: StoredRewardEntry[];
}

export const balanceOf = (entries: readonly Pick<RewardEntry, 'points'>[]): number =>
  entries.reduce((sum, entry) => sum + entry.points, 0);
