import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module';
import { NeedsModule } from '../needs/needs.module';
import { ResidentsModule } from '../residents/residents.module';
import { DataAccessEvents } from './application/data-access-events';
import { DecideDataAccessHandler } from './application/decide-data-access';
import { ReadDataAccessHandler } from './application/read-data-access';
import { ReadUnderGrantHandler } from './application/read-under-grant';
import { RequestDataAccessHandler } from './application/request-data-access';
import { AccessLog } from './domain/access-log';
import { DataAccessRepository } from './domain/data-access.repository';
import { PostgresAccessLog } from './infrastructure/postgres-access-log';
import { PostgresDataAccessRepository } from './infrastructure/postgres-data-access.repository';
import { DataAccessSubscriber } from './interface/events/data-access.subscriber';
import { DataAccessController } from './interface/http/data-access.controller';

/**
 * Organizations' requests for residents' data, the grants only governance's approved decisions create,
 * reads under a grant and the append-only access log. ApprovedProposals from NeedsModule, ResidentVault
 * from ResidentsModule, ConsentLedger from ConsentsModule.
 */
@Module({
  imports: [NeedsModule, ResidentsModule, ConsentsModule],
  controllers: [DataAccessController],
  providers: [
    { provide: DataAccessRepository, useClass: PostgresDataAccessRepository },
    { provide: AccessLog, useClass: PostgresAccessLog },
    DataAccessEvents,
    RequestDataAccessHandler,
    DecideDataAccessHandler,
    ReadUnderGrantHandler,
    ReadDataAccessHandler,
    DataAccessSubscriber,
  ],
})
export class DataAccessModule {}
