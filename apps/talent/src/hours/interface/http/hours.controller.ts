import { Body, Controller, Get, Param, Post, UseFilters } from '@nestjs/common';
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
import { ApiPathParams, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { ReadHoursHandler } from '../../application/read-hours';
import { RecordHoursBody, RecordHoursHandler } from '../../application/record-hours';
import { HoursErrorFilter } from './hours-error.filter';

/**
 * Hours served (apps/talent/README.md, "Hours and the time bank"): recorded by the employing organization,
 * confirmed by the host community or its silence through governance's hours workflow.
 */
@ApiTags('hours')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiBadRequestResponse(inputInvalidResponse())
@Controller()
@Access({ action: 'use hours' })
@UseFilters(HoursErrorFilter)
export class HoursController {
  constructor(
    private readonly recorder: RecordHoursHandler,
    private readonly reader: ReadHoursHandler,
  ) {}

  @Post('hours')
  @ApiOperation({
    summary: "Record hours a worker served on an activity (admin or staff of the worker's organization)",
    description:
      'Publishes sanshe.talent.hours.recorded.v1; the host community confirms or disputes them until confirmBy, ' +
      'after which silence confirms them. An activity talent has not heard of yet is accepted with a warning.',
  })
  @ApiBody({ schema: openApiSchema(RecordHoursBody) })
  @ApiCreatedResponse({ description: 'The record (status recorded) and any warnings' })
  @ApiForbiddenResponse({ description: "Not organization-admin or organization-staff of the worker's organization" })
  @ApiNotFoundResponse({ description: 'No such worker' })
  @ApiConflictResponse({
    description: '`worker-not-active`, `activity-of-another-organization`, or `hours-already-recorded` (with hoursId)',
  })
  async record(@Body() body: unknown, @CurrentIdentity() who: Identity) {
    const { record, warnings } = await this.recorder.execute(body, who);
    return { ...record, warnings };
  }

  @Get('hours/:hoursId')
  @ApiOperation({ summary: 'One hours record and how it was settled' })
  @ApiOkResponse({ description: 'status recorded | confirmed (confirmedBy community, silence or decision) | rejected' })
  @ApiForbiddenResponse({ description: 'Not of its organization, a talent-admin or an auditor' })
  @ApiNotFoundResponse({ description: 'No such hours' })
  @ApiPathParams(Type.Object({ hoursId: Id }))
  one(@Param('hoursId') hoursId: string, @CurrentIdentity() who: Identity) {
    return this.reader.one(hoursId, who);
  }

  @Get('workers/:workerId/hours')
  @ApiOperation({ summary: "A worker's hours, newest service first" })
  @ApiForbiddenResponse({ description: "Not of the worker's organization, a talent-admin or an auditor" })
  @ApiNotFoundResponse({ description: 'No such worker' })
  @ApiPathParams(Type.Object({ workerId: Id }))
  ofWorker(@Param('workerId') workerId: string, @CurrentIdentity() who: Identity) {
    return this.reader.ofWorker(workerId, who);
  }

  @Get('workers/:workerId/time-bank')
  @ApiOperation({ summary: 'The time bank: confirmed hours served as a volunteer, with their total' })
  @ApiForbiddenResponse({ description: "Not of the worker's organization, a talent-admin or an auditor" })
  @ApiNotFoundResponse({ description: 'No such worker' })
  @ApiPathParams(Type.Object({ workerId: Id }))
  timeBank(@Param('workerId') workerId: string, @CurrentIdentity() who: Identity) {
    return this.reader.timeBank(workerId, who);
  }
}
