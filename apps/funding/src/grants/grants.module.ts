import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { LedgerModule } from '../ledger';
import { ApplyGrantDecision } from './application/apply-grant-decision';
import { AwardGrantHandler } from './application/award-grant';
import { ReadGrantsHandler } from './application/read-grants';
import { TrackGrantTriggers } from './application/track-grant-triggers';
import { GrantsRepository } from './domain/grants.repository';
import { PostgresGrantsRepository } from './infrastructure/postgres-grants.repository';
import { GrantsSubscriber } from './interface/events/grants.subscriber';
import { GrantsController } from './interface/http/grants.controller';

/**
 * Grants: awarded from applications (by the funder, or at once when the program auto-awards), activated
 * (reserved on the ledger, tranches scheduled) or voided by governance's grant-award decision only.
 * Exports GrantsRepository for the funder's vote.
 */
@Module({
  imports: [ApplicationsModule, LedgerModule],
  controllers: [GrantsController],
  providers: [
    { provide: GrantsRepository, useClass: PostgresGrantsRepository },
    AwardGrantHandler,
    ApplyGrantDecision,
    TrackGrantTriggers,
    ReadGrantsHandler,
    GrantsSubscriber,
  ],
  exports: [GrantsRepository, ApplicationsModule, LedgerModule],
})
export class GrantsModule {}
