import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Type } from '@sinclair/typebox';
import type { DataSource } from 'typeorm';
import { REPRESENTATIVE_BODIES, schemaProblems } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { AreaRepository } from '../../areas/domain/area.repository';
import { appoint, type AppointmentInput, type Representative, seatHeldBy } from '../domain/representative';
import {
  AlreadyRepresents,
  RepresentativeInputInvalid,
  RepresentativeNotFound,
  RepresentativeRuleBroken,
} from '../domain/representative-errors';
import { RepresentativeRepository } from '../domain/representative.repository';

const CalendarDate = Type.String({ format: 'date' });
/** The body as checked, and as the document shows it (a field no schema names is refused 400). */
export const AppointmentBody = Type.Object(
  {
    body: Type.Unsafe<(typeof REPRESENTATIVE_BODIES)[number]>({ type: 'string', enum: [...REPRESENTATIVE_BODIES] }),
    personSub: Type.String({ minLength: 1, maxLength: 200 }),
    title: Type.String({ minLength: 1, maxLength: 100 }),
    termFrom: CalendarDate,
    termTo: Type.Optional(CalendarDate),
  },
  { additionalProperties: false },
);

export interface AppointRepresentativeCommand {
  communityCode: string;
  body: unknown;
  appointedBy: string;
}

/**
 * POST /communities/{code}/representatives: the community must be registered, and the person must not
 * already sit in one of its bodies (409 naming it); the row and its `appointed` event commit together.
 */
@Injectable()
export class AppointRepresentativeHandler {
  constructor(
    private readonly representatives: RepresentativeRepository,
    private readonly areas: AreaRepository,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute({ communityCode, body, appointedBy }: AppointRepresentativeCommand): Promise<Representative> {
    const problems = schemaProblems(AppointmentBody, body, '/body');
    if (problems.length > 0) throw new RepresentativeInputInvalid(problems);
    const input = body as AppointmentInput;
    // Both dates well formed: the rule between them is no schema's (422, documented).
    if (input.termTo !== undefined && input.termTo < input.termFrom) {
      const message = `must not be before termFrom (${input.termFrom})`;
      throw new RepresentativeRuleBroken([{ path: '/body/termTo', message }]);
    }
    return this.dataSource.transaction(async (manager) => {
      const community = await this.areas.find(communityCode, manager);
      if (community?.level !== 'community') {
        throw new RepresentativeNotFound(`no community ${communityCode} is registered`);
      }
      const held = seatHeldBy(await this.representatives.lockActive(manager, communityCode), input.personSub);
      if (held) throw new AlreadyRepresents(held.body, held.representativeId);
      const { state, events } = appoint(`rep-${randomUUID()}`, communityCode, input);
      await this.representatives.insert(manager, state, appointedBy);
      for (const event of events) await this.outbox.publish(manager, event);
      return state;
    });
  }
}
