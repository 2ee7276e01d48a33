import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { PersonalField } from '@sanshe/contracts/pure';
import type { DataSource, EntityManager } from 'typeorm';
import { ResidentRepository } from '../domain/resident.repository';
import { ResidentVault } from '../domain/resident-vault';
import { ResidentSealer } from './resident-sealer';

/** ResidentVault over the resident table; without a manager each call reads outside any transaction. */
@Injectable()
export class PostgresResidentVault extends ResidentVault {
  constructor(
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
    private readonly residents: ResidentRepository,
    private readonly sealer: ResidentSealer,
  ) {
    super();
  }

  registeredIn(communityCode: string, residentIds: string[], manager?: EntityManager): Promise<Set<string>> {
    return this.residents.registeredIn(manager ?? this.dataSource.manager, communityCode, residentIds);
  }

  async communityOf(residentId: string, manager?: EntityManager): Promise<string | null> {
    const entry = await this.residents.entry(manager ?? this.dataSource.manager, residentId);
    return entry?.communityCode ?? null;
  }

  async reveal(
    residentId: string,
    fields: readonly PersonalField[],
    manager?: EntityManager,
  ): Promise<Partial<Record<PersonalField, string>> | null> {
    const resident = await this.residents.find(manager ?? this.dataSource.manager, residentId);
    return resident ? this.sealer.open(resident, [...new Set(fields)]) : null;
  }
}
