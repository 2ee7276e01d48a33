import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { type TSchema, Type } from '@sinclair/typebox';
import type { DataSource } from 'typeorm';
import { schemaProblems, ServiceArea } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { closedObjects } from '@sanshe/nest-platform';
import {
  applyAreaChange,
  type AreaBody,
  type AreaLevel,
  parentCodeOf,
  parentLevelOf,
} from '../domain/administrative-area';
import { AreaInputInvalid, AreaNotFound } from '../domain/area-errors';
import { AreaRepository, type StoredArea } from '../domain/area.repository';

const Name = Type.String({ minLength: 1, maxLength: 100 });
// The table's columns are PostgreSQL integers: a larger count was a 500.
const Count = Type.Integer({ minimum: 0, maximum: 2_147_483_647 });
const Population = Count;
/**
 * Each level's body as checked, and as the document shows it (only a community has households): closed at any
 * depth, the service area too (the event's ServiceArea is open for consumers; a request states its fields).
 */
export const AREA_BODY: Record<AreaLevel, TSchema> = {
  district: closedObjects(Type.Object({ name: Name, population: Population, serviceArea: ServiceArea })),
  street: closedObjects(Type.Object({ name: Name, population: Population, serviceArea: ServiceArea })),
  community: closedObjects(
    Type.Object({ name: Name, population: Population, households: Type.Optional(Count), serviceArea: ServiceArea }),
  ),
};

export interface PutAreaCommand {
  level: AreaLevel;
  /** Already checked against its level's format (the controller names `/params/<level>Code`). */
  code: string;
  body: unknown;
}

export interface PutAreaResult {
  area: StoredArea;
  created: boolean;
}

/**
 * PUT /districts|streets|communities/{code}: registers or changes a unit and publishes its one event in
 * the same transaction; an unchanged body changes and publishes nothing. Its parent must be registered.
 */
@Injectable()
export class PutAreaHandler {
  constructor(
    private readonly areas: AreaRepository,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute({ level, code, body }: PutAreaCommand): Promise<PutAreaResult> {
    const problems = schemaProblems(AREA_BODY[level], body, '/body');
    if (problems.length > 0) throw new AreaInputInvalid(problems);
    const parentCode = parentCodeOf(code);
    const parentLevel = parentLevelOf(level);
    return this.dataSource.transaction(async (manager) => {
      if (parentCode && parentLevel && !(await this.areas.find(parentCode, manager))) {
        throw new AreaNotFound(parentCode, `${parentLevel} (the parent of ${code})`);
      }
      const current = await this.areas.lockForChange(manager, code);
      const change = applyAreaChange(level, code, body as AreaBody, current);
      if (change.events.length > 0) await this.areas.save(manager, change.state);
      for (const event of change.events) await this.outbox.publish(manager, event);
      // Read back for updated_at; the row exists, just written or locked.
      const area = (await this.areas.find(code, manager)) as StoredArea;
      return { area, created: change.created };
    });
  }
}
