import { Module } from '@nestjs/common';
import { BindAssessor } from './application/bind-assessor';
import { CastAssessorVote } from './application/cast-assessor-vote';
import { ListAssessments } from './application/list-assessments';
import { RaiseAssessorRequest } from './application/raise-assessor-request';
import { SeatAction } from './application/seat-action';
import { TrackAssessorRefusals } from './application/track-refusals';
import { AssessmentRepository } from './domain/assessment.repository';
import { PostgresAssessmentRepository } from './infrastructure/postgres-assessment.repository';
import { AssessorSubscriber } from './interface/events/assessor-subscriber';
import { AssessmentsController } from './interface/http/assessments.controller';

/**
 * The independent assessor of a grant's milestone verifications (issue 16): bound when governance opens
 * the decision, then voting, objecting and proposing clawbacks for `talent:independent-assessor`.
 */
@Module({
  controllers: [AssessmentsController],
  providers: [
    { provide: AssessmentRepository, useClass: PostgresAssessmentRepository },
    BindAssessor,
    SeatAction,
    CastAssessorVote,
    RaiseAssessorRequest,
    ListAssessments,
    TrackAssessorRefusals,
    AssessorSubscriber,
  ],
})
export class AssessmentsModule {}
