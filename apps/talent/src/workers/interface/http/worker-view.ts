import type { Caller } from '../../../access/talent-access';
import { readsPersonal } from '../../application/worker-access';
import type { Certificate } from '../../domain/worker';
import type { StoredWorker } from '../../domain/worker.repository';
import type { Worker } from '../../domain/worker';

/** A worker as the API shows it to `caller`: name, phone and school only to those who may read them. */
export function workerView(worker: Worker & { updatedAt?: Date }, caller: Caller) {
  const personal = readsPersonal(caller, worker.organizationId);
  return {
    workerId: worker.workerId,
    organizationId: worker.organizationId,
    kind: worker.kind,
    level: worker.level,
    status: worker.status,
    leftOn: worker.leftOn,
    internshipEndsOn: worker.internshipEndsOn,
    skills: worker.skills,
    availability: worker.availability,
    retainedFromIntern: worker.retainedFromIntern,
    revision: worker.revision,
    ...(personal ? { name: worker.name, phone: worker.phone, school: worker.school } : {}),
    updatedAt: (worker.updatedAt ?? new Date()).toISOString(),
  };
}

/** A certificate; its number identifies a person, so it goes only to those who read personal fields. */
export function certificateView(certificate: Certificate, worker: StoredWorker | Worker, caller: Caller) {
  const { number, ...rest } = certificate;
  return readsPersonal(caller, worker.organizationId) ? { ...rest, number } : rest;
}
