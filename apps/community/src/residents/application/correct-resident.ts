import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { PERSONAL_FIELDS } from '@sanshe/contracts/pure';
import type { DataSource } from 'typeorm';
import { AlreadyRegistered, ResidentInputInvalid, ResidentNotFound } from '../domain/resident-errors';
import { checkResidentFields, type ResidentFields } from '../domain/resident-fields';
import { ResidentRepository } from '../domain/resident.repository';
import { ResidentSealer } from '../infrastructure/resident-sealer';

export interface CorrectResidentCommand {
  residentId: string;
  changes: Partial<ResidentFields>;
}

/**
 * PUT /residents/{residentId}: corrects some fields. The whole row is re-sealed under the active key
 * (one row, one key id), in one transaction holding the row.
 */
@Injectable()
export class CorrectResidentHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly residents: ResidentRepository,
    private readonly sealer: ResidentSealer,
  ) {}

  execute({ residentId, changes }: CorrectResidentCommand): Promise<void> {
    const { fields, problems } = checkResidentFields(changes);
    if (problems.length) throw new ResidentInputInvalid(problems);
    return this.dataSource.transaction(async (manager) => {
      const stored = await this.residents.find(manager, residentId, true);
      if (!stored) throw new ResidentNotFound(residentId);
      const merged = { ...(this.sealer.open(stored, PERSONAL_FIELDS) as ResidentFields), ...fields };
      const { sealed, keyId, phoneHash, idNumberHash } = this.sealer.seal(residentId, stored.communityCode, merged);
      const holder = await this.residents.update(manager, residentId, { sealed, keyId, phoneHash, idNumberHash });
      if (holder) throw new AlreadyRegistered(holder);
    });
  }
}
