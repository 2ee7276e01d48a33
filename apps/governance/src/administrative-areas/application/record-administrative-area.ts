import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AdministrativeAreas, type ReportedArea } from '../domain/administrative-areas';

/** A district, street or community as the community service published it, at one revision. */
export type RecordAdministrativeAreaCommand = ReportedArea;

/**
 * Keeps the read model at the newest revision: a redelivered event, a second event of the same revision
 * or an older one arriving late changes nothing. Runs in the inbox transaction (`manager`).
 */
@Injectable()
export class RecordAdministrativeAreaHandler {
  private readonly logger = new Logger('AdministrativeAreas');

  constructor(private readonly areas: AdministrativeAreas) {}

  async execute(manager: EntityManager, command: RecordAdministrativeAreaCommand): Promise<'recorded' | 'ignored'> {
    const result = await this.areas.record(manager, command);
    if (result === 'recorded') this.logger.log(`${command.level} ${command.code} at revision ${command.revision}`);
    return result;
  }
}
