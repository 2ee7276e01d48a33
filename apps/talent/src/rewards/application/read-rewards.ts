import { Injectable } from '@nestjs/common';
import { AccessDenied } from '@sanshe/auth';
import { Id, schemaProblems } from '@sanshe/contracts';
import {
  type Caller,
  isAuditor,
  isTalentAdmin,
  organizationParty,
  ORGANIZATION_ROLES,
  roleRefusal,
} from '../../access/talent-access';
import { WorkerDirectory } from '../../workers/domain/worker-directory';
import { balanceOf, type RewardAccount } from '../domain/reward-entry';
import { RewardInputInvalid, RewardNotFound } from '../domain/reward-errors';
import { RewardRepository } from '../domain/reward.repository';

/** GET /workers/{workerId}/rewards: to the worker's organization, the talent office and auditors. */
@Injectable()
export class ReadRewardsHandler {
  constructor(
    private readonly ledger: RewardRepository,
    private readonly workers: WorkerDirectory,
  ) {}

  async account(workerId: string, caller: Caller): Promise<RewardAccount> {
    const problems = schemaProblems(Id, workerId, '/params/workerId');
    if (problems.length > 0) throw new RewardInputInvalid(problems);
    const worker = await this.workers.find(workerId);
    if (!worker) throw new RewardNotFound(`no worker ${workerId}`);
    if (!isTalentAdmin(caller) && !isAuditor(caller)) {
      const parties = worker.organizationId ? [organizationParty(worker.organizationId)] : [];
      const refusal = roleRefusal(caller, ORGANIZATION_ROLES, parties, `see the rewards of ${workerId}`);
      if (refusal) throw new AccessDenied(refusal);
    }
    const entries = await this.ledger.entriesOf(workerId);
    return { workerId, balance: balanceOf(entries), entries };
  }
}
