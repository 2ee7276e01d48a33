import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Type } from '@sinclair/typebox';
import type { DataSource } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import { Id, schemaProblems } from '@sanshe/contracts';
import { type Caller, isTalentAdmin, ROLES } from '../../access/talent-access';
import { WorkerDirectory } from '../../workers/domain/worker-directory';
import type { RecognitionAward } from '../domain/recognition';
import { RewardConflict, RewardInputInvalid, RewardNotFound } from '../domain/reward-errors';
import { EarnRewardsHandler } from './earn-rewards';

/** The one recognition a person awards: star volunteer levels are earned by confirmed hours only. */
const SOCIAL_WORKER_OF_THE_YEAR = 'social-worker-of-the-year' as const;

export const AwardRecognitionBody = Type.Object(
  {
    workerId: Id,
    recognition: Type.Literal(SOCIAL_WORKER_OF_THE_YEAR),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    citation: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

export interface AwardedRecognition extends RecognitionAward {
  awardId: string;
}

/**
 * POST /recognitions: the district's talent office (talent-admin) names a certified social worker social
 * worker of the year: 400 (body), 403, 404 (worker), 409 not-a-social-worker or already-recognized (once per
 * worker and year); then the ledger entry and recognition.awarded commit together.
 */
@Injectable()
export class AwardRecognitionHandler {
  constructor(
    private readonly rewards: EarnRewardsHandler,
    private readonly workers: WorkerDirectory,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute(body: unknown, caller: Caller): Promise<AwardedRecognition> {
    const problems = schemaProblems(AwardRecognitionBody, body, '/body');
    if (problems.length > 0) throw new RewardInputInvalid(problems);
    if (!isTalentAdmin(caller)) {
      throw new AccessDenied(
        `${caller.sub} may not award recognitions: it needs the role ${ROLES.talentAdmin} of a district`,
      );
    }
    const { workerId, year, citation } = body as { workerId: string; year: number; citation?: string };
    const worker = await this.workers.find(workerId);
    if (!worker) throw new RewardNotFound(`no worker ${workerId}`);
    if (worker.kind !== 'certified-social-worker') {
      throw new RewardConflict('not-a-social-worker', `${workerId} is ${worker.kind}, not a certified social worker`);
    }
    const awardId = `award-${randomUUID()}`;
    const award: AwardedRecognition = {
      awardId,
      workerId,
      organizationId: worker.organizationId,
      recognition: SOCIAL_WORKER_OF_THE_YEAR,
      year,
      cause: { type: 'award', id: awardId },
      note: citation ?? null,
      recordedBy: caller.sub,
    };
    const awarded = await this.dataSource.transaction((manager) => this.rewards.award(manager, award));
    if (!awarded) {
      throw new RewardConflict('already-recognized', `${workerId} is already ${SOCIAL_WORKER_OF_THE_YEAR} ${year}`);
    }
    return award;
  }
}
