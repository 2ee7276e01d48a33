import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ResidentInputInvalid, ResidentNotFound } from '../domain/resident-errors';
import { idNumberProblem, normalizeIdNumber, normalizePhone, phoneProblem } from '../domain/resident-fields';
import { type ResidentEntry, ResidentRepository } from '../domain/resident.repository';
import { ResidentSealer } from '../infrastructure/resident-sealer';

/** Look a resident up by one of the two keyed fields. */
export type ResidentLookup = { phone: string } | { idNumber: string };

/** The register's reads without personal fields: an entry, and lookups by keyed hash. */
@Injectable()
export class ReadResidentsHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly residents: ResidentRepository,
    private readonly sealer: ResidentSealer,
  ) {}

  async entry(residentId: string): Promise<ResidentEntry> {
    const entry = await this.residents.entry(this.dataSource.manager, residentId);
    if (!entry) throw new ResidentNotFound(residentId);
    return entry;
  }

  /** The community's residents with that phone (a household may share one) or that ID number. */
  lookup(communityCode: string, by: ResidentLookup): Promise<string[]> {
    const { manager } = this.dataSource;
    if ('phone' in by) {
      const problem = phoneProblem(by.phone);
      if (problem) throw new ResidentInputInvalid([{ path: '/phone', message: problem }]);
      return this.residents.idsByPhoneHash(
        manager,
        communityCode,
        this.sealer.lookupHash('phone', normalizePhone(by.phone)),
      );
    }
    const problem = idNumberProblem(by.idNumber);
    if (problem) throw new ResidentInputInvalid([{ path: '/idNumber', message: problem }]);
    const hash = this.sealer.lookupHash('idNumber', normalizeIdNumber(by.idNumber));
    return this.residents.idsByIdNumberHash(manager, communityCode, hash);
  }
}
