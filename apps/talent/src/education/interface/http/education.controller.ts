import { Body, Controller, Get, Inject, Param, Post, Query, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access, CurrentIdentity, type Identity } from '@sanshe/auth';
import { ApiPathParams, ApiRuleBrokenResponse, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import type { TalentConfig } from '../../../config/talent-config';
import { TALENT_CONFIG } from '../../../config/talent-config.tokens';
import { todayInShanghai } from '../../../workers/application/worker-access';
import { WorkerRepository } from '../../../workers/domain/worker.repository';
import { ManageEducationHandler } from '../../application/manage-education';
import { EducationWorkerNotFound } from '../../domain/education-errors';
import { EducationRepository } from '../../domain/education.repository';
import { yearRequirement } from '../../domain/requirement';
import { EducationErrorFilter } from './education-error.filter';
import { checked, CompletionBody, EducationView, ProgramBody, WorkerIdParam, YearQuery } from './education-schemas';

const schema = openApiSchema;
const invalid = inputInvalidResponse();

/**
 * Continuing education (继续教育): the district's talent office adds training programs; a worker's
 * organization (admin or staff) or the office records completions (talent.training.completed); anyone
 * with a token reads a worker's year against the yearly requirement of their level.
 */
@ApiTags('education')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@Controller()
@Access({ action: 'read continuing education' })
@UseFilters(EducationErrorFilter)
export class EducationController {
  constructor(
    private readonly manage: ManageEducationHandler,
    private readonly education: EducationRepository,
    private readonly workers: WorkerRepository,
    @Inject(TALENT_CONFIG) private readonly config: TalentConfig,
  ) {}

  @Post('training-programs')
  @ApiOperation({ summary: 'Add a training program (talent-admin)' })
  @ApiBody({ schema: schema(ProgramBody) })
  @ApiCreatedResponse({ schema: schema(ProgramBody) })
  @ApiBadRequestResponse(invalid)
  @ApiForbiddenResponse({ description: 'Not a talent-admin' })
  @ApiConflictResponse({ description: 'program-exists' })
  addProgram(@Body() body: unknown, @CurrentIdentity() identity: Identity) {
    return this.manage.addProgram(checked(ProgramBody, body), identity);
  }

  @Get('training-programs')
  @ApiOkResponse({ schema: { type: 'array', items: schema(ProgramBody) } })
  programs() {
    return this.education.programs();
  }

  @Post('workers/:workerId/training-completions')
  @ApiOperation({ summary: "Record a completed program; the worker's organization-admin/-staff or a talent-admin" })
  @ApiBody({ schema: schema(CompletionBody) })
  @ApiCreatedResponse({ description: 'Recorded; talent.training.completed published' })
  @ApiBadRequestResponse(invalid)
  @ApiForbiddenResponse({ description: "Not the worker's organization nor a talent-admin" })
  @ApiNotFoundResponse({ description: 'worker-not-found, program-not-found' })
  @ApiConflictResponse({ description: 'completion-exists: the same program and day are recorded already' })
  @ApiRuleBrokenResponse("hours past the stored program's, or completedOn in the future")
  @ApiPathParams(WorkerIdParam)
  recordCompletion(@Param('workerId') workerId: string, @Body() body: unknown, @CurrentIdentity() identity: Identity) {
    checked(WorkerIdParam, { workerId }, '/params');
    return this.manage.recordCompletion(workerId, checked(CompletionBody, body), identity);
  }

  @Get('workers/:workerId/education')
  @ApiOperation({ summary: "A worker's year (default this year) against their level's yearly requirement" })
  @ApiOkResponse({ schema: schema(EducationView) })
  @ApiBadRequestResponse(invalid)
  @ApiNotFoundResponse({ description: 'worker-not-found' })
  async year(@Param('workerId') workerId: string, @Query() query: Record<string, unknown>) {
    const { year: asked } = checked(YearQuery, query, '/query');
    const worker = await this.workers.find(workerId);
    if (!worker) throw new EducationWorkerNotFound(workerId);
    const year = asked ? Number(asked) : Number(todayInShanghai().slice(0, 4));
    const completions = await this.education.completions(workerId, year);
    const completed = completions.reduce((sum, c) => sum + c.hours, 0);
    const requirement = worker.level
      ? yearRequirement(worker.level, completed, this.config.TALENT_EDUCATION_HOURS)
      : { requiredHours: 0, completedHours: Math.round(completed * 10) / 10, shortfallHours: 0 };
    return {
      workerId,
      year,
      level: worker.level,
      ...requirement,
      completions: completions.map(({ programId, completedOn, hours }) => ({ programId, completedOn, hours })),
    };
  }
}
