import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import type { SansheEvent } from '@sanshe/contracts';
import { ROLES } from '../../access/funding-access';
import { LedgerError } from '../../ledger';
import { PutProgramHandler } from '../../programs/application/put-program';
import type { ProgramBody } from '../../programs/domain/program';
import { ProgramError, ProgramInputInvalid } from '../../programs/domain/program-errors';
import { type CommandRefusal, openingRefusal } from '../domain/portal';
import { PortalRepository } from '../domain/portal.repository';
import type { CommandAnswer } from './portal-replies';

type OpenRequested = SansheEvent<'sanshe.portal.funding-program.open-requested.v1'>;

/**
 * A portal's sanshe.portal.funding-program.open-requested.v1, in its inbox transaction: judged by
 * openingRefusal (the portal itself, registered and active, speaking for the program's funder, the district
 * within its jurisdiction), then opened — or changed — exactly as PUT /programs/{programId} by a funder-admin
 * of that funder would (PutProgramHandler, its rules and its events). A refusal of the program handler
 * (invalid, closed, another funder's program, the ledger) is undone to a savepoint and answered; nothing
 * of it stays. A redelivered command is absorbed by the inbox; the same program sent again changes nothing.
 */
@Injectable()
export class OpenProgramByPortalHandler {
  constructor(
    private readonly portals: PortalRepository,
    private readonly programs: PutProgramHandler,
  ) {}

  async execute(manager: EntityManager, portalId: string, command: OpenRequested): Promise<CommandAnswer> {
    const { programId, castBy, program } = command.data;
    const portal = await this.portals.find(manager, portalId);
    const opening = { programId, castBy, funderId: program.funderId, districtCode: program.districtCode };
    const refused = openingRefusal(portalId, portal, command.source, opening);
    if (refused) return refused;
    const caller = { sub: castBy, roles: [ROLES.funderAdmin], parties: [program.funderId] };
    await manager.query('SAVEPOINT portal_program');
    try {
      const { created } = await this.programs.executeIn(manager, programId, program as ProgramBody, caller);
      await manager.query('RELEASE SAVEPOINT portal_program');
      return { result: { programId, created } };
    } catch (err) {
      const refusal = programRefusal(err);
      if (!refusal) throw err;
      await manager.query('ROLLBACK TO SAVEPOINT portal_program');
      return refusal;
    }
  }
}

/** The program handler's refusals as reply codes; anything else is not a refusal (retried). */
function programRefusal(err: unknown): CommandRefusal | null {
  if (err instanceof ProgramInputInvalid) return { code: 'program-invalid', reason: err.message };
  if (err instanceof ProgramError || err instanceof LedgerError) return { code: err.code, reason: err.message };
  if (err instanceof AccessDenied) return { code: 'not-funder', reason: err.message };
  return null;
}
