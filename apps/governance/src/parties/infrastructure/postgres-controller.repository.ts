import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { qualifiedTable, schemaNameOf } from '@sanshe/persistence';
import { ControllerRepository } from '../domain/controller.repository';
import type { ControllerId, ControllerRule } from '../domain/party-controller';

/** party_controller in governance's schema (migration 1795737600003). */
@Injectable()
export class PostgresControllerRepository extends ControllerRepository {
  private readonly table: string;

  constructor(@Inject(getDataSourceToken()) private readonly dataSource: DataSource) {
    super();
    this.table = qualifiedTable(schemaNameOf(dataSource), 'party_controller');
  }

  async all(): Promise<ControllerRule[]> {
    const rows = await this.dataSource.query<{ party_pattern: string; controller: string; origin: string }[]>(
      `SELECT party_pattern, controller, origin FROM ${this.table} ORDER BY party_pattern`,
    );
    // The table's CHECK constraint admits only well-formed controller ids.
    return rows.map((row) => ({
      partyPattern: row.party_pattern,
      controller: row.controller as ControllerId,
      origin: row.origin,
    }));
  }
}
