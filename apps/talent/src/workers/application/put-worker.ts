import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import type { Caller } from '../../access/talent-access';
import {
  applyWorkerPut,
  type Certificate,
  certifiedUntil,
  type Worker,
  type WorkerBody,
  workerProblems,
} from '../domain/worker';
import { WorkerRuleBroken } from '../domain/worker-errors';
import { WorkerRepository } from '../domain/worker.repository';
import { WorkforceWatch } from '../../workforce/domain/workforce-watch';
import { requireActsForWorkers, todayInShanghai } from './worker-access';

export interface PutWorkerResult {
  worker: Worker;
  created: boolean;
}

const sameCertificate = (a: Omit<Certificate, 'certificateId' | 'workerId'>, b: Certificate) =>
  a.level === b.level && a.number === b.number && a.issuedOn === b.issuedOn && a.expiresOn === b.expiresOn;

/**
 * PUT /workers/{id}: registers or changes a worker, records the body's certificate (once: an identical
 * one already held is not recorded again) and the career step, and publishes the one event, all in one
 * transaction; an unchanged body changes and publishes nothing. The worker's organization (for a new
 * one, the body's) or a talent-admin may.
 */
@Injectable()
export class PutWorkerHandler {
  constructor(
    private readonly workers: WorkerRepository,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly workforce: WorkforceWatch,
  ) {}

  async execute(workerId: string, body: WorkerBody, caller: Caller): Promise<PutWorkerResult> {
    const today = todayInShanghai();
    return this.dataSource.transaction(async (manager) => {
      const current = await this.workers.lockForChange(manager, workerId);
      requireActsForWorkers(
        caller,
        current ? current.organizationId : body.organizationId,
        `register worker ${workerId}`,
      );
      const held = current ? await this.workers.certificates(workerId, manager) : [];
      const problems = workerProblems(body, current, held, today);
      if (problems.length) throw new WorkerRuleBroken(problems); // each field well formed: 422
      const given = body.certificate;
      const added: Certificate | null =
        given && !held.some((c) => sameCertificate(given, c))
          ? { ...given, certificateId: `cert-${randomUUID()}`, workerId }
          : null;
      const before = current ? certifiedUntil(held, current.level, today) : null;
      const after = certifiedUntil(added ? [...held, added] : held, body.level ?? null, today);
      const change = applyWorkerPut(current, workerId, body, { before, after }, today, caller.sub);
      if (change.facts.length) await this.workers.save(manager, change.state);
      if (added) await this.workers.addCertificate(manager, added, caller.sub);
      if (change.career) await this.workers.addCareerStep(manager, workerId, change.career, caller.sub);
      for (const fact of change.facts) await this.outbox.publish(manager, fact);
      // Workforce health of the organizations the change touches, in this transaction (a crossing commits with it).
      const touched = new Set([current?.organizationId, change.state.organizationId]);
      for (const org of touched) if (org && change.facts.length) await this.workforce.reevaluate(manager, org);
      return { worker: change.state, created: current === null };
    });
  }
}
