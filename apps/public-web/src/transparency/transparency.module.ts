import { Module } from '@nestjs/common';
import { ReadPublicPagesHandler } from './application/read-public-pages';
import { RecordCommunityFactsHandler } from './application/record-community-facts';
import { RecordDecisionFactsHandler } from './application/record-decision-facts';
import { PublicRecordRepository } from './domain/public-record.repository';
import { PostgresPublicRecordRepository } from './infrastructure/postgres-public-record.repository';
import { PublicEventsController } from './interface/events/public-events.controller';
import { PublicPagesController } from './interface/http/public-pages.controller';

/** The public record: fed by the public topics' events only, shown as server-rendered pages. */
@Module({
  controllers: [PublicEventsController, PublicPagesController],
  providers: [
    { provide: PublicRecordRepository, useClass: PostgresPublicRecordRepository },
    RecordDecisionFactsHandler,
    RecordCommunityFactsHandler,
    ReadPublicPagesHandler,
  ],
})
export class TransparencyModule {}
