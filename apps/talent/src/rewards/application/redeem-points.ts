import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Type } from '@sinclair/typebox';
import type { DataSource } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import { Id, schemaProblems } from '@sanshe/contracts';
import { type Caller, isTalentAdmin, organizationParty, roleRefusal, ROLES } from '../../access/talent-access';
import { WorkerDirectory } from '../../workers/domain/worker-directory';
import { RewardConflict, RewardInputInvalid, RewardNotFound } from '../domain/reward-errors';
import type { StoredRewardEntry } from '../domain/reward-entry';
import { REWARD_RULES } from '../domain/reward-rules';
import { RewardRepository } from '../domain/reward.repository';

export const RedeemPointsBody = Type.Object(
  {
    points: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    item: Type.String({ minLength: 1, maxLength: 200, description: 'What the points are exchanged for' }),
  },
  { additionalProperties: false },
);

export interface RedeemPointsCommand {
  workerId: string;
  body: unknown;
}

/**
 * POST /workers/{workerId}/redemptions: the body (400), the worker (404), who may redeem (403: the admin of
 * the worker's organization, or a talent-admin), then under the worker's ledger lock the balance (409
 * insufficient-points) and the redemption entry: concurrent redemptions wait for each other, never overdraw.
 */
@Injectable()
export class RedeemPointsHandler {
  constructor(
    private readonly ledger: RewardRepository,
    private readonly workers: WorkerDirectory,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute({ workerId, body }: RedeemPointsCommand, caller: Caller): Promise<StoredRewardEntry> {
    const problems = [
      ...schemaProblems(Id, workerId, '/params/workerId'),
      ...schemaProblems(RedeemPointsBody, body, '/body'),
    ];
    if (problems.length > 0) throw new RewardInputInvalid(problems);
    const { points, item } = body as { points: number; item: string };
    const worker = await this.workers.find(workerId);
    if (!worker) throw new RewardNotFound(`no worker ${workerId}`);
    if (!isTalentAdmin(caller)) {
      const parties = worker.organizationId ? [organizationParty(worker.organizationId)] : [];
      const refusal = roleRefusal(caller, [ROLES.orgAdmin], parties, `redeem the points of ${workerId}`);
      if (refusal) throw new AccessDenied(refusal);
    }
    const redemptionId = `redemption-${randomUUID()}`;
    await this.dataSource.transaction(async (manager) => {
      await this.ledger.lockWorker(manager, workerId);
      const balance = await this.ledger.balance(manager, workerId);
      if (balance < points) {
        throw new RewardConflict(
          'insufficient-points',
          `${workerId} has ${balance} points, fewer than the ${points} asked`,
          balance,
        );
      }
      await this.ledger.append(manager, {
        workerId,
        kind: 'redeemed',
        points: -points,
        cause: { type: 'redemption', id: redemptionId },
        recognition: null,
        recognitionYear: null,
        note: item,
        ruleVersion: REWARD_RULES.version,
        recordedBy: caller.sub,
      });
    });
    const entry = (await this.ledger.entriesOf(workerId)).find((e) => e.cause.id === redemptionId);
    if (!entry) throw new Error(`redemption ${redemptionId} of ${workerId} was not stored`);
    return entry;
  }
}
