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
import { HoursInputInvalid, HoursNotFound } from '../domain/hours-errors';
import { type HoursRecord, type TimeBank, timeBankOf } from '../domain/hours-record';
import { HoursRepository } from '../domain/hours.repository';

/** 403 unless the caller is the organization's admin or staff, a talent-admin or an auditor. */
function checkReader(caller: Caller, organizationId: string | null, what: string): void {
  if (isTalentAdmin(caller) || isAuditor(caller)) return;
  const parties = organizationId ? [organizationParty(organizationId)] : [];
  const refusal = roleRefusal(caller, ORGANIZATION_ROLES, parties, `see ${what}`);
  if (refusal) throw new AccessDenied(refusal);
}

function checkId(id: string, name: string): void {
  const problems = schemaProblems(Id, id, `/params/${name}`);
  if (problems.length > 0) throw new HoursInputInvalid(problems);
}

/** The hours queries: one record, a worker's records, a volunteer's time bank. */
@Injectable()
export class ReadHoursHandler {
  constructor(
    private readonly hours: HoursRepository,
    private readonly workers: WorkerDirectory,
  ) {}

  async one(hoursId: string, caller: Caller): Promise<HoursRecord> {
    checkId(hoursId, 'hoursId');
    const record = await this.hours.find(hoursId);
    if (!record) throw new HoursNotFound(`no hours ${hoursId}`);
    checkReader(caller, record.organizationId, `hours ${hoursId}`);
    return record;
  }

  async ofWorker(workerId: string, caller: Caller): Promise<HoursRecord[]> {
    await this.checkWorker(workerId, caller, `the hours of ${workerId}`);
    return this.hours.listByWorker(workerId);
  }

  async timeBank(workerId: string, caller: Caller): Promise<TimeBank> {
    await this.checkWorker(workerId, caller, `the time bank of ${workerId}`);
    return timeBankOf(workerId, await this.hours.listByWorker(workerId));
  }

  private async checkWorker(workerId: string, caller: Caller, what: string): Promise<void> {
    checkId(workerId, 'workerId');
    const worker = await this.workers.find(workerId);
    if (!worker) throw new HoursNotFound(`no worker ${workerId}`);
    checkReader(caller, worker.organizationId, what);
  }
}
