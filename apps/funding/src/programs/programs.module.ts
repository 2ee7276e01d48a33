import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger';
import { PutProgramHandler } from './application/put-program';
import { ReadProgramsHandler } from './application/read-programs';
import { ProgramRepository } from './domain/program.repository';
import { PostgresProgramRepository } from './infrastructure/postgres-program.repository';
import { ProgramsController } from './interface/http/programs.controller';

/**
 * Funding programs and their budgets on the ledger; exports ProgramRepository for applications, grants,
 * votes, payments and reports (eligibility: programs/domain/eligibility.ts, pure).
 */
@Module({
  imports: [LedgerModule],
  controllers: [ProgramsController],
  providers: [
    { provide: ProgramRepository, useClass: PostgresProgramRepository },
    PutProgramHandler,
    ReadProgramsHandler,
  ],
  exports: [ProgramRepository, PutProgramHandler],
})
export class ProgramsModule {}
