import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OutboxWriter } from '@sanshe/messaging';
import type { Caller } from '../../access/talent-access';
import {
  applyCertificate,
  type Certificate,
  type CertificateInput,
  certificateProblems,
  certifiedUntil,
} from '../domain/worker';
import { WorkerNotFound, WorkerRuleBroken } from '../domain/worker-errors';
import { WorkerRepository } from '../domain/worker.repository';
import { requireActsForWorkers, todayInShanghai } from './worker-access';

/**
 * POST /workers/{id}/certificates: records a certificate (a renewal, a higher level) and, when it changes
 * the certificate in force at the worker's level, publishes worker.updated in the same transaction.
 */
@Injectable()
export class RecordCertificateHandler {
  constructor(
    private readonly workers: WorkerRepository,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute(workerId: string, input: CertificateInput, caller: Caller): Promise<Certificate> {
    const today = todayInShanghai();
    return this.dataSource.transaction(async (manager) => {
      const current = await this.workers.lockForChange(manager, workerId);
      if (!current) throw new WorkerNotFound(workerId);
      requireActsForWorkers(caller, current.organizationId, `record a certificate of worker ${workerId}`);
      const problems = certificateProblems(input, '/body');
      if (problems.length) throw new WorkerRuleBroken(problems); // both dates well formed: 422
      const held = await this.workers.certificates(workerId, manager);
      const certificate: Certificate = {
        certificateId: `cert-${randomUUID()}`,
        workerId,
        level: input.level,
        number: input.number,
        issuedOn: input.issuedOn,
        expiresOn: input.expiresOn,
      };
      await this.workers.addCertificate(manager, certificate, caller.sub);
      const before = certifiedUntil(held, current.level, today);
      const change = applyCertificate(current, before, certifiedUntil([...held, certificate], current.level, today));
      if (change.facts.length) await this.workers.save(manager, change.state);
      for (const fact of change.facts) await this.outbox.publish(manager, fact);
      return certificate;
    });
  }
}
