import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import { type RecognitionAward, recognitionAwardedEvent, recognitionEntry } from '../domain/recognition';
import { pointsForHours, pointsForTraining, REWARD_RULES, starLevelsDue } from '../domain/reward-rules';
import type { RewardEntry } from '../domain/reward-entry';
import { type CompletedTraining, type ConfirmedHours, RewardsLedger } from '../domain/rewards-ledger';
import { RewardRepository } from '../domain/reward.repository';

/** Who earns what the system confirms (no person recorded these entries). */
const SYSTEM = 'talent';

const earned = (workerId: string, points: number, cause: RewardEntry['cause']): RewardEntry => ({
  workerId,
  kind: 'earned',
  points,
  cause,
  recognition: null,
  recognitionYear: null,
  note: null,
  ruleVersion: REWARD_RULES.version,
  recordedBy: SYSTEM,
});

/**
 * Earns points (REWARD_RULES) in the caller's transaction: for confirmed hours, for completed training, for
 * a good evaluation; and awards a recognition once, publishing recognition.awarded with it. A cause already
 * in the ledger earns nothing again (its UNIQUE index), and an entry of 0 points is not written.
 */
@Injectable()
export class EarnRewardsHandler extends RewardsLedger {
  constructor(
    private readonly ledger: RewardRepository,
    private readonly outbox: OutboxWriter,
  ) {
    super();
  }

  lockWorker(manager: EntityManager, workerId: string): Promise<void> {
    return this.ledger.lockWorker(manager, workerId);
  }

  async earnForHours(manager: EntityManager, hours: ConfirmedHours, volunteerMinutes: number): Promise<void> {
    const points = pointsForHours(hours.workerKind, hours.minutes);
    if (points > 0)
      await this.ledger.append(manager, earned(hours.workerId, points, { type: 'hours', id: hours.hoursId }));
    if (hours.workerKind !== 'volunteer') return;
    const held = await this.ledger.recognitionsOf(manager, hours.workerId);
    for (const recognition of starLevelsDue(volunteerMinutes, held)) {
      await this.award(manager, {
        workerId: hours.workerId,
        organizationId: hours.organizationId,
        recognition,
        year: null,
        cause: { type: 'hours', id: hours.hoursId },
        note: null,
        recordedBy: SYSTEM,
      });
    }
  }

  async earnForTraining(manager: EntityManager, training: CompletedTraining): Promise<void> {
    const points = pointsForTraining(training.hours);
    const cause = { type: 'training' as const, id: `${training.programId}:${training.completedOn}` };
    if (points > 0) await this.ledger.append(manager, earned(training.workerId, points, cause));
  }

  /** The points of a good evaluation to each worker assigned to the activity (once per worker and activity). */
  async earnForEvaluation(manager: EntityManager, activityId: string, points: number): Promise<string[]> {
    if (points <= 0) return [];
    const workers = await this.ledger.workersAssignedTo(manager, activityId);
    const credited: string[] = [];
    for (const workerId of workers) {
      const cause = { type: 'evaluation' as const, id: activityId };
      if (await this.ledger.append(manager, earned(workerId, points, cause))) credited.push(workerId);
    }
    return credited;
  }

  /** Appends the recognition and publishes it, unless the worker already holds it; whether it was new. */
  async award(manager: EntityManager, award: RecognitionAward): Promise<boolean> {
    if (!(await this.ledger.append(manager, recognitionEntry(award)))) return false;
    await this.outbox.publish(manager, recognitionAwardedEvent(award));
    return true;
  }
}
