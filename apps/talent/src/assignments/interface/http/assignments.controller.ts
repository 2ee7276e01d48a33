import { Body, Controller, Delete, Get, Param, Post, UseFilters } from '@nestjs/common';
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
import { Type } from '@sinclair/typebox';
import { Access, CurrentIdentity, type Identity } from '@sanshe/auth';
import { Id } from '@sanshe/contracts';
import { ApiPathParams, ApiRuleBrokenResponse, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { AssignBody, AssignWorkerHandler } from '../../application/assign-worker';
import { ReadStaffingHandler } from '../../application/read-staffing';
import { ReleaseAssignmentHandler } from '../../application/release-assignment';
import { AssignmentErrorFilter } from './assignment-error.filter';

/** Workers assigned to an activity's staffing plan, and the plan's staffing judged by the rules. */
@ApiTags('assignments')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiBadRequestResponse(inputInvalidResponse())
@Controller('activities/:activityId')
@Access({ action: 'use assignments' })
@UseFilters(AssignmentErrorFilter)
export class AssignmentsController {
  constructor(
    private readonly assign: AssignWorkerHandler,
    private readonly release: ReleaseAssignmentHandler,
    private readonly staffing: ReadStaffingHandler,
  ) {}

  @Post('assignments')
  @ApiOperation({ summary: 'Assign a worker of the activity’s organization to a role, from startsAt to endsAt' })
  @ApiBody({ schema: openApiSchema(AssignBody) })
  @ApiCreatedResponse({ description: 'Assigned (sanshe.talent.assignment.made.v1)' })
  @ApiForbiddenResponse({ description: 'Not organization-admin or organization-staff of the activity’s organization' })
  @ApiNotFoundResponse({ description: 'No such activity or worker' })
  @ApiConflictResponse({
    description:
      '`double-booked` (with conflictingAssignmentId), `certificate-expired`, `role-mismatch`, ' +
      '`not-of-organization`, `activity-cancelled`',
  })
  @ApiRuleBrokenResponse('endsAt not after startsAt')
  @ApiPathParams(Type.Object({ activityId: Id }))
  async create(@Param('activityId') activityId: string, @Body() body: unknown, @CurrentIdentity() who: Identity) {
    return this.assign.execute(activityId, body, who);
  }

  @Delete('assignments/:assignmentId')
  @ApiOperation({ summary: 'Release a worker (sanshe.talent.assignment.released.v1); again: shown as released' })
  @ApiOkResponse({ description: 'The assignment, released' })
  @ApiForbiddenResponse({ description: 'Not organization-admin or organization-staff of the activity’s organization' })
  @ApiNotFoundResponse({ description: 'No such assignment of the activity' })
  async remove(
    @Param('activityId') activityId: string,
    @Param('assignmentId') assignmentId: string,
    @CurrentIdentity() who: Identity,
  ) {
    return this.release.execute(activityId, assignmentId, who);
  }

  @Get('staffing')
  @ApiOperation({ summary: 'The plan, the assignments and the staffing rules’ problems with what is assigned' })
  @ApiOkResponse({ description: 'staffingPlan, assignments, assigned lines, problems [{rule, message, fix}]' })
  @ApiForbiddenResponse({ description: 'Not of the organization, the talent office or an auditor' })
  @ApiNotFoundResponse({ description: 'No such activity' })
  async staffingOf(@Param('activityId') activityId: string, @CurrentIdentity() who: Identity) {
    return this.staffing.execute(activityId, who);
  }
}
