import type { EntityManager } from 'typeorm';
import type { CareerStep, Certificate, Worker } from './worker';

export interface StoredWorker extends Worker {
  updatedAt: Date;
}

export interface CareerRecord extends CareerStep {
  seq: number;
  at: Date;
}

/** The workers' tables: the record, its certificates and its career path. */
export abstract class WorkerRepository {
  /** The worker, locked until the transaction ends (null: not registered yet). */
  abstract lockForChange(manager: EntityManager, workerId: string): Promise<Worker | null>;
  abstract find(workerId: string, manager?: EntityManager): Promise<StoredWorker | null>;
  abstract listByOrganization(organizationId: string): Promise<StoredWorker[]>;
  abstract save(manager: EntityManager, worker: Worker): Promise<void>;
  abstract certificates(workerId: string, manager?: EntityManager): Promise<Certificate[]>;
  abstract addCertificate(manager: EntityManager, certificate: Certificate, by: string): Promise<void>;
  abstract addCareerStep(manager: EntityManager, workerId: string, step: CareerStep, by: string): Promise<void>;
  abstract career(workerId: string): Promise<CareerRecord[]>;
}
