import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { ProgramsModule } from '../programs/programs.module';
import { DeclineApplicationHandler } from './application/decline-application';
import { ReadApplicationsHandler } from './application/read-applications';
import { ReceiveApplication } from './application/receive-application';
import { TrackProposals } from './application/track-proposals';
import { ApplicationsRepository } from './domain/applications.repository';
import { PostgresApplicationsRepository } from './infrastructure/postgres-applications.repository';
import { ApplicationsController } from './interface/http/applications.controller';
import { ProposalsSubscriber } from './interface/events/proposals.subscriber';

/**
 * Applications: the proposals funding tracks and the applications approved ones become. Exports the
 * repository and the eligibility check for grants and the funder's vote (which register after it, so on
 * one event its handler has run first).
 */
@Module({
  imports: [ProgramsModule, DirectoryModule],
  controllers: [ApplicationsController],
  providers: [
    { provide: ApplicationsRepository, useClass: PostgresApplicationsRepository },
    ReceiveApplication,
    TrackProposals,
    DeclineApplicationHandler,
    ReadApplicationsHandler,
    ProposalsSubscriber,
  ],
  exports: [ApplicationsRepository, ReceiveApplication, ProgramsModule, DirectoryModule],
})
export class ApplicationsModule {}
