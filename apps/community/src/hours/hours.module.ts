import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { RepresentativesModule } from '../representatives/representatives.module';
import { AnswerHoursHandler } from './application/answer-hours';
import { TrackHours } from './application/track-hours';
import { HoursRepository } from './domain/hours.repository';
import { PostgresHoursRepository } from './infrastructure/postgres-hours.repository';
import { HoursEventsSubscriber } from './interface/events/hours-events.subscriber';
import { HoursController } from './interface/http/hours.controller';

/**
 * Hours confirmed by two parties, the community's side: hours served in its communities (from talent's
 * events), and the committee's confirmation or dispute of them, sent to governance's hours workflow.
 */
@Module({
  imports: [AreasModule, RepresentativesModule],
  controllers: [HoursController],
  providers: [
    { provide: HoursRepository, useClass: PostgresHoursRepository },
    AnswerHoursHandler,
    TrackHours,
    HoursEventsSubscriber,
  ],
})
export class HoursModule {}
