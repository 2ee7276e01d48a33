import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AlreadyRegistered, ResidentCommunityNotFound, ResidentInputInvalid } from '../domain/resident-errors';
import { checkResidentFields, type ResidentFields } from '../domain/resident-fields';
import { ResidentRepository } from '../domain/resident.repository';
import { ResidentSealer } from '../infrastructure/resident-sealer';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** `rp-` and 24 base32 characters: 120 random bits, saying nothing about the person. */
export function newResidentId(): string {
  return `rp-${[...randomBytes(24)].map((byte) => BASE32[byte % 32]).join('')}`;
}

export interface RegisterResidentCommand {
  communityCode: string;
  fields: ResidentFields;
  createdBy: string;
}

/** POST /communities/{code}/residents: checked, sealed, stored; one resident per ID number. */
@Injectable()
export class RegisterResidentHandler {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly residents: ResidentRepository,
    private readonly sealer: ResidentSealer,
  ) {}

  /** The new resident's pseudonymous id. */
  execute({ communityCode, fields: given, createdBy }: RegisterResidentCommand): Promise<string> {
    const { fields, problems } = checkResidentFields(given);
    if (problems.length) throw new ResidentInputInvalid(problems);
    const residentId = newResidentId();
    const resident = this.sealer.seal(residentId, communityCode, fields);
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.residents.communityExists(manager, communityCode))) {
        throw new ResidentCommunityNotFound(communityCode);
      }
      const holder = await this.residents.insert(manager, resident, createdBy);
      if (holder) throw new AlreadyRegistered(holder);
      return residentId;
    });
  }
}
