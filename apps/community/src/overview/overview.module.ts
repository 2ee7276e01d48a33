import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { ReadCommunityOverviewHandler } from './application/read-community-overview';
import { RecordOverviewFactsHandler } from './application/record-overview-facts';
import { OverviewRepository } from './domain/overview.repository';
import { PostgresOverviewRepository } from './infrastructure/postgres-overview.repository';
import { OverviewSubscriber } from './interface/events/overview.subscriber';
import { OverviewController } from './interface/http/overview.controller';

/**
 * "What is happening in my community": its own read model, fed by other contexts' events only, headed
 * by the community from the hierarchy (AreasModule).
 */
@Module({
  imports: [AreasModule],
  controllers: [OverviewController],
  providers: [
    { provide: OverviewRepository, useClass: PostgresOverviewRepository },
    RecordOverviewFactsHandler,
    ReadCommunityOverviewHandler,
    OverviewSubscriber,
  ],
})
export class OverviewModule {}
